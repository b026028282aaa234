"""Lessons in the window as a teacher uses them: open, step through, edit, save, present, export; and crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from visualiser.labs.lesson_file import read_lesson
from visualiser.labs.lessons import builtin_lesson

TIMEOUT_MS = 20_000


@pytest.fixture
def window(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.lab("roots").run is not None, timeout=TIMEOUT_MS)
    return main_window


def menu_action(menu, text: str):
    return next(action for action in menu.actions() if action.text() == text)


def open_example(qtbot, window, title: str):
    menu_action(window.lessons.examples_menu, title).trigger()
    return window.lessons.document


def test_an_example_lesson_opens_on_its_first_scene_with_its_note(qtbot, window):
    document = open_example(qtbot, window, "Bisection: halving the bracket")
    lab = window.lab("roots")
    assert window.current_lab is lab and lab.scene() == builtin_lesson("bisection-basics").scenes[0].scene
    assert window.lessons.dock.isVisible() and "intermediate value theorem" in window.lessons.panel.view.toPlainText()
    assert window.lessons.panel.position.text() == "scene 1 of 3"
    qtbot.waitUntil(lambda: lab.run is not None and lab.run.scene.expression == "x^3 - 2", timeout=TIMEOUT_MS)
    assert window.playback.frame == 0
    window.lessons.panel.next.click()
    assert document.index == 1 and lab.scene().frame == 3 and window.playback.frame == 3
    assert "2 / 2^3 = 0.25" in window.lessons.panel.view.toPlainText()
    window.lessons.panel.previous.click()
    assert document.index == 0 and lab.scene().frame == 0
    assert window.windowTitle() == "Bisection: halving the bracket — visualiser"


def test_a_lesson_moves_between_labs(qtbot, window):
    open_example(qtbot, window, "Escaping a saddle")
    descent = window.lab("descent")
    assert window.current_lab is descent
    qtbot.waitUntil(lambda: len(descent.traces) == 1 and descent.result.grid is not None, timeout=TIMEOUT_MS)
    window.lessons.panel.next.click()
    qtbot.waitUntil(lambda: len(descent.traces) == 3, timeout=TIMEOUT_MS)
    assert [trace.result.status for trace in descent.traces] == ["converged", "diverged", "diverged"]


def test_open_save_and_reopen_a_lesson(qtbot, window, tmp_path, monkeypatch):
    open_example(qtbot, window, "The largest stable learning rate")
    descent = window.lab("descent")
    qtbot.waitUntil(lambda: len(descent.traces) == 1, timeout=TIMEOUT_MS)
    descent.runs_panel.rows[0].lr.setValue(0.099)  # the teacher's own edit
    assert window.lessons.document.changed and window.windowTitle().startswith("The largest stable learning rate*")
    window.lessons.panel.edit.click()
    window.lessons.panel.editor.setPlainText("Just below **0.1**.")
    window.lessons.panel.edit.click()
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    menu_action(window.file_menu, "Save lesson &as…").trigger()
    saved = read_lesson(target)
    assert saved.scenes[0].note == "Just below **0.1**." and saved.scenes[0].scene.runs[0].lr == 0.099
    assert not window.lessons.document.changed and window.windowTitle() == "The largest stable learning rate — visualiser"
    assert [a.text() for a in window.lessons.recent_menu.actions()] == ["mine.json"]
    window.lessons.open_document(window.lessons.document.__class__(builtin_lesson("saddle")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
    menu_action(window.file_menu, "&Open lesson…").trigger()
    assert window.lessons.document.lesson == saved and window.lessons.document.path == target


HOSTILE = [
    b"{not json", b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b'{"format": "visualiser-lesson", "version": 9}',
    json.dumps({"format": "visualiser-lesson", "version": 1, "scenes": [{"scene": {"lab": "roots", "expression":
                                                                                     "__import__('os')"}}]}).encode(),
    json.dumps({"format": "visualiser-lesson", "version": 1, "scenes": [{"scene": {"lab": "roots", "bracket":
                                                                                     [5, -5]}}]}).encode(),
    json.dumps({"format": "visualiser-lesson", "version": 1, "scenes": [{"scene": {"lab": "descent", "max_steps":
                                                                                     10**12}}]}).encode(),
    b'{"format": "visualiser-lesson", "version": 1, "scenes": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
]


@pytest.mark.parametrize("data", HOSTILE, ids=[f"hostile{n}" for n in range(len(HOSTILE))])
def test_a_bad_lesson_file_is_refused_and_changes_nothing(qtbot, window, tmp_path, monkeypatch, data):
    path = tmp_path / "shared.json"
    path.write_bytes(data)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    scenes, document = [lab.scene() for lab in window.labs], window.lessons.document
    assert not window.lessons.open_path(path)
    assert len(warnings) == 1 and warnings[0].startswith("The lesson could not be opened: shared.json: ")
    assert "\n" not in warnings[0] and [lab.scene() for lab in window.labs] == scenes
    assert window.lessons.document is document


def test_a_lesson_opened_from_another_working_directory_reads_the_data_beside_it(qtbot, window, tmp_path,
                                                                               monkeypatch, no_modal_dialogs):
    folder, elsewhere = tmp_path / "course", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    vectors = np.random.default_rng(6).standard_normal((30, 4))
    (folder / "vectors.tsv").write_text("\n".join("\t".join(f"{v:.5f}" for v in row) for row in vectors) + "\n")
    lesson = folder / "own-data.json"
    lesson.write_text(json.dumps({"format": "visualiser-lesson", "version": 1, "title": "Own data",
                                  "scenes": [{"scene": {"lab": "vectors", "data": "vectors.tsv"}}]}))
    monkeypatch.chdir(elsewhere)
    lab = window.lab("vectors")
    with qtbot.waitSignal(lab.dataLoaded, timeout=TIMEOUT_MS):
        assert window.lessons.open_path(lesson)
    assert window.current_lab is lab and lab.scene().data == str(folder / "vectors.tsv") and not no_modal_dialogs
    np.testing.assert_allclose(lab.result.data.vectors, vectors, atol=1e-5)
    assert not window.lessons.document.changed  # nothing to save: the lesson is as it was read


def test_closing_with_unsaved_changes_asks(qtbot, window, monkeypatch):
    open_example(qtbot, window, "Bisection: halving the bracket")
    window.lessons.panel.add.click()  # the teacher adds a scene: work worth keeping
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2]) or answers.pop(0))
    window.close()
    assert window.isVisible() and "Save the changes to" in asked[0]  # Cancel: the window stays
    window.close()
    assert not window.isVisible()


def test_a_plain_session_closes_without_asking(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: pytest.fail("asked"))
    window.lab("roots").method_panel.maxiter.setValue(50)
    window.close()
    assert not window.isVisible()


def test_scenes_are_added_and_removed(qtbot, window):
    document = open_example(qtbot, window, "Escaping a saddle")
    window.tabs.setCurrentWidget(window.lab("roots"))
    window.lessons.panel.add.click()
    assert document.count == 3 and document.index == 1 and document.current.scene == window.lab("roots").scene()
    window.lessons.panel.remove.click()
    assert document.count == 2 and [s.scene.expression for s in document.lesson.scenes] == ["x^2 - y^2"] * 2


def test_the_autosave_is_written_and_removed_by_a_clean_close(qtbot, window, state):
    open_example(qtbot, window, "Bisection: halving the bracket")
    window.lessons.panel.next.click()
    window.lessons.autosave_now()
    autosave = state / "autosave.json"
    assert json.loads(autosave.read_text())["index"] == 1
    window.close()
    assert not autosave.exists()


def test_after_a_kill_the_next_start_restores_the_autosave(qtbot, tmp_path, settings, open_window, state, monkeypatch):
    lesson = tmp_path / "class.json"
    lesson.write_bytes((Path(__file__).parents[2] / "resources" / "lessons" / "07-saddle.json").read_bytes())
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
                   "XDG_STATE_HOME": str(tmp_path / "xdg-state"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    app = subprocess.Popen([sys.executable, "-m", "visualiser", str(lesson)], env=environment,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    autosave = tmp_path / "xdg-state" / "visualiser" / "visualiser" / "autosave.json"  # organization/application
    deadline = time.monotonic() + 60
    while not autosave.exists() and time.monotonic() < deadline and app.poll() is None:
        time.sleep(0.2)
    app.send_signal(signal.SIGKILL)  # mid-session: no closeEvent, no cleanup
    app.wait(timeout=10)
    assert autosave.exists(), "the app never autosaved"

    state.mkdir(parents=True, exist_ok=True)
    (state / "autosave.json").write_bytes(autosave.read_bytes())
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.Yes)
    window = open_window(settings)
    window.lessons.offer_to_restore()
    assert "did not close normally" in asked[0] and "Escaping a saddle" in asked[0]
    assert window.lessons.document.lesson == read_lesson(lesson) and window.lessons.document.path == lesson
    assert window.current_lab is window.lab("descent") and window.lab("descent").scene().expression == "x^2 - y^2"


def test_presentation_mode_steps_through_frames_then_scenes(qtbot, window):
    document = open_example(qtbot, window, "Bisection: halving the bracket")
    lab = window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None and lab.run.scene.expression == "x^3 - 2", timeout=TIMEOUT_MS)
    menu_action(window.view_menu, "&Presentation mode").trigger()
    assert window.presentation.active and window.isFullScreen()
    assert window.font().pointSizeF() > 1.5 * window.presentation._normal_font.pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.playback.frame == 1 and document.index == 0
    window.playback.set_frame(window.playback.frame_count - 1)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # past the last frame: the next scene
    assert document.index == 1 and lab.scene().frame == 3
    qtbot.keyClick(window, Qt.Key.Key_Right)  # what some clickers send
    assert document.index == 1 and window.playback.frame == 4
    window.playback.set_frame(0)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)  # before the first frame: the previous scene
    assert document.index == 0
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.presentation.blank.isVisible()
    qtbot.keyClick(window.lessons.panel.view, Qt.Key.Key_A)  # any key brings the picture back
    assert not window.presentation.blank.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active and not window.isFullScreen()
    assert window.font().pointSizeF() == window.presentation._normal_font.pointSizeF()


def test_presentation_mode_enlarges_the_learning_rate_figure_and_leaves_it_as_it_was(qtbot, window):
    lab = window.lab("lr_search")
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.run is not None, timeout=60_000)
    figure = lab.figure
    sizes = lambda: (figure.start.opts["size"], figure.current_path.opts["pen"].widthF(),  # noqa: E731
                     figure.sweep.theory.label.textItem.font().pointSizeF(), figure.bracket.titleLabel.size().height())
    before = sizes()
    menu_action(window.view_menu, "&Presentation mode").trigger()
    assert window.presentation.active and figure.style.scale == 1.6

    def enlarged():  # the title's row is laid out by an event
        assert sizes() == pytest.approx(tuple(1.6 * size for size in before), rel=0.1)

    qtbot.waitUntil(enlarged)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # a frame on, drawn at the presentation's sizes
    assert figure.current_path.opts["pen"].widthF() == pytest.approx(1.6 * before[1])
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active and figure.style.scale == 1.0
    qtbot.waitUntil(lambda: sizes() == pytest.approx(before))


def test_an_animation_is_exported_with_progress_and_can_be_cancelled(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "run.gif"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    menu_action(window.file_menu, "Export &animation…").trigger()
    dialog = window.animation_export
    qtbot.waitUntil(lambda: dialog.export.finished, timeout=TIMEOUT_MS)
    with Image.open(target) as gif:
        assert gif.n_frames == window.lab("roots").frame_count  # 41 frames, fewer than the 120 at most
    mp4 = tmp_path / "run.mp4"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(mp4), ""))
    menu_action(window.file_menu, "Export &animation…").trigger()
    second = window.animation_export
    qtbot.waitUntil(lambda: second.export.progress > 0.1, timeout=TIMEOUT_MS)
    second.findChild(QPushButton).click()  # Cancel
    assert not mp4.exists() and "nothing was written" in window.statusBar().currentMessage()
    with av.open(str(target).replace(".gif", ".mp4"), "w") as probe:  # PyAV came with `pip install .`
        assert probe is not None


def test_the_run_is_exported_as_a_csv_table(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "iterations.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    menu_action(window.file_menu, "Export &data…").trigger()
    lines = target.read_text().splitlines()
    assert lines[0] == "method,n,a_n,b_n,x_n,f(x_n),width,error_bound"
    assert len(lines) == 1 + window.lab("roots").frame_count and lines[1] == "bisect,0,0.0,2.0,,,2.0,"


@pytest.mark.parametrize("shown_before", [True, False])
def test_presentation_mode_gives_the_side_panels_room_to_the_figure_and_gives_it_back(qtbot, window, shown_before):
    """At a projector's 1024x768 and 1.6 times the size, the root figure's key was cut off beside the panels."""
    window.show_side_panels(shown_before)
    panels = [lab.side_panel for lab in window.labs]
    menu_action(window.view_menu, "&Presentation mode").trigger()
    assert not any(panel.isVisible() for panel in panels)
    assert not window.side_panel_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert [not panel.isHidden() for panel in panels] == [shown_before] * len(panels)
    assert window.side_panel_action.isChecked() == shown_before


def test_presentation_mode_keeps_two_whole_lines_of_each_labs_notice(qtbot, window):
    """The notice under the editor kept the height of two lines of the normal type, and cut the second off."""
    notices = [lab.notice for lab in window.labs]
    menu_action(window.view_menu, "&Presentation mode").trigger()
    for notice in notices:
        assert notice.height() >= 2 * notice.fontMetrics().lineSpacing()
        assert notice.font().pointSizeF() > window.presentation._normal_font.pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    for notice in notices:
        assert notice.height() == 2 * notice.fontMetrics().lineSpacing() + 4
