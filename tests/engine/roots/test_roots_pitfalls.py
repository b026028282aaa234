"""The pitfalls users hit, each with its flag and the sentence that explains it."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy import optimize

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.roots import METHODS, find_sign_changes, iterate_root, solve_expression, solve_root

BRACKETING = ("bisect", "false-position", "brent")


def solve(text, method, bracket, **options):
    return solve_expression(compile_expression(text), method, bracket, **options)


# --- no sign change ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", BRACKETING)
def test_no_sign_change_is_a_sign_error_with_brackets_that_work(method):
    result = solve("x^2 - 1", method, (-2, 2))
    assert result.flag == "sign error" and not result.converged
    assert math.isnan(result.root) and result.steps == ()
    assert result.message == ("f(a) = 3 and f(b) = 3 have the same sign, so [-2, 2] may not contain a root "
                              "(or holds an even number of them)")
    assert len(result.suggested_brackets) == 2
    for (a, b), root in zip(result.suggested_brackets, (-1.0, 1.0)):
        assert a < root < b and b - a < 0.05
        assert solve("x^2 - 1", method, (a, b)).root == pytest.approx(root, abs=1e-11)


def test_sign_error_suggestions_scan_beyond_the_bracket():
    result = solve("sin(x)", "bisect", (4, 6))  # sin < 0 at both ends and between; roots at pi and 2 pi nearby
    assert result.flag == "sign error"
    found = [optimize.brentq(math.sin, a, b) for a, b in result.suggested_brackets]
    assert found == pytest.approx([math.pi, 2 * math.pi])


def test_sign_test_compares_signs_instead_of_multiplying():
    # f(a) * f(b) = -2.1e-401 underflows to -0.0: a product test would call this bracket useless.
    assert (1e-200 * -0.3) * (1e-200 * 0.7) == 0
    for method in BRACKETING:
        result = solve("1e-200 (x - 0.3)", method, (0, 1))
        assert result.flag == "converged"
        assert result.root == pytest.approx(optimize.bisect(lambda x: x - 0.3, 0, 1, xtol=1e-14), abs=4e-12)


# --- NaN and infinity ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", BRACKETING)
def test_nan_at_an_endpoint_is_a_value_error_before_any_step(method):
    result = solve("log(x)", method, (-1, 2))
    assert result.flag == "value error" and math.isnan(result.root) and result.steps == ()
    assert result.message == ("f(a) is not a number (NaN) at a = -1, where f is undefined or has a pole, "
                              "so the bracket has to start somewhere else")


def test_infinity_at_the_right_end_is_a_value_error():
    result = solve("1/(x - 2)", "bisect", (0, 2))
    assert result.flag == "value error"
    assert result.message.startswith("f(b) is infinite at b = 2")
    assert result.message.endswith("so the bracket has to end somewhere else")


def test_nan_at_a_midpoint_stops_with_the_step_that_found_it():
    # sqrt(x^2 - 1) - 0.5 is undefined on (-1, 1); the first midpoint of [-2, 2.5] is 0.25.
    result = solve("sign(x) sqrt(x^2 - 1) - 0.5", "bisect", (-2, 2.5))
    assert result.flag == "value error" and math.isnan(result.root)
    last = result.steps[-1]
    assert last.x == 0.25 and math.isnan(last.fx)
    assert (last.a, last.b) == (last.previous_a, last.previous_b) == (-2, 2.5)  # the bracket did not change
    assert result.message == ("f(0.25) is not a number (NaN), so the method cannot tell which side of x = 0.25 "
                              "holds the root: f is undefined or has a pole there")


@pytest.mark.parametrize("method", ("false-position", "brent"))
def test_a_pole_hit_exactly_is_a_value_error(method):
    # The chord from (0, -1) to (3, 1/2) gives 2, then the chord to (2, 1) hits the pole at 1 exactly.
    result = solve("1/(x - 1)", method, (0, 3))
    assert result.flag == "value error"
    assert result.steps[-1].x == 1 and math.isinf(result.steps[-1].fx)
    assert result.message.startswith("f(1) is infinite")


# --- poles and jumps ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", BRACKETING)
def test_bisecting_onto_the_pole_of_tan_is_a_discontinuity(method):
    result = solve("tan(x)", method, (1, 2))
    assert result.flag == "discontinuity" and not result.converged
    assert result.root == pytest.approx(math.pi / 2, abs=1e-11)  # where the sign changes, reported as such
    assert "|f| grows as the bracket shrinks" in result.message
    assert result.message.endswith("so this is a pole, not a root")
    assert abs(result.steps[-1].fx) > 1e10


def test_bisection_onto_the_pole_of_a_hyperbola():
    result = solve("1/(x - 1)", "bisect", (0, 3))
    assert result.flag == "discontinuity"
    assert result.root == pytest.approx(1, abs=1e-11)
    assert result.message.startswith("f changes sign at x = 1")
    # |f| really does grow: the last bracket's values dwarf the first one's
    assert min(abs(result.steps[-1].fa), abs(result.steps[-1].fb)) > 1e3 * max(
        abs(result.steps[0].fa), abs(result.steps[0].fb))


@pytest.mark.parametrize("method", BRACKETING)
def test_a_jump_is_a_discontinuity_not_a_root(method):
    result = solve("floor(x) - 0.5", method, (-0.7, 3.2))
    assert result.flag == "discontinuity"
    assert result.root == pytest.approx(1, abs=1e-11)
    assert result.message.startswith("f jumps from -0.5 to 0.5 at x = ")
    assert result.message.endswith("without passing through 0, so this is a discontinuity, not a root")


@pytest.mark.parametrize("text, bracket", [
    ("cbrt(x - 0.2)", (-1, 2)),          # infinite slope at the root, still continuous
    ("tanh(1e6 (x - 0.3))", (0, 1)),     # very steep, still continuous at double precision
    ("1e-8 (x - 0.5)", (0, 1)),          # tiny values
    ("x^3 - 2", (0, 2)),
])
def test_steep_or_tiny_continuous_functions_are_roots(text, bracket):
    result = solve(text, "bisect", bracket)
    assert result.flag == "converged"
    f = compile_expression(text).scalar_function()
    assert result.root == pytest.approx(optimize.brentq(f, *bracket, xtol=1e-14), abs=4e-12)


# --- open methods ------------------------------------------------------------------------------------

def test_newton_leaving_the_bracket_stops_with_a_flag():
    # The classic: Newton on atan from 1.5 overshoots further each step.
    result = solve("atan(x)", "newton", (-2, 2), x0=1.5)
    assert result.flag == "convergence error" and math.isnan(result.root)
    assert [abs(step.x) for step in result.steps] == sorted(abs(step.x) for step in result.steps)
    assert not -2 <= result.steps[-1].x <= 2
    assert result.message.startswith(f"the step went to x = {result.steps[-1].x:.12g}, outside [-2, 2]")


def test_newton_on_a_flat_tangent_stops_before_stepping():
    result = solve("x^2 - 1", "newton", (-2, 2))  # x0 defaults to the midpoint 0, where f' = 0
    assert result.flag == "convergence error" and result.steps == ()
    assert result.message == "f'(x) = 0 at x = 0, so the tangent there is flat and never crosses zero"


def test_secant_on_a_flat_line_stops():
    result = solve("x^2 - 1", "secant", (-2, 2))  # f(-2) = f(2)
    assert result.flag == "convergence error"
    assert "the secant line is flat" in result.message


def test_newton_into_an_undefined_region_is_a_value_error():
    # Newton on log(x) from 3 jumps to 3 - 3 log 3 < 0, where log is undefined.
    result = solve("log(x)", "newton", None, x0=3.0)
    assert result.flag == "value error"
    assert result.steps[-1].x == pytest.approx(3 - 3 * math.log(3))
    assert "is not a number (NaN)" in result.message


def test_newton_with_an_undefined_derivative_is_a_value_error():
    result = solve_root("newton", lambda x: x - 1, None, x0=0.0, fprime=lambda x: math.nan)
    assert result.flag == "value error"
    assert result.message == "the slope at x = 0 is not a number, so no line can be drawn there"


@pytest.mark.parametrize("expression", ("sqrt(x) - 1", "x^(1/3) - 1"))
def test_newton_at_a_vertical_tangent_is_not_a_root(expression):
    # f'(0) is infinite: the step -f/f' is 0, which must not pass for convergence at f = -1.
    result = solve(expression, "newton", (0, 2), x0=0.0)
    assert result.flag == "value error" and not result.converged and math.isnan(result.root)
    assert result.message == ("the tangent at x = 0 is vertical (the slope is infinite), so it never crosses "
                              "zero: start somewhere else")


@pytest.mark.parametrize("method", ("newton", "secant"))
def test_open_methods_from_an_undefined_start(method):
    result = solve("sqrt(x) - 1", method, (-1, 4), x0=-0.5)
    assert result.flag == "value error" and result.steps == ()
    # (secant also evaluates its second start next to x0, undefined too)
    assert re.fullmatch(r"f\(-0\.50*1?5?\) is not a number \(NaN\) at the starting point, "
                        r"so the method cannot start there", result.message)


# --- mistakes in the options -------------------------------------------------------------------------

@pytest.mark.parametrize("options, message", [
    (dict(method="bisect", bracket=(2, 1)), "the bracket [a, b] needs a < b, but a = 2 and b = 1"),
    (dict(method="bisect", bracket=(1, 1)), "the bracket [a, b] needs a < b, but a = 1 and b = 1"),
    (dict(method="bisect", bracket=(0, math.inf)), "the bracket ends must be finite numbers, not [0, inf]"),
    (dict(method="bisect", bracket=None), "Bisection needs a bracket [a, b] where f changes sign"),
    (dict(method="brent", bracket=None), "Brent needs a bracket [a, b] where f changes sign"),
    (dict(method="bisection", bracket=(0, 1)),
     "unknown method 'bisection': choose one of bisect, false-position, secant, newton, brent"),
    (dict(method="bisect", bracket=(0, 1), xtol=0), "xtol must be a positive number, not 0"),
    (dict(method="bisect", bracket=(0, 1), xtol=-1e-3), "xtol must be a positive number, not -0.001"),
    (dict(method="bisect", bracket=(0, 1), rtol=-1.0), "rtol must be a number of at least 0, not -1.0"),
    (dict(method="bisect", bracket=(0, 1), maxiter=0), "maxiter must be a whole number of at least 1, not 0"),
    (dict(method="bisect", bracket=(0, 1), maxiter=2.5), "maxiter must be a whole number of at least 1, not 2.5"),
    (dict(method="newton", bracket=None), "Newton needs a starting point x0 or a bracket [a, b]"),
    (dict(method="secant", bracket=(0, 1), x0=math.nan), "x0 must be a finite number, not nan"),
])
def test_bad_options_raise_one_sentence_when_called(options, message):
    method = options.pop("method")
    bracket = options.pop("bracket")
    with pytest.raises(ExpressionError) as raised:
        iterate_root(method, lambda x: x - 0.5, bracket, fprime=lambda x: 1.0, **options)  # no next() needed
    assert str(raised.value) == message


def test_newton_without_a_derivative_is_refused():
    with pytest.raises(ExpressionError, match="Newton's method needs the derivative f'"):
        iterate_root("newton", lambda x: x, (0, 1))


def test_a_function_of_two_variables_is_refused():
    with pytest.raises(ExpressionError, match="expected a function of one variable"):
        solve("x + y", "bisect", (0, 1))


def test_every_method_is_reachable():
    f = compile_expression("x^3 - 2x - 5")
    reference = optimize.brentq(f.scalar_function(), 2, 3, xtol=1e-15)
    for method in METHODS:
        result = solve_expression(f, method, (2, 3))
        assert result.method == method and result.converged
        assert result.root == pytest.approx(reference, abs=4e-12)


# --- the scan for sign changes ---------------------------------------------------------------------

def test_scan_finds_the_roots_of_a_wave_and_skips_the_poles_of_tan():
    def wave(x):
        return math.sin(5 * x) - x / 2

    grid = np.linspace(-3, 3, 100_000)  # an even count: no sample at exactly 0
    values = np.sin(5 * grid) - grid / 2
    crossings = np.flatnonzero(np.sign(values[:-1]) != np.sign(values[1:]))
    expected = [optimize.brentq(wave, grid[i], grid[i + 1]) for i in crossings]  # a dense, independent scan
    found = [optimize.brentq(wave, a, b) for a, b in find_sign_changes(wave, -3, 3)]
    assert len(expected) == 7
    assert found == pytest.approx(expected, abs=1e-12)
    tan_brackets = find_sign_changes(math.tan, -4, 4)
    # roots of tan at -pi, 0, pi; its poles at -3pi/2, -pi/2, pi/2, 3pi/2 also change sign, and are left out
    assert [optimize.brentq(math.tan, a, b) for a, b in tan_brackets] == pytest.approx([-math.pi, 0, math.pi])


def test_scan_skips_jumps_and_undefined_gaps():
    assert find_sign_changes(compile_expression("floor(x) - 0.5").scalar_function(), -2, 3) == ()
    # negative left of -1, undefined on (-1, 1), positive right of 1: no sample pair spans the gap
    gap = compile_expression("sign(x) sqrt(x^2 - 1)").scalar_function()
    assert find_sign_changes(gap, -2, 2.1) == ()
    assert find_sign_changes(compile_expression("log(x)").scalar_function(), -2, 2.1)[0][0] < 1


@pytest.mark.parametrize("lo, hi, samples, message", [
    (1, 0, 400, "the scan interval must be two finite numbers lo < hi, not [1, 0]"),
    (0, math.nan, 400, "the scan interval must be two finite numbers lo < hi, not [0, nan]"),
    (0, 1, 1, "a scan needs at least 2 samples, not 1"),
])
def test_scan_refuses_bad_intervals(lo, hi, samples, message):
    with pytest.raises(ExpressionError) as raised:
        find_sign_changes(math.sin, lo, hi, samples)
    assert str(raised.value) == message


def test_a_sign_error_on_a_bracket_near_the_largest_float_still_answers():
    # Scanning [a - width, b + width] would overflow; the scan is clipped to the floats instead.
    result = solve("cos(x) + 2", "bisect", (0, 1.7e308))
    assert result.flag == "sign error" and result.suggested_brackets == ()


def test_scanning_intervals_at_the_ends_of_the_float_range():
    huge = find_sign_changes(lambda x: x - 1e300, -1e308, 1e308)  # hi - lo overflows
    assert len(huge) == 1 and huge[0][0] < 1e300 < huge[0][1]
    tiny = find_sign_changes(lambda x: x - 3e-321, 1e-321, 1e-320)  # subnormal: (b - a) / 2^20 is 0
    assert len(tiny) == 1 and tiny[0][0] < 3e-321 < tiny[0][1]


def test_newton_starts_at_the_midpoint_of_a_bracket_as_wide_as_the_floats():
    # (a + b) / 2 overflows here; a/2 + b/2 does not.
    result = solve_root("newton", lambda x: x - 1e307, (-1.7e308, 1.7e308), fprime=lambda x: 1.0)
    assert result.converged and result.root == pytest.approx(1e307)
    assert result.steps[0].previous_x == 0.0
