"""``mod(x, y)``: the remainder with the sign of the divisor, as Python's ``%`` and ``numpy.mod``.

Values are checked against numpy and Python, derivatives against central differences away from
the jumps; ``x mod 2`` and ``x % 2`` (read before as 2·d·m·o·x and refused without a word) get
a hint.
"""

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression

DIVIDENDS = np.array([-7.5, -7.0, -0.25, 0.0, 0.25, 3.0, 7.5, 11.2])
DIVISORS = np.array([2.0, -2.0, 0.7, -0.7, 3.0])


def test_mod_has_the_sign_of_the_divisor_like_numpy_mod_and_python():
    remainder = compile_expression("mod(x, y)")
    x_grid, y_grid = np.meshgrid(DIVIDENDS, DIVISORS)
    values = remainder.value(x_grid, y_grid)
    np.testing.assert_allclose(values, np.mod(x_grid, y_grid), rtol=0, atol=1e-15)
    python = np.vectorize(lambda a, b: a % b)(x_grid, y_grid)
    np.testing.assert_allclose(values, python, rtol=0, atol=1e-15)
    assert np.all((values == 0) | (np.sign(values) == np.sign(y_grid)))


@pytest.mark.parametrize("text, value", [("mod(7, 3)", 1.0), ("mod(-7, 3)", 2.0), ("mod(7, -3)", -2.0),
                                         ("mod(-7.5, 2)", 0.5), ("mod(2pi, pi)", 0.0)])
def test_constant_remainders_fold_to_what_python_computes(text, value):
    assert compile_expression(text).value(1.0) == value


def test_the_derivative_is_one_in_x_and_minus_floor_in_y_between_the_jumps():
    remainder = compile_expression("mod(x, y)")
    assert [str(g) for g in remainder.gradient] == ["1", "-floor(x/y)"]
    assert remainder.hessian == ((0, 0), (0, 0))  # d floor(x/y)/dx is 0, not "0 at ξ = x/y"
    points_x, points_y = np.array([-7.3, -0.25, 0.4, 3.3, 7.1]), np.array([2.0, -2.0, 0.7, -0.7, 3.0])
    h = 1e-6
    numeric = np.stack([
        (remainder.value(points_x + h, points_y) - remainder.value(points_x - h, points_y)) / (2 * h),
        (remainder.value(points_x, points_y + h) - remainder.value(points_x, points_y - h)) / (2 * h),
    ])
    np.testing.assert_allclose(remainder.gradient_value(points_x, points_y), numeric, atol=1e-6)


def test_the_chain_rule_runs_through_mod():
    wrapped = compile_expression("sin(mod(x^2, 3))")
    points = np.array([0.3, 1.1, 1.9, 2.6])
    h = 1e-6
    numeric = (wrapped.value(points + h) - wrapped.value(points - h)) / (2 * h)
    np.testing.assert_allclose(wrapped.scalar_derivative()(1.1), 2 * 1.1 * np.cos(np.mod(1.21, 3)))
    np.testing.assert_allclose(wrapped.gradient_value(points)[0], numeric, rtol=1e-6)


def test_a_sawtooth_is_a_root_finding_function():
    sawtooth = compile_expression("mod(x, 1) - 0.5")
    assert sawtooth.scalar_function()(2.75) == 0.25
    assert sawtooth.scalar_derivative()(2.75) == 1.0


def test_a_zero_divisor_is_undefined_and_a_zero_value_of_y_gives_nan():
    with pytest.raises(ExpressionError, match="^the expression is undefined"):
        compile_expression("mod(x, 0)")
    with pytest.raises(ExpressionError, match="^the expression is undefined"):
        compile_expression("mod(x, a - a)")
    assert np.isnan(compile_expression("mod(x, y)").value(1.0, 0.0))


@pytest.mark.parametrize(
    "text, message, column",
    [
        ("x mod 2", "'mod' needs brackets (use mod(x, 2) for the remainder of x divided by 2)", 3),
        ("xmod 2", "'mod' needs brackets (use mod(x, 2) for the remainder of x divided by 2)", 2),
        ("mod x", "'mod' needs brackets (use mod(x, 2) for the remainder of x divided by 2)", 1),
        ("x % 2", "'%' is not allowed (use mod(x, 2) for the remainder of x divided by 2)", 3),
        ("mod(x)", "'mod' takes 2 arguments, not 1", 1),
        ("mod(x, 2, 3)", "'mod' takes 2 arguments, not 3", 1),
    ],
)
def test_the_remainder_written_as_an_operator_gets_a_hint(text, message, column):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text)
    assert caught.value.column == column
    assert str(caught.value) == f"{message} at column {column}"
