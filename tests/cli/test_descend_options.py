"""``visualiser descend`` with a learning-rate schedule, gradient noise and clipping (issue 12, item 23)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from visualiser.cli import main
from visualiser.engine import compile_expression
from visualiser.engine.optim import CosineAnnealingLR, LinearLR, StepLR, run_optimizer


def _json(capsys, *argv, code=0):
    assert main(["descend", *argv, "--json"]) == code
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("words, schedule", [
    (["cosine", "T_max=40", "eta_min=0.001"], CosineAnnealingLR(T_max=40, eta_min=0.001)),
    (["step", "step_size=10", "gamma=0.5"], StepLR(step_size=10, gamma=0.5)),
    (["linear", "start_factor=0.1", "total_iters=20"], LinearLR(start_factor=0.1, total_iters=20)),
])
def test_the_options_reach_the_engine_and_the_json_says_what_was_run(capsys, words, schedule):
    data = _json(capsys, "x^2 + 10y^2", "--start", "2", "-1", "--optimizer", "momentum", "--lr", "0.02",
                 "--schedule", *words, "--noise", "0.3", "--seed", "5", "--clip", "4", "--steps", "60")
    expected = run_optimizer(compile_expression("x^2 + 10y^2"), "momentum", (2.0, -1.0), hyperparameters={"lr": 0.02},
                             schedule=schedule, noise=0.3, seed=5, clip=4.0, max_steps=60)
    np.testing.assert_array_equal(np.array(data["path"]), np.array(expected.path))
    assert data["schedule"] == {"kind": words[0], **{f: getattr(schedule, f) for f in schedule.__struct_fields__}}
    assert (data["noise"], data["seed"], data["clip"]) == (0.3, 5, 4.0)


def test_without_options_the_json_says_none_were_used(capsys):
    data = _json(capsys, "--preset", "booth", "--steps", "2")
    assert (data["schedule"], data["noise"], data["seed"], data["clip"]) == (None, 0.0, 0, None)


def test_the_table_names_the_options(capsys):
    assert main(["descend", "--preset", "rosenbrock", "--schedule", "exponential", "gamma=0.99", "--noise", "0.1",
                 "--clip", "10", "--steps", "5"]) == 0
    out = capsys.readouterr().out
    assert "with lr schedule ExponentialLR(gamma=0.99), gradient noise σ=0.1 (seed 0), gradients clipped to norm 10" in out


@pytest.mark.parametrize("argv, message", [
    (["--schedule", "cosin"], "unknown schedule 'cosin' (choose from constant, step, exponential, cosine, linear)"),
    (["--schedule", "cosine", "T_max=0"], "CosineAnnealingLR's T_max must be a whole number of steps, 1 or more, not 0"),
    (["--schedule", "cosine", "T_max=1.5"], "the cosine schedule's T_max must be a whole number, not '1.5'"),
    (["--schedule", "step", "gamma"], "'gamma' is not NAME=VALUE for the step schedule (it takes step_size, gamma)"),
    (["--schedule", "exponential", "T_max=5"], "'T_max=5' is not NAME=VALUE for the exponential schedule (it takes gamma)"),
    (["--schedule", "linear", "start_factor=2"], "LinearLR's start_factor must be above 0 and at most 1, not 2"),
    (["--noise", "-1"], "the gradient noise σ must be zero (no noise) or positive, not -1"),
    (["--noise", "1", "--seed", "-4"], "the noise seed must be a whole number from 0 to 2147483647, not -4"),
    (["--clip", "0"], "the clipping max norm must be positive (a max norm of 0 would zero every gradient), not 0"),
])
def test_a_mistake_is_one_sentence_and_exit_code_2(capsys, argv, message):
    assert main(["descend", "--preset", "booth", *argv]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"
