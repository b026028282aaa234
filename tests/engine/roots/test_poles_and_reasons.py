"""Poles and jumps are not roots for any method, and every run says why it stopped (issue 12, items 4, 5, 11).

scipy's newton (and its secant) stop as soon as a step is shorter than the tolerance; next to a
pole, across a jump, or where a secant line through a far point is nearly vertical, that happens
where f is nowhere near 0. Each case below is checked against scipy's own verdict (it calls these
converged) and against f itself.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import optimize

from visualiser.engine import compile_expression
from visualiser.engine.roots import REASON_FLAGS, REASONS, solve_expression, solve_root
from visualiser.engine.roots.steps import (EXACT_ZERO, FLAT_LINE, ITERATION_LIMIT, JUMP, LEFT_BRACKET, NO_SIGN_CHANGE,
                                           POLE, ROOT_AT_END, STALLED, UNDEFINED_SLOPE, UNDEFINED_VALUE,
                                           VERTICAL_TANGENT, WITHIN_TOLERANCE)
from visualiser.engine.roots.stopping import DEFAULT_XTOL


def solve(text, method, bracket, **options):
    return solve_expression(compile_expression(text), method, bracket, **options)


def scipy_newton(f, x0, **options):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return optimize.newton(f, x0, full_output=True, disp=False, tol=DEFAULT_XTOL, **options)


# --- open methods next to a pole or on a jump -----------------------------------------------------

def test_secant_on_sign_is_a_jump_where_scipy_reports_convergence():
    sign = compile_expression("sign(x)").scalar_function()
    reference, info = scipy_newton(sign, -2.0, x1=1.0)
    assert info.converged and sign(reference) == -1  # scipy: "converged", at a point where f = -1

    result = solve("sign(x)", "secant", (-2, 1))
    assert result.root == reference  # the same steps, to the same point
    assert result.flag == "discontinuity" and result.reason == JUMP and not result.converged
    assert abs(result.root) < 1e-11 and abs(result.steps[-1].fx) == 1
    assert "f jumps there without passing through 0, so this is a discontinuity, not a root" in result.message


@pytest.mark.parametrize("text, x0, pole", [
    ("tan(x)", 3.14159265358979 / 2, math.pi / 2),  # the midpoint of [0, 3.14159265358979], as the lab starts
    ("tan(x)", math.pi / 2, math.pi / 2),           # pi/2 as typed: the tangent is so steep the step is 0
    ("1/(x-1)", 1 + 1e-13, 1.0),
    ("1/(x-1)", 1 - 3e-13, 1.0),
    ("1/(x-1)^2", 1 + 1e-13, 1.0),                  # an even pole: no sign change at all
])
def test_newton_next_to_a_pole_is_a_pole_where_scipy_reports_convergence(text, x0, pole):
    compiled = compile_expression(text)
    f, fprime = compiled.scalar_function(), compiled.scalar_derivative()
    reference, info = scipy_newton(f, x0, fprime=fprime)
    assert info.converged and abs(f(reference)) > 1e12

    result = solve_root("newton", f, None, x0=x0, fprime=fprime)
    assert result.root == pytest.approx(reference, abs=1e-15)
    assert result.reason == POLE and result.flag == "discontinuity" and not result.converged
    assert abs(result.root - pole) < 1e-12
    assert result.message.endswith("so this is a pole, not a root")
    assert "|f| grows towards it" in result.message


@pytest.mark.parametrize("text, x0", [("tan(x)", math.pi / 2), ("1/(x-1)", 1 + 1e-13), ("1/x^3", 1e-13)])
def test_secant_beside_a_pole_stalls_where_scipy_reports_convergence(text, x0):
    # The line through a point next to the pole is nearly vertical: it lands on the second start,
    # and lands there again, a step of ~0 at a point where f is in the thousands.
    f = compile_expression(text).scalar_function()
    reference, info = scipy_newton(f, x0)
    assert info.converged and abs(f(reference)) > 1e3

    result = solve(text, "secant", None, x0=x0)
    assert result.root == pytest.approx(reference, rel=1e-12)
    assert result.reason == STALLED and result.flag == "convergence error" and not result.converged
    assert "comes no closer to 0 there" in result.message


@pytest.mark.parametrize("text, x0", [
    ("cos(x) - x", 1.0), ("x^3 - 2x - 5", 2.0), ("exp(x) - 2", 0.0), ("x^2 - 2", 1.0),
    ("x^2", 1e-12),       # a double root, already within the tolerance: the secant's slope is stale
    ("x - 1e-12", 1e-11),
    ("(x-1)^9", 1 + 1e-12),
    ("tanh(100 (x - 0.3))", 0.3 + 1e-3),  # steep
])
@pytest.mark.parametrize("method", ["newton", "secant"])
def test_genuine_roots_still_converge_where_scipy_does(text, x0, method):
    compiled = compile_expression(text)
    f, fprime = compiled.scalar_function(), compiled.scalar_derivative()
    reference, info = scipy_newton(f, x0, fprime=fprime if method == "newton" else None)
    assert info.converged

    result = solve_root(method, f, None, x0=x0, fprime=fprime)
    assert result.converged and result.reason in (WITHIN_TOLERANCE, EXACT_ZERO)
    assert result.root == pytest.approx(reference, abs=4 * DEFAULT_XTOL)
    if method == "newton":  # f(x0), f and f' per step, and at most one more f to check the last step
        assert result.function_calls <= 2 + 2 * result.iterations


# --- leaving the bracket ------------------------------------------------------------------------------

def test_newton_leaving_a_bracket_without_a_sign_change_says_so():
    result = solve("x^3 - 2x + 2", "newton", (0.3, 2))
    # The only real root is outside [0.3, 2] (numpy.roots, independently): there is none to head for.
    real_roots = [r.real for r in np.roots([1, 0, -2, 2]) if abs(r.imag) < 1e-12]
    assert len(real_roots) == 1 and not 0.3 <= real_roots[0] <= 2
    assert result.reason == LEFT_BRACKET and result.flag == "convergence error"
    assert "root you bracketed" not in result.message and "heading away" not in result.message
    assert result.message == (f"the step went to x = {result.steps[-1].x:.12g}, outside [0.3, 2], at step 4 from "
                              f"x = 1.15; f(a) = 1.427 and f(b) = 6 have the same sign, so [0.3, 2] may not contain "
                              f"a root (or holds an even number of them)")
    assert result.steps[0].previous_x == 1.15 and result.iterations == 4
    # and Newton is charged only for its own evaluations: f(x0), then f' and f per step
    assert result.function_calls == 1 + 2 * result.iterations


def test_leaving_a_bracket_with_a_sign_change_points_back_to_it():
    result = solve("atan(x)", "newton", (-2, 2), x0=1.5)
    assert result.reason == LEFT_BRACKET
    assert result.message.endswith("; f changes sign on [-2, 2], but the steps went away from there: start closer "
                                   "to where it does, or use a bracketing method")
    assert result.suggested_brackets == ()


def test_leaving_a_bracket_without_a_sign_change_offers_brackets_that_have_one():
    result = solve("x^2 - 1", "secant", (1.5, 3))  # roots at +-1, outside the bracket
    assert result.reason == LEFT_BRACKET and "have the same sign" in result.message
    found = [optimize.brentq(lambda x: x * x - 1, a, b) for a, b in result.suggested_brackets]
    assert found == pytest.approx([1.0])


# --- a root at an end of the bracket ---------------------------------------------------------------

@pytest.mark.parametrize("method", ["bisect", "false-position", "brent"])
def test_a_root_at_the_end_says_so_and_offers_the_sign_changes_inside(method):
    result = solve("sin(3x) - x/2", method, (0, 2))
    assert result.reason == ROOT_AT_END and result.converged and result.root == 0 and result.steps == ()
    assert result.message.startswith("f(a) = 0: a = 0 is already a root")

    def f(x):
        return np.sin(3 * x) - x / 2

    grid = np.linspace(1e-9, 2, 200_001)  # a dense, independent scan of (0, 2]
    crossings = np.flatnonzero(np.sign(f(grid[:-1])) != np.sign(f(grid[1:])))
    expected = [optimize.brentq(f, grid[i], grid[i + 1]) for i in crossings]
    assert expected == pytest.approx([0.8929277028], abs=1e-9)
    assert all(0 <= a < b <= 2 for a, b in result.suggested_brackets)
    assert [optimize.brentq(f, a, b) for a, b in result.suggested_brackets] == pytest.approx(expected, abs=1e-12)


def test_a_root_at_the_right_end():
    result = solve("x^2 - 4", "bisect", (-3, 2))
    assert result.reason == ROOT_AT_END and result.root == 2
    assert result.message == "f(b) = 0: b = 2 is already a root, so the method stops before its first step"
    assert [optimize.brentq(lambda x: x * x - 4, a, b) for a, b in result.suggested_brackets] == pytest.approx([-2])


# --- every reason, with its flag ----------------------------------------------------------------------

REASON_CASES = [
    (ROOT_AT_END, dict(text="x - 1", method="brent", bracket=(1, 2))),
    (EXACT_ZERO, dict(text="x - 0.5", method="bisect", bracket=(0, 1))),
    (WITHIN_TOLERANCE, dict(text="x^3 - 2", method="bisect", bracket=(0, 2))),
    (NO_SIGN_CHANGE, dict(text="x^2 + 1", method="false-position", bracket=(-1, 2))),
    (POLE, dict(text="tan(x)", method="bisect", bracket=(1, 2))),
    (JUMP, dict(text="floor(x) - 0.5", method="brent", bracket=(-0.7, 3.2))),
    (LEFT_BRACKET, dict(text="atan(x)", method="newton", bracket=(-2, 2), x0=1.5)),
    (ITERATION_LIMIT, dict(text="(x-1)^9", method="false-position", bracket=(0, 1.7))),
    (FLAT_LINE, dict(text="x^2 - 1", method="secant", bracket=(-2, 2))),
    (STALLED, dict(text="tan(x)", method="secant", bracket=None, x0=math.pi / 2)),
    (UNDEFINED_VALUE, dict(text="log(x)", method="bisect", bracket=(-1, 2))),
    (VERTICAL_TANGENT, dict(text="sqrt(x) - 1", method="newton", bracket=(0, 2), x0=0.0)),
]


@pytest.mark.parametrize("reason, case", REASON_CASES, ids=[reason for reason, _ in REASON_CASES])
def test_each_reason_is_reported_with_its_flag(reason, case):
    case = dict(case)
    result = solve(case.pop("text"), case.pop("method"), case.pop("bracket"), **case)
    assert result.reason == reason and result.flag == REASON_FLAGS[reason]
    assert result.converged == (result.flag == "converged")


def test_an_undefined_slope_is_its_own_reason():
    result = solve_root("newton", lambda x: x - 1, None, x0=0.0, fprime=lambda x: math.nan)
    assert result.reason == UNDEFINED_SLOPE and result.flag == "value error"


def test_every_reason_has_a_case():
    assert {reason for reason, _ in REASON_CASES} | {UNDEFINED_SLOPE} == set(REASONS)
