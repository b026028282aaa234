"""The line-search optimizers in the descent lab's runs panel: added from "Click adds" and from a row's optimizer box,
raced against the fixed rates, their path drawn, their row showing the step length each search chose."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from visualiser.engine import compile_expression
from visualiser.engine.optim import ALL_OPTIMIZERS, ConstantRate, CosineAnnealingLR, run_optimizer
from visualiser.labs.descent.scene import DescentScene, RunSetup

TIMEOUT_MS = 20_000
BOWL = "x^2 + 10y^2"  # H = diag(2, 20)
HESSIAN = np.diag([2.0, 20.0])


def view_to_widget(lab, x: float, y: float) -> QPoint:
    return lab.figure_view.mapFromScene(lab.figure.vb.mapViewToScene(QPointF(x, y)))


def wait_for_runs(qtbot, lab, condition) -> None:
    qtbot.waitUntil(lambda: lab.traces and condition(lab.traces), timeout=TIMEOUT_MS)


def steepest_descent_with_exact_steps(start, steps: int, tol: float = 1e-8) -> np.ndarray:
    """x − (gᵀg / gᵀHg) g on the bowl: the exact step in closed form."""
    x, path = np.array(start, dtype=float), [np.array(start, dtype=float)]
    for _ in range(steps):
        g = HESSIAN @ x
        if np.linalg.norm(g) < tol:
            break
        x = x - (g @ g) / (g @ HESSIAN @ g) * g
        path.append(x)
    return np.array(path)


def test_an_exact_line_search_added_by_a_click_races_gd_and_converges_on_a_bowl(qtbot, main_window, descent_lab):
    lab = descent_lab
    lab.set_scene(DescentScene(expression=BOWL, view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, -1.0),),
                               runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.05}),), max_steps=300))
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 1 and traces[0].run.optimizer == "gd")
    panel = lab.runs_panel
    assert [panel.new_optimizer.itemData(i) for i in range(panel.new_optimizer.count())] == list(ALL_OPTIMIZERS)
    panel.new_optimizer.setCurrentIndex(panel.new_optimizer.findData("exact_line_search"))
    assert lab.scene().click_adds == "exact_line_search"
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=view_to_widget(lab, -2.0, 1.5))
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 2)
    gd, exact = lab.traces
    assert exact.run.optimizer == "exact_line_search" and exact.run.lr is None
    start = tuple(exact.path[0])
    np.testing.assert_allclose(exact.path, steepest_descent_with_exact_steps(start, 300), rtol=1e-9, atol=1e-12)
    assert exact.result.status == "converged" and exact.result.steps < gd.result.steps  # it wins the race
    # its row: the method's name, no learning rate, its own setting, and how it went
    row = panel.rows[1]
    assert row.optimizer.currentText() == "GD with exact line search"
    assert not row.lr.isVisible() and not row.lr_label.isVisible() and panel.rows[0].lr.isVisible()
    assert row.extras["slope_tol"].isVisible() and row.extras["slope_tol"].value() == 1e-6
    assert f"✓ converged at step {exact.result.steps}" in row.status.text()
    # behind "more": the bracket's settings (and no schedule, noise or clipping, which it does not take)
    assert not row.extras["max_bisections"].isVisible()
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert row.extras["max_bisections"].isVisible() and row.extras["growth"].isVisible()
    assert not row.options.isVisible()
    row.extras["max_bisections"].setValue(2.5)  # refused by the engine in one sentence; the run stays
    assert "max_bisections must be a whole number from 1 to 1000, not 2.5" in lab.notice.text()
    assert lab.scene().runs[1].hyperparameters["max_bisections"] == 100
    # the race: at each frame its current point and the step length its search chose there
    playback = main_window.playback
    playback.reset()
    for frame in (1, 2, 3):
        qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
        assert tuple(lab.figure.current.points[1]) == tuple(exact.path[frame])
        assert len(lab.figure.paths.shown(1)) == frame + 1
        g = HESSIAN @ exact.path[frame]
        assert row.bound.text().startswith(f"t = {(g @ g) / (g @ HESSIAN @ g):.3g} (")
    playback.set_frame(lab.frame_count - 1)
    np.testing.assert_array_equal(lab.figure.paths.shown(1), exact.path)  # its whole path is drawn
    assert row.bound.text() == ""  # no search from its last point


def test_a_row_switched_to_armijo_backtracking_shows_and_takes_its_settings(qtbot, descent_lab):
    lab = descent_lab
    lab.set_scene(DescentScene(expression=BOWL, view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, -1.0),),
                               runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.05}, noise=0.2,
                                              schedule=CosineAnnealingLR(T_max=100)),), max_steps=300))
    wait_for_runs(qtbot, lab, lambda traces: len(traces) == 1 and traces[0].run.noise == 0.2)
    row = lab.runs_panel.rows[0]
    assert row.more.isChecked() and row.options.isVisible()
    row.optimizer.setCurrentIndex(row.optimizer.findData("armijo"))
    wait_for_runs(qtbot, lab, lambda traces: traces[0].run.optimizer == "armijo")
    run = lab.scene().runs[0]
    # a line search takes no schedule or noise: the switch leaves them behind, and hides their controls
    assert (run.noise, run.clip, run.schedule) == (0.0, None, ConstantRate())
    assert run.hyperparameters == {"t0": 1.0, "c": 1e-4, "rho": 0.5}
    assert not row.options.isVisible() and not row.lr.isVisible() and row.extras["t0"].isVisible()
    assert not row.extras["c"].isVisible() and row.more.isVisible()  # Nocedal and Wright's c and ρ rarely change
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert all(row.extras[name].isVisible() for name in ("t0", "c", "rho")) and not row.options.isVisible()
    row.extras["t0"].setValue(0.3)
    wait_for_runs(qtbot, lab, lambda traces: traces[0].run.hyperparameters["t0"] == 0.3)
    trace = lab.traces[0]
    expected = run_optimizer(compile_expression(BOWL), "armijo", (2.0, -1.0), hyperparameters={"t0": 0.3},
                             max_steps=300)
    np.testing.assert_array_equal(trace.path, np.array(expected.path))
    assert trace.result.status == "converged"
    f = compile_expression(BOWL)
    for k in (0, 1, 5):  # each step passed Armijo's test
        x, t = trace.path[k], trace.learning_rates[k]
        g = HESSIAN @ x
        assert f.value(*(x - t * g)) <= f.value(*x) - 1e-4 * t * (g @ g)
        assert t == pytest.approx(0.3 * 0.5 ** (trace.searches[k] - 1))
    lab.runs_panel.show_frame_info(lab.traces, 5)
    trials = int(trace.searches[5])
    assert row.bound.text() == f"t = {trace.learning_rates[5]:.3g} ({trials} trial{'s' * (trials != 1)})"
