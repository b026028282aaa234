"""Every method on the Alefeld-Potra-Shi collection, against scipy.optimize on scipy's own functions.

The APS problems (TOMS 748, as in scipy's ``optimize/_tstutils.py``) are transcribed below as the
expressions a user would type; the brackets, parameters, starting points and known roots come from
scipy's table at run time, and each reference root is computed by scipy on scipy's Python function,
so a slip in the transcription or in a method shows up as a disagreement.
"""

from __future__ import annotations

import math
import warnings
from functools import lru_cache

import numpy as np
import pytest
from scipy import optimize
from scipy.optimize._tstutils import get_tests

from visualiser.engine import compile_expression
from visualiser.engine.roots import DEFAULT_RTOL, DEFAULT_XTOL, solve_expression

_APS02 = "-2*(" + " + ".join(f"{(2 * i - 5) ** 2}/(x - {i * i})^3" for i in range(1, 21)) + ")"

# family -> (typed expression, names of scipy's extra arguments in order)
APS_EXPRESSIONS = {
    "01": ("sin(x) - x/2", ()),
    "02": (_APS02, ()),
    "03": ("a x exp(b x)", ("a", "b")),
    "04": ("x^n - a", ("n", "a")),
    "05": ("sin(x) - 1/2", ()),
    "06": ("2x exp(-n) - 2exp(-n x) + 1", ("n",)),
    "07": ("(1 + (1 - n)^2) x - (1 - n x)^2", ("n",)),
    "08": ("x^2 - (1 - x)^n", ("n",)),
    "09": ("(1 + (1 - n)^4) x - (1 - n x)^4", ("n",)),
    "10": ("exp(-n x)(x - 1) + x^n", ("n",)),
    "11": ("(n x - 1)/((n - 1) x)", ("n",)),
    "12": ("x^(1/n) - n^(1/n)", ("n",)),
    "13": ("x/exp(1/x^2)", ()),
    # piecewise in scipy: -n/20 for x <= 0, so relu(x) makes both pieces one expression
    "14": ("n/20 (relu(x)/1.5 + sin(relu(x)) - 1)", ("n",)),
    # piecewise in scipy: constant outside [0, 0.002/(n+1)], so clamp x to that interval
    "15": ("exp(500(n + 1) min(max(x, 0), 0.002/(n + 1))) - 1.859", ("n",)),
}
CASES = get_tests("aps")
# aps.13 is x*exp(-1/x^2): it underflows to exactly 0 for |x| < 0.037, so every such x is a root in
# double precision and different methods legitimately stop at different ones.
FLAT_ZERO = "aps.13.00"


def _id(case) -> str:
    return case["ID"]


@lru_cache(maxsize=None)
def _compiled(text: str):
    return compile_expression(text)


def problem(case):
    text, names = APS_EXPRESSIONS[case["ID"][4:6]]
    params = {name: float(value) for name, value in zip(names, case["args"])}
    return _compiled(text), params, tuple(float(v) for v in case["bracket"])


def scipy_f(case):
    return lambda x: float(case["f"](x, *case["args"]))


def tolerance(x: float) -> float:
    return DEFAULT_XTOL + DEFAULT_RTOL * abs(x)


def assert_same_root(case, ours, reference):
    if case["ID"] == FLAT_ZERO:
        assert case["f"](ours) == 0 and case["f"](reference) == 0
    else:
        # Both are within one tolerance of the true root.
        assert abs(ours - reference) <= 2 * tolerance(reference), (ours, reference)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_transcription_matches_scipys_function(case):
    compiled, params, (a, b) = problem(case)
    f = compiled.scalar_function(params)
    for x in np.linspace(a, b, 9).tolist():
        assert f(x) == pytest.approx(case["f"](x, *case["args"]), rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_bisection_matches_scipy_bisect_step_for_step(case):
    compiled, params, (a, b) = problem(case)
    result = solve_expression(compiled, "bisect", (a, b), params=params)
    reference, info = optimize.bisect(scipy_f(case), a, b, xtol=DEFAULT_XTOL, rtol=DEFAULT_RTOL, full_output=True)

    assert result.flag == "converged" and result.converged
    assert_same_root(case, result.root, reference)
    assert result.iterations == info.iterations
    assert result.function_calls == result.iterations + 2
    assert result.iterations <= math.ceil(math.log2((b - a) / DEFAULT_XTOL)) + 1
    if case["ID"] != FLAT_ZERO:
        assert abs(result.root - case["root"]) <= tolerance(case["root"])
        for step in result.steps:  # every bracket holds the root, and halves the one before
            assert step.a - tolerance(reference) <= reference <= step.b + tolerance(reference)
            assert step.width == pytest.approx((step.previous_b - step.previous_a) / 2, rel=1e-12)
            assert step.error_bound == step.width  # the midpoint is an end of the new bracket


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_brent_matches_scipy_brentq(case):
    compiled, params, (a, b) = problem(case)
    result = solve_expression(compiled, "brent", (a, b), params=params)
    reference, info = optimize.brentq(scipy_f(case), a, b, xtol=DEFAULT_XTOL, rtol=DEFAULT_RTOL, full_output=True)

    assert result.flag == "converged"
    assert_same_root(case, result.root, reference)
    # A port of brentq: the same evaluations, give or take one where rounding takes another branch.
    assert abs(result.function_calls - info.function_calls) <= 1
    last = result.steps[-1]
    assert last.fx == 0 or last.error_bound < tolerance(result.root)


@pytest.mark.parametrize("case", [c for c in CASES if c["ID"] != FLAT_ZERO], ids=_id)
def test_false_position_agrees_with_toms748(case):
    compiled, params, (a, b) = problem(case)
    result = solve_expression(compiled, "false-position", (a, b), params=params)
    reference = optimize.toms748(scipy_f(case), a, b, xtol=DEFAULT_XTOL, rtol=DEFAULT_RTOL)

    assert result.flag == "converged"
    assert_same_root(case, result.root, reference)
    # The Illinois fix keeps both ends moving: far fewer steps than plain regula falsi's stall.
    assert result.iterations < 60


def test_false_position_without_illinois_would_stall_where_it_does_not():
    # f convex on [0, 1]: plain regula falsi keeps b = 1 forever and needs hundreds of steps.
    result = solve_expression(compile_expression("x^10 - 0.5"), "false-position", (0, 1))
    assert result.flag == "converged"
    assert result.iterations < 30
    assert {step.b for step in result.steps} != {1.0}
    assert abs(result.root - optimize.ridder(lambda x: x**10 - 0.5, 0, 1, xtol=1e-14)) <= 2 * tolerance(0.93)


def _scipy_newton_path(function, **options):
    """scipy's newton (or secant) on ``function``, with every point where it evaluated it."""
    visited = []

    def f(x):
        visited.append(x)
        return function(x)

    # scipy warns when its secant line is flat, and its numpy functions warn on overflow far outside
    # the bracket: those are answers here, not test failures.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        root, info = optimize.newton(f, full_output=True, disp=False, tol=DEFAULT_XTOL, **options)
    return root, info, visited


def is_root(function, x) -> bool:
    """f is 0 at x, or changes sign within a few tolerances of it."""
    h = 4 * tolerance(x)
    return function(x) == 0 or np.sign(function(x - h)) != np.sign(function(x + h))


def assert_same_path_as_scipy(case, result, bracket, function, **scipy_options):
    """scipy's newton/secant takes the same steps: where it leaves [a, b], ours stops there and says so.

    Where scipy's last step was short but f is not 0 there (its secant from the ends of aps.02's
    brackets settles beside a pole, on aps.03 in the flat tail at x = 31), ours ends at the same
    point and says that it stalled there, not that it found a root.
    """
    a, b = bracket
    reference, info, visited = _scipy_newton_path(function, **scipy_options)
    outside = [x for x in visited if not a <= x <= b]
    if outside:
        assert result.flag == "convergence error" and not result.converged
        assert "outside" in result.message
        assert result.steps[-1].x == pytest.approx(outside[0], rel=1e-6)
    elif info.converged and is_root(function, reference):
        assert result.flag == "converged"
        assert_same_root(case, result.root, reference)
    elif info.converged:
        assert result.reason == "stalled" and not result.converged
        assert result.root == pytest.approx(reference, rel=1e-12)
    else:
        assert not result.converged
    return result


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_newton_takes_scipy_newtons_steps(case):
    compiled, params, bracket = problem(case)
    result = solve_expression(compiled, "newton", bracket, params=params, x0=float(case["x0"]))
    if case["ID"].startswith("aps.15"):
        # x0 = -2 is on the constant piece, where f' = 0 (scipy's aps15_fp returns e - 1.859 there,
        # which is not the derivative of aps15_f): the tangent is flat and Newton cannot start.
        assert result.flag == "convergence error" and result.iterations == 0
        assert result.message.startswith("f'(x) = 0 at x = -2")
        return
    fprime = case["fprime"]
    assert_same_path_as_scipy(case, result, bracket, scipy_f(case), x0=case["x0"],
                              fprime=lambda x: fprime(x, *case["args"]))
    # f(x0), then f' and f per step, as scipy counts; plus f' once more if a flat tangent ended the run,
    # or f once more to check that f shrinks where short steps settled
    assert 1 + 2 * result.iterations <= result.function_calls <= 2 + 2 * result.iterations


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_secant_from_the_bracket_ends_takes_scipys_steps(case):
    compiled, params, (a, b) = problem(case)
    result = solve_expression(compiled, "secant", (a, b), params=params)
    # On our compiled f: with |f(a)| = |f(b)| up to rounding (aps.06.05), which end the secant keeps
    # for its second line depends on the last bit, so scipy gets the very same values here.
    assert_same_path_as_scipy(case, result, (a, b), compiled.scalar_function(params), x0=a, x1=b)
    for step in result.steps:  # each step went to where the secant line crosses zero
        assert step.x == pytest.approx(step.previous_x - step.previous_fx / step.slope, rel=1e-12, abs=1e-300)
