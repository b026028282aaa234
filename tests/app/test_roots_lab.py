"""Drive the real main window and root-finding lab the way a learner would (offscreen)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QThreadPool
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from scipy.optimize import brentq

from visualiser.app.main_window import MainWindow
from visualiser.engine.roots import METHODS
from visualiser.engine.symbolic_worker import SYMBOLIC_WORKER
from visualiser.labs.roots.examples import EXAMPLES

TIMEOUT_MS = 15_000


@pytest.fixture
def window(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.lab("roots").run is not None, timeout=TIMEOUT_MS)
    return main_window


@pytest.fixture
def lab(window):
    return window.lab("roots")


def type_expression(qtbot, lab, text: str, enter: bool = False) -> None:
    """Select all and type, as a person does; the editor re-parses after the typing pauses (or on Enter)."""
    line_edit = lab.editor.line_edit
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClick(line_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line_edit, text)
    if enter:
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def wait_for_root(qtbot, lab, expected: float, tolerance: float = 1e-9, method: str | None = None) -> None:
    def found():
        run = lab.run
        result = run.results.get(method or run.primary) if run else None
        return result is not None and result.converged and abs(result.root - expected) <= tolerance
    qtbot.waitUntil(found, timeout=TIMEOUT_MS)


def curve_matches(lab, reference) -> bool:
    xs, ys = lab.figure.curve.getData()
    if xs is None:
        return False
    samples = np.isfinite(ys)  # the NaN between two samples is where the plot breaks at a pole or jump
    return np.allclose(ys[samples], reference(xs[samples]))


def test_starts_on_a_ready_bisection_example(window, lab):
    result = lab.run.primary_result
    assert lab.editor.text == "x^3 - 2"
    assert result.method == "bisect" and result.converged
    assert result.root == pytest.approx(2 ** (1 / 3), abs=1e-11)
    assert curve_matches(lab, lambda xs: xs**3 - 2)
    assert window.playback.frame_count == len(result.steps) + 1
    assert lab.table.rowCount() == len(result.steps) + 1


def test_typing_an_expression_replots_and_solves(qtbot, lab):
    type_expression(qtbot, lab, "cos(x) - x")
    reference = brentq(lambda x: math.cos(x) - x, 0, 2)
    wait_for_root(qtbot, lab, reference)
    assert curve_matches(lab, lambda xs: np.cos(xs) - xs)
    assert not lab.editor.has_error
    assert lab.scene().expression == "cos(x) - x"


def test_an_invalid_expression_shows_the_column_and_keeps_the_old_plot(qtbot, lab):
    old_curve = lab.figure.curve.getData()[1].copy()
    old_run, old_scene = lab.run, lab.scene()
    type_expression(qtbot, lab, "sin(x")
    qtbot.waitUntil(lambda: lab.editor.has_error, timeout=TIMEOUT_MS)
    assert lab.editor.error_label.full_text == "missing ')' at column 6"
    assert lab.editor.line_edit.error_column == 6  # underlined in the box, just past "sin(x"
    assert lab.run is old_run and lab.scene() == old_scene  # the last good state stays
    np.testing.assert_array_equal(lab.figure.curve.getData()[1], old_curve)
    # fixing the typo recovers
    qtbot.keyClicks(lab.editor.line_edit, ") - 0.5")
    wait_for_root(qtbot, lab, math.asin(0.5), tolerance=1e-9)
    assert not lab.editor.has_error and lab.editor.line_edit.error_column is None


def test_unknown_function_is_explained(qtbot, lab):
    type_expression(qtbot, lab, "foo(x)")
    qtbot.waitUntil(lambda: lab.editor.has_error, timeout=TIMEOUT_MS)
    assert "unknown function 'foo'" in lab.editor.error_label.full_text
    assert lab.editor.line_edit.error_column == 1


def test_dragging_the_bracket_resolves_on_the_new_bracket(qtbot, lab):
    type_expression(qtbot, lab, "(x+2)(x-0.5)(x-2)")
    qtbot.waitUntil(lambda: curve_matches(lab, lambda xs: (xs + 2) * (xs - 0.5) * (xs - 2)), timeout=TIMEOUT_MS)
    lab.figure.start_region.setRegion((1.0, 3.0))  # what the region does while it is dragged
    qtbot.waitUntil(lambda: lab.run.bracket == (1.0, 3.0), timeout=TIMEOUT_MS)
    assert lab.method_panel.a.value() == 1.0 and lab.method_panel.b.value() == 3.0
    assert lab.run.primary_result.root == pytest.approx(2.0, abs=1e-11)
    lab.figure.start_region.setRegion((-3.0, 0.0))
    wait_for_root(qtbot, lab, -2.0, tolerance=1e-11)


def test_a_narrow_dragged_bracket_is_kept_to_the_last_digit(qtbot, lab):
    # Auto-zoom reaches brackets 1e-11 wide; spin boxes with 6 decimals used to make this (1.259921, 1.259921).
    lab.figure.start_region.setRegion((1.2599210, 1.2599214))
    qtbot.waitUntil(lambda: lab.run.bracket == (1.2599210, 1.2599214), timeout=TIMEOUT_MS)
    assert lab.scene().bracket == (1.2599210, 1.2599214)
    assert lab.run.primary_result.converged and "a &lt; b" not in lab.notice.text()
    assert lab.method_panel.a.text() == "1.259921" and lab.method_panel.b.text() == "1.2599214"


def mouse_drag(qtbot, lab, start_view: tuple[float, float], end_view: tuple[float, float]) -> None:
    """Press, move in steps and release the left button, as a hand on a mouse does."""
    view = lab.figure_view

    def to_widget(x, y):
        return view.mapFromScene(lab.figure.function_plot.vb.mapViewToScene(QPointF(x, y)))
    start, end = to_widget(*start_view), to_widget(*end_view)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for t in np.linspace(0, 1, 8)[1:]:
        qtbot.wait(20)  # pyqtgraph drops mouse moves closer than 10 ms apart; a hand is slower
        qtbot.mouseMove(viewport, QPoint(round(start.x() + t * (end.x() - start.x())),
                                         round(start.y() + t * (end.y() - start.y()))))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_dragging_the_bracket_with_the_mouse(qtbot, lab):
    a, b = lab.run.bracket  # [0, 2] for x^3 - 2
    (_, _), (low, high) = lab.figure.function_plot.viewRange()
    height = low + 0.3 * (high - low)  # inside the shaded bracket, away from the curve and labels
    mouse_drag(qtbot, lab, (a + 0.2 * (b - a), height), (a + 0.2 * (b - a) + 0.5, height))
    moved_a, moved_b = lab.figure.start_region.getRegion()
    assert moved_a == pytest.approx(a + 0.5, abs=0.02) and moved_b - moved_a == pytest.approx(b - a)
    qtbot.waitUntil(lambda: lab.run.bracket == (moved_a, moved_b), timeout=TIMEOUT_MS)
    assert lab.run.primary_result.root == pytest.approx(2 ** (1 / 3), abs=1e-11)
    # the plot did not move under the hand while the bracket did
    assert lab.scene().view_x is not None
    # dragging one edge changes only that end
    mouse_drag(qtbot, lab, (moved_b, height), (moved_b + 1.0, height))
    new_a, new_b = lab.figure.start_region.getRegion()
    assert new_a == pytest.approx(moved_a) and new_b == pytest.approx(moved_b + 1.0, abs=0.02)
    qtbot.waitUntil(lambda: lab.run.bracket == (new_a, new_b), timeout=TIMEOUT_MS)


def test_playback_keys_step_scrub_and_reset(qtbot, window, lab):
    playback = window.playback
    run = lab.run
    window.activateWindow()
    lab.figure_view.setFocus()
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Home)
    assert playback.frame == 0 and lab.scene().frame == 0
    assert lab.figure.current_region.getRegion() == pytest.approx(run.bracket)
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Right)
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Right)
    assert playback.frame == 2
    step = run.primary_result.steps[1]
    assert lab.figure.current_region.getRegion() == pytest.approx((step.a, step.b))
    assert lab.figure.estimate_lines["bisect"].value() == pytest.approx(step.x)
    assert lab.table.currentRow() == 2
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Left)
    assert playback.frame == 1
    # scrub with the timeline
    playback.timeline.setValue(10)
    assert playback.frame == 10 and lab.table.currentRow() == 10
    step = run.primary_result.steps[9]
    # bisection halves the bracket every step: width after n steps is (b - a) / 2^n
    assert step.width == pytest.approx((run.bracket[1] - run.bracket[0]) / 2**10)
    assert lab.figure.current_region.getRegion() == pytest.approx((step.a, step.b))
    # clicking a table row moves the timeline
    lab.table.selectRow(4)
    assert playback.frame == 4 and lab.frame == 4
    # Space plays to the end
    playback.speed.setCurrentText("30 steps/s")
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Space)
    assert playback.playing
    qtbot.waitUntil(lambda: not playback.playing, timeout=TIMEOUT_MS)
    assert playback.frame == playback.frame_count - 1
    assert lab.scene().frame is None  # at the end: a longer run would show its end too


def test_space_in_the_editor_types_a_space(qtbot, window, lab):
    lab.editor.line_edit.setFocus()
    lab.editor.line_edit.end(False)
    qtbot.keyClick(lab.editor.line_edit, Qt.Key.Key_Space)
    assert not window.playback.playing
    assert lab.editor.text.endswith(" ")


def test_race_mode_runs_all_five_methods(qtbot, window, lab):
    type_expression(qtbot, lab, "cos(x) - x")
    reference = brentq(lambda x: math.cos(x) - x, 0, 2)
    wait_for_root(qtbot, lab, reference)
    lab.method_panel.race.setChecked(True)
    qtbot.waitUntil(lambda: len(lab.run.results) == 5, timeout=TIMEOUT_MS)
    for method, result in lab.run.results.items():
        assert result.converged, method
        assert result.root == pytest.approx(reference, abs=1e-9), method
        assert lab.figure.estimate_lines[method].isVisible()
    summary = lab.race_summary.text()
    for label in ("Bisection", "False position", "Secant", "Newton", "Brent"):
        assert label in summary
    # the fast methods finish long before bisection: the race is visible
    iterations = {m: r.iterations for m, r in lab.run.results.items()}
    assert iterations["newton"] < iterations["bisect"] and iterations["brent"] < iterations["bisect"]
    assert window.playback.frame_count == iterations["bisect"] + 1


def test_a_parameter_slider_moves_the_root(qtbot, lab):
    lab.load_example(next(e for e in EXAMPLES if e.expression == "a*x^3 - x"))
    qtbot.waitUntil(lambda: lab.parameters.names == ("a",), timeout=TIMEOUT_MS)
    wait_for_root(qtbot, lab, 1.0, tolerance=1e-11)
    y_range = lab.figure.y_range()
    lab.parameters.slider("a").setValue(4.0)
    wait_for_root(qtbot, lab, 0.5, tolerance=1e-11)
    assert curve_matches(lab, lambda xs: 4 * xs**3 - xs)
    assert lab.scene().parameter_values() == {"a": 4.0}
    assert lab.figure.y_range() == pytest.approx(y_range)  # f moved, not the axes


def test_a_pole_is_reported_not_passed_off_as_a_root(qtbot, lab):
    lab.load_example(next(e for e in EXAMPLES if e.expression == "tan(x)"))
    qtbot.waitUntil(lambda: lab.run.primary_result.flag == "discontinuity", timeout=TIMEOUT_MS)
    assert lab.run.primary_result.root == pytest.approx(math.pi / 2, abs=1e-9)
    assert lab.run.primary_result.message in lab.notice.text()


def test_no_sign_change_offers_clickable_brackets(qtbot, lab):
    type_expression(qtbot, lab, "x^2 - 4")
    qtbot.waitUntil(lambda: curve_matches(lab, lambda xs: xs**2 - 4), timeout=TIMEOUT_MS)
    lab.method_panel.a.setValue(-1.0)
    lab.method_panel.b.setValue(1.0)
    qtbot.waitUntil(lambda: lab.run.bracket == (-1.0, 1.0) and lab.run.primary_result.flag == "sign error",
                    timeout=TIMEOUT_MS)
    suggestions = lab.run.primary_result.suggested_brackets
    assert suggestions
    assert "href='bracket:" in lab.notice.text()
    a, b = suggestions[0]
    lab.notice.linkActivated.emit(f"bracket:{a!r}:{b!r}")  # what clicking the link sends
    qtbot.waitUntil(lambda: lab.run.bracket == (a, b) and lab.run.primary_result.converged, timeout=TIMEOUT_MS)
    assert abs(abs(lab.run.primary_result.root) - 2.0) < 1e-9
    left, right = lab.figure.x_range()
    assert left < a and b < right  # framed on the new bracket


def test_a_bracket_typed_backwards_is_refused_at_the_boxes(qtbot, lab):
    run = lab.run
    lab.method_panel.a.setValue(3.0)  # above b = 2
    assert "the bracket [a, b] needs a &lt; b, but a = 3 and b = 2" in lab.notice.text()
    assert lab.method_panel.a.value() == 0.0  # the box shows the scene's bracket again
    assert lab.scene().bracket == (0.0, 2.0) and lab.run is run


def test_a_decimal_comma_is_not_read_as_a_thousands_separator(qtbot, lab):
    box = lab.method_panel.b
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "1,5")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    lab.editor.line_edit.setFocus()
    assert lab.scene().bracket == (0.0, 2.0) and box.value() == 2.0  # not 15: the previous value comes back
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "1.5")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert lab.scene().bracket == (0.0, 1.5)


def test_leaving_a_tolerance_box_untouched_keeps_its_value_to_the_last_digit(qtbot, lab):
    rtol = lab.method_panel.rtol
    scene = lab.scene()
    assert rtol.text() == "8.88e-16" and scene.rtol == 8.881784197001252e-16
    rtol.setFocus()
    qtbot.keyClick(rtol, Qt.Key.Key_Return)
    lab.editor.line_edit.setFocus()
    assert lab.scene() == scene


def test_an_expression_too_large_to_compile_keeps_the_last_good_scene(qtbot, settings, reopen, window, lab):
    type_expression(qtbot, lab, "x^2 - 3", enter=True)
    wait_for_root(qtbot, lab, math.sqrt(3))
    tower = "x^" * 23 + "x"  # parses, but its derivatives have over 20,000 terms
    type_expression(qtbot, lab, tower, enter=True)
    qtbot.waitUntil(lambda: "too large" in lab.editor.error_label.full_text, timeout=TIMEOUT_MS)
    assert lab.editor.text == tower  # the draft stays, with why, for the person to fix
    assert lab.scene().expression == "x^2 - 3" and lab.run.scene.expression == "x^2 - 3"
    window.close()
    lab = reopen(settings).lab("roots")
    assert lab.editor.text == "x^2 - 3"
    wait_for_root(qtbot, lab, math.sqrt(3))


def test_an_example_replaces_a_draft_that_did_not_parse(qtbot, lab):
    type_expression(qtbot, lab, "x^3 -", enter=True)
    assert lab.editor.has_error
    lab.load_example(EXAMPLES[0])  # the scene already is this example
    assert lab.editor.text == "x^3 - 2" and not lab.editor.has_error


def test_the_plot_stays_put_while_a_newer_scene_is_solved(qtbot, lab):
    before = lab.figure.x_range(), lab.figure.y_range()
    lab.load_example(next(e for e in EXAMPLES if e.expression == "tan(x)"))
    # before the worker answers: x^3 - 2 is not redrawn over tan's bracket
    assert (lab.figure.x_range(), lab.figure.y_range()) == before and lab.run.scene.expression == "x^3 - 2"
    qtbot.waitUntil(lambda: lab.run.scene.expression == "tan(x)", timeout=TIMEOUT_MS)
    left, right = lab.figure.x_range()
    assert left < 1.0 and 2.0 < right and (left, right) != before[0]  # then framed on the new bracket


def test_a_pan_by_hand_ends_auto_zoom_and_fit_frames_the_bracket_again(qtbot, window, lab):
    lab.method_panel.auto_zoom.setChecked(True)
    window.playback.set_frame(8)
    followed = lab.figure.x_range()
    (left, right), (low, high) = lab.figure.function_plot.viewRange()
    # a turn of the wheel (a drag would move the shaded bracket, which fills the zoomed view)
    centre = lab.figure_view.mapFromScene(lab.figure.function_plot.vb.mapViewToScene(
        QPointF((left + right) / 2, (low + high) / 2)))
    wheel = QWheelEvent(QPointF(centre), QPointF(lab.figure_view.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(lab.figure_view.viewport(), wheel)
    assert not lab.scene().auto_zoom and not lab.method_panel.auto_zoom.isChecked()
    assert lab.scene().view_x == lab.figure.x_range() != followed
    fit = next(a for a in window.view_menu.actions() if a.text() == "&Fit the plot to the bracket")
    fit.trigger()
    left, right = lab.figure.x_range()
    assert left < 0.0 and 2.0 < right  # the starting bracket [0, 2], framed


def test_the_bars_plot_follows_f_and_does_not_pan_by_itself(qtbot, lab):
    before = lab.figure.x_range()
    bars = lab.figure.bars_plot.vb
    (x0, x1), (y0, y1) = bars.viewRange()
    start = lab.figure_view.mapFromScene(bars.mapViewToScene(QPointF(x0 + 0.3 * (x1 - x0), y0 + 0.5 * (y1 - y0))))
    end = lab.figure_view.mapFromScene(bars.mapViewToScene(QPointF(x0 + 0.7 * (x1 - x0), y0 + 0.5 * (y1 - y0))))
    qtbot.mousePress(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for t in np.linspace(0, 1, 6)[1:]:
        qtbot.wait(20)
        qtbot.mouseMove(lab.figure_view.viewport(), QPoint(round(start.x() + t * (end.x() - start.x())), start.y()))
    qtbot.mouseRelease(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert lab.figure.x_range() == before and lab.scene().view_x is None


def cold_symbolic_worker() -> None:
    """A fresh child: sympy's cache in a child that has differentiated towers before makes them fast."""
    SYMBOLIC_WORKER.stop()
    SYMBOLIC_WORKER.start()


def test_editing_cancels_a_slow_compile(qtbot, lab):
    cold_symbolic_worker()
    type_expression(qtbot, lab, "^".join(["x"] * 10), enter=True)  # a power tower: about a second to differentiate
    qtbot.waitUntil(lambda: SYMBOLIC_WORKER.busy, timeout=TIMEOUT_MS)
    child_before = SYMBOLIC_WORKER.process_id
    type_expression(qtbot, lab, "x - 0.25", enter=True)
    wait_for_root(qtbot, lab, 0.25, tolerance=1e-11)
    assert lab.editor.text == "x - 0.25"
    assert SYMBOLIC_WORKER.process_id != child_before  # the busy child was killed, not waited for
    qtbot.wait(300)  # nothing from the superseded job arrives afterwards
    assert lab.run.primary_result.root == pytest.approx(0.25, abs=1e-11)


def test_export_png_at_twice_the_pixel_density_and_svg(tmp_path, window):
    figure = window.current_lab.figure
    png = window.export_image(tmp_path / "plots.png", density=2)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (round(2 * figure.size().width()), round(2 * figure.size().height()))
    # it is a picture of the plots, not a blank canvas
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    assert len(colours) > 3
    svg = window.export_image(tmp_path / "plots.svg")
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert len(list(root.iter())) > 50
    with pytest.raises(ValueError):
        window.export_image(tmp_path / "plots.gif")


def test_copy_image_puts_the_plots_on_the_clipboard(window):
    QApplication.clipboard().clear()
    window.copy_image()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() > 100


@pytest.fixture
def reopen(qtbot, open_window):
    def reopen(settings) -> MainWindow:
        window = open_window(settings)
        qtbot.waitUntil(lambda: window.lab("roots").run is not None, timeout=TIMEOUT_MS)
        return window
    return reopen


def test_the_lab_reopens_as_the_user_left_it(qtbot, settings, reopen, window, lab):
    type_expression(qtbot, lab, "a x^2 - 3")
    qtbot.waitUntil(lambda: lab.parameters.names == ("a",), timeout=TIMEOUT_MS)
    lab.parameters.slider("a").setValue(3.0)
    lab.method_panel.a.setValue(0.0)
    lab.method_panel.b.setValue(4.0)
    lab.method_panel.method.setCurrentIndex(METHODS.index("false-position"))
    lab.method_panel.race.setChecked(True)
    lab.method_panel.maxiter.setValue(60)
    lab.method_panel.auto_zoom.setChecked(True)
    qtbot.waitUntil(lambda: lab.run.bracket == (0.0, 4.0) and len(lab.run.results) == 5, timeout=TIMEOUT_MS)
    wait_for_root(qtbot, lab, 1.0, tolerance=1e-11, method="false-position")  # sqrt(3 / 3)
    table_splitter = lab.splitters[1]
    table_splitter.setSizes([300, 400])  # the user gives the table more room
    sizes = table_splitter.sizes()
    scene = lab.scene()
    type_expression(qtbot, lab, "sin(")  # closed mid-edit: the half-typed text is not what reopens
    window.close()

    lab = reopen(settings).lab("roots")
    assert lab.scene() == scene
    assert lab.editor.text == "a x^2 - 3" and lab.parameters.slider("a").value() == 3.0
    panel = lab.method_panel
    assert (panel.method.currentData(), panel.a.value(), panel.b.value(), panel.race.isChecked(),
            panel.maxiter.value(), panel.auto_zoom.isChecked()) == ("false-position", 0.0, 4.0, True, 60, True)
    wait_for_root(qtbot, lab, 1.0, tolerance=1e-11, method="false-position")
    assert lab.editor.line_edit.history[-1] == "a x^2 - 3"
    split = lab.splitters[1].sizes()  # kept in proportion (the new window may be laid out at another size)
    assert split[0] / sum(split) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)


def test_a_history_of_one_expression_comes_back_whole(qtbot, settings, reopen, window, lab):
    # QSettings' ini format returns a one-item list as the bare item: it must not become letters.
    type_expression(qtbot, lab, "x^2 - 3")
    wait_for_root(qtbot, lab, math.sqrt(3))
    lab.editor.line_edit.history = ["x^2 - 3"]
    window.close()
    assert reopen(settings).lab("roots").editor.line_edit.history == ["x^2 - 3"]


SCENE = '{{"format": "visualiser-scene", "version": 1, "scene": {scene}}}'


@pytest.mark.parametrize("saved", [
    "{not json", "null", "[1]", '{"version": 99}',
    '{"version": 1, "expression": "x - 1", "parameters": {}, "auto_zoom": false, "history": []}',  # the old format
    SCENE.format(scene='{"lab": "roots", "method": "magic"}'),
    SCENE.format(scene='{"lab": "roots", "expression": "x - 1", "bracket": [2, 1]}'),
    SCENE.format(scene='{"lab": "roots", "expression": "a x - 1", "parameters": {"a": {"value": 1e999}}}'),
    SCENE.format(scene='{"lab": "roots", "expression": "sin(x"}'),
    SCENE.format(scene='{"lab": "descent"}'),
], ids=lambda text: text[-40:])
def test_a_damaged_saved_scene_opens_the_start_example(qtbot, settings, reopen, caplog, saved):
    settings.setValue("scenes/roots", saved)
    settings.setValue("roots/splitters", "junk")
    settings.setValue("window/tab", "x")
    lab = reopen(settings).lab("roots")
    qtbot.waitUntil(lambda: lab.editor.text == "x^3 - 2" and lab.run.primary_result.converged, timeout=TIMEOUT_MS)
    assert lab.run.bracket == (0.0, 2.0) and not lab.editor.has_error
    assert "the saved roots scene could not be read" in caplog.text  # the reason goes to the log, not a dialog


# Each example's f written in numpy, and how bisection must end on its bracket: at a root (checked
# with scipy's brentq), or at the pole or jump where f changes sign without a root.
EXAMPLE_REFERENCES = {
    "x^3 - 2": (lambda x: x**3 - 2, "converged"),
    "cos(x) - x": (lambda x: np.cos(x) - x, "converged"),
    "(x+2)(x-0.5)(x-2)": (lambda x: (x + 2) * (x - 0.5) * (x - 2), "converged"),
    "tan(x)": (np.tan, "discontinuity"),
    "(x-1)^9": (lambda x: (x - 1) ** 9, "converged"),
    "a*x^3 - x": (lambda x: x**3 - x, "converged"),  # a = 1 by default
    "1/(x-1)": (lambda x: 1 / (x - 1), "discontinuity"),
    "sin(3x) - x/2": (lambda x: np.sin(3 * x) - x / 2, "converged"),
}


def test_every_example_loads_and_runs(qtbot, lab):
    assert {example.expression for example in EXAMPLES} == set(EXAMPLE_REFERENCES)
    for example in EXAMPLES:
        f, flag = EXAMPLE_REFERENCES[example.expression]
        lab.load_example(example)
        qtbot.waitUntil(lambda: lab.run is not None and lab.run.bracket == example.bracket
                        and curve_matches(lab, f), timeout=TIMEOUT_MS)
        result = lab.run.primary_result
        assert result.flag == flag, example.title
        if flag == "converged":  # scipy finds a root right there (the bracket may hold several)
            nearby = brentq(f, result.root - 1e-3, result.root + 1e-3, xtol=1e-14, maxiter=1000)
            assert result.root == pytest.approx(nearby, abs=1e-9), example.title
        else:
            assert example.bracket[0] < result.root < example.bracket[1] and abs(f(result.root)) > 1e6


def test_up_arrow_recalls_the_previous_expression(qtbot, lab):
    type_expression(qtbot, lab, "x - 1")
    wait_for_root(qtbot, lab, 1.0)
    type_expression(qtbot, lab, "x - 1.5")
    wait_for_root(qtbot, lab, 1.5)
    qtbot.keyClick(lab.editor.line_edit, Qt.Key.Key_Up)
    assert lab.editor.text == "x - 1"
    wait_for_root(qtbot, lab, 1.0)


def test_export_through_the_menu_with_a_size_choice(qtbot, tmp_path, window, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    target = tmp_path / "menu.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PNG image (*.png)"))

    def choose_4k():
        options = QApplication.activeModalWidget()  # the export dialog, real: only the file choice is stubbed
        options.size_choice.setCurrentIndex(options.size_choice.findText("4K", Qt.MatchFlag.MatchStartsWith))
        options.accept()

    QTimer.singleShot(0, choose_4k)
    action = next(a for a in window.file_menu.actions() if a.text() == "&Export image…")
    action.trigger()
    assert QImage(str(target)).width() == 3840  # "4K (3840 px)"
    assert str(target) in window.statusBar().currentMessage()


def test_every_control_explains_itself(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider

    controls = [w for kind in (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QSlider)
                for w in window.findChildren(kind) if w.isVisibleTo(window)]
    assert len(controls) > 15
    # a control inside a compound widget (a slider's value box) may share its parent's tooltip
    silent = [w for w in controls if not (w.toolTip() or (w.parent() and w.parent().toolTip()))]
    assert not silent, [f"{type(w).__name__} {w.objectName() or w.text() if hasattr(w, 'text') else ''}" for w in silent]


def test_auto_zoom_follows_the_shrinking_bracket(qtbot, window, lab):
    lab.method_panel.auto_zoom.setChecked(True)
    for frame in (3, 12):
        window.playback.set_frame(frame)
        step = lab.run.primary_result.steps[frame - 1]
        left, right = lab.figure.x_range()
        assert left <= step.a and step.b <= right
        assert right - left < 6 * (step.b - step.a)  # zoomed on the bracket, not the whole curve
        assert lab.figure.bars_plot.viewRange()[0] == pytest.approx([left, right])  # the bars follow
    lab.method_panel.auto_zoom.setChecked(False)
    left, right = lab.figure.x_range()
    assert left < lab.run.bracket[0] and lab.run.bracket[1] < right


def test_a_lab_cancels_only_its_own_slow_compile(qtbot):
    """Two runners share the symbolic worker; an edit in one must not kill the other's job."""
    from visualiser.app.job_runner import LatestJobRunner
    from visualiser.engine import compile_expression

    cold_symbolic_worker()
    ours, theirs = LatestJobRunner(), LatestJobRunner()
    finished = []
    theirs.succeeded.connect(lambda compiled: finished.append(compiled.text))
    theirs.failed.connect(finished.append)
    tower = "^".join(["x"] * 10)  # about a second of differentiation
    theirs.submit(compile_expression, tower, ("x",))
    qtbot.waitUntil(lambda: SYMBOLIC_WORKER.busy, timeout=TIMEOUT_MS)
    child = SYMBOLIC_WORKER.process_id
    ours.submit(compile_expression, "x - 2", ("x",))  # waits behind theirs
    assert ours.busy
    with qtbot.waitSignal(ours.succeeded, timeout=TIMEOUT_MS):
        ours.submit(compile_expression, "x - 1", ("x",), cancels_symbolic=True)
    qtbot.waitUntil(lambda: bool(finished), timeout=TIMEOUT_MS)
    assert finished == [tower]  # their job completed rather than being cancelled
    assert SYMBOLIC_WORKER.process_id == child


def test_an_example_from_the_menu_brings_up_the_root_lab(qtbot, window, lab):
    window.tabs.setCurrentWidget(window.lab("descent"))
    action = next(a for a in window.menus["F&unctions"].actions() if a.text().endswith("cos(x) - x"))
    action.trigger()
    assert window.current_lab is lab
    wait_for_root(qtbot, lab, brentq(lambda x: math.cos(x) - x, 0, 1))
    view_entries = [a.text() for a in window.view_menu.actions()]
    assert "Root finding" in view_entries and "Gradient descent" in view_entries  # a section per lab


def test_a_tolerance_box_shows_the_value_the_solver_uses(qtbot, lab):
    xtol = lab.method_panel.xtol
    iterations = lab.run.primary_result.iterations
    xtol.setFocus()
    xtol.selectAll()
    qtbot.keyClicks(xtol, "0")  # not a tolerance: the validator refuses it
    lab.editor.line_edit.setFocus()  # leaving the box
    qtbot.waitUntil(lambda: not xtol.hasFocus(), timeout=TIMEOUT_MS)
    assert xtol.text() == "2e-12" and lab.scene().xtol == 2e-12
    xtol.setFocus()
    xtol.selectAll()
    qtbot.keyClicks(xtol, "1e-6")
    qtbot.keyClick(xtol, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lab.run.primary_result.iterations < iterations, timeout=TIMEOUT_MS)
    # bisection on [0, 2] to within 1e-6: ceil(log2(2 / 1e-6)) = 21 halvings at most
    assert lab.run.primary_result.iterations <= 21 and lab.scene().xtol == 1e-6


def test_closing_while_a_slow_compile_runs_is_quiet(qtbot, settings, state, capfd):
    """Worker threads still running at close must not report to a window that is gone."""
    import gc

    import shiboken6

    cold_symbolic_worker()
    window = MainWindow(settings, state)  # not handed to qtbot: this test deletes it itself
    window.show()
    lab = window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
    type_expression(qtbot, lab, "^".join(["x"] * 10) + " + x", enter=True)  # a compile is under way
    window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # close waited for the workers
    shiboken6.delete(window)
    del window, lab
    gc.collect()  # as when run_app returns: the runners and their workers' signal objects go too
    qtbot.wait(1500)
    assert not SYMBOLIC_WORKER.busy
    # a worker thread reporting to a deleted object prints its error from that thread
    assert "Error" not in capfd.readouterr().err


def test_an_examples_lesson_stays_in_the_status_bar_after_it_has_run(qtbot, window, lab):
    example = next(e for e in EXAMPLES if e.expression == "tan(x)")
    lab.load_example(example)
    qtbot.waitUntil(lambda: lab.run.primary_result.flag == "discontinuity", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not lab.runner.busy, timeout=TIMEOUT_MS)
    assert window.statusBar().currentMessage() == example.lesson


def test_a_parameter_range_cannot_be_emptied(qtbot, lab):
    lab.load_example(next(e for e in EXAMPLES if e.expression == "a*x^3 - x"))
    qtbot.waitUntil(lambda: lab.parameters.names == ("a",), timeout=TIMEOUT_MS)
    row = lab.parameters.row("a")
    row.minimum.setValue(10.0)  # above the maximum, 5: refused
    assert (row.minimum.value(), row.maximum.value()) == (-5.0, 5.0)
    assert (row.slider.minimum(), row.slider.maximum()) == (-5.0, 5.0)
    assert "needs low &lt; high" in lab.notice.text()
    row.maximum.setValue(20.0)
    row.minimum.setValue(0.5)
    assert (row.slider.minimum(), row.slider.maximum()) == (0.5, 20.0)
    assert lab.scene().parameter("a").value == 1.0  # still inside the new range, so unchanged
    assert (lab.scene().parameter("a").minimum, lab.scene().parameter("a").maximum) == (0.5, 20.0)
