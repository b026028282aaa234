"""Drive the vector-space lab in the real main window (offscreen): data sets, neighbours, analogy, t-SNE, softmax."""

from __future__ import annotations

import html
import itertools
import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox
from scipy import special
from sklearn import decomposition

from visualiser.engine.vectors import TsneSettings, builtin_set, iterate_tsne, neighbours
from visualiser.labs.vectors.compute import tracked_rows

TIMEOUT_MS = 60_000


@pytest.fixture
def lab(qtbot, main_window):
    lab = main_window.lab("vectors")
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=TIMEOUT_MS)
    yield lab
    lab.tsne.stop()


def choose_data(qtbot, lab, name: str) -> None:
    combo = lab.setup_panel.data
    with qtbot.waitSignal(lab.dataLoaded, timeout=TIMEOUT_MS):
        combo.setCurrentIndex(combo.findData(name))
        combo.activated.emit(combo.currentIndex())


def listed(label) -> list[str]:
    """The words of a neighbour table, best first."""
    return re.findall(r"<td>([^<]*)</td>", label.text())


def notice(lab) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", lab.notice.text()))


def settled(qtbot) -> None:
    """Wait until the t-SNE worker has ended (a paused or suspended run holds no thread) and its last step is in."""
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=TIMEOUT_MS)
    QApplication.processEvents()

def test_opens_on_the_words_with_kings_neighbours_and_analogy(lab):
    words = builtin_set("words")
    expected = [n.word for n in neighbours(words, "king", 10).neighbours]
    assert listed(lab.words_panel.neighbours) == expected
    assert listed(lab.words_panel.answers)[0] == "queen"
    assert "momentum step" in lab.setup_panel.sentence.text() or "gradient descent with momentum" in \
        lab.setup_panel.sentence.text()
    assert lab.setup_panel.sentence.isVisible()



def test_the_automatic_learning_rate_reads_auto_and_a_typed_one_is_kept(qtbot, lab):
    box = lab.setup_panel.learning_rate
    assert lab.scene().learning_rate is None and box.text() == "auto"  # not "0", a step of no size
    box.setValue(200)
    assert lab.scene().learning_rate == 200 and box.text() != "auto"
    box.setValue(0)
    assert lab.scene().learning_rate is None and box.text() == "auto"

def test_a_typed_word_and_an_analogy_list_their_neighbours(qtbot, lab):
    lab.words_panel.word.setText("paris")
    qtbot.keyClick(lab.words_panel.word, Qt.Key.Key_Return)
    words = builtin_set("words")
    assert listed(lab.words_panel.neighbours) == [n.word for n in neighbours(words, "paris", 10).neighbours]
    for box, word in zip(lab.words_panel.analogy_words, ("berlin", "germany", "japan")):
        box.setText(word)
        box.editingFinished.emit()
    assert lab.scene().analogy == ("berlin", "germany", "japan")
    assert listed(lab.words_panel.answers)[0] == "tokyo"
    lab.words_panel.word.setText("notaword")
    qtbot.keyClick(lab.words_panel.word, Qt.Key.Key_Return)
    assert "'notaword' is not one of the 2,000 labels of words" in notice(lab)


def test_clicking_a_point_lists_its_neighbours(qtbot, lab):
    words = builtin_set("words")
    row = words.row_of("tokyo")
    x, y = lab.result.pca.projection[row]
    plot = lab.figure.projection_plot
    qtbot.waitUntil(lambda: plot.vb.width() > 100)
    where = lab.figure_view.mapFromScene(plot.vb.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: lab.scene().selected is not None and lab.scene().selected != words.row_of("king"))
    clicked = lab.scene().selected
    assert np.hypot(*(lab.result.pca.projection[clicked] - (x, y))) < 0.05 * np.ptp(lab.result.pca.projection)
    assert listed(lab.words_panel.neighbours) == [n.word for n in neighbours(words, words.labels[clicked]).neighbours]


def test_the_digits_load_and_project_by_pca(qtbot, lab):
    choose_data(qtbot, lab, "digits")
    digits = builtin_set("digits")
    assert lab.result.data.name == "digits" and lab.scene().data == "digits"
    expected = decomposition.PCA(n_components=2).fit_transform(digits.vectors.astype(np.float64))  # up to sign
    np.testing.assert_allclose(np.abs(lab.result.pca.projection), np.abs(expected), rtol=1e-5, atol=1e-6)
    shown = np.concatenate([np.column_stack(s.getData()) for s in lab.figure._groups])
    assert len(shown) == len(digits)


def test_tsne_runs_pauses_and_steps_one_iteration_at_a_time(qtbot, lab):
    choose_data(qtbot, lab, "digits")
    panel = lab.setup_panel
    panel.tsne.click()
    qtbot.waitUntil(lambda: len(lab.history) >= 5, timeout=TIMEOUT_MS)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.pause_button.text() == "Resume"
    settled(qtbot)  # the step being computed when the pause came arrives
    count = len(lab.history)
    qtbot.wait(500)
    assert len(lab.history) == count  # paused
    with qtbot.waitSignal(lab.tsneStepped, timeout=TIMEOUT_MS) as stepped:
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert stepped.args == [count]
    qtbot.wait(300)
    assert len(lab.history) == count + 1
    # the steps are the engine's own, from the same settings
    digits = builtin_set("digits").vectors
    expected = list(itertools.islice(iterate_tsne(digits, TsneSettings(), tracked=tracked_rows(lab.result.data)),
                                     count + 1))
    np.testing.assert_array_equal(lab.history[-1].embedding, expected[-1].embedding)
    assert lab.history[-1].kl_divergence == expected[-1].kl_divergence
    qtbot.waitUntil(lambda: f"iteration {count}" in panel.status.text())
    xs, kl = lab.figure.kl_curve.getData()
    np.testing.assert_array_equal(kl, [step.kl_divergence for step in expected])
    # resume, then the window's playback scrubs the run like any other
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(lab.history) > count + 3, timeout=TIMEOUT_MS)
    lab.show_frame(2)
    assert lab.frame == 2
    assert lab.figure.projection_plot.titleLabel.text.endswith("iteration 2")


def test_a_softmax_slider_moves_the_probabilities(qtbot, lab):
    panel = lab.softmax_panel
    panel.sliders[1].setValue(35)  # z1 = 3.5
    assert lab.scene().logits == (2.0, 3.5, 0.1)
    expected = special.softmax(np.array([2.0, 3.5, 0.1]))
    assert panel.probabilities[1].text() == f"p = {expected[1]:.4f}"
    _, heights = lab.figure.softmax_bars.opts["x"], lab.figure.softmax_bars.opts["height"]
    np.testing.assert_allclose(heights, expected, rtol=1e-12)
    panel.boxes[0].setValue(1000)
    panel.boxes[2].setValue(-1000)
    np.testing.assert_allclose(lab.result.softmax.probabilities, special.softmax([1000, 3.5, -1000]))
    assert lab.result.softmax.cross_entropy == pytest.approx(0.0)


def test_a_tsv_imports_with_its_labels_and_a_bad_one_leaves_the_data_on_screen(qtbot, lab, tmp_path):
    rng = np.random.default_rng(5)
    data = np.concatenate([rng.standard_normal((15, 4)) + shift for shift in (0, 8)])
    (tmp_path / "vectors.tsv").write_text("\n".join("\t".join(f"{v:.6f}" for v in row) for row in data) + "\n")
    (tmp_path / "metadata.tsv").write_text("name\tside\n" + "".join(f"p{i}\t{'ab'[i // 15]}\n" for i in range(30)))
    with qtbot.waitSignal(lab.dataLoaded, timeout=TIMEOUT_MS):
        lab.import_file(str(tmp_path / "vectors.tsv"))
    assert lab.result.data.labels[:2] == ("p0", "p1") and set(lab.result.data.groups) == {"a", "b"}
    assert lab.setup_panel.data.currentText() == "vectors.tsv"
    lab.words_panel.word.setText("p3")
    qtbot.keyClick(lab.words_panel.word, Qt.Key.Key_Return)
    assert all(int(word[1:]) < 15 for word in listed(lab.words_panel.neighbours)[:5])
    (tmp_path / "bad.tsv").write_text("1\t2\t3\n4\tx\t6\n")
    with qtbot.waitSignal(lab.dataLoaded, timeout=TIMEOUT_MS):
        lab.import_file(str(tmp_path / "bad.tsv"))
    assert "bad.tsv, line 2, column 2: 'x' is not a number" in notice(lab)
    assert lab.scene().data == str(tmp_path / "vectors.tsv") and lab.result.data.labels[0] == "p0"


def test_another_tab_suspends_the_run_and_coming_back_goes_on_where_it_stopped(qtbot, main_window, lab):
    choose_data(qtbot, lab, "digits")
    lab.setup_panel.tsne.click()
    qtbot.waitUntil(lambda: len(lab.history) >= 3, timeout=TIMEOUT_MS)
    main_window.tabs.setCurrentWidget(main_window.lab("roots"))
    assert lab.tsne.suspended and not lab.tsne.active
    settled(qtbot)
    count = len(lab.history)
    qtbot.wait(500)
    assert len(lab.history) == count  # nothing computed while hidden
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: len(lab.history) >= count + 3, timeout=TIMEOUT_MS)
    assert [step.iteration for step in lab.history] == list(range(len(lab.history)))  # on from where it was


def test_cancelling_the_close_at_the_question_leaves_tsne_running(qtbot, main_window, lab, monkeypatch):
    choose_data(qtbot, lab, "digits")
    lab.setup_panel.tsne.click()
    qtbot.waitUntil(lambda: len(lab.history) >= 3, timeout=TIMEOUT_MS)
    main_window.lessons.panel.add.click()  # a scene added to the lesson: work the close asks about
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: answers.pop(0))
    main_window.close()
    assert main_window.isVisible() and len(answers) == 1  # asked, and Cancel: the window stays
    assert lab.tsne.running and not lab.tsne.suspended
    count = len(lab.history)
    qtbot.waitUntil(lambda: len(lab.history) >= count + 3, timeout=TIMEOUT_MS)  # and t-SNE goes on
    main_window.close()  # Discard: it closes, and the run is stopped before the window waits for its workers
    assert not main_window.isVisible() and not answers
    assert not lab.tsne.active and QThreadPool.globalInstance().activeThreadCount() == 0


def test_pca_in_3d_says_why_not_where_there_is_no_opengl(lab):
    lab.show_3d()  # offscreen: no OpenGL
    assert "3-D view unavailable: Qt runs on the 'offscreen' platform" in notice(lab)
    assert lab.pca_3d is None and lab.result is not None  # the 2-D plot stays
