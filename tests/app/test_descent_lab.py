"""Drive the gradient-descent lab in the real main window the way a learner would (offscreen)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QMenu

from visualiser.app.descent_lab.jobs import stability_bound, surface_grid
from visualiser.app.rejection import Rejected
from visualiser.app.descent_lab.saved_race import SavedRace, SavedRun
from visualiser.app.main_window import MainWindow
from visualiser.engine import compile_expression
from visualiser.engine.optim import OPTIMIZERS, PRESETS, run_optimizer

TIMEOUT_MS = 20_000
ROSENBROCK = PRESETS["rosenbrock"]


@pytest.fixture
def window(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.descent_lab)
    lab = main_window.descent_lab
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.grid is not None, timeout=TIMEOUT_MS)
    return main_window


@pytest.fixture
def lab(window):
    return window.descent_lab


def reference(optimizer: str, start, lr: float, steps: int, **hyperparameters):
    compiled = compile_expression(ROSENBROCK.expression, ("x", "y"))
    return run_optimizer(compiled, optimizer, start, hyperparameters={"lr": lr, **hyperparameters}, max_steps=steps)


def view_to_widget(lab, x: float, y: float) -> QPoint:
    scene = lab.plots.vb.mapViewToScene(QPointF(x, y))
    return lab.plots.mapFromScene(scene)


def wait_for_runs(qtbot, lab, condition) -> None:
    qtbot.waitUntil(lambda: lab.traces and condition(lab.traces), timeout=TIMEOUT_MS)


def test_opens_on_rosenbrock_with_a_race_of_all_seven(window, lab):
    assert lab.editor.text == ROSENBROCK.expression
    assert [trace.spec.optimizer for trace in lab.traces] == list(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == ROSENBROCK.default_start for trace in lab.traces)
    steps = lab.runs_panel.max_steps.value()
    gd = lab.traces[0]
    expected = reference("gd", ROSENBROCK.default_start, gd.lr, steps)
    np.testing.assert_allclose(gd.path, np.array(expected.path))
    assert window.playback.frame_count == lab.frame_count == steps + 1
    # the known minimum is marked, the colour bar says what it shows, the path is drawn to the last frame
    assert tuple(lab.plots.minima.data["x"]) == (1.0,) and tuple(lab.plots.minima.data["y"]) == (1.0,)
    assert "log10" in lab.plots.colour_bar.axis.labelText
    xs, _ = lab.plots.paths[0].getData()
    assert len(xs) == len(gd.path)
    assert len(lab.plots.loss_plot.run_curves) == 7


def test_surface_grid_matches_the_function(lab):
    grid = lab.grid
    rows, columns = grid.values.shape
    assert (rows, columns) == (512, 512)
    xs, ys = np.linspace(*grid.x_range, columns), np.linspace(*grid.y_range, rows)
    j, i = 100, 321
    expected = (1 - xs[i]) ** 2 + 100 * (ys[j] - xs[i] ** 2) ** 2
    assert grid.values[j, i] == pytest.approx(expected, rel=1e-12)
    assert grid.image[j, i] == pytest.approx(np.log10(expected - grid.minimum + 1e-3), rel=1e-5)
    assert len(lab.plots.contours.getData()[0]) > 100


def test_the_clear_button_removes_every_run_and_start_from_the_plot(qtbot, lab):
    qtbot.mouseClick(lab.runs_panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lab.traces and not lab.plots.starts, timeout=TIMEOUT_MS)
    assert lab.runs_panel.rows == []


def test_click_adds_a_start_point_and_a_run(qtbot, window, lab):
    qtbot.mouseClick(lab.runs_panel.clear_button, Qt.MouseButton.LeftButton)
    lab.runs_panel.new_optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    position = view_to_widget(lab, 1.5, 2.0)
    qtbot.mouseClick(lab.plots.viewport(), Qt.MouseButton.LeftButton, pos=position)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 1 and traces[0].spec.optimizer == "adam")
    trace = lab.traces[0]
    assert trace.path[0] == pytest.approx((1.5, 2.0), abs=0.05)  # one pixel is about 0.01 here
    expected = reference("adam", tuple(trace.path[0]), trace.lr, lab.runs_panel.max_steps.value())
    np.testing.assert_allclose(trace.path, np.array(expected.path))
    assert len(lab.plots.starts) == 1


def test_race_all_puts_seven_optimizers_on_the_first_start(qtbot, lab):
    lab.runs_panel.clear()
    lab.add_start(-1.0, 2.0)
    lab.add_start(0.5, -0.5)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 2)
    qtbot.mouseClick(lab.runs_panel.race_button, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 7)
    assert {trace.spec.optimizer for trace in lab.traces} == set(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == (-1.0, 2.0) for trace in lab.traces)
    assert len({trace.spec.colour for trace in lab.traces}) == 7
    assert len(lab.plots.starts) == 1


def test_step_and_scrub_move_the_current_points(qtbot, window, lab):
    playback = window.playback
    playback.reset()
    current = lab.plots.current
    assert np.allclose(current.data["x"], ROSENBROCK.default_start[0])
    qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
    assert playback.frame == 2
    assert [tuple(p) for p in zip(current.data["x"], current.data["y"])] == [tuple(t.path[2]) for t in lab.traces]
    assert len(lab.plots.paths[0].getData()[0]) == 3
    assert len(lab.plots.arrows["step"].getData()[0]) == 7 * 6  # shaft and two head strokes per run
    playback.timeline.setValue(150)
    assert playback.frame == 150
    assert lab.plots.loss_plot.frame_line.value() == 150
    assert tuple(lab.plots.current.data["x"]) == tuple(t.path[min(150, len(t.path) - 1)][0] for t in lab.traces)
    # the curvature overlay follows the selected run (gd) at the shown point
    eigenvalues = lab.traces[0].eigenvalues[150]
    assert f"2/λ_max = {float(stability_bound(eigenvalues)):.3g}" in lab.plots.hessian.text
    assert "2/λ_max" in lab.runs_panel.rows[0].bound.text()


def test_curvature_numbers_stay_in_a_corner_off_the_paths(qtbot, window, lab):
    hessian, vb = lab.plots.hessian, lab.plots.vb
    window.playback.set_frame(10)
    corner, text = hessian.label.sceneBoundingRect(), hessian.text
    window.playback.set_frame(200)
    assert hessian.text != text and hessian.label.sceneBoundingRect().topRight() == corner.topRight()
    vb.translateBy(x=0.5, y=0.25)  # panning moves the surface, not the numbers
    assert hessian.label.sceneBoundingRect().bottomRight() == corner.bottomRight()
    assert vb.sceneBoundingRect().contains(hessian.label.sceneBoundingRect())
    vb.translateBy(x=-0.5, y=-0.25)
    # neither the numbers nor the legend hide the minimum, the start or the paths drawn so far
    covered = [hessian.label.sceneBoundingRect(), lab.plots.legend.sceneBoundingRect()]
    points = [(1.0, 1.0), *(tuple(point) for trace in lab.traces for point in trace.path[:201])]
    for x, y in points:
        scene = vb.mapViewToScene(QPointF(x, y))
        assert not any(rect.contains(scene) for rect in covered), (x, y)


def test_dragging_a_start_recomputes_the_paths(qtbot, lab):
    target = lab.plots.starts[0]
    target.setPos(QPointF(0.0, 2.5))
    wait_for_runs(qtbot, lab, lambda traces: tuple(traces[0].path[0]) == (0.0, 2.5))
    gd = lab.traces[0]
    np.testing.assert_allclose(gd.path, reference("gd", (0.0, 2.5), gd.lr, lab.runs_panel.max_steps.value()).path)
    # and a real mouse drag of the start marker
    start = view_to_widget(lab, 0.0, 2.5)
    end = view_to_widget(lab, -1.5, 0.5)
    viewport = lab.plots.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for t in np.linspace(0, 1, 8)[1:]:
        qtbot.mouseMove(viewport, QPoint(round(start.x() + t * (end.x() - start.x())),
                                         round(start.y() + t * (end.y() - start.y()))))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    wait_for_runs(qtbot, lab, lambda traces: np.allclose(traces[0].path[0], (-1.5, 0.5), atol=0.05))
    assert len(lab.plots.starts) == 1 and len(lab.traces) == 7  # a drag is not a click that adds a start


def test_changing_the_learning_rate_changes_the_path(qtbot, lab):
    row = lab.runs_panel.rows[0]
    before = lab.traces[0].path.copy()
    row.lr.setValue(0.0005)
    wait_for_runs(qtbot, lab, lambda traces: traces[0].lr == 0.0005)
    after = lab.traces[0].path
    assert not np.array_equal(before, after)
    np.testing.assert_allclose(after, reference("gd", ROSENBROCK.default_start, 0.0005,
                                                lab.runs_panel.max_steps.value()).path)
    xs, ys = lab.plots.paths[0].getData()
    np.testing.assert_allclose(xs, after[: len(xs), 0])


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
    gd, status = lab.traces[0], lab.runs_panel.rows[0].status  # the race's rows were rebuilt
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
    wait_for_runs(qtbot, lab, lambda traces: traces[index].spec.hyperparameters["weight_decay"] == 0.5)
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
    wait_for_runs(qtbot, lab, lambda traces: traces[index].spec.hyperparameters["eps"] == 1e-3)
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "2.5e-2")
    qtbot.keyClick(eps.lineEdit(), Qt.Key.Key_Return)
    wait_for_runs(qtbot, lab, lambda traces: traces[index].spec.hyperparameters["eps"] == 0.025)
    trace = lab.traces[index]
    np.testing.assert_allclose(trace.path, reference("adagrad", ROSENBROCK.default_start, trace.lr, steps,
                                                     eps=0.025).path)
    row.optimizer.setCurrentIndex(OPTIMIZERS.index("gd"))
    assert not eps.isVisible()  # plain gradient descent has no eps
    # a new optimizer starts from its own defaults: AdamW's weight decay of 0.5 is not carried over to Adam
    adamw = lab.runs_panel.rows[OPTIMIZERS.index("adamw")]
    adamw.optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    assert adamw.extras["weight_decay"].value() == 0.0 and adamw.hyperparameters()["weight_decay"] == 0.0


def test_a_diverged_run_is_marked_and_explained(qtbot, window, lab):
    lab.runs_panel.rows[0].lr.setValue(1.0)
    wait_for_runs(qtbot, lab, lambda traces: traces[0].diverged)
    trace = lab.traces[0]
    expected = reference("gd", ROSENBROCK.default_start, 1.0, lab.runs_panel.max_steps.value())
    assert expected.status == "diverged"
    np.testing.assert_allclose(trace.path, np.array(expected.path))
    window.playback.set_frame(window.playback.frame_count - 1)
    marker = lab.plots.diverged
    assert marker.isVisible() and len(marker.data) == 1
    assert (marker.data["x"][0], marker.data["y"][0]) == tuple(trace.path[-1])
    text = lab.notice.text()
    assert "diverged" in text and "above 2/λ_max" in text
    bound = float(stability_bound(trace.eigenvalues[0]))
    assert f"{bound:.3g}" in text  # the bound at the start point, where the first step overshot
    status = lab.runs_panel.rows[0].status
    assert expected.steps == 1 and "✗ diverged after 1 step<" in status.text()
    assert status.toolTip() == trace.message and "above 2/λ_max" in status.toolTip()
    # the unstable segment is drawn in red, the others runs still race
    assert len(lab.plots.unstable.getData()[0]) == 2
    assert not any(t.diverged for t in lab.traces[1:])


def test_changing_a_parameter_and_the_view_recompute_the_surface(qtbot, lab):
    lab.editor.set_text("x^2 + k y^2")
    qtbot.waitUntil(lambda: lab.compiled is not None and lab.compiled.parameters == ("k",), timeout=TIMEOUT_MS)
    slider = lab.parameters.slider("k")
    with qtbot.waitSignal(lab.surfaceUpdated, timeout=TIMEOUT_MS):
        slider.setValue(3.0)
    qtbot.waitUntil(lambda: np.isclose(lab.grid.values[0, 0], lab.grid.x_range[0] ** 2 + 3 * lab.grid.y_range[0] ** 2),
                    timeout=TIMEOUT_MS)
    assert lab.plots.minima.data.size == 0  # not a preset: no known minima claimed
    with qtbot.waitSignal(lab.surfaceUpdated, timeout=TIMEOUT_MS):
        lab.plots.set_view((10.0, 12.0), (-1.0, 1.0))
    qtbot.waitUntil(lambda: lab.grid.x_range[0] > 9, timeout=TIMEOUT_MS)


def test_a_bad_expression_keeps_the_surface(qtbot, lab):
    grid = lab.grid
    lab.editor.set_text("x^2 + (y")
    qtbot.waitUntil(lambda: not lab.editor.error_label.isHidden(), timeout=TIMEOUT_MS)
    assert lab.editor.error_label.text() == "missing ')' at column 9"
    assert lab.editor.caret_label.text() == "x^2 + (y\n        ^"
    assert lab.grid is grid and len(lab.traces) == 7


def test_presets_menu_loads_every_surface(qtbot, window, lab):
    menu = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Presets")
    titles = [action.text() for action in menu.actions()]
    assert titles == [surface.title for surface in PRESETS.values()]
    next(action for action in menu.actions() if action.text() == "Beale").trigger()
    qtbot.waitUntil(lambda: lab.editor.text == PRESETS["beale"].expression and lab.traces
                    and tuple(lab.traces[0].path[0]) == PRESETS["beale"].default_start, timeout=TIMEOUT_MS)
    assert tuple(lab.plots.minima.data["x"]) == (3.0,)


def test_the_3d_option_is_disabled_offscreen_with_a_reason(lab):
    assert not lab.show_3d.isEnabled()
    assert "OpenGL" in lab.show_3d.toolTip()


def test_log_scale_toggle_relabels_the_colour_bar(qtbot, lab):
    with qtbot.waitSignal(lab.surfaceUpdated, timeout=TIMEOUT_MS):
        lab.log_scale.setChecked(False)
    assert lab.plots.colour_bar.axis.labelText == "loss"
    assert not lab.grid.log_scale


def test_a_surface_undefined_everywhere_is_rejected_in_one_sentence():
    compiled = compile_expression("log(-1 - x^2) + y", ("x", "y"))
    result = surface_grid(compiled, {}, (-1, 1), (-1, 1), True, size=16)
    assert isinstance(result, Rejected) and result.message == "the loss is undefined everywhere in this view"


def open_window(qtbot, settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_race_is_restored_in_a_new_window(qtbot, window, lab, settings):
    lab.editor.set_text("(a-x)^2 + 100(y-x^2)^2")
    qtbot.waitUntil(lambda: lab.compiled is not None and lab.compiled.parameters == ("a",), timeout=TIMEOUT_MS)
    lab.parameters.slider("a").setValue(1.5)
    lab.add_start(0.5, 2.0)  # a gradient-descent run from a second start
    lab.runs_panel.new_optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
    qtbot.mouseClick(lab.plots.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, -1.5, 0.0))
    rows = lab.runs_panel.rows
    rows[1].lr.setValue(0.002)
    adamw = rows[OPTIMIZERS.index("adamw")]
    qtbot.mouseClick(adamw.more, Qt.MouseButton.LeftButton)
    adamw.extras["weight_decay"].setValue(0.2)
    qtbot.mouseClick(rows[2].remove, Qt.MouseButton.LeftButton)
    lab.runs_panel.max_steps.setValue(300)
    lab.plots.vb.translateBy(x=0.25, y=-0.5)
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 8 and traces[1].lr == 0.002 and len(traces[0].path) == 301
                  and lab.runs.params == {"a": 1.5} and traces[-1].spec.optimizer == "adam")
    before = lab.traces
    view = lab.plots.framed_range()
    assert view[1] == (-1.5, 2.5)
    window.close()

    second = open_window(qtbot, settings)
    restored = second.descent_lab
    assert second.current_lab is restored
    qtbot.waitUntil(lambda: len(restored.traces) == 8 and restored.runs.params == {"a": 1.5}, timeout=TIMEOUT_MS)
    assert restored.editor.text == "(a-x)^2 + 100(y-x^2)^2" and restored.parameters.values == {"a": 1.5}
    assert restored.runs_panel.max_steps.value() == 300 and len(restored.plots.starts) == 3
    for old, new in zip(before, restored.traces):
        assert new.spec == old.spec
        np.testing.assert_array_equal(new.path, old.path)
    assert restored.plots.framed_range() == view
    assert restored.runs_panel.rows[OPTIMIZERS.index("adamw") - 1].more.isChecked()  # a changed weight decay shows
    # and the restored momentum run is the engine's, on the edited surface with a = 1.5
    momentum = restored.traces[1]
    compiled = compile_expression("(a-x)^2 + 100(y-x^2)^2", ("x", "y"))
    expected = run_optimizer(compiled, "momentum", ROSENBROCK.default_start, hyperparameters={"lr": 0.002},
                             params={"a": 1.5}, max_steps=300)
    np.testing.assert_allclose(momentum.path, np.array(expected.path))


def _saved(**changes) -> str:
    race = json.loads(SavedRace(ROSENBROCK.expression, {}, ((0.5, 0.5),), (SavedRun("adam", 0, {"lr": 0.01}),),
                                100, ((-2.0, 2.0), (-1.0, 3.0))).to_json())
    return json.dumps({**race, **changes})


@pytest.mark.parametrize("saved", [
    "{not json", "null", "[1, 2]", '"text"', _saved(version=99), _saved(expression=""), _saved(expression=7),
    _saved(runs=[{"optimizer": "lbfgs", "start_index": 0, "hyperparameters": {}}]),
    _saved(runs=[{"optimizer": "adam", "start_index": 3, "hyperparameters": {}}]),
    _saved(runs=[{"optimizer": "adam", "start_index": 0, "hyperparameters": {"lr": -1}}]),
    _saved(runs=[{"optimizer": "gd", "start_index": 0, "hyperparameters": {"betas": [0.9, 0.99]}}]),
    _saved(starts=[[float("nan"), 0.0]]), _saved(starts=[[1.0]]), _saved(max_steps=10**9),
    _saved(starts=[[10**400, 0.0]]), _saved(parameters={"a": 10**400}),  # ints too large for a float
    _saved(view=[[2.0, -2.0], [-1.0, 3.0]]), _saved(parameters={"a": "many"}),
    _saved(runs=[{"optimizer": "adam", "start_index": 0, "hyperparameters": {}, "colour": "red; font-size:99px"}]),
    _saved(expression="x^2 + (y"),  # does not compile: found only when the compile comes back
], ids=lambda saved: saved[:40])
def test_a_corrupt_saved_race_falls_back_to_the_default_race(qtbot, settings, saved):
    settings.setValue("descent/race", saved)
    settings.setValue("window/tab", 1)
    window = open_window(qtbot, settings)
    lab = window.descent_lab
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.grid is not None, timeout=TIMEOUT_MS)
    assert lab.editor.text == ROSENBROCK.expression and lab.editor.error_label.isHidden()
    assert [trace.spec.optimizer for trace in lab.traces] == list(OPTIMIZERS)
    assert all(tuple(trace.path[0]) == ROSENBROCK.default_start for trace in lab.traces)


def test_a_garbled_settings_file_falls_back_to_the_default_race(qtbot, tmp_path):
    path = tmp_path / "garbled.ini"
    path.write_bytes(b"[descent]\nrace=\xff\xfe{\"version\": 1, \x00\x01\n[window]\ntab=1\ngeometry=@ByteArray(\x00)\n")
    window = open_window(qtbot, QSettings(str(path), QSettings.Format.IniFormat))
    lab = window.descent_lab
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.grid is not None, timeout=TIMEOUT_MS)
    assert window.current_lab is lab and lab.editor.text == ROSENBROCK.expression
    window.close()  # and the default race is what is saved now
    assert json.loads(QSettings(str(path), QSettings.Format.IniFormat).value("descent/race"))["expression"] == \
        ROSENBROCK.expression


def test_a_new_function_undefined_in_the_view_leaves_no_stale_surface(qtbot, lab):
    assert lab.plots.image.image is not None
    lab.editor.set_text("sqrt(-1 - x^2 - y^2)")
    qtbot.waitUntil(lambda: "undefined everywhere" in lab.notice.text(), timeout=TIMEOUT_MS)
    assert lab.grid is None and lab.plots.image.image is None  # not Rosenbrock's heatmap under the new f
    lab.editor.set_text("x^2 + y^2")  # and a good function brings a surface back
    qtbot.waitUntil(lambda: lab.grid is not None and lab.plots.image.image is not None, timeout=TIMEOUT_MS)
