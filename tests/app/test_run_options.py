"""The run row's schedule, noise and clipping controls in the real window (issue 12, item 23), and its |∇|."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from visualiser.app.descent_lab.runs_panel import SCHEDULE_CHOICES, run_summary
from visualiser.engine import compile_expression
from visualiser.engine.optim import ConstantRate, CosineAnnealingLR, LinearLR, StepLR, run_optimizer
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.descent.scene import DescentScene, RunSetup

TIMEOUT_MS = 20_000
BOWL = "x^2 + 10y^2"


def one_run(qtbot, descent_lab, run: RunSetup):
    descent_lab.set_scene(DescentScene(expression=BOWL, view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, -1.0),),
                                       runs=(run,), max_steps=200))
    wait_for(qtbot, descent_lab, lambda trace: trace.run == descent_lab.scene().runs[0])
    return descent_lab.runs_panel.rows[0]


def wait_for(qtbot, descent_lab, condition):
    qtbot.waitUntil(lambda: len(descent_lab.traces) == 1 and condition(descent_lab.traces[0]), timeout=TIMEOUT_MS)


def engine_path(run: RunSetup, steps: int = 200):
    return np.array(run_optimizer(compile_expression(BOWL), run.optimizer, (2.0, -1.0),
                                  hyperparameters=run.hyperparameters, max_steps=steps, **run.options).path)


def test_the_options_are_behind_more_and_a_schedule_is_chosen_there(qtbot, descent_lab):
    row = one_run(qtbot, descent_lab, RunSetup(optimizer="momentum", hyperparameters={"lr": 0.05}))
    options = row.options
    assert not options.isVisible()  # nothing set: the row stays compact
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert options.isVisible() and not options.steps.isVisible() and not options.value.isVisible()
    options.schedule.setCurrentIndex(list(SCHEDULE_CHOICES).index("cosine"))
    wait_for(qtbot, descent_lab, lambda trace: isinstance(trace.run.schedule, CosineAnnealingLR))
    assert descent_lab.scene().runs[0].schedule == CosineAnnealingLR(T_max=200)  # over the scene's 200 steps
    assert options.steps_label.text() == "T_max" and options.steps.value() == 200
    assert options.value_label.text() == "η_min" and options.value.value() == 0.0
    options.steps.setValue(80)
    options.value.setValue(0.001)
    wait_for(qtbot, descent_lab, lambda trace: trace.run.schedule == CosineAnnealingLR(T_max=80, eta_min=0.001))
    trace = descent_lab.traces[0]
    np.testing.assert_array_equal(trace.path, engine_path(trace.run))
    descent_lab.runs_panel.show_frame_info(descent_lab.traces, 40)
    assert f"lr now {trace.learning_rates[40]:.3g}" in row.bound.text()
    assert trace.learning_rates[40] == pytest.approx(0.001 + (0.05 - 0.001) * (1 + np.cos(np.pi * 40 / 80)) / 2)
    options.schedule.setCurrentIndex(list(SCHEDULE_CHOICES).index("constant"))
    wait_for(qtbot, descent_lab, lambda trace: trace.run.schedule == ConstantRate())
    assert "lr now" not in row.bound.text()


def test_each_schedule_shows_its_own_arguments_with_pytorchs_limits(qtbot, descent_lab):
    row = one_run(qtbot, descent_lab, RunSetup(optimizer="gd", hyperparameters={"lr": 0.05},
                                       schedule=LinearLR(start_factor=0.25, total_iters=30)))
    options = row.options
    assert row.more.isChecked() and options.isVisible()  # a run with a schedule opens "more": nothing is hidden
    assert (options.steps_label.text(), options.steps.value()) == ("over", 30)
    assert (options.value_label.text(), options.value.value(), options.value.maximum()) == ("from ×", 0.25, 1.0)
    options.schedule.setCurrentIndex(list(SCHEDULE_CHOICES).index("step"))
    wait_for(qtbot, descent_lab, lambda trace: isinstance(trace.run.schedule, StepLR))
    assert (options.steps_label.text(), options.value_label.text()) == ("every", "× γ")
    options.value.setValue(0.5)
    wait_for(qtbot, descent_lab, lambda trace: trace.run.schedule == StepLR(gamma=0.5))
    options.schedule.setCurrentIndex(list(SCHEDULE_CHOICES).index("exponential"))
    wait_for(qtbot, descent_lab, lambda trace: type(trace.run.schedule).__name__ == "ExponentialLR")
    assert not options.steps.isVisible() and options.value_label.text() == "γ"


def test_noise_seed_and_clipping_change_the_run_as_the_engine_does(qtbot, descent_lab):
    row = one_run(qtbot, descent_lab, RunSetup(optimizer="gd", hyperparameters={"lr": 0.05}))
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    options = row.options
    assert options.clip.text() == "off"
    quiet = descent_lab.traces[0].path.copy()
    options.noise.setValue(0.5)
    wait_for(qtbot, descent_lab, lambda trace: trace.run.noise == 0.5)
    noisy = descent_lab.traces[0].path.copy()
    assert not np.array_equal(noisy, quiet[: len(noisy)])
    options.seed.setValue(11)
    wait_for(qtbot, descent_lab, lambda trace: trace.run.seed == 11)
    assert not np.array_equal(descent_lab.traces[0].path, noisy)
    options.clip.setValue(2.0)
    wait_for(qtbot, descent_lab, lambda trace: trace.run.clip == 2.0)
    trace = descent_lab.traces[0]
    np.testing.assert_array_equal(trace.path, engine_path(trace.run))
    assert np.hypot(*trace.step[0]) <= 0.05 * 2.0 + 1e-12  # the first step: lr times a gradient clipped to 2
    options.clip.setValue(0.0)  # "off"
    wait_for(qtbot, descent_lab, lambda trace: trace.run.clip is None)
    assert descent_lab.scene().runs[0].seed == 11 and descent_lab.scene().runs[0].noise == 0.5


def test_the_summary_gives_the_true_length_of_a_huge_gradient():
    scene = DescentScene(expression="1e300 (x^2 + y^2)", view=((-2.0, 2.0), (-2.0, 2.0)), starts=((1.0, 1.0),),
                         runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 1e-305}),), max_steps=3)
    (trace,) = compute_runs(scene).traces
    assert not trace.diverged
    assert run_summary(trace) == f"3 steps · loss {trace.loss[-1]:.2g} · |∇| 2.8e+300"
