"""Gradients and Hessians, checked against values that do not come from sympy's diff.

Two independent references: formulas derived by hand and written in numpy, and central finite
differences of the compiled function itself (which only relies on the *value* being right,
and the value is checked against hand-written numpy in test_grid_evaluation.py).
"""

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression

RNG_SEED = 20240611


def _points(low, high, count=25, dims=2):
    rng = np.random.default_rng(RNG_SEED)
    return rng.uniform(low, high, size=(dims, count))


def _rosenbrock_grad(x, y):
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def _rosenbrock_hess(x, y):
    return np.array([[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200 + 0 * x]])


def _wave_grad(x, y):  # sin(x)*cos(y) + 0.1(x^2+y^2)
    return np.array([np.cos(x) * np.cos(y) + 0.2 * x, -np.sin(x) * np.sin(y) + 0.2 * y])


def _wave_hess(x, y):
    return np.array([[-np.sin(x) * np.cos(y) + 0.2, -np.cos(x) * np.sin(y)],
                     [-np.cos(x) * np.sin(y), -np.sin(x) * np.cos(y) + 0.2]])


def _gauss_grad(x, y):  # exp(-x^2 - y^2) * x
    g = np.exp(-x**2 - y**2)
    return np.array([g * (1 - 2 * x**2), -2 * x * y * g])


def _gauss_hess(x, y):
    g = np.exp(-x**2 - y**2)
    return np.array([[g * (4 * x**3 - 6 * x), g * (4 * x**2 * y - 2 * y)],
                     [g * (4 * x**2 * y - 2 * y), g * (4 * x * y**2 - 2 * x)]])


def _log_grad(x, y):  # log(1 + x^2 y^2)
    d = 1 + x**2 * y**2
    return np.array([2 * x * y**2 / d, 2 * x**2 * y / d])


def _log_hess(x, y):
    d = 1 + x**2 * y**2
    hxx = (2 * y**2 * d - 4 * x**2 * y**4) / d**2
    hyy = (2 * x**2 * d - 4 * x**4 * y**2) / d**2
    hxy = 4 * x * y / d**2
    return np.array([[hxx, hxy], [hxy, hyy]])


@pytest.mark.parametrize(
    "text, gradient, hessian",
    [
        ("(1-x)^2 + 100(y-x^2)^2", _rosenbrock_grad, _rosenbrock_hess),
        ("sin(x)*cos(y) + 0.1(x^2+y^2)", _wave_grad, _wave_hess),
        ("exp(-x^2 - y^2) x", _gauss_grad, _gauss_hess),
        ("log(1 + x^2 y^2)", _log_grad, _log_hess),
    ],
)
def test_2d_gradient_and_hessian_match_hand_derived_formulas(text, gradient, hessian):
    f = compile_expression(text)
    x, y = _points(-2, 2)
    np.testing.assert_allclose(f.gradient_value(x, y), gradient(x, y), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(f.hessian_value(x, y), hessian(x, y), rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize(
    "text, first, second, low, high",
    [
        ("x^3 - 2x", lambda x: 3 * x**2 - 2, lambda x: 6 * x, -3, 3),
        ("sin(3x) - x/2", lambda x: 3 * np.cos(3 * x) - 0.5, lambda x: -9 * np.sin(3 * x), -3, 3),
        ("x e^x", lambda x: (1 + x) * np.exp(x), lambda x: (2 + x) * np.exp(x), -3, 3),
        ("sqrt(x)", lambda x: 0.5 / np.sqrt(x), lambda x: -0.25 * x**-1.5, 0.1, 4),
        ("ln(x)", lambda x: 1 / x, lambda x: -1 / x**2, 0.1, 4),
        ("atan(x)", lambda x: 1 / (1 + x**2), lambda x: -2 * x / (1 + x**2) ** 2, -3, 3),
        ("tanh(x)", lambda x: 1 - np.tanh(x) ** 2,
         lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2), -3, 3),
        ("sigmoid(x)", lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2,
         lambda x: np.exp(-x) * (np.exp(-x) - 1) / (1 + np.exp(-x)) ** 3, -4, 4),
        ("softplus(x)", lambda x: 1 / (1 + np.exp(-x)),
         lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2, -4, 4),
        ("2^x", lambda x: np.log(2) * 2**x, lambda x: np.log(2) ** 2 * 2**x, -3, 3),
        ("log(x, 2)", lambda x: 1 / (x * np.log(2)), lambda x: -1 / (x**2 * np.log(2)), 0.1, 4),
        ("cbrt(x)", lambda x: 1 / (3 * np.cbrt(x) ** 2), lambda x: -2 / (9 * np.cbrt(x) ** 5), -4, -0.1),
        ("abs(x)", np.sign, lambda x: 0 * x, -3, 3),
        # step functions are differentiated almost everywhere: 0 between the steps
        ("floor(x) + x", lambda x: 1 + 0 * x, lambda x: 0 * x, -3, 3),
        ("sign(x) x^2", lambda x: 2 * np.abs(x), lambda x: 2 * np.sign(x), -3, 3),
    ],
)
def test_1d_derivatives_match_hand_derived_formulas(text, first, second, low, high):
    f = compile_expression(text)
    (x,) = _points(low, high, dims=1)
    np.testing.assert_allclose(f.gradient_value(x)[0], first(x), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(f.hessian_value(x)[0, 0], second(x), rtol=1e-10, atol=1e-10)
    fprime = f.scalar_derivative()
    assert fprime(float(x[0])) == pytest.approx(first(x[0]), rel=1e-12)


def test_parameters_enter_the_derivatives():
    f = compile_expression("a*x^2 + b*x*y")
    x, y = _points(-2, 2)
    grad = f.gradient_value(x, y, params={"a": 3.0, "b": -2.0})
    np.testing.assert_allclose(grad, [6 * x - 2 * y, -2 * x], rtol=1e-12)
    hess = f.hessian_value(x, y, params={"a": 3.0, "b": -2.0})
    expected = np.broadcast_to(np.array([[6.0, -2.0], [-2.0, 0.0]])[:, :, None], (2, 2, x.size))
    np.testing.assert_array_equal(hess, expected)


def _central_gradient(f, point, h=1e-6):
    point = np.asarray(point, dtype=float)
    grad = []
    for i in range(point.size):
        step = np.zeros_like(point)
        step[i] = h
        grad.append((f.value(*(point + step)) - f.value(*(point - step))) / (2 * h))
    return np.array(grad)


def _central_hessian(f, point, h=1e-4):
    point = np.asarray(point, dtype=float)
    n = point.size
    hess = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i], ej[j] = h, h
            hess[i, j] = (f.value(*(point + ei + ej)) - f.value(*(point + ei - ej))
                          - f.value(*(point - ei + ej)) + f.value(*(point - ei - ej))) / (4 * h * h)
    return hess


@pytest.mark.parametrize(
    "text, variables",
    [
        ("x^2 y + sin(x y) - cosh(y/3)", None),
        ("atan2(y, x) + sqrt(x^2 + y^2 + 1)", None),
        ("max(x, 0)^2 + exp(-y^2) log(2 + x^2)", None),
        ("u^3 v - w u + tanh(v w)", ["u", "v", "w"]),
        ("softplus(x - 2y) + 0.5 relu(y)^2", None),
    ],
)
def test_derivatives_match_central_finite_differences(text, variables):
    f = compile_expression(text, variables)
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(5):
        point = rng.uniform(0.2, 1.5, size=len(f.variables))
        exact_grad = f.gradient_value(*point)
        exact_hess = f.hessian_value(*point)
        assert exact_grad.shape == (len(f.variables),)
        assert exact_hess.shape == (len(f.variables), len(f.variables))
        np.testing.assert_allclose(exact_grad, _central_gradient(f, point), rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(exact_hess, _central_hessian(f, point), rtol=1e-4, atol=1e-4)
        np.testing.assert_allclose(exact_hess, exact_hess.T, rtol=1e-12)


def test_gradient_and_hessian_shapes_on_a_grid():
    f = compile_expression("x^2 + 3y")
    x, y = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 3))
    assert f.gradient_value(x, y).shape == (2, 3, 4)
    assert f.hessian_value(x, y).shape == (2, 2, 3, 4)
    # d/dy = 3 is a constant, yet it fills the grid
    np.testing.assert_array_equal(f.gradient_value(x, y)[1], np.full((3, 4), 3.0))
    np.testing.assert_array_equal(f.hessian_value(x, y)[0, 0], np.full((3, 4), 2.0))


@pytest.mark.parametrize("text, params", [("a*x^2 + b*x*y", {"a": 3.0, "b": -2.0}), ("x^2 + 3y", {}), ("7", {}),
                                           ("sqrt(x) + log(y)", {})])
def test_bound_values_and_gradients_on_rows_are_those_of_the_checked_calls(text, params):
    """What an optimizer's inner loop calls: constants filled out, undefined points NaN, bit for bit the same."""
    f = compile_expression(text, ("x", "y"))
    points = np.array([[1.5, -2.0], [0.25, 3.0], [-1.0, 0.5], [0.0, 2.0]])
    bound = f.bind(params)
    value, gradient = bound.value_and_gradient(points)
    np.testing.assert_array_equal(value, f.value(*points.T, params=params))
    np.testing.assert_array_equal(gradient, f.gradient_value(*points.T, params=params).T)
    assert value.shape == (4,) and gradient.shape == (4, 2) and value.dtype == gradient.dtype == np.float64
    # each alone, as a line search's trials ask for them
    np.testing.assert_array_equal(bound.value(points), value)
    np.testing.assert_array_equal(bound.gradient(points), gradient)
    assert bound.value(points[1:2]).shape == (1,) and bound.gradient(points[1:2]).shape == (1, 2)
    with pytest.raises(ExpressionError, match="no parameter 'c'"):
        f.bind({"c": 1.0})


def test_scalar_functions_refuse_two_variables():
    f = compile_expression("x + y")
    with pytest.raises(ExpressionError, match="^expected a function of one variable, not of x, y$"):
        f.scalar_derivative()


def test_symbolic_gradient_and_latex_are_exposed():
    f = compile_expression("x^2 y")
    assert len(f.gradient) == 2 and len(f.hessian) == 2
    assert f.gradient_latex == ("2 x y", "x^{2}")
    assert f.hessian_latex == (("2 y", "2 x"), ("2 x", "0"))
