"""Step semantics and stopping rules: what a GUI animates and what a CLI prints."""

from __future__ import annotations

import dataclasses
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import optimize

from visualiser.engine import compile_expression
from visualiser.engine.roots import DEFAULT_RTOL, RootResult, RootStep, iterate_root, solve_root


def cubic(x):
    return x**3 - 2 * x - 5


def test_generator_yields_each_step_and_returns_the_result_to_yield_from():
    seen = []

    def driver():
        result = yield from iterate_root("bisect", cubic, (2, 3))
        seen.append(result)

    steps = list(driver())
    result = seen[0]
    assert isinstance(result, RootResult) and all(isinstance(step, RootStep) for step in steps)
    assert tuple(steps) == result.steps and result.iterations == len(steps)
    assert [step.iteration for step in steps] == list(range(1, len(steps) + 1))
    # each step starts from the bracket the one before ended with
    assert (steps[0].previous_a, steps[0].previous_b) == (2, 3)
    for before, after in zip(steps, steps[1:]):
        assert (after.previous_a, after.previous_b) == (before.a, before.b)
        assert after.x in (after.a, after.b)  # the midpoint becomes an end of the kept half
        assert before.a < after.x < before.b


def test_steps_are_frozen_and_become_json_through_asdict():
    result = solve_root("brent", cubic, (2, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.steps[0].x = 0.0
    data = json.loads(json.dumps(dataclasses.asdict(result)))
    assert data["converged"] is True and data["iterations"] == len(data["steps"])
    assert set(data) >= {"root", "iterations", "function_calls", "converged", "flag", "method", "message", "steps"}
    assert {"a", "b", "x", "fx", "width", "error_bound", "previous_a", "previous_b"} <= set(data["steps"][0])


@pytest.mark.parametrize("bracket", [(2, 3), (-10, 10), (1.5, 1000), (0, 1e-6 + 2.0945514815423265)])
@pytest.mark.parametrize("xtol", [1e-3, 1e-8, 2e-12, 1e-15])
def test_bisection_needs_at_most_ceil_log2_width_over_xtol_plus_one_steps(bracket, xtol):
    a, b = bracket
    result = solve_root("bisect", cubic, bracket, xtol=xtol)
    assert result.flag == "converged"
    assert result.iterations <= math.ceil(math.log2((b - a) / xtol)) + 1
    root = optimize.brentq(cubic, 2, 3, xtol=1e-15)
    assert abs(result.root - root) <= result.steps[-1].error_bound <= xtol + DEFAULT_RTOL * abs(root)
    for step in result.steps:  # the guaranteed bound really holds at every step
        assert abs(step.x - root) <= step.error_bound + 1e-15


def test_relative_tolerance_matters_for_large_roots():
    f = compile_expression("x - 1234567.875").scalar_function()
    result = solve_root("bisect", f, (0, 2e6))
    _, info = optimize.bisect(f, 0, 2e6, xtol=2e-12, rtol=DEFAULT_RTOL, full_output=True)
    assert result.iterations == info.iterations
    assert result.steps[-1].width > 2e-12  # stopped by rtol * |x|, not by xtol


def test_a_midpoint_that_rounds_to_an_end_always_ends_the_run():
    # x - 1/10 in exact arithmetic: no double is exactly 1/10, so f(x) is never 0
    result = solve_root("bisect", lambda x: float(Fraction(x) - Fraction(1, 10)), (0, 1), xtol=1e-300, rtol=0,
                        maxiter=10_000)
    assert result.flag == "converged"
    last = result.steps[-1]
    assert np.nextafter(last.a, math.inf) == last.b  # neighbouring floats
    assert "neighbouring floating-point numbers" in result.message
    assert result.iterations < 60


def test_an_exact_zero_stops_at_once():
    result = solve_root("bisect", lambda x: x - 0.5, (0, 1))
    assert result.iterations == 1 and result.root == 0.5 and result.function_calls == 3
    assert result.message == "f(0.5) is exactly 0, so x = 0.5 is a root"


@pytest.mark.parametrize("method", ["bisect", "false-position", "brent"])
def test_a_zero_at_an_end_is_the_root_without_a_step(method):
    result = solve_root(method, lambda x: x - 1, (1, 2))
    assert result.flag == "converged" and result.root == 1 and result.steps == ()
    assert result.reason == "root at an end"
    assert result.message == "f(a) = 0: a = 1 is already a root, so the method stops before its first step"


@pytest.mark.parametrize("method", ["bisect", "false-position", "brent", "newton", "secant"])
def test_maxiter_ends_a_run_with_a_convergence_error(method):
    result = solve_root(method, cubic, (2, 3), maxiter=3, fprime=lambda x: 3 * x**2 - 2)
    assert result.flag == "convergence error" and not result.converged
    assert result.iterations == 3
    assert result.message.startswith("after 3 iterations")
    assert math.isfinite(result.root)  # the best estimate so far, as scipy returns it


def test_open_steps_record_the_line_they_followed():
    compiled = compile_expression("x^3 - 2x - 5")
    result = solve_root("newton", compiled.scalar_function(), (2, 3), fprime=compiled.scalar_derivative())
    reference = optimize.newton(cubic, 2.5, fprime=lambda x: 3 * x**2 - 2, tol=1e-15)
    assert result.converged and result.root == pytest.approx(reference, abs=4e-12)
    for step in result.steps:
        assert step.a is None and step.width is None and step.error_bound is None
        assert step.slope == pytest.approx(3 * step.previous_x**2 - 2)  # the tangent's slope is f'
        assert step.x == pytest.approx(step.previous_x - step.previous_fx / step.slope)


@pytest.mark.parametrize("flag, reason", [("fine", "exact zero"), ("converged", "fine"), ("converged", "pole")])
def test_result_flags_and_reasons_are_checked(flag, reason):
    with pytest.raises(ValueError):
        RootResult(method="bisect", root=0.0, function_calls=0, flag=flag, reason=reason, message="", steps=(),
                   bracket=None)
