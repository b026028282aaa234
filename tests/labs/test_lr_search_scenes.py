"""The learning-rate lab without a window: its scene in the scene file format, and computing a scene."""

from __future__ import annotations

import math

import msgspec
import numpy as np
import pytest

from visualiser.engine import compile_expression
from visualiser.engine.optim import run_optimizer
from visualiser.labs.lr_search.compute import (LrSearchRun, cell_probe, compute_heatmap, compute_search, line_iterate,
                                               line_searches_at, shown_probe)
from visualiser.labs.lr_search.scene import LrSearchScene
from visualiser.labs.registry import LABS
from visualiser.labs.rejection import Rejected
from visualiser.labs.scene import SceneError
from visualiser.labs.scene_file import SceneFileError, scene_from_json, scene_to_json


def test_the_lab_is_registered_and_its_scene_round_trips_through_the_scene_file():
    assert LABS["lr_search"].scene_type is LrSearchScene
    scene = LrSearchScene(optimizer="adam", hyperparameters={"betas": (0.8, 0.99)}, goal="fastest", low=1e-3,
                          high=0.5, xtol=1e-3, show_heatmap=True, cell=(3, 39), line_search=True, line_step=12, frame=4,
                          start=(1.0, -2.0))
    text = scene_to_json(scene)
    assert '"lab":"lr_search"' in text
    again = scene_from_json(text, lab="lr_search")
    assert again == scene and again.hyperparameters == {"betas": (0.8, 0.99), "eps": 1e-8, "weight_decay": 0.0}
    assert LABS["lr_search"].start_scene() == LrSearchScene()


@pytest.mark.parametrize("scene, message", [
    ('{"hyperparameters": {"lr": 0.1}}', "scene.hyperparameters: the learning rate is what the search finds"),
    ('{"optimizer": "momentum", "hyperparameters": {"momentum": -1}}',
     "scene.hyperparameters: momentum must be zero or positive, not -1"),
    ('{"goal": "slow"}', "scene.goal: unknown goal 'slow' (choose from stable, fastest)"),
    ('{"low": 0.5, "high": 0.1}', "scene.high: the bracket needs low < high"),
    ('{"max_steps": 0}', "scene.max_steps: not a whole number from 1 to 5000: 0"),
    ('{"optimizer": "adagrad", "show_heatmap": true}', "scene.show_heatmap: adagrad has no momentum-like"),
    ('{"cell": [40, 0]}', "scene.cell: there is no heatmap cell"),
    ('{"expression": "__import__(1)"}', "scene.expression:"),
    ('{"xtol": -1}', "scene.xtol: xtol must be a positive number"),
])
def test_a_bad_scene_file_is_refused_with_the_field_named(scene, message):
    text = '{"format": "visualiser-scene", "version": 1, "scene": {"lab": "lr_search", ' + scene[1:] + "}"
    with pytest.raises(SceneFileError) as error:
        scene_from_json(text)
    assert str(error.value).startswith(message)


def test_an_edit_the_scene_refuses_names_its_field():
    with pytest.raises(SceneError) as error:
        msgspec.structs.replace(LrSearchScene(), tol=0.0)
    assert error.value.field == "tol"


def test_computing_the_start_scene_finds_two_over_lambda_max_and_sweeps_around_it():
    run = compute_search(LrSearchScene())
    assert isinstance(run, LrSearchRun) and run.search.found
    assert abs(math.log10(run.search.threshold) - math.log10(0.1)) < 1e-4  # x^2 + 10y^2: λ_max = 20
    assert run.frame_count == run.search.iterations + 1 and run.heatmap is None
    low, high = run.rate_range
    assert low == pytest.approx(run.search.threshold / 1000) and high == pytest.approx(run.search.threshold * 10)
    assert (run.sweep.rates > 0.1).tolist() == run.sweep.diverged.tolist()
    assert run.polyak == pytest.approx((4 / (20**0.5 + 2**0.5) ** 2, ((10**0.5 - 1) / (10**0.5 + 1)) ** 2))


def test_the_line_searches_follow_the_shown_probe_to_its_kth_step():
    run = compute_search(LrSearchScene())
    assert line_iterate(run, 0, 5) == (0, run.setup.start, False)  # before the first probe: the start
    for frame in (1, 3, run.frame_count - 1):
        probe = run.search.probes[run.search.steps[frame - 1].probe]
        assert shown_probe(run, frame) is probe
        assert line_iterate(run, frame, 0) == (0, run.setup.start, True)
        assert line_iterate(run, frame, 7) == (7, tuple(probe.path[7]), True)
        last = len(probe.path) - 1  # a probe that stopped sooner: its end, which it did not step on from
        assert line_iterate(run, frame, 10**4) == (last, tuple(probe.path[-1]), False)
    _step, (x, y), _stepped_on = line_iterate(run, 2, 3)
    searches = line_searches_at(run, (x, y))
    g = np.array([2 * x, 20 * y])  # ∇(x^2 + 10y^2)
    assert searches.exact.t == pytest.approx(g @ g / (g @ np.diag([2.0, 20.0]) @ g), rel=1e-12)
    accepted = searches.armijo[-1]
    assert accepted.accepted and accepted.phi <= x * x + 10 * y * y - 1e-4 * accepted.t * (g @ g)
    assert line_searches_at(run, (0.0, 0.0)) is None  # the minimum: no line to search along


def test_the_step_of_the_slice_is_checked():
    with pytest.raises(SceneError, match="line_step: not a whole number of steps from 0 to 5000: -1"):
        LrSearchScene(line_step=-1)


def test_a_parameter_of_the_expression_reaches_the_search():
    scene = LrSearchScene(expression="x^2 + k y^2").with_parameter("k", LrSearchScene().parameter("k").around(50.0))
    run = compute_search(scene)
    assert abs(math.log10(run.search.threshold) - math.log10(2 / 100)) < 1e-4


def test_the_heatmap_and_a_cells_run_match_single_runs():
    run = compute_search(LrSearchScene(optimizer="momentum", max_steps=300))
    grid = compute_heatmap(run)
    row, column = 30, 25
    probe = cell_probe(run, grid, (row, column))
    hyperparameters = grid.hyperparameters(row, column)
    single = run_optimizer(compile_expression("x^2 + 10y^2"), "momentum", (-2.5, 1.5), hyperparameters=hyperparameters,
                           max_steps=300, keep_trajectory=False)
    assert probe.steps == single.steps and probe.path[-1].tolist() == list(single.path[-1])
    index = row * 40 + column
    assert grid.outcomes.final_loss[index] == probe.final_loss


def test_refused_input_comes_back_as_rejected_not_raised():
    rejected = compute_search(LrSearchScene(expression="log(x) + y^2", start=(-1.0, 0.0)))
    assert isinstance(rejected, Rejected) and rejected.stage == "search"
    assert rejected.message == "stopped before the first step: the loss is undefined at the start point (-1, 0)"
