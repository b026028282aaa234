"""Drive the gradient-descent lab in the real main window the way a learner would (offscreen)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QMenu

from visualiser.engine import compile_expression
from visualiser.engine.optim import OPTIMIZERS, PRESETS, run_optimizer, stability_bound
from visualiser.labs.descent.scene import DescentScene, RunSetup
from visualiser.labs.scene_file import scene_to_json

TIMEOUT_MS = 20_000
ROSENBROCK = PRESETS["rosenbrock"]


@pytest.fixture
def window(qtbot, main_window):
    lab = main_window.lab("descent")
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.result.grid is not None, timeout=TIMEOUT_MS)
    return main_window


@pytest.fixture
def lab(window):
    return window.lab("descent")


def reference(optimizer: str, start, lr: float, steps: int, **hyperparameters):
    compiled = compile_expression(ROSENBROCK.expression, ("x", "y"))
    return run_optimizer(compiled, optimizer, start, hyperparameters={"lr": lr, **hyperparameters}, max_steps=steps)


def view_to_widget(lab, x: float, y: float) -> QPoint:
    scene = lab.figure.vb.mapViewToScene(QPointF(x, y))
    return lab.figure_view.mapFromScene(scene)


def wait_for_runs(qtbot, lab, condition) -> None:
    qtbot.waitUntil(lambda: lab.traces and condition(lab.traces), timeout=TIMEOUT_MS)


def test_opens_on_rosenbrock_with_a_race_of_all_seven(window, lab):
    assert lab.editor.text == ROSENBROCK.expression
    assert [trace.run.optimizer for trace in lab.traces] == list(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == ROSENBROCK.default_start for trace in lab.traces)
    steps = lab.runs_panel.max_steps.value()
    gd = lab.traces[0]
    expected = reference("gd", ROSENBROCK.default_start, gd.lr, steps)
    np.testing.assert_allclose(gd.path, np.array(expected.path))
    assert window.playback.frame_count == lab.frame_count == steps + 1
    # the known minimum is marked, the colour bar says what it shows, the path is drawn to the last frame
    assert lab.figure.minima.points.tolist() == [[1.0, 1.0]]
    assert lab.figure.colour_bar.axis.labelText == "loss above its minimum, log scale"  # named in words
    xs = lab.figure.paths.shown(0)[:, 0]
    assert len(xs) == len(gd.path)
    assert len(lab.figure.loss_plot.run_curves) == 7


def test_the_surface_covers_what_the_plot_shows(lab):
    grid = lab.result.grid
    assert grid.values.shape == (512, 512)
    assert (grid.x_range, grid.y_range) == lab.figure.visible_range()
    xs, ys = np.linspace(*grid.x_range, 512), np.linspace(*grid.y_range, 512)
    j, i = 100, 321
    expected = (1 - xs[i]) ** 2 + 100 * (ys[j] - xs[i] ** 2) ** 2
    assert grid.values[j, i] == pytest.approx(expected, rel=1e-12)
    assert len(lab.figure.contours.getData()[0]) > 100


def test_the_clear_button_removes_every_run_and_start_from_the_plot(qtbot, lab):
    qtbot.mouseClick(lab.runs_panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lab.traces and not lab.figure.starts, timeout=TIMEOUT_MS)
    assert lab.runs_panel.rows == [] and lab.scene().runs == () and lab.scene().starts == ()


def test_click_adds_a_start_point_and_a_run(qtbot, lab):
    qtbot.mouseClick(lab.runs_panel.clear_button, Qt.MouseButton.LeftButton)
    lab.runs_panel.new_optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, 1.5, 2.0))
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 1 and traces[0].run.optimizer == "adam")
    trace = lab.traces[0]
    assert trace.path[0] == pytest.approx((1.5, 2.0), abs=0.05)  # one pixel is about 0.01 here
    expected = reference("adam", tuple(trace.path[0]), trace.lr, lab.runs_panel.max_steps.value())
    np.testing.assert_allclose(trace.path, np.array(expected.path))
    assert len(lab.figure.starts) == 1


def test_a_click_on_a_runs_current_point_adds_no_start_and_one_beside_it_does(qtbot, window, lab):
    window.playback.set_frame(40)
    points = lab.figure.current.points  # and the start point's target, which takes its own clicks (a drag)
    around = np.vstack([points, ROSENBROCK.default_start])
    apart = [np.delete(np.hypot(*(around - point).T), index).min() for index, point in enumerate(points)]
    point = points[int(np.argmax(apart))]
    assert max(apart) > 0.3  # no other marker within many pixels
    starts = lab.scene().starts
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, *point))
    assert lab.scene().starts == starts  # taken by the marker, as a scatter plot's marker takes it
    beside = view_to_widget(lab, *point) + QPoint(12, 0)  # past its 11-px marker
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=beside)
    assert len(lab.scene().starts) == len(starts) + 1


def test_race_all_puts_seven_optimizers_on_the_first_start(qtbot, lab):
    qtbot.mouseClick(lab.runs_panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, -1.0, 2.0))
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, 0.5, -0.5))
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 2)
    first = tuple(lab.traces[0].path[0])
    qtbot.mouseClick(lab.runs_panel.race_button, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 7)
    assert {trace.run.optimizer for trace in lab.traces} == set(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == first for trace in lab.traces)
    assert len({trace.colour for trace in lab.traces}) == 7
    assert len(lab.figure.starts) == 1


def test_step_and_scrub_move_the_current_points(qtbot, window, lab):
    playback = window.playback
    playback.reset()
    current = lab.figure.current
    assert np.allclose(current.points[:, 0], ROSENBROCK.default_start[0])
    qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
    assert playback.frame == 2 and lab.scene().frame == 2
    assert [tuple(p) for p in current.points] == [tuple(t.path[2]) for t in lab.traces]
    assert len(lab.figure.paths.shown(0)) == 3
    assert len(lab.figure.arrow_lines()["step"][0]) == 7 * 6  # shaft and two head strokes per run
    playback.timeline.setValue(150)
    assert playback.frame == 150
    assert lab.figure.loss_plot.frame_line.value() == 150
    assert tuple(lab.figure.current.points[:, 0]) == tuple(t.path[min(150, len(t.path) - 1)][0] for t in lab.traces)
    # the curvature overlay follows the selected run (gd) at the shown point
    eigenvalues = lab.traces[0].eigenvalues[150]
    assert f"2/λ_max = {float(stability_bound(eigenvalues)):.3g}" in lab.figure.hessian.text
    assert "2/λ_max" in lab.runs_panel.rows[0].bound.text()
    # another run selected: its curvature
    lab.runs_panel.rows[5].select.click()
    assert lab.scene().selected_run == 5
    eigenvalues = lab.traces[5].eigenvalues[150]
    assert f"2/λ_max = {float(stability_bound(eigenvalues)):.3g}" in lab.figure.hessian.text


def test_curvature_numbers_stay_in_a_corner_off_the_paths(qtbot, window, lab):
    hessian, vb = lab.figure.hessian, lab.figure.vb
    window.playback.set_frame(10)
    corner, text = hessian.label.sceneBoundingRect(), hessian.text
    window.playback.set_frame(200)
    assert hessian.text != text and hessian.label.sceneBoundingRect().topRight() == corner.topRight()
    vb.translateBy(x=0.5, y=0.25)  # panning moves the surface, not the numbers
    assert hessian.label.sceneBoundingRect().bottomRight() == corner.bottomRight()
    assert vb.sceneBoundingRect().contains(hessian.label.sceneBoundingRect())
    vb.translateBy(x=-0.5, y=-0.25)
    # neither the numbers nor the legend hide the minimum, the start or the paths drawn so far
    covered = [hessian.label.sceneBoundingRect(), lab.figure.legend.sceneBoundingRect()]
    points = [(1.0, 1.0), *(tuple(point) for trace in lab.traces for point in trace.path[:201])]
    for x, y in points:
        scene = vb.mapViewToScene(QPointF(x, y))
        assert not any(rect.contains(scene) for rect in covered), (x, y)


def test_dragging_a_start_recomputes_the_paths(qtbot, lab):
    target = lab.figure.starts[0]
    target.setPos(QPointF(0.0, 2.5))
    wait_for_runs(qtbot, lab, lambda traces: tuple(traces[0].path[0]) == (0.0, 2.5))
    gd = lab.traces[0]
    np.testing.assert_allclose(gd.path, reference("gd", (0.0, 2.5), gd.lr, lab.runs_panel.max_steps.value()).path)
    # and a real mouse drag of the start marker
    mouse_drag(qtbot, lab, (0.0, 2.5), (-1.5, 0.5))
    wait_for_runs(qtbot, lab, lambda traces: np.allclose(traces[0].path[0], (-1.5, 0.5), atol=0.05))
    assert len(lab.figure.starts) == 1 and len(lab.traces) == 7  # a drag is not a click that adds a start


def test_changing_the_learning_rate_changes_the_path(qtbot, lab):
    row = lab.runs_panel.rows[0]
    before = lab.traces[0].path.copy()
    row.lr.setValue(0.0005)
    wait_for_runs(qtbot, lab, lambda traces: traces[0].lr == 0.0005)
    after = lab.traces[0].path
    assert not np.array_equal(before, after)
    np.testing.assert_allclose(after, reference("gd", ROSENBROCK.default_start, 0.0005,
                                                lab.runs_panel.max_steps.value()).path)
    xs, ys = lab.figure.paths.shown(0).T
    np.testing.assert_allclose(xs, after[: len(xs), 0])


def test_a_refused_hyperparameter_leaves_the_run_as_it_was(qtbot, lab):
    nesterov = lab.runs_panel.rows[OPTIMIZERS.index("nesterov")]
    before = lab.scene().runs[2]
    nesterov.extras["momentum"].setValue(0.0)  # PyTorch refuses nesterov without momentum
    assert "nesterov needs a momentum above 0" in lab.notice.text()
    assert lab.scene().runs[2] == before and nesterov.extras["momentum"].value() == 0.9


def test_hyperparameters_beyond_the_usual_are_shown_and_kept_as_they_are(qtbot, lab):
    scene = DescentScene(expression="x^2 + y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, 1.0),),
                         runs=(RunSetup(optimizer="momentum", hyperparameters={"lr": 5000.0, "momentum": 1.5}),))
    lab.set_scene(scene)
    row = lab.runs_panel.rows[0]
    assert row.lr.value() == 5000.0 and row.extras["momentum"].value() == 1.5  # not clamped to a box's range
    row.extras["momentum"].setValue(0.5)  # editing one hyperparameter leaves the others exactly as they were
    assert lab.scene().runs[0].hyperparameters == {"lr": 5000.0, "momentum": 0.5, "weight_decay": 0.0}


def test_the_more_toggle_belongs_to_the_run_not_to_the_row(qtbot, lab):
    rows = lab.runs_panel.rows
    qtbot.mouseClick(rows[6].more, Qt.MouseButton.LeftButton)  # AdamW's row, opened by hand
    rows[6].extras["weight_decay"].setValue(0.3)
    qtbot.mouseClick(rows[5].remove, Qt.MouseButton.LeftButton)  # Adam goes: AdamW moves up a row
    rows = lab.runs_panel.rows
    assert len(rows) == 6 and lab.scene().runs[5].optimizer == "adamw"
    assert rows[5].more.isChecked() and rows[5].extras["weight_decay"].isVisible()


def test_run_status_is_one_short_line_with_the_whole_message_as_tooltip(qtbot, lab):
    steps = lab.runs_panel.max_steps.value()
    gd, status = lab.traces[0], lab.runs_panel.rows[0].status
    expected = reference("gd", ROSENBROCK.default_start, gd.lr, steps)
    assert expected.status == "max_steps"
    compiled = compile_expression(ROSENBROCK.expression, ("x", "y"))
    norm = float(np.hypot(*compiled.gradient_value(*expected.path[-1])))
    assert f"{steps} steps · loss {expected.loss[-1]:.2g} · |∇| {norm:.2g}" in status.text()
    assert "..." not in status.text() and "…" not in status.text()
    assert status.toolTip() == expected.message
    lab.load_preset(PRESETS["quadratic"])  # a round bowl: plain gradient descent converges
    wait_for_runs(qtbot, lab, lambda traces: traces[0].result.status == "converged")
    gd, status = lab.traces[0], lab.runs_panel.rows[0].status
    assert f"✓ converged at step {gd.result.steps}" in status.text()
    assert status.toolTip() == gd.message and gd.message.startswith("converged after")


def test_eps_and_weight_decay_per_run_change_the_path(qtbot, lab):
    steps = lab.runs_panel.max_steps.value()
    index = OPTIMIZERS.index("adamw")
    row = lab.runs_panel.rows[index]
    eps, decay = row.extras["eps"], row.extras["weight_decay"]
    assert not decay.isVisible() and not eps.isVisible()  # behind "more": they rarely need changing
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert decay.isVisible() and eps.isVisible()
    assert "weight_decay" in decay.toolTip() and "eps" in eps.toolTip()
    assert decay.value() == 0.01 and eps.text() == "1e-08"  # AdamW's PyTorch defaults
    before = lab.traces[index].path.copy()
    decay.setValue(0.5)
    wait_for_runs(qtbot, lab, lambda traces: traces[index].run.hyperparameters["weight_decay"] == 0.5)
    trace = lab.traces[index]
    expected = reference("adamw", ROSENBROCK.default_start, trace.lr, steps, weight_decay=0.5)
    assert not np.array_equal(before, trace.path)
    np.testing.assert_allclose(trace.path, np.array(expected.path))
    # eps spans decades: shown as 1e-10, the arrows step by factors of ten, a typed value is taken as typed
    index = OPTIMIZERS.index("adagrad")
    row = lab.runs_panel.rows[index]
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    eps = row.extras["eps"]
    assert eps.text() == "1e-10"
    eps.stepBy(7)
    wait_for_runs(qtbot, lab, lambda traces: traces[index].run.hyperparameters["eps"] == 1e-3)
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "2.5e-2")
    qtbot.keyClick(eps.lineEdit(), Qt.Key.Key_Return)
    wait_for_runs(qtbot, lab, lambda traces: traces[index].run.hyperparameters["eps"] == 0.025)
    trace = lab.traces[index]
    np.testing.assert_allclose(trace.path, reference("adagrad", ROSENBROCK.default_start, trace.lr, steps,
                                                     eps=0.025).path)
    row.optimizer.setCurrentIndex(OPTIMIZERS.index("gd"))
    assert not eps.isVisible()  # plain gradient descent has no eps
    # a new optimizer starts from its own defaults: AdamW's weight decay of 0.5 is not carried over to Adam
    adamw = lab.runs_panel.rows[OPTIMIZERS.index("adamw")]
    adamw.optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    assert adamw.extras["weight_decay"].value() == 0.0
    assert lab.scene().runs[OPTIMIZERS.index("adamw")].hyperparameters["weight_decay"] == 0.0


def test_a_diverged_run_is_marked_and_explained(qtbot, window, lab):
    lab.runs_panel.rows[0].lr.setValue(1.0)
    wait_for_runs(qtbot, lab, lambda traces: traces[0].diverged)
    trace = lab.traces[0]
    expected = reference("gd", ROSENBROCK.default_start, 1.0, lab.runs_panel.max_steps.value())
    assert expected.status == "diverged"
    np.testing.assert_allclose(trace.path, np.array(expected.path))
    window.playback.set_frame(window.playback.frame_count - 1)
    marker = lab.figure.diverged
    assert marker.isVisible() and len(marker.points) == 1
    assert tuple(marker.points[0]) == tuple(trace.path[-1])
    text = lab.notice.text()
    assert "diverged" in text and "above 2/λ_max" in text
    bound = float(stability_bound(trace.eigenvalues[0]))
    assert f"{bound:.3g}" in text  # the bound at the start point, where the first step overshot
    status = lab.runs_panel.rows[0].status
    assert expected.steps == 1 and "✗ diverged after 1 step<" in status.text()
    assert status.toolTip() == trace.message and "above 2/λ_max" in status.toolTip()
    # the unstable segment is drawn in red, the others runs still race
    assert len(lab.figure.unstable.getData()[0]) == 2
    assert not any(t.diverged for t in lab.traces[1:])


def test_changing_a_parameter_and_the_view_recompute_the_surface(qtbot, lab):
    lab.editor.line_edit.setText("x^2 + k y^2")
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: lab.parameters.names == ("k",), timeout=TIMEOUT_MS)
    lab.parameters.slider("k").setValue(3.0)
    qtbot.waitUntil(lambda: lab.result.grid.scene.parameter_values() == {"k": 3.0}, timeout=TIMEOUT_MS)
    grid = lab.result.grid
    assert grid.values[0, 0] == pytest.approx(grid.x_range[0] ** 2 + 3 * grid.y_range[0] ** 2)
    assert not len(lab.figure.minima.points)  # not a preset: no known minima claimed
    # the person pans: the scene's view is what they framed by hand, and the surface follows it
    (x0, x1), (y0, y1) = lab.figure.visible_range()
    mouse_drag(qtbot, lab, (0.5, 0.5), (-0.5, 0.5))
    (new_x0, new_x1), (new_y0, new_y1) = lab.scene().view
    assert new_x0 == pytest.approx(x0 + 1.0, abs=0.05) and new_x1 - new_x0 == pytest.approx(x1 - x0)
    assert (new_y0, new_y1) == pytest.approx((y0, y1), abs=0.05)
    qtbot.waitUntil(lambda: lab.result.grid.x_range[0] > x0 + 0.9, timeout=TIMEOUT_MS)
    assert (lab.result.grid.x_range, lab.result.grid.y_range) == lab.figure.visible_range()


def mouse_drag(qtbot, lab, start_view, end_view) -> None:
    """Press, move in steps and release the left button, as a hand on a mouse does."""
    start, end = view_to_widget(lab, *start_view), view_to_widget(lab, *end_view)
    viewport = lab.figure_view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for t in np.linspace(0, 1, 8)[1:]:
        qtbot.wait(20)  # pyqtgraph drops mouse moves closer than 10 ms apart; a hand is slower
        qtbot.mouseMove(viewport, QPoint(round(start.x() + t * (end.x() - start.x())),
                                         round(start.y() + t * (end.y() - start.y()))))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_a_bad_expression_keeps_the_surface(qtbot, lab):
    result, scene = lab.result, lab.scene()
    lab.editor.line_edit.setText("x^2 + (y")
    lab.editor.line_edit.returnPressed.emit()
    assert lab.editor.error_label.full_text == "missing ')' at column 9"
    assert lab.editor.line_edit.error_column == 9  # underlined in the box
    assert lab.result == result and lab.scene() == scene and len(lab.traces) == 7


def test_presets_menu_loads_every_surface(qtbot, window, lab):
    menu = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Presets")
    titles = [action.text() for action in menu.actions()]
    assert titles == [surface.title for surface in PRESETS.values()]
    next(action for action in menu.actions() if action.text() == "Beale").trigger()
    qtbot.waitUntil(lambda: lab.editor.text == PRESETS["beale"].expression and lab.traces
                    and tuple(lab.traces[0].path[0]) == PRESETS["beale"].default_start, timeout=TIMEOUT_MS)
    assert tuple(lab.figure.minima.points[:, 0]) == (3.0,)


def test_the_3d_option_is_disabled_offscreen_with_a_reason(lab):
    assert not lab.show_3d.isEnabled()
    assert "OpenGL" in lab.show_3d.toolTip()


def test_log_scale_toggle_relabels_the_colour_bar(qtbot, lab):
    lab.log_scale.setChecked(False)
    qtbot.waitUntil(lambda: not lab.result.grid.log_scale, timeout=TIMEOUT_MS)
    assert lab.figure.colour_bar.axis.labelText == "loss"
    assert not lab.scene().log_scale


def test_arrows_and_curvature_follow_their_boxes(qtbot, lab):
    lab.arrow_boxes["momentum"].setChecked(False)
    lab.curvature.setChecked(False)
    assert not lab.scene().arrows.momentum and not lab.scene().curvature
    assert not len(lab.figure.arrow_lines()["momentum"][0])
    assert not lab.figure.hessian.label.isVisible()


def test_a_new_function_undefined_in_the_view_leaves_no_stale_surface(qtbot, lab):
    assert lab.figure.image.image is not None
    lab.editor.line_edit.setText("sqrt(-1 - x^2 - y^2)")
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: "undefined everywhere" in lab.notice.text(), timeout=TIMEOUT_MS)
    assert lab.result.grid is None and lab.figure.image.image is None  # not Rosenbrock's heatmap under the new f
    lab.editor.line_edit.setText("x^2 + y^2")
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: lab.result.grid is not None and lab.figure.image.image is not None, timeout=TIMEOUT_MS)


def test_a_function_undefined_everywhere_leaves_no_colour_bar_and_nothing_drawn_at_the_start(qtbot, lab):
    lab.editor.line_edit.setText("log(-x-y-100)")  # issue 12, item 12
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: "undefined everywhere" in lab.notice.text() and lab.traces
                    and lab.traces[0].run.optimizer == "gd" and not np.isfinite(lab.traces[0].loss[0]), timeout=TIMEOUT_MS)
    figure = lab.figure
    assert not figure.colour_bar.bar.isVisible() and figure.colour_bar.axis.labelText == ""
    assert not figure.hessian.axes.isVisible() and not figure.hessian.label.isVisible()
    assert not any(len(points) for points, _ in figure.arrow_lines().values()) and not figure.arrows.isVisible()


def test_the_loss_plot_shows_the_scale_chosen_in_the_show_box(qtbot, lab):
    title = lab.figure.loss_plot.titleLabel.item
    assert lab.loss_axis.currentData() == "above_minimum" and title.toPlainText() == "loss above its minimum, log scale"
    lab.loss_axis.setCurrentIndex(lab.loss_axis.findData("loss"))  # issue 12, item 7
    assert lab.scene().loss_axis == "loss"
    qtbot.waitUntil(lambda: title.toPlainText() == "loss, log scale", timeout=TIMEOUT_MS)  # Rosenbrock is never negative
    first = lab.traces[0].loss
    (_, _), (low, high) = lab.figure.loss_plot.vb.viewRange()
    assert low <= np.log10(first[np.isfinite(first)].max()) <= high  # the loss itself, not its distance to 0


def test_the_race_is_restored_in_a_new_window(qtbot, window, lab, settings, open_window):
    lab.editor.line_edit.setText("(a-x)^2 + 100(y-x^2)^2")
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: lab.parameters.names == ("a",), timeout=TIMEOUT_MS)
    lab.parameters.slider("a").setValue(1.5)
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, 0.5, 2.0))
    lab.runs_panel.new_optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, -1.5, 0.0))
    rows = lab.runs_panel.rows
    rows[1].lr.setValue(0.002)
    adamw = rows[OPTIMIZERS.index("adamw")]
    qtbot.mouseClick(adamw.more, Qt.MouseButton.LeftButton)
    adamw.extras["weight_decay"].setValue(0.2)
    qtbot.mouseClick(rows[2].remove, Qt.MouseButton.LeftButton)
    lab.runs_panel.max_steps.setValue(300)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 8 and traces[1].lr == 0.002 and len(traces[0].path) == 301
                  and lab.result.runs.scene.parameter_values() == {"a": 1.5} and traces[-1].run.optimizer == "adam")
    before, scene = lab.traces, lab.scene()
    window.close()

    second = open_window(settings)
    restored = second.lab("descent")
    assert second.current_lab is restored and restored.scene() == scene
    qtbot.waitUntil(lambda: len(restored.traces) == 8 and restored.result.grid is not None, timeout=TIMEOUT_MS)
    assert restored.editor.text == "(a-x)^2 + 100(y-x^2)^2" and restored.parameters.slider("a").value() == 1.5
    assert restored.runs_panel.max_steps.value() == 300 and len(restored.figure.starts) == 3
    for old, new in zip(before, restored.traces):
        assert new.run == old.run
        np.testing.assert_array_equal(new.path, old.path)
    assert restored.figure.framed_range() == scene.view
    assert restored.runs_panel.rows[OPTIMIZERS.index("adamw") - 1].more.isChecked()  # a changed weight decay shows
    # and the restored momentum run is the engine's, on the edited surface with a = 1.5
    momentum = restored.traces[1]
    compiled = compile_expression("(a-x)^2 + 100(y-x^2)^2", ("x", "y"))
    expected = run_optimizer(compiled, "momentum", ROSENBROCK.default_start, hyperparameters={"lr": 0.002},
                             params={"a": 1.5}, max_steps=300)
    np.testing.assert_allclose(momentum.path, np.array(expected.path))


@pytest.mark.parametrize("saved", [
    "{not json", "null", "[1, 2]", '"text"',
    '{"version": 1, "expression": "x^2", "parameters": {}, "starts": [], "runs": []}',  # the old format
    scene_to_json(DescentScene()).replace('"max_steps":500', '"max_steps":1000000000'),
    scene_to_json(DescentScene()).replace('"starts":[]', '"starts":[[1e999, 0]]'),
    scene_to_json(DescentScene()).replace('"expression":"(1-x)^2 + 100(y-x^2)^2"', '"expression":"x^2 + (y"'),
    scene_to_json(DescentScene()).replace('"runs":[]', '"runs":[{"optimizer":"adam","start":0}]'),
], ids=lambda saved: saved[-40:])
def test_a_corrupt_saved_race_falls_back_to_the_default_race(qtbot, settings, open_window, caplog, saved):
    settings.setValue("scenes/descent", saved)
    settings.setValue("window/tab", 1)
    window = open_window(settings)
    lab = window.lab("descent")
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.result.grid is not None, timeout=TIMEOUT_MS)
    assert lab.editor.text == ROSENBROCK.expression and not lab.editor.has_error
    assert [trace.run.optimizer for trace in lab.traces] == list(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == ROSENBROCK.default_start for trace in lab.traces)
    assert "the saved descent scene could not be read" in caplog.text


def test_a_garbled_settings_file_falls_back_to_the_default_race(qtbot, tmp_path, open_window):
    path = tmp_path / "garbled.ini"
    path.write_bytes(b"[scenes]\ndescent=\xff\xfe{\"version\": 1, \x00\x01\n[window]\ntab=1\ngeometry=@ByteArray(\x00)\n")
    window = open_window(QSettings(str(path), QSettings.Format.IniFormat))
    lab = window.lab("descent")
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.result.grid is not None, timeout=TIMEOUT_MS)
    assert window.current_lab is lab and lab.editor.text == ROSENBROCK.expression
    window.close()  # and the default race is what is saved now
    saved = QSettings(str(path), QSettings.Format.IniFormat).value("scenes/descent")
    assert f'"expression":"{ROSENBROCK.expression}"' in saved
