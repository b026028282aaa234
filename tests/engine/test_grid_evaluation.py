"""Values on grids: float64, the grid's shape, warning-free, equal to hand-written numpy.

pyproject turns RuntimeWarnings into errors, so any divide/invalid/overflow warning leaking out of
an evaluation fails these tests; the explicit ``warnings.catch_warnings`` blocks also catch the
other warning kinds (e.g. ComplexWarning).
"""

import warnings

import numpy as np
import pytest

from visualiser.engine import compile_expression

X1 = np.linspace(-4.0, 4.0, 801)  # includes 0 exactly
GX, GY = np.meshgrid(np.linspace(-3.0, 3.0, 121), np.linspace(-2.0, 2.0, 81))  # includes (0, 0)


def _hand(fn, *arrays):
    with np.errstate(all="ignore"):
        return fn(*arrays)


@pytest.mark.parametrize(
    "text, reference",
    [
        ("(1-x)^2 + 100(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2),
        ("sin(x)*cos(y) + 0.1(x^2+y^2)", lambda x, y: np.sin(x) * np.cos(y) + 0.1 * (x**2 + y**2)),
        ("exp(-x^2 - y^2)", lambda x, y: np.exp(-x**2 - y**2)),
        ("atan2(y, x)", lambda x, y: np.arctan2(y, x)),
        ("max(x, y) - min(x, y, 0)", lambda x, y: np.maximum(x, y) - np.minimum(np.minimum(x, y), 0)),
        ("|x| + |y|", lambda x, y: np.abs(x) + np.abs(y)),
        ("sqrt(x^2 + y^2)", np.hypot),
        ("x y / (1 + x^2)", lambda x, y: x * y / (1 + x**2)),
        ("floor(x) + ceil(y)", lambda x, y: np.floor(x) + np.ceil(y)),
        ("sign(x y)", lambda x, y: np.sign(x * y)),
        ("log(x^2 + y^2)", lambda x, y: np.log(x**2 + y**2)),  # -inf at the origin
        ("x/y", lambda x, y: x / y),  # inf and nan on y = 0
    ],
)
def test_2d_grid_matches_hand_written_numpy(text, reference):
    f = compile_expression(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = f.value(GX, GY)
    assert values.dtype == np.float64
    assert values.shape == GX.shape
    np.testing.assert_allclose(values, _hand(reference, GX, GY), rtol=1e-13, atol=1e-13, equal_nan=True)


@pytest.mark.parametrize(
    "text, reference",
    [
        ("1/x", lambda x: 1 / x),
        ("log(x)", np.log),
        ("ln(x)", np.log),
        ("sqrt(x)", np.sqrt),
        ("x^0.5", np.sqrt),
        ("asin(x)", np.arcsin),
        ("acos(x/2)", lambda x: np.arccos(x / 2)),
        ("acosh(x)", np.arccosh),
        ("atanh(x/4)", lambda x: np.arctanh(x / 4)),
        ("log10(x)", np.log10),
        ("log2(x)", np.log2),
        ("tan(x)", np.tan),
        ("cot(x)", lambda x: 1 / np.tan(x)),
        ("x^(1/3)", np.cbrt),  # defined for x >= 0; NaN below, like numpy's power
        ("cbrt(x)", np.cbrt),
        ("exp(300 x)", lambda x: np.exp(300 * x)),  # overflows to inf
        ("x^40", lambda x: x**40),
        ("relu(x) + sigmoid(x)", lambda x: np.maximum(x, 0) + 1 / (1 + np.exp(-x))),
        ("softplus(x)", lambda x: np.log(1 + np.exp(x))),
        ("sin(3x) - x/2", lambda x: np.sin(3 * x) - x / 2),
        ("sinh(x) cosh(x) tanh(x)", lambda x: np.sinh(x) * np.cosh(x) * np.tanh(x)),
        ("sec(x) + csc(x)", lambda x: 1 / np.cos(x) + 1 / np.sin(x)),
    ],
)
def test_1d_domain_edges_give_nan_or_inf_without_warnings(text, reference):
    f = compile_expression(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = f.value(X1)
    assert values.dtype == np.float64
    assert values.shape == X1.shape
    assert not np.iscomplexobj(values)
    expected = _hand(reference, X1)
    if text == "x^(1/3)":
        expected = np.where(X1 >= 0, expected, np.nan)
    np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-14, equal_nan=True)
    # the finite mask is what a plot uses to leave gaps; it agrees with numpy's
    np.testing.assert_array_equal(np.isfinite(values), np.isfinite(expected))


def test_some_domain_edges_really_are_not_finite():
    # guards the test above against a reference that happens to be finite everywhere
    values = compile_expression("log(x) + sqrt(x)").value(X1)
    assert np.isnan(values[X1 < 0]).all()
    assert np.isneginf(values[X1 == 0]).all()
    assert np.isfinite(values[X1 > 0]).all()
    assert np.isposinf(compile_expression("1/x").value(X1)[X1 == 0]).all()


@pytest.mark.parametrize("text, constant", [("3", 3.0), ("2pi", 2 * np.pi), ("e^2 - 1", np.e**2 - 1),
                                            ("a + 1", 2.0)])
def test_constant_expression_fills_the_grid(text, constant):
    f = compile_expression(text, ["x", "y"])
    values = f.value(GX, GY)
    assert values.shape == GX.shape and values.dtype == np.float64
    np.testing.assert_allclose(values, np.full(GX.shape, constant), rtol=1e-15)
    values[0, 0] = -1.0  # a writable copy, not a read-only broadcast view
    assert f.value(GX, GY)[0, 0] == pytest.approx(constant)


def test_expression_free_of_one_variable_fills_the_grid():
    f = compile_expression("x^2", ["x", "y"])
    values = f.value(GX, GY)
    assert values.shape == GX.shape
    np.testing.assert_allclose(values, GX**2, rtol=1e-15)


def test_coordinates_broadcast_and_scalars_return_0d():
    f = compile_expression("x + 10 y")
    xs, ys = np.linspace(0, 1, 5), np.linspace(0, 1, 3)[:, None]
    assert f.value(xs, ys).shape == (3, 5)
    np.testing.assert_allclose(f.value(xs, ys), xs + 10 * ys)
    scalar = f.value(1.0, 2.0)
    assert scalar.shape == () and float(scalar) == 21.0


def test_integer_grids_do_not_overflow():
    # int64 x**40 wraps around silently; the engine must compute in float64
    f = compile_expression("x^40")
    values = f.value(np.arange(1, 20))
    np.testing.assert_allclose(values, np.arange(1, 20, dtype=np.float64) ** 40, rtol=1e-15)
    assert (values > 0).all()


def test_cube_root_is_real_for_negative_numbers():
    assert compile_expression("cbrt(-8)").expression == -2
    np.testing.assert_allclose(compile_expression("cbrt(x)").value(-27.0), -3.0, rtol=1e-15)


def test_negative_base_with_fractional_power_is_nan_not_complex():
    f = compile_expression("(-8)^(1/3) + x")
    values = f.value(X1)
    assert values.dtype == np.float64
    assert np.isnan(values).all()


def test_wrong_number_of_coordinates_is_an_expression_error():
    from visualiser.engine import ExpressionError

    f = compile_expression("x + y")
    with pytest.raises(ExpressionError, match=r"^expected 2 coordinate\(s\) for x, y, got 1$"):
        f.value(GX)


def test_scalar_function_is_a_float_and_nan_outside_the_domain():
    f = compile_expression("sqrt(x) + a", )
    g = f.scalar_function({"a": 2.0})
    assert isinstance(g(4.0), float) and g(4.0) == 4.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(g(-1.0))


def test_a_variable_named_like_a_numpy_function_does_not_shadow_it():
    # lambdify writes max(x, y) as reduce(maximum, [x, y]): an argument called maximum broke it.
    f = compile_expression("max(x, y)", ["maximum", "x", "y"])
    np.testing.assert_array_equal(f.value(0.0, np.array([1.0, 5.0]), np.array([3.0, 2.0])), [3.0, 5.0])
