"""A run's learning-rate schedule, gradient noise and clipping in the scene, its file and its runs (issue 12, item 23)."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest

from visualiser.engine import compile_expression
from visualiser.engine.optim import (SCHEDULES, ConstantRate, CosineAnnealingLR, ExponentialLR, LinearLR, StepLR,
                                     run_optimizer)
from visualiser.labs.descent import edits
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.descent.scene import DescentScene, RunSetup
from visualiser.labs.scene import SceneError
from visualiser.labs.scene_file import SceneFileError, scene_from_json, scene_to_json

BOWL = "x^2 + 10y^2"


def scene_with(*runs: RunSetup) -> DescentScene:
    return DescentScene(expression=BOWL, view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, -1.0),), runs=runs)


EVERY_OPTION = scene_with(
    RunSetup(optimizer="gd", hyperparameters={"lr": 0.05}),
    RunSetup(optimizer="momentum", hyperparameters={"lr": 0.05}, schedule=StepLR(step_size=50, gamma=0.5)),
    RunSetup(optimizer="nesterov", hyperparameters={"lr": 0.02}, schedule=ExponentialLR(gamma=0.99), clip=3.0),
    RunSetup(optimizer="adam", hyperparameters={"lr": 0.1}, schedule=CosineAnnealingLR(T_max=200, eta_min=1e-4),
             noise=0.5, seed=42),
    RunSetup(optimizer="rmsprop", hyperparameters={"lr": 0.01},
             schedule=LinearLR(start_factor=0.1, end_factor=0.9, total_iters=40), noise=1e-3, seed=2**31 - 1, clip=1e-6),
)


def test_a_scene_with_every_option_survives_its_file():
    text = scene_to_json(EVERY_OPTION)
    assert '"schedule":{"kind":"cosine","T_max":200,"eta_min":0.0001}' in text
    assert scene_from_json(text) == EVERY_OPTION
    # a file from before these options existed reads as no schedule, no noise, no clipping
    old = text.replace(',"schedule":{"kind":"constant"},"noise":0.0,"seed":0,"clip":null', "")
    assert old != text and scene_from_json(old).runs[0] == EVERY_OPTION.runs[0]
    assert EVERY_OPTION.runs[0].schedule == ConstantRate() and EVERY_OPTION.runs[0].clip is None


@pytest.mark.parametrize("old, new, message", [
    ('"T_max":200', '"T_max":0', "scene.runs[3].schedule: CosineAnnealingLR's T_max must be a whole number of steps, "
                                 "1 or more, not 0"),
    ('"T_max":200', '"T_max":2.5', "scene.runs[3].schedule.T_max: expected 'int', got 'float'"),
    ('"kind":"cosine"', '"kind":"warmup"', "scene.runs[3].schedule.kind: invalid value 'warmup'"),
    ('"gamma":0.5', '"gamma":-0.5', "scene.runs[1].schedule: StepLR's gamma must be positive, not -0.5"),
    ('"start_factor":0.1', '"start_factor":0', "scene.runs[4].schedule: LinearLR's start_factor must be above 0 and at "
                                               "most 1, not 0"),
    ('"eta_min":0.0001', '"eta_min":0.0001,"T_0":10', "scene.runs[3].schedule: object contains unknown field 'T_0'"),
    ('"noise":0.5', '"noise":-0.5', "scene.runs[3].noise: the gradient noise σ must be zero (no noise) or positive, "
                                    "not -0.5"),
    ('"seed":42', '"seed":-1', "scene.runs[3].seed: the noise seed must be a whole number from 0 to 2147483647, not -1"),
    ('"clip":3.0', '"clip":0.0', "scene.runs[2].clip: the clipping max norm must be positive (a max norm of 0 would "
                                 "zero every gradient), not 0"),
    ('"clip":3.0', '"clip":"big"', "scene.runs[2].clip: expected 'float | null', got 'str'"),
])
def test_a_bad_option_in_a_file_is_refused_naming_the_field(old, new, message):
    text = scene_to_json(EVERY_OPTION)
    assert old in text
    with pytest.raises(SceneFileError) as refused:
        scene_from_json(text.replace(old, new, 1))
    assert str(refused.value) == message


def test_the_runs_are_the_engines_runs_with_their_options():
    compiled = compile_expression(BOWL)
    traces = compute_runs(EVERY_OPTION).traces
    for trace, run in zip(traces, EVERY_OPTION.runs):
        expected = run_optimizer(compiled, run.optimizer, (2.0, -1.0), hyperparameters=run.hyperparameters,
                                 max_steps=EVERY_OPTION.max_steps, schedule=run.schedule, noise=run.noise,
                                 seed=run.seed, clip=run.clip)
        np.testing.assert_array_equal(trace.path, np.array(expected.path))
        steps = len(expected.trajectory)
        np.testing.assert_array_equal(trace.learning_rates[:steps], [step.lr for step in expected.trajectory])
    # the last point's rate is the next update's: the schedule's rate at update n
    adam = traces[3]
    assert adam.learning_rates[-1] == pytest.approx(float(CosineAnnealingLR(T_max=200, eta_min=1e-4).learning_rates(
        0.1, len(adam.path))))
    assert compute_runs(EVERY_OPTION).traces[3].path.tolist() == adam.path.tolist()  # the same seed, the same run


def test_a_warm_up_is_flagged_unstable_only_once_its_rate_passes_the_bound():
    # gd on λ_max = 20: stable below 0.1. Warming up from 0.03 to 0.15 over 40 steps crosses it at step 24.
    scene = scene_with(RunSetup(optimizer="gd", hyperparameters={"lr": 0.15},
                                schedule=LinearLR(start_factor=0.2, total_iters=40)))
    (trace,) = compute_runs(scene).traces
    crossing = int(np.argmax(trace.learning_rates > 0.1))
    assert 20 < crossing < 30
    assert not trace.unstable[:crossing].any() and trace.unstable[crossing:len(trace.path) - 1].all()
    assert trace.diverged and "the learning rate 0.1" in trace.message and "above 2/λ_max = 0.1" in trace.message


def test_the_edits_build_and_change_a_schedule_and_the_gradient_options():
    scene = scene_with(RunSetup(optimizer="adam", hyperparameters={"lr": 0.1}))
    cosine = edits.set_schedule(msgspec.structs.replace(scene, max_steps=300), 0, "cosine")
    assert cosine.runs[0].schedule == CosineAnnealingLR(T_max=300)  # over the whole run
    assert edits.set_schedule(cosine, 0, "cosine") is cosine  # the same kind keeps its settings
    tuned = edits.set_schedule_setting(cosine, 0, "eta_min", 0.01)
    assert tuned.runs[0].schedule == CosineAnnealingLR(T_max=300, eta_min=0.01)
    for kind, schedule_type in SCHEDULES.items():
        assert isinstance(edits.set_schedule(tuned, 0, kind).runs[0].schedule, schedule_type)
    noisy = edits.set_run_option(edits.set_run_option(tuned, 0, "noise", 0.2), 0, "seed", 9)
    clipped = edits.set_run_option(noisy, 0, "clip", 2.0)
    assert (clipped.runs[0].noise, clipped.runs[0].seed, clipped.runs[0].clip) == (0.2, 9, 2.0)
    assert edits.set_run_option(clipped, 0, "clip", None).runs[0].clip is None
    # a new optimizer keeps the run's schedule, noise and clipping
    changed = edits.change_optimizer(clipped, 0, "momentum").runs[0]
    assert (changed.schedule, changed.noise, changed.seed, changed.clip) == (tuned.runs[0].schedule, 0.2, 9, 2.0)


@pytest.mark.parametrize("edit, field", [
    (lambda s: edits.set_schedule_setting(edits.set_schedule(s, 0, "cosine"), 0, "T_max", 0), "schedule"),
    (lambda s: edits.set_schedule_setting(edits.set_schedule(s, 0, "step"), 0, "gamma", 0.0), "schedule"),
    (lambda s: edits.set_schedule_setting(edits.set_schedule(s, 0, "linear"), 0, "start_factor", 2.0), "schedule"),
    (lambda s: edits.set_schedule_setting(s, 0, "T_max", 10), "schedule"),  # a constant rate has no T_max
    (lambda s: edits.set_schedule(s, 0, "onecycle"), "schedule"),
    (lambda s: edits.set_run_option(s, 0, "noise", -1.0), "noise"),
    (lambda s: edits.set_run_option(s, 0, "seed", -5), "seed"),
    (lambda s: edits.set_run_option(s, 0, "clip", 0.0), "clip"),
    (lambda s: edits.set_run_option(s, 0, "colour", "#000000"), "colour"),  # not one of these options
])
def test_a_mistake_is_refused_naming_the_field(edit, field):
    with pytest.raises(SceneError) as refused:
        edit(scene_with(RunSetup(optimizer="gd")))
    assert refused.value.field == field
