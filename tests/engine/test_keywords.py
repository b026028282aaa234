"""Python keywords typed into a formula are refused at their column, not read as products of letters.

Before, ``x if y else x`` read as f·i·l·s·x²·y·e² and ``None`` as N·o·n·e with e = 2.718: a plot
of something nobody typed. Letters next to each other still multiply (``xy``), and names that
merely contain a keyword (``min``, ``x_in``) are unaffected.
"""

import keyword

import pytest
import sympy as sp

from visualiser.engine import ExpressionError, parse_expression

x, y = (sp.Symbol(n, real=True) for n in "xy")
REFUSED_KEYWORDS = [word for word in keyword.kwlist if word != "lambda"]


def _refusal(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    return caught.value


@pytest.mark.parametrize("word", REFUSED_KEYWORDS)
def test_every_python_keyword_is_refused_where_it_stands(word):
    error = _refusal(f"2x + {word}")
    assert error.column == 6
    assert str(error).startswith(f"'{word}' is a Python keyword, not part of a formula")
    assert str(error).endswith(" at column 6")


@pytest.mark.parametrize(
    "text, message, column",
    [
        ("x if y else x",
         "'if' is a Python keyword, not part of a formula "
         "(build a piecewise function from min, max, abs or sign)", 3),
        ("x if x > 0 else 0", "'if' is a Python keyword, not part of a formula "
         "(build a piecewise function from min, max, abs or sign)", 3),  # before the '>'
        ("None", "'None' is a Python keyword, not part of a formula", 1),
        ("x*True", "'True' is a Python keyword, not part of a formula (write 1)", 3),
        ("False + x", "'False' is a Python keyword, not part of a formula (write 0)", 1),
        ("x and y", "'and' is a Python keyword, not part of a formula", 3),
        ("x or y", "'or' is a Python keyword, not part of a formula", 3),
        ("not x", "'not' is a Python keyword, not part of a formula", 1),
        ("x is y", "'is' is a Python keyword, not part of a formula", 3),
        ("sin(x in y)", "'in' is a Python keyword, not part of a formula", 7),
        ("(x for x in y)", "'for' is a Python keyword, not part of a formula", 4),
        ("import os", "'import' is a Python keyword, not part of a formula", 1),
        ("return x^2", "'return' is a Python keyword, not part of a formula", 1),
        ("2 pass", "'pass' is a Python keyword, not part of a formula", 3),
    ],
)
def test_what_a_programmer_might_type_is_refused_with_the_column(text, message, column):
    error = _refusal(text)
    assert error.column == column
    assert str(error) == f"{message} at column {column}"


def test_a_keyword_cannot_be_named_as_a_variable():
    with pytest.raises(ExpressionError, match="^'if' cannot be a variable name$"):
        parse_expression("x", ("x", "if"))


@pytest.mark.parametrize(
    "text, expected",
    [
        # lambda is the Greek letter here: a Python lambda needs ':', which is refused anyway
        ("lambda x^2", sp.Symbol("lambda", real=True) * x**2),
        # names that contain a keyword, and products of letters, read as before
        ("min(x, y) + asinh(x)", sp.Min(x, y) + sp.asinh(x)),
        ("x_in + x_if", sp.Symbol("x_in", real=True) + sp.Symbol("x_if", real=True)),
        ("xy", x * y),
        ("xsin(x)", x * sp.sin(x)),
        ("k_max x", sp.Symbol("k_max", real=True) * x),
    ],
)
def test_names_that_are_not_keywords_still_work(text, expected):
    assert parse_expression(text).expression == expected
