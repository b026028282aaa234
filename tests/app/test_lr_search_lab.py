"""Drive the learning-rate lab in the real main window the way a learner would (offscreen)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from visualiser.engine import compile_expression
from visualiser.engine.lr_search import FASTEST, STABLE
from visualiser.engine.optim import run_optimizer
from visualiser.figures.lr_search_figure import clipped_path
from visualiser.labs.lr_search.compute import line_searches_at

TIMEOUT_MS = 60_000


@pytest.fixture
def window(qtbot, main_window):
    lab = main_window.lab("lr_search")
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
    return main_window


@pytest.fixture
def lab(window):
    return window.lab("lr_search")


def to_widget(lab, view_box, x: float, y: float) -> QPoint:
    return lab.figure_view.mapFromScene(view_box.mapViewToScene(QPointF(x, y)))


def wait_for_search(qtbot, lab, condition) -> None:
    qtbot.waitUntil(lambda: lab.run is not None and not lab.search_runner.busy and condition(lab.run),
                    timeout=TIMEOUT_MS)


def test_opens_on_a_quadratic_and_bisects_to_two_over_lambda_max(window, lab):
    search = lab.run.search
    assert lab.editor.text == "x^2 + 10y^2" and search.goal == STABLE
    assert abs(math.log10(search.threshold) - math.log10(0.1)) < 1e-4  # λ_max = 20
    assert window.playback.frame_count == lab.frame_count == search.iterations + 1
    assert lab.table.rowCount() == search.iterations + 1
    assert lab.table.item(search.iterations, 4).text() == f"{search.steps[-1].mid:.7g}"
    assert "theory 2/λ_max = 0.1" in lab.notice.text()
    # The end: the threshold and the theory are marked on the sweep, every probe in the bracket plot.
    assert lab.figure.sweep.threshold.isVisible() and lab.figure.sweep.theory.value() == pytest.approx(-1.0)
    assert len(lab.figure.bracket.probes.data) == search.iterations


def test_stepping_through_the_search_shows_one_probe_more_each_frame(qtbot, window, lab):
    playback = window.playback
    playback.reset()
    assert lab.frame == 0 and len(lab.figure.bracket.probes.data) == 0
    playback.step_forward()
    playback.step_forward()
    assert lab.frame == 2 and lab.table.currentRow() == 2
    assert len(lab.figure.bracket.probes.data) == 2
    # The second probe's path is the bright one on the surface, checked against a run of its own.
    step = lab.run.search.steps[1]
    single = run_optimizer(compile_expression("x^2 + 10y^2"), "gd", (-2.5, 1.5), hyperparameters={"lr": step.mid},
                           max_steps=1000, keep_trajectory=False)
    xs, ys = lab.figure.current_path.getData()
    expected = clipped_path(np.array(single.path), lab.scene().view)
    np.testing.assert_array_equal(np.column_stack([xs, ys]), expected)
    assert (single.status == "diverged" or single.loss[-1] > single.loss[0]) == step.diverged
    assert not lab.figure.sweep.threshold.isVisible()  # the answer is marked once the search reached it
    lab.table.selectRow(5)
    assert lab.frame == 5 and playback.frame == 5


def test_switching_the_goal_finds_the_fastest_rate_near_two_over_the_eigenvalue_sum(qtbot, window, lab):
    qtbot.mouseClick(lab.search_panel.goal_buttons[FASTEST], Qt.MouseButton.LeftButton)
    assert lab.scene().goal == FASTEST
    wait_for_search(qtbot, lab, lambda run: run.search.goal == FASTEST)
    search = lab.run.search
    assert search.found and search.best == pytest.approx(2 / 22, rel=0.10)
    assert any(step.phase == "golden" for step in search.steps)
    assert lab.figure.sweep.best.isVisible() and lab.figure.sweep.best.value() == pytest.approx(math.log10(search.best))
    assert "2/(λ_min+λ_max)" in lab.notice.text()


def test_clicking_a_heatmap_cell_animates_that_run(qtbot, window, lab):
    panel = lab.search_panel
    panel.optimizer.setCurrentIndex(panel.optimizer.findData("momentum"))
    panel.steps.setValue(300)
    qtbot.mouseClick(panel.heatmap, Qt.MouseButton.LeftButton)
    assert lab.scene().show_heatmap and lab.scene().optimizer == "momentum"
    qtbot.waitUntil(lambda: lab.run is not None and lab.run.scene.optimizer == "momentum"
                    and lab.run.heatmap is not None, timeout=TIMEOUT_MS)
    heatmap = lab.run.heatmap
    # Polyak's optimum is the star; the heavy ball's theory value is 2(1+μ)/λ_max.
    assert "2(1+μ)/λ_max = 0.19" in lab.notice.text()
    row, column = 12, 20
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=to_widget(lab, lab.figure.heatmap.click_box, *lab.figure.heatmap.cell_centre(row, column)))
    assert lab.scene().cell == (row, column)
    qtbot.waitUntil(lambda: lab.run.cell is not None and not lab.cell_timer.isActive(), timeout=TIMEOUT_MS)
    single = run_optimizer(compile_expression("x^2 + 10y^2"), "momentum", (-2.5, 1.5),
                           hyperparameters=heatmap.hyperparameters(row, column), max_steps=300, keep_trajectory=False)
    xs, ys = lab.figure.cell_path.getData()
    np.testing.assert_array_equal(np.column_stack([xs, ys]), clipped_path(np.array(single.path), lab.scene().view))
    assert lab.run.cell.steps == single.steps


def test_a_click_on_the_surface_moves_the_start_and_searches_again(qtbot, window, lab):
    qtbot.mouseClick(lab.figure_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=to_widget(lab, lab.figure.surface_box, 1.0, -1.0))
    x, y = lab.scene().start
    assert x == pytest.approx(1.0, abs=0.05) and y == pytest.approx(-1.0, abs=0.05)
    wait_for_search(qtbot, lab, lambda run: run.scene.start == (x, y))
    assert lab.run.search.probes[0].path[0].tolist() == [x, y]
    assert lab.search_panel.start[0].value() == x


def test_bad_input_keeps_the_last_search_on_screen(qtbot, window, lab):
    shown = lab.run
    lab.editor.line_edit.setText("x^2 + (y")
    lab.editor.line_edit.returnPressed.emit()
    assert lab.editor.error_label.full_text == "missing ')' at column 9"
    assert lab.run is shown and lab.scene().expression == "x^2 + 10y^2"
    lab.editor.line_edit.setText("log(x) + y^2")  # parses, but the loss is undefined at the start (-2.5, 1.5)
    lab.editor.line_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: "undefined at the start point" in lab.notice.text(), timeout=TIMEOUT_MS)
    assert lab.run is shown


def test_the_line_search_view_shows_the_exact_and_the_armijo_step(qtbot, window, lab):
    qtbot.mouseClick(lab.search_panel.line_search, Qt.MouseButton.LeftButton)
    assert lab.scene().line_search and lab.figure.line_search.isVisible()
    plot = lab.figure.line_search
    assert plot.exact.isVisible() and plot.exact.value() == pytest.approx(925 / 18050, abs=1e-11)  # gᵀg / gᵀHg
    assert plot.titleLabel.text == "Line search at the start"
    ts, phis = plot.trials.getData()
    accepted = line_searches_at(lab.run, lab.scene().start).armijo[-1]
    assert ts[-1] == accepted.t and phis[-1] == accepted.phi
    assert accepted.phi <= 28.75 + 1e-4 * accepted.t * -925  # φ(0) = 28.75, φ'(0) = −|∇f|² = −925
    qtbot.mouseClick(lab.search_panel.line_search, Qt.MouseButton.LeftButton)
    assert not plot.isVisible() and plot.geometry().width() == 0  # folded away again


def test_the_line_search_view_follows_the_shown_probe_from_frame_to_frame(qtbot, window, lab):
    qtbot.mouseClick(lab.search_panel.line_search, Qt.MouseButton.LeftButton)
    assert lab.search_panel.line_step.isEnabled()
    lab.search_panel.line_step.setValue(3)
    assert lab.scene().line_step == 3
    plot, playback = lab.figure.line_search, window.playback
    playback.reset()
    points = []
    for frame in range(4):
        if frame:
            qtbot.mouseClick(playback.forward_button, Qt.MouseButton.LeftButton)
        assert lab.frame == frame
        probe = lab.run.search.probes[lab.run.search.steps[frame - 1].probe] if frame else None
        x, y = probe.path[3] if probe is not None else lab.scene().start  # x_k: the shown probe after 3 steps
        points.append((x, y))
        gx, gy = 2 * x, 20 * y  # ∇(x^2 + 10y^2)
        ts, phis = plot.slice.getData()
        assert len(ts) > 50
        np.testing.assert_allclose(phis, (x - ts * gx) ** 2 + 10 * (y - ts * gy) ** 2, rtol=1e-12, atol=1e-300)
        assert plot.exact.value() == pytest.approx((gx**2 + gy**2) / (2 * gx**2 + 20 * gy**2), rel=1e-12)
        assert tuple(lab.figure.line_point.data["x"]) == (x,) and tuple(lab.figure.line_point.data["y"]) == (y,)
        assert plot.titleLabel.text == ("Line search, step 3" if frame else
                                        "Line search at the start")
        # plain gradient descent's own step from x_k, t = its lr, lies on the slice: φ(lr) = f(x_{k+1})
        assert plot.rate.isVisible() == (probe is not None)
        if probe is not None:
            assert plot.rate.value() == probe.lr
            assert probe.loss[4] == pytest.approx((x - probe.lr * gx) ** 2 + 10 * (y - probe.lr * gy) ** 2, rel=1e-12)
    assert len(set(points)) == 4  # each frame's probe is somewhere else after three steps
