"""Text pasted from a web page or a textbook: typographic operators, superscripts and spaces.

Each pasted form is checked against the sympy expression written out by hand and against the
same formula typed in ASCII; errors must point at the character of the text as pasted.
"""

import pytest
import sympy as sp

from visualiser.engine import ExpressionError, parse_expression
from visualiser.engine.vocabulary import Mod

x, y, a = (sp.Symbol(n, real=True) for n in "xya")


@pytest.mark.parametrize(
    "pasted, ascii_text, expected",
    [
        ("x \u2212 1", "x - 1", x - 1),  # minus sign
        ("\u2212x\u00b2", "-x^2", -(x**2)),
        ("x \u2013 1", "x - 1", x - 1),  # en dash
        ("x \u2014 1", "x - 1", x - 1),  # em dash
        ("x \u2012 1", "x - 1", x - 1),  # figure dash
        ("x \u2010 1", "x - 1", x - 1),  # hyphen
        ("2^\u2212x", "2^-x", 2 ** (-x)),
        ("2\u00d7x", "2*x", 2 * x),  # ×
        ("3\u00b7x\u22c5y", "3*x*y", 3 * x * y),  # · and ⋅
        ("a\u2217x", "a*x", a * x),  # ∗
        ("x \u00f7 2", "x / 2", x / 2),  # ÷
        ("x \u2215 2", "x / 2", x / 2),  # division slash
        ("x\u00b2", "x^2", x**2),
        ("x\u00b3 + x\u00b2 + x\u00b9 + x\u2070", "x^3 + x^2 + x^1 + x^0", x**3 + x**2 + x + 1),
        ("x\u2074 \u2212 x\u2075 + x\u2076 \u2212 x\u2077 + x\u2078 \u2212 x\u2079", "x^4 - x^5 + x^6 - x^7 + x^8 - x^9",
         x**4 - x**5 + x**6 - x**7 + x**8 - x**9),
        ("x\u207b\u00b9", "x^-1", 1 / x),
        ("x\u00b9\u2070", "x^10", x**10),
        ("2x\u00b2y", "2x^2 y", 2 * x**2 * y),
        ("(x+1)\u00b2", "(x+1)^2", (x + 1) ** 2),
        ("e^x\u00b2", "e^(x^2)", sp.exp(x**2)),  # as a textbook's e^{x²}
        ("(1\u2212x)\u00b2 + 100(y\u2212x\u00b2)\u00b2", "(1-x)^2 + 100(y-x^2)^2", (1 - x) ** 2 + 100 * (y - x**2) ** 2),
        ("x\u00a0+\u20091", "x + 1", x + 1),  # no-break space, thin space
        ("x\u202f\u00d7\u202fy", "x * y", x * y),  # narrow no-break space
    ],
)
def test_pasted_operators_mean_what_they_look_like(pasted, ascii_text, expected):
    assert parse_expression(pasted).expression == expected
    assert parse_expression(ascii_text).expression == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sin^2(x)", sp.sin(x) ** 2),
        ("sin^2(x) + cos^2(x)", sp.sin(x) ** 2 + sp.cos(x) ** 2),
        ("cos^2 x", sp.cos(x) ** 2),
        ("sin^2x", sp.sin(x) ** 2),
        ("sin^2 2x", sp.sin(2 * x) ** 2),
        ("log^3(x)", sp.log(x) ** 3),
        ("tanh**2(x)", sp.tanh(x) ** 2),
        ("sin\u00b2x + cos\u00b2x", sp.sin(x) ** 2 + sp.cos(x) ** 2),
        ("sin^a(x)", sp.sin(x) ** a),
        ("x sin^2(x) + 1", x * sp.sin(x) ** 2 + 1),
        ("2^sin^2 x", 2 ** (sp.sin(x) ** 2)),
        ("mod^2(x, 3)", Mod(x, 3) ** 2),
    ],
)
def test_a_power_written_after_a_function_name_is_a_power_of_its_value(text, expected):
    assert parse_expression(text).expression == expected


@pytest.mark.parametrize(
    "text, message, column",
    [
        ("sin^-1(x)", "'sin^-1' is ambiguous (write asin(x) for the inverse function, or sin(x)^-1 for a power)", 1),
        ("2 + sin\u207b\u00b9(x)",
         "'sin^-1' is ambiguous (write asin(x) for the inverse function, or sin(x)^-1 for a power)", 5),
        ("cosh^-1 x", "'cosh^-1' is ambiguous (write acosh(x) for the inverse function, or cosh(x)^-1 for a power)", 1),
        ("log^-1(x)", "'log^-1' is ambiguous (write log(x)^-1 for a power)", 1),
        ("sin^-2(x)", "'sin^-2' is ambiguous (write sin(x)^-2 for a power)", 1),
        ("sin^(2)(x)", "write the power of 'sin' after its argument, like sin(x)^2", 4),
        ("sin^cos(x)", "write the power of 'sin' after its argument, like sin(x)^2", 4),
        ("sin^2", "'sin' needs an argument, like sin(x)", 1),
        ("sin^", "the expression ends too early", 5),
    ],
)
def test_unclear_powers_of_functions_are_refused_with_a_hint(text, message, column):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.column == column
    assert str(caught.value) == f"{message} at column {column}"


@pytest.mark.parametrize(
    "text, message, culprit",
    [
        ("x\u00b2 \u00d7\u00d7 y", "unexpected '\u00d7'", "\u00d7"),
        ("x \u2212\u00b2", "unexpected '\u00b2'", "\u00b2"),
        ("\u00b2x", "unexpected '\u00b2'", "\u00b2"),
        ("x\u207b", "the non-ASCII character '\u207b' (U+207B) is not allowed", "\u207b"),
        ("x\u00b2\u00b3 + foo(x)", "unknown function 'foo'", "f"),
        ("(x\u00b2 \u2212 1\u00b7y", "missing ')'", None),
        ("x\u207b\u00b9 + 1e999", "number '1e999' is too large", "1"),
        ("\u2212\u2212x\u00b3 + in", "'in' is a Python keyword, not part of a formula", "i"),
        ("x" + "\u00b2" * 41, "number too long (41 digits)", "\u00b2"),
        ("x\u00b9\u2070\u2070\u2070\u2070", "exponent too large", "\u00b9"),
    ],
)
def test_errors_point_at_the_character_as_pasted(text, message, culprit):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    error = caught.value
    assert str(error) == f"{message} at column {error.column}"
    if culprit is None:
        assert error.column == len(text) + 1
    else:
        assert text[error.column - 1] == culprit


def test_invisible_and_look_alike_characters_are_still_refused():
    for text, column in (("x\u200b+1", 2), ("\u0445^2", 1), ("x \u00b1 1", 3)):
        with pytest.raises(ExpressionError, match="is not allowed") as caught:
            parse_expression(text)
        assert caught.value.column == column
