"""File > Export image: larger pictures (PNG and SVG) are the screen's at a higher pixel density, with the formula
and the runs above the figure if asked (issue 12, item 19; issue 11, export); presentation mode's larger lines.

Only the file-choosing call is stubbed: the export options are a real dialog, driven as a person would.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from picture_measures import blurred_difference, ink, pixels, scene_to_pixel
from PySide6.QtCore import QPointF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QPushButton

import visualiser.figures.registry as figure_registry
import visualiser.labs.vectors.compute as vectors_compute
from root_markers import sign_markers
from visualiser.app.export_dialogs import ImageExportDialog
from visualiser.figures.caption import caption_height
from visualiser.engine.vectors import builtin_set, neighbours
from visualiser.figures.animation import DEFAULT_MOST_FRAMES, frames_to_show
from visualiser.figures.export import figure_image
from visualiser.figures.style import FigureStyle
from visualiser.labs import palette
from visualiser.labs.palette import HIGH_CONTRAST, OKABE_ITO
from visualiser.labs.roots.methods import ROOT_METHODS

TIMEOUT_MS = 15_000
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def window(qtbot, main_window):
    main_window.resize(1200, 800)
    qtbot.waitUntil(lambda: main_window.lab("roots").run is not None, timeout=TIMEOUT_MS)
    qtbot.wait(300)  # the window laid out for the run's notice and table
    return main_window


def export_through_the_dialog(qtbot, window, monkeypatch, path, size_text: str, formula: bool, runs: bool) -> QImage:
    return QImage(str(save_through_the_dialog(qtbot, window, monkeypatch, path, size_text, formula, runs)))


def save_through_the_dialog(qtbot, window, monkeypatch, path, size_text: str, formula: bool, runs: bool):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    seen = []

    def choose():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImageExportDialog)
        dialog.size_choice.setCurrentIndex(dialog.size_choice.findText(size_text, Qt.MatchFlag.MatchStartsWith))
        dialog.formula.setChecked(formula)
        dialog.runs.setChecked(runs)
        seen.append(dialog.size_choice.currentText())
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose)
    next(action for action in window.file_menu.actions() if action.text() == "&Export image…").trigger()
    assert seen and seen[0].startswith(size_text) and path.is_file()
    return path


def curve_thickness(image, figure, scale: float) -> float:
    """The pixels of f's curve across it where it is nearly flat, left of the bracket (f(-0.5) = -2.125 for
    x^3 - 2), between 6 px (at scale 1) above and below it: the zero line is further away."""
    x, y = scene_to_pixel(figure, figure.function_plot.vb.mapViewToScene(QPointF(-0.5, -0.5**3 - 2)))
    x, y = round(x * scale), round(y * scale)
    return ink(pixels(image)[y - round(6 * scale): y + round(6 * scale), x], figure.style.palette.grey)


def test_double_for_print_is_the_screen_at_twice_the_pixel_density(qtbot, window, monkeypatch, tmp_path):
    lab = window.lab("roots")
    assert lab.scene().expression == "x^3 - 2"
    on_screen = lab.figure_view.grab().toImage()
    assert (on_screen.width(), on_screen.height()) == (round(lab.figure.size().width()), round(lab.figure.size().height()))
    exported = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "print.png", "Double, for print",
                                         formula=False, runs=False)
    assert (exported.width(), exported.height()) == (2 * on_screen.width(), 2 * on_screen.height())
    assert blurred_difference(pixels(exported), pixels(on_screen)) < 1.2
    assert curve_thickness(exported, lab.figure, 2) == pytest.approx(2 * curve_thickness(on_screen, lab.figure, 1),
                                                                     rel=0.12)


def test_the_formula_and_the_runs_go_above_the_picture_when_asked(qtbot, window, monkeypatch, tmp_path):
    lab = window.lab("roots")
    width, height = round(lab.figure.size().width()), round(lab.figure.size().height())
    plain = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "plain.png", "As on screen",
                                      formula=False, runs=False)
    assert (plain.width(), plain.height()) == (width, height)
    captioned = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "captioned.png", "As on screen",
                                          formula=True, runs=True)
    header = captioned.height() - height
    assert captioned.width() == width and header > 30  # a line of the formula and one for bisection's outcome
    assert lab.caption().formula == "f(x) = x^3 - 2" and "Bisection: root ≈ 1.2599" in lab.caption().runs[0][1]
    top = pixels(captioned)[:header]
    bisection = QColor(ROOT_METHODS["bisect"].colour).getRgb()[:3]
    assert (abs(top - bisection).sum(axis=2) < 30).sum() > 20  # the run's line, in its colour
    assert (top.sum(axis=2) < 100).sum() > 100  # black text
    assert np.array_equal(pixels(captioned)[header:], pixels(plain))  # the figure below, unchanged


def stroke_widths(svg: ElementTree.Element, colour: str) -> list[float]:
    """The widths of the lines drawn in ``colour``: Qt's SVG sets the pen on a group around what it draws (text
    too, which a pen's width does not change)."""
    return sorted(float(group.get("stroke-width")) for group in svg.iter(f"{SVG}g")
                  if group.get("stroke", "").lower() == colour.lower()
                  and any(child.tag in (f"{SVG}path", f"{SVG}polyline") for child in group))


def svg_size(svg: ElementTree.Element) -> tuple[float, float]:
    width, height = float(svg.get("width")), float(svg.get("height"))
    assert svg.get("viewBox").split() == ["0", "0", f"{width:g}", f"{height:g}"]
    return width, height


def test_an_svg_is_drawn_at_the_size_and_scale_chosen(qtbot, window, monkeypatch, tmp_path):
    figure = window.lab("roots").figure
    width, height = round(figure.size().width()), round(figure.size().height())
    at_1x, at_2x = (ElementTree.parse(save_through_the_dialog(qtbot, window, monkeypatch, tmp_path / name, size,
                                                              formula=False, runs=False)).getroot()
                    for name, size in (("screen.svg", "As on screen"), ("print.svg", "Double, for print")))
    assert svg_size(at_1x) == (width, height) and svg_size(at_2x) == (2 * width, 2 * height)
    # f(x)'s curve, bisection's estimate and bracket, the shown frame's line: each line twice as wide.
    for colour, on_screen in ((palette.GREY, [2.5, 2.5]), (ROOT_METHODS["bisect"].colour, None),
                              (palette.ORANGE, None)):
        widths = stroke_widths(at_1x, colour)
        assert widths and stroke_widths(at_2x, colour) == [2 * width for width in widths]
        assert on_screen is None or widths == on_screen  # the curve and its sample in the legend
    full_hd = ElementTree.parse(window.export_image(tmp_path / "full-hd.svg", density=1920 / width)).getroot()
    assert svg_size(full_hd) == (1920, round(1920 / width * height))


def test_an_svg_has_the_formula_and_the_runs_above_the_figure_when_asked(qtbot, window, monkeypatch, tmp_path):
    lab = window.lab("roots")
    width, height = round(lab.figure.size().width()), round(lab.figure.size().height())
    caption = lab.caption()
    lines = [caption.formula, *(text for _colour, text in caption.runs)]
    assert lines[0] == "f(x) = x^3 - 2" and "Bisection: root ≈ 1.2599" in lines[1]
    plain = ElementTree.parse(save_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "plain.svg",
                                                      "Double, for print", formula=False, runs=False)).getroot()
    captioned = ElementTree.parse(save_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "captioned.svg",
                                                          "Double, for print", formula=True, runs=True)).getroot()
    texts = lambda svg: [element.text for element in svg.iter(f"{SVG}text")]  # noqa: E731
    assert not set(lines) & set(texts(plain)) and set(lines) <= set(texts(captioned))
    assert svg_size(plain) == (2 * width, 2 * height)
    caption_width, captioned_height = svg_size(captioned)
    header = captioned_height - 2 * height
    assert caption_width == 2 * width and header == caption_height(caption, FigureStyle(2))
    # The caption's text at the picture's scale, its run's sample in the run's colour, above the figure.
    formula = next(element for element in captioned.iter(f"{SVG}text") if element.text == lines[0])
    assert float(formula.get("font-size")) == 2 * 17 and float(formula.get("y")) < header
    above, below = (group for group in captioned if group.tag == f"{SVG}g")
    assert formula in above.iter() and stroke_widths(above, ROOT_METHODS["bisect"].colour) == [2 * 2.5]  # its sample
    # Below it, moved down by the caption's height, everything the figure draws.
    assert below.get("transform") == f"translate(0 {header:g})"
    assert [element.tag for element in below] == [element.tag for element in plain if element.tag == f"{SVG}g"]
    assert len(list(below.iter())) == len(list(plain.find(f"{SVG}g").iter())) + 1


def test_presentation_mode_draws_lines_and_markers_larger(qtbot, window):
    lab = window.lab("roots")
    before = curve_thickness(figure_image(lab.figure), lab.figure, 1)
    markers = [style.size for style in sign_markers(lab.figure)]
    view_menu_entry = next(action for action in window.view_menu.actions() if action.text() == "&Presentation mode")
    view_menu_entry.trigger()
    qtbot.waitUntil(lambda: window.isFullScreen())
    presenting = curve_thickness(figure_image(lab.figure), lab.figure, 1)
    assert presenting == pytest.approx(1.6 * before, rel=0.12)
    assert [style.size for style in sign_markers(lab.figure)] == pytest.approx([1.6 * size for size in markers])
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert curve_thickness(figure_image(lab.figure), lab.figure, 1) == pytest.approx(before, rel=0.05)


def test_the_learning_rate_tab_exports_its_figure_at_twice_the_density_with_its_caption(qtbot, window, monkeypatch,
                                                                                        tmp_path):
    lab = window.lab("lr_search")
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.run is not None and not lab.search_runner.busy, timeout=60_000)
    qtbot.wait(300)  # laid out for the search's notice and table
    on_screen = lab.figure_view.grab().toImage()
    exported = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "lr.png", "Double, for print",
                                         formula=False, runs=False)
    assert (exported.width(), exported.height()) == (2 * on_screen.width(), 2 * on_screen.height())
    assert blurred_difference(pixels(exported), pixels(on_screen)) < 2  # a small figure, dense with text: 1.6
    caption = lab.caption()
    assert caption.formula == "f(x, y) = x^2 + 10y^2"
    assert caption.runs[0] == (palette.BLACK, "Gradient descent from (-2.5, 1.5), the largest stable rate: "
                                              f"{lab.run.search.threshold:.6g} after {lab.run.search.iterations} probes")
    assert caption.runs[1][0] == palette.GREEN and caption.runs[1][1].startswith("Theory: 2/λ_max = 0.1")
    captioned = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "captioned.png", "As on screen",
                                          formula=True, runs=True)
    header = captioned.height() - on_screen.height()
    assert captioned.width() == on_screen.width() and header > 45  # the formula, the search and the theory
    theory = QColor(palette.GREEN).getRgb()[:3]
    assert (abs(pixels(captioned)[:header] - theory).sum(axis=2) < 30).sum() > 20  # the theory's line, in green


@pytest.fixture
def vectors_tab(qtbot, window):
    lab = window.lab("vectors")
    window.resize(1500, 800)  # the figure wider than the least its titles need
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=TIMEOUT_MS)
    lab.select_word("king")  # a star, its neighbours circled and labelled
    qtbot.wait(100)
    yield lab
    lab.tsne.stop()


def test_the_vectors_tab_exports_a_png_at_twice_the_density_with_its_caption(qtbot, window, vectors_tab,
                                                                             monkeypatch, tmp_path):
    lab = vectors_tab
    on_screen = figure_image(lab.figure)
    caption = lab.caption()
    assert caption.formula.startswith("PCA of words: ") and caption.formula.endswith("% of the variance")
    nearest = neighbours(builtin_set("words"), "king", 5).neighbours
    assert caption.runs[0] == (palette.YELLOW, "king: nearest " + ", ".join(f"{n.word} ({n.similarity:.2f})"
                                                                           for n in nearest))
    assert caption.runs[1][1].startswith("king − man + woman ≈ queen (0.")
    exported = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "words.png", "Double, for print",
                                         formula=True, runs=True)
    header = exported.height() - 2 * on_screen.height()
    assert exported.width() == 2 * on_screen.width() and header > 3 * 2 * 13  # the title and two lines at 2x
    figure = pixels(exported)[header:]
    assert blurred_difference(figure, pixels(on_screen)) < 1.2  # the screen's picture, twice as fine
    # The neighbours' line has the star's yellow sample, 2.5 px thick at scale 1, across the middle of it.
    sample = pixels(exported)[:header, 2 * (8 + 10)]
    yellow = np.array(QColor(palette.YELLOW).getRgb()[:3])
    assert np.sum(np.all(np.abs(sample - yellow) < 40, axis=1)) == pytest.approx(2 * 2.5, abs=1.5)


def test_presentation_mode_draws_the_vector_figure_larger_and_esc_restores_it(qtbot, window, vectors_tab):
    figure = vectors_tab.figure

    def sizes():
        label = next(label for label in figure.labels if label.isVisible())
        return (figure.selected_marker.opts["size"], figure.highlight.opts["pen"].widthF(),
                figure.kl_curve.opts["pen"].widthF(), label.textItem.boundingRect().height(),
                figure.projection_plot.titleLabel.sceneBoundingRect().height(),
                figure.kl_plot.getAxis("bottom").sceneBoundingRect().height())

    before = sizes()
    menu_entry = next(action for action in window.view_menu.actions() if action.text() == "&Presentation mode")
    menu_entry.trigger()
    qtbot.waitUntil(lambda: window.isFullScreen())
    qtbot.wait(100)
    presenting = sizes()
    print("marker, circle pen, KL pen, label, title, axis before and presenting:", before, presenting)
    assert figure.style.scale == 1.6
    for size, larger in zip(before, presenting):
        assert larger == pytest.approx(1.6 * size, rel=0.12)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active and figure.style.scale == 1.0
    qtbot.wait(100)
    assert sizes() == pytest.approx(before, rel=0.02)


def test_a_tsne_scene_exports_the_iterate_on_screen_without_running_tsne_again(qtbot, window, monkeypatch, tmp_path):
    """At 2x and as an animation: the export draws the lab's own run (t-SNE of the 1,797 digits took 36 s on the
    GUI thread when an export ran it again)."""
    lab = window.lab("vectors")
    window.resize(1500, 800)
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=TIMEOUT_MS)
    rng = np.random.default_rng(8)
    clusters = np.concatenate([rng.standard_normal((40, 5)) + 5 * k for k in range(3)])
    (tmp_path / "clusters.tsv").write_text("\n".join("\t".join(f"{v:.5f}" for v in row) for row in clusters) + "\n")
    with qtbot.waitSignal(lab.dataLoaded, timeout=TIMEOUT_MS):
        lab.import_file(str(tmp_path / "clusters.tsv"))
    runs = []
    engine_run = vectors_compute.iterate_tsne
    monkeypatch.setattr(vectors_compute, "iterate_tsne", lambda *args, **kwargs: runs.append(args) or
                        engine_run(*args, **kwargs))
    lab.edit(iterations=5000)
    lab.setup_panel.tsne.click()
    qtbot.waitUntil(lambda: len(lab.history) >= 30, timeout=TIMEOUT_MS)
    qtbot.mouseClick(lab.setup_panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=TIMEOUT_MS)
    last = lab.history[-1].iteration
    qtbot.waitUntil(lambda: f"iteration {last} of 5000" in lab.setup_panel.status.text())  # drawn
    assert len(runs) == 1 and last < 5000  # the lab's own run, paused mid-way
    qtbot.wait(200)  # the figure laid out again for its last titles (a title that changes invalidates the layout)
    on_screen = figure_image(lab.figure)
    exported = export_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "tsne.png", "Double, for print",
                                         formula=False, runs=False)
    assert len(runs) == 1  # t-SNE did not run again
    assert (exported.width(), exported.height()) == (2 * on_screen.width(), 2 * on_screen.height())
    assert blurred_difference(pixels(exported), pixels(on_screen)) < 1.2  # the iterate on screen, twice as fine

    target = tmp_path / "tsne.gif"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    next(action for action in window.file_menu.actions() if action.text() == "Export &animation…").trigger()
    animation = window.animation_export
    assert len(runs) == 1  # nor for an animation, which plays the run so far, as the window's playback has it
    assert animation.figure.frame_count == len(lab.history)
    assert animation.export.frames == frames_to_show(len(lab.history), DEFAULT_MOST_FRAMES)
    animation.findChild(QPushButton).click()  # Cancel: drawing the frames is another test's business


COMPUTE_FUNCTIONS = {"roots": "solve_scene", "descent": "compute_scene", "lr_search": "compute_search",
                     "vectors": "compute_vectors"}  # what a figure drawn without a window computes, by lab


@pytest.mark.parametrize("name", list(COMPUTE_FUNCTIONS))
def test_every_labs_larger_picture_is_drawn_from_what_the_lab_computed(qtbot, window, monkeypatch, tmp_path, name):
    lab = window.lab(name)
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.current_result() is not None, timeout=60_000)
    qtbot.wait(300)  # laid out for the notices and tables
    qtbot.waitUntil(lambda: lab.current_result() is not None, timeout=60_000)
    monkeypatch.setattr(figure_registry, COMPUTE_FUNCTIONS[name], lambda *args: pytest.fail("computed again"))
    on_screen = figure_image(lab.figure)
    exported = QImage(str(window.export_image(tmp_path / f"{name}.png", density=2.0)))
    assert (exported.width(), exported.height()) == (2 * on_screen.width(), 2 * on_screen.height())
    difference = blurred_difference(pixels(exported), pixels(on_screen))
    print(f"{name}: blurred difference {difference:.2f}")
    assert difference < 2


def test_a_larger_picture_asked_for_while_the_scene_is_computed_is_refused_in_a_sentence(qtbot, window, tmp_path):
    lab = window.lab("roots")
    lab.method_panel.maxiter.setValue(30)  # solved again in a worker: its run reaches the window later
    assert lab.current_result() is None
    with pytest.raises(ValueError, match="^the figure is still being computed; export it once it is drawn$"):
        window.export_image(tmp_path / "early.png", density=2.0)
    assert not (tmp_path / "early.png").exists()
    qtbot.waitUntil(lambda: lab.current_result() is not None, timeout=TIMEOUT_MS)
    assert window.export_image(tmp_path / "later.png", density=2.0).is_file()


def near(image: QImage, colour: str, tolerance: float = 12) -> int:
    """How many pixels of ``image`` are within ``tolerance`` (RGB distance) of ``colour``."""
    target = np.array(QColor(colour).getRgb()[:3], dtype=np.float64)
    return int((np.linalg.norm(pixels(image) - target, axis=-1) < tolerance).sum())


@pytest.mark.parametrize("density", [1, 2])
def test_an_export_while_presenting_is_in_the_colours_on_screen(qtbot, window, tmp_path, density):
    """A 2x export was drawn in Okabe-Ito while the screen showed the high-contrast palette."""
    window.presentation.enter()
    qtbot.waitUntil(lambda: window.isFullScreen())
    lab = window.lab("roots")
    image = QImage(str(window.export_image(tmp_path / "presented.png", density, lab.caption())))
    assert lab.caption().runs
    for name in ("orange", "blue"):  # the bracket's lines, bisection's estimate and the caption's sample of it
        assert near(image, getattr(HIGH_CONTRAST, name)) > 0
        assert near(image, getattr(OKABE_ITO, name)) == 0, name
