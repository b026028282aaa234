"""The divergence threshold by bisection, against the closed-form theory on quadratics with known Hessians."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy.optimize import brentq

from visualiser.engine import compile_expression
from visualiser.engine.lr_search import (BISECTING, BRACKETING, DEFAULT_XTOL, STABLE, ProbeSetup, iterate_search,
                                         search_rate)
from visualiser.engine.optim import run_optimizer

# Quadratics ½ xᵀHx with their Hessians written out: the reference is numpy's eigenvalues of H.
QUADRATICS = {
    "x^2 + 10y^2": np.array([[2.0, 0.0], [0.0, 20.0]]),
    "3x^2 + 2x y + y^2": np.array([[6.0, 2.0], [2.0, 2.0]]),
    "(x^2 + 100y^2)/2": np.array([[1.0, 0.0], [0.0, 100.0]]),
}
START = (1.0, 1.0)
STEPS = 1000


def gd_loss_after(hessian: np.ndarray, start, lr: float, steps: int) -> float:
    """½ eᵀHe after ``steps`` of gradient descent, in closed form: each eigen-component times (1 − lr λ)^steps."""
    eigenvalues, vectors = np.linalg.eigh(hessian)
    components = vectors.T @ np.asarray(start)
    return float(0.5 * np.sum(eigenvalues * components**2 * (1 - lr * eigenvalues) ** (2 * steps)))


@pytest.mark.parametrize("expression", QUADRATICS)
def test_gd_threshold_is_two_over_lambda_max_within_the_bisection_tolerance(expression):
    hessian = QUADRATICS[expression]
    expected = 2 / np.linalg.eigvalsh(hessian)[-1]
    result = search_rate(ProbeSetup(compile_expression(expression), "gd", START, max_steps=STEPS), STABLE)
    assert result.found
    assert abs(math.log10(result.threshold) - math.log10(expected)) < DEFAULT_XTOL[STABLE]
    assert math.log10(result.high) - math.log10(result.low) <= DEFAULT_XTOL[STABLE]
    # Exactly: the final bracket holds the rate where the closed-form loss after 1000 steps meets the start's.
    start_loss = gd_loss_after(hessian, START, 0.0, 0)
    crossing = brentq(lambda lr: gd_loss_after(hessian, START, lr, STEPS) - start_loss, expected, 1.01 * expected,
                      xtol=1e-15)
    assert result.low <= crossing <= result.high
    assert result.theory.formula == "2/λ_max" and result.theory.value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("mu", [0.5, 0.9])
def test_heavy_ball_threshold_matches_two_one_plus_mu_over_lambda_max(mu):
    setup = ProbeSetup(compile_expression("x^2 + 10y^2"), "momentum", START, {"momentum": mu}, max_steps=2000)
    result = search_rate(setup, STABLE)
    expected = 2 * (1 + mu) / 20
    assert result.theory.value == pytest.approx(expected, rel=1e-12)
    assert result.theory.formula == "2(1+μ)/λ_max"
    assert result.threshold == pytest.approx(expected, rel=2e-3)


def test_on_rosenbrock_the_threshold_is_reproducible_and_separates_converging_from_diverging_runs():
    rosenbrock = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    setup = ProbeSetup(rosenbrock, "gd", (-1.2, 1.0), max_steps=STEPS)
    first, second = search_rate(setup, STABLE), search_rate(setup, STABLE)
    assert first.found and first.threshold == second.threshold and first.steps == second.steps
    # Checked with single runs (not the search's batch): just below the loss falls, just above it does not.
    for lr, diverges in ((first.low, False), (first.high, True)):
        run = run_optimizer(rosenbrock, "gd", (-1.2, 1.0), hyperparameters={"lr": lr}, max_steps=STEPS,
                            keep_trajectory=False)
        assert (run.status == "diverged" or run.loss[-1] > run.loss[0]) == diverges, (lr, run.message)
    # The theory is 2/λ_max of Rosenbrock's Hessian, written out, where the lowest stable probe ended.
    lowest = min((p for p in first.probes if not p.diverged), key=lambda p: p.final_loss)
    x, y = lowest.path[-1]
    hessian = [[2 - 400 * y + 1200 * x**2, -400 * x], [-400 * x, 200.0]]
    assert first.theory.value == pytest.approx(2 / np.linalg.eigvalsh(hessian)[-1], rel=1e-12)


def test_the_lookahead_batches_give_exactly_the_one_probe_at_a_time_bisection():
    """A plain sequential bisection on log10(lr) with run_optimizer, from the search's own first bracket."""
    f = compile_expression("3x^2 + 2x y + y^2")
    result = search_rate(ProbeSetup(f, "gd", START, max_steps=300), STABLE)
    bisection = [step for step in result.steps if step.phase == BISECTING]
    bracket = result.steps[len(result.steps) - len(bisection) - 1]  # the last step of the bracket's growth
    a, b = math.log10(bracket.low), math.log10(bracket.high)
    expected = []
    while b - a > DEFAULT_XTOL[STABLE]:
        mid = a / 2 + b / 2
        run = run_optimizer(f, "gd", START, hyperparameters={"lr": 10.0**mid}, max_steps=300, keep_trajectory=False)
        diverged = run.status == "diverged" or run.loss[-1] > run.loss[0]
        expected.append((10.0**mid, diverged))
        a, b = (a, mid) if diverged else (mid, b)
    assert [(step.mid, step.diverged) for step in bisection] == expected


def test_the_bracket_grows_by_factors_of_ten_from_the_default_rate():
    result = search_rate(ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", START), STABLE, low=1e-4)
    growth = [step for step in result.steps if step.phase == BRACKETING]
    assert [step.mid for step in growth] == pytest.approx([1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    assert [step.diverged for step in growth] == [False] * 4 + [True]
    assert math.isnan(growth[0].high) and growth[-1].low == pytest.approx(0.1) and growth[-1].high == 1.0
    # From a diverging rate it shrinks instead.
    shrunk = search_rate(ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", START), STABLE, low=50.0)
    assert [step.mid for step in shrunk.steps if step.phase == BRACKETING] == pytest.approx([50, 5, 0.5, 0.05])


def test_no_rate_diverges_on_a_loss_that_falls_forever_and_it_says_so():
    result = search_rate(ProbeSetup(compile_expression("exp(-x)"), "gd", (0.0,), max_steps=200), STABLE)
    assert not result.found and result.threshold is None
    assert result.message.startswith("no rate diverged")
    assert all(not step.diverged for step in result.steps)


def test_steps_are_yielded_one_per_probe_and_are_frozen():
    run = iterate_search(ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", START), STABLE)
    yielded = []
    try:
        while True:
            yielded.append(next(run))
    except StopIteration as stop:
        result = stop.value
    assert tuple(yielded) == result.steps and [s.iteration for s in yielded] == list(range(1, len(yielded) + 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        yielded[0].mid = 1.0
    assert all(result.probes[step.probe].lr == step.mid for step in result.steps)


def test_an_adaptive_method_has_its_threshold_measured_only():
    result = search_rate(ProbeSetup(compile_expression("x^2 + 10y^2"), "adam", START, max_steps=300), STABLE)
    assert result.theory is None and "measured only" in result.message


@pytest.mark.parametrize("options, message", [
    ({"low": -1.0}, "low learning rate must be a positive"),
    ({"low": 0.1, "high": 0.01}, "must be below the high one"),
    ({"xtol": 0.0}, "bracket tolerance"),
])
def test_bad_search_input_is_one_sentence(options, message):
    from visualiser.engine import ExpressionError
    with pytest.raises(ExpressionError, match=message):
        iterate_search(ProbeSetup(compile_expression("x^2"), "gd", (1.0,)), STABLE, **options)
