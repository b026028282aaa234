"""Syntax tree -> sympy: which names are variables, which are parameters, and the value guards."""

import pytest
import sympy as sp

from visualiser.engine import ExpressionError, compile_expression, parse_expression
from visualiser.engine.expression import DEFAULT_PARAMETER_VALUE


@pytest.mark.parametrize(
    "text, variables, parameters",
    [
        ("x^2", ("x",), ()),
        ("sin(3x) - x/2", ("x",), ()),
        ("(1-x)^2 + 100(y-x^2)^2", ("x", "y"), ()),
        ("y^2", ("x", "y"), ()),  # y alone still makes a 2-D surface
        ("a*x^2 + b", ("x",), ("a", "b")),
        ("k_max x + alpha", ("x",), ("alpha", "k_max")),
        ("b x + a y + c", ("x", "y"), ("a", "b", "c")),
        ("pi e", ("x",), ()),  # constants are neither
        ("7", ("x",), ()),
    ],
)
def test_default_variables_and_parameters(text, variables, parameters):
    parsed = parse_expression(text)
    assert parsed.variables == variables
    assert parsed.parameters == parameters
    free = {s.name for s in parsed.expression.free_symbols}
    assert free <= set(variables) | set(parameters)


@pytest.mark.parametrize(
    "text, given, parameters",
    [
        ("t^2 + w", ["t"], ("w",)),
        ("u v", ["u", "v"], ()),
        ("x + y", ["y", "x"], ()),  # the order given is kept
        ("a x + y", [" x ", "y"], ("a",)),  # spaces around names are forgiven
        ("x^2 + y", ["x"], ("y",)),  # an explicit list can make y a parameter
        ("x_0 + x_1", ["x_0", "x_1"], ()),
    ],
)
def test_explicit_variable_lists(text, given, parameters):
    parsed = parse_expression(text, given)
    assert parsed.variables == tuple(v.strip() for v in given)
    assert parsed.parameters == parameters
    assert [s.name for s in parsed.symbols] == [*parsed.variables, *parameters]


@pytest.mark.parametrize(
    "variables, message",
    [
        ([], "at least one variable is needed"),
        (["x", "x"], "a variable is listed twice"),
        (["sin"], "'sin' cannot be a variable name"),
        (["pi"], "'pi' cannot be a variable name"),
        (["__class__"], "'__class__' cannot be a variable name"),
        (["1x"], "'1x' cannot be a variable name"),
        (["x.y"], "'x.y' cannot be a variable name"),
        ([""], "'' cannot be a variable name"),
    ],
)
def test_bad_variable_lists(variables, message):
    with pytest.raises(ExpressionError) as caught:
        parse_expression("x + 1", variables)
    assert str(caught.value) == message


def test_symbols_are_real_so_abs_differentiates_to_sign():
    parsed = parse_expression("abs(x)")
    (x,) = parsed.symbols
    assert x.is_real
    assert sp.diff(parsed.expression, x) == sp.sign(x)


def test_parameters_default_and_can_be_set():
    f = compile_expression("a*x^2 + b")
    assert f.parameter_defaults == {"a": DEFAULT_PARAMETER_VALUE, "b": DEFAULT_PARAMETER_VALUE}
    assert f.value(3.0) == pytest.approx(DEFAULT_PARAMETER_VALUE * 9 + DEFAULT_PARAMETER_VALUE)
    assert f.value(3.0, params={"a": 2.0, "b": -1.0}) == pytest.approx(17.0)
    assert f.value(3.0, params={"b": 0.5}) == pytest.approx(DEFAULT_PARAMETER_VALUE * 9 + 0.5)
    with pytest.raises(ExpressionError, match="^the expression has no parameter 'c'$"):
        f.value(3.0, params={"c": 1.0})


def test_a_parameter_named_like_a_python_keyword_still_works():
    f = compile_expression("lambda x")
    assert f.parameters == ("lambda",)
    assert f.value(2.0, params={"lambda": 3.0}) == pytest.approx(6.0)


def test_parsed_text_is_kept():
    assert parse_expression("2x").text == "2x"


@pytest.mark.parametrize(
    "text, message",
    [
        ("1/0", "the expression is undefined: it divides by zero or takes log(0)"),
        ("log(0)", "the expression is undefined: it divides by zero or takes log(0)"),
        ("x + 0^-1", "the expression is undefined: it divides by zero or takes log(0)"),
        ("0.0^-1", "the expression is undefined: it divides by zero or takes log(0)"),
        ("tan(pi/2)", "the expression is undefined: it divides by zero or takes log(0)"),
        ("atan2(0, 0)", "the expression is undefined: it divides by zero or takes log(0)"),
        ("log(x, 1)", "the expression is undefined: it divides by zero or takes log(0)"),
        ("sqrt(-1)", "the expression has complex values, like the log or square root of a negative number"),
        ("x + log(-1)", "the expression has complex values, like the log or square root of a negative number"),
        ("(-1)^0.5", "the expression has complex values, like the log or square root of a negative number"),
        ("10^300 * 10^300", "number too large"),
        ("(10^299)^2", "number too large at column 9"),
        ("2^1001", "exponent too large at column 2"),
        ("x^(10^10)", "exponent too large at column 2"),
        ("e^1000", "number too large at column 2"),
        ("exp(1000) x", "number too large at column 1"),
        ("floor(exp(exp(exp(10))))", "number too large at column 11"),
        ("floor((pi^1000)^1000)", "number too large at column 10"),
    ],
)
def test_values_sympy_cannot_or_should_not_build(text, message):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["(1e-400)^2", "1e-400^x", "exp(600) x", "10^300", "2^990", "0^0", "x^1000"])
def test_large_but_finite_or_tiny_values_are_accepted(text):
    parse_expression(text)  # must not raise
