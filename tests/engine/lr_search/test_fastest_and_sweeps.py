"""The fastest rate by golden section, the sweep and the rate x momentum heatmap, against the closed-form theory."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualiser.engine import compile_expression
from visualiser.engine.lr_search import FASTEST, GOLDEN, ProbeSetup, polyak_optimum, search_rate, theory
from visualiser.engine.lr_search.sweep import heatmap, sweep_rates

START = (1.0, 1.0)


@pytest.mark.parametrize("expression, eigenvalues", [("x^2 + 10y^2", (2.0, 20.0)),
                                                     ("3x^2 + 2x y + y^2", (4 - 8**0.5, 4 + 8**0.5))])
def test_fastest_gd_rate_is_within_ten_percent_of_two_over_the_sum_of_the_extreme_eigenvalues(expression, eigenvalues):
    result = search_rate(ProbeSetup(compile_expression(expression), "gd", START), FASTEST)
    expected = 2 / sum(eigenvalues)
    assert result.found and result.best == pytest.approx(expected, rel=0.10)
    assert result.theory.value == pytest.approx(expected, rel=1e-12)
    assert result.best < result.threshold  # inside the stable range
    golden = [step for step in result.steps if step.phase == GOLDEN]
    assert len(golden) >= 10 and all(step.low <= step.mid <= step.high for step in golden)
    assert result.best in [step.mid for step in golden]


def test_the_heavy_ball_at_polyaks_momentum_is_fastest_at_polyaks_rate():
    # Booth: (x + 2y - 7)^2 + (2x + y - 5)^2 has the Hessian [[10, 8], [8, 10]], eigenvalues 2 and 18.
    lr, mu = polyak_optimum([2.0, 18.0])
    assert (lr, mu) == pytest.approx((0.125, 0.25))
    setup = ProbeSetup(compile_expression("(x + 2y - 7)^2 + (2x + y - 5)^2"), "momentum", (-6.0, 6.0), {"momentum": mu})
    result = search_rate(setup, FASTEST)
    assert result.best == pytest.approx(lr, rel=0.02) and result.theory.value == pytest.approx(lr)


def test_a_tighter_tolerance_brings_the_fastest_rate_closer_to_the_theory():
    f = compile_expression("x^2 + 10y^2")
    loose = search_rate(ProbeSetup(f, "gd", START, tol=1e-4), FASTEST)
    tight = search_rate(ProbeSetup(f, "gd", START, tol=1e-12, max_steps=3000), FASTEST)
    expected = 2 / 22
    assert abs(tight.best / expected - 1) < abs(loose.best / expected - 1)


def test_no_rate_reaching_the_tolerance_is_not_found():
    result = search_rate(ProbeSetup(compile_expression("(1-x)^2 + 100(y-x^2)^2"), "gd", (-1.2, 1.0), max_steps=20),
                         FASTEST, low=1e-5, high=1e-3)
    assert not result.found and result.best is None and "reached the tolerance" in result.message


def test_polyak_and_the_optimal_gd_rate_in_closed_form():
    lr, mu = polyak_optimum([1.0, 100.0])
    assert lr == pytest.approx(4 / 121) and mu == pytest.approx((9 / 11) ** 2)
    heavy = theory(FASTEST, "momentum", [1.0, 100.0], {"momentum": 0.9})
    assert heavy.value == pytest.approx(4 / 121) and "0.6694" in heavy.note
    assert "0.9802" in theory(FASTEST, "gd", [1.0, 100.0], {}).note  # (κ−1)/(κ+1) = 99/101
    assert theory(FASTEST, "adam", [1.0, 100.0], {}) is None
    assert theory("stable", "gd", [-1.0, -0.5], {}) is None  # nothing curves up: no bound


def test_the_sweep_diverges_exactly_above_two_over_lambda_max_on_a_quadratic():
    sweep = sweep_rates(ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", START), 1e-3, 1.0)
    assert len(sweep.rates) == 60 and np.all(np.diff(sweep.rates) > 0)
    assert np.array_equal(sweep.diverged, sweep.rates > 0.1)
    converged = np.isfinite(sweep.steps_to_tolerance)
    # In closed form the gradient after t steps is (λ_i (1 − lr λ_i)^t) per axis from (1, 1): the first t
    # where its norm is below tol = 1e-8 is the step count.
    t = np.arange(1001)[:, None, None]
    with np.errstate(over="ignore", invalid="ignore"):  # the diverging rates overflow: never below tol
        gradients = np.array([2.0, 20.0]) * (1 - sweep.rates[None, :, None] * np.array([2.0, 20.0])) ** t
        below = np.sqrt(np.sum(gradients**2, axis=2)) < 1e-8
    predicted = np.where(below.any(axis=0), np.argmax(below, axis=0), np.nan)
    assert np.array_equal(sweep.steps_to_tolerance, predicted, equal_nan=True)
    assert converged.sum() > 15


def test_the_heatmap_is_fastest_near_polyaks_optimum():
    f = compile_expression("x^2 + 100y^2")
    result = heatmap(ProbeSetup(f, "momentum", START, max_steps=500), 1e-4, 0.1, size=40)
    steps = result.grid(result.outcomes.steps_to_tolerance)
    assert steps.shape == (40, 40) and result.axis == "momentum"
    row, column = np.unravel_index(np.nanargmin(steps), steps.shape)
    lr, mu = polyak_optimum([2.0, 200.0])
    assert abs(math.log10(result.rates[column]) - math.log10(lr)) < 0.25
    assert abs(result.values[row] - mu) < 0.1
    diverged = result.grid(result.outcomes.diverged)
    # The heavy ball is stable below 2(1+μ)/λ_max: check every cell against it (λ_max = 200).
    bound = 2 * (1 + result.values[:, None]) / 200
    assert np.array_equal(diverged, result.rates[None, :] > bound)
