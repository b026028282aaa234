"""The calculator syntax a learner types (Desmos conventions), and the mistakes they make.

Each accepted form is compared with the sympy expression written out by hand with sympy's own
constructors (never by parsing text), so the test fails if the parser reads the text differently.
"""

import pytest
import sympy as sp

from visualiser.engine import ExpressionError, parse_expression
from visualiser.engine.syntax import Binary, Call, Name, Number, Unary, parse_syntax, tokenize

x, y, a, b = (sp.Symbol(n, real=True) for n in "xyab")
k_max, x_0, a_1, alpha = (sp.Symbol(n, real=True) for n in ("k_max", "x_0", "a_1", "alpha"))


@pytest.mark.parametrize(
    "text, expected",
    [
        # powers: ^ and ** are the same, right-associative, tighter than unary minus
        ("x^2", x**2),
        ("x**2", x**2),
        ("2^3^2", sp.Integer(512)),
        ("-x^2", -(x**2)),
        ("2^-x", 2 ** (-x)),
        ("x^-2", x ** (-2)),
        ("e^x", sp.exp(x)),
        # implicit multiplication
        ("2x", 2 * x),
        ("2x^2", 2 * x**2),
        ("3(x+1)(y-1)", 3 * (x + 1) * (y - 1)),
        ("x y", x * y),
        ("xy", x * y),
        ("2pi x", 2 * sp.pi * x),
        ("x e^x", x * sp.exp(x)),
        ("a(x+1)", a * (x + 1)),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("2 sin(x)", 2 * sp.sin(x)),
        ("xsin(x)", x * sp.sin(x)),
        ("sin x", sp.sin(x)),
        ("sin 2x", sp.sin(2 * x)),
        ("sin 2x + 1", sp.sin(2 * x) + 1),
        ("sinx", sp.sin(x)),
        # * and / (and implicit products) share one precedence level, left to right
        ("x/2y", x / 2 * y),
        ("1/2x", x / 2),
        ("x - y - 1", x - y - 1),
        ("x / y / 2", x / y / 2),
        ("+x", x),
        ("--x", x),
        # constants
        ("pi", sp.pi),
        ("e", sp.E),
        ("2pi", 2 * sp.pi),
        # absolute value bars
        ("|x-1|", sp.Abs(x - 1)),
        ("||x||", sp.Abs(x)),
        # numbers
        ("1.5x", sp.Float("1.5") * x),
        (".5", sp.Float("0.5")),
        ("1e3", sp.Float("1000")),
        ("2.5E-3", sp.Float("0.0025")),
        # names: subscripts and Greek letters stay whole
        ("k_max", k_max),
        ("x_0 + a_1", x_0 + a_1),
        ("alpha x", alpha * x),
        ("a*x^2 + b", a * x**2 + b),
        # spaces and tabs are ignored
        ("  x\t+ 1 ", x + 1),
    ],
)
def test_accepted_syntax_means_what_a_calculator_means(text, expected):
    assert parse_expression(text).expression == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sin(x)", sp.sin(x)),
        ("cos(x)", sp.cos(x)),
        ("tan(x)", sp.tan(x)),
        ("cot(x)", sp.cot(x)),
        ("sec(x)", sp.sec(x)),
        ("csc(x)", sp.csc(x)),
        ("asin(x)", sp.asin(x)),
        ("acos(x)", sp.acos(x)),
        ("atan(x)", sp.atan(x)),
        ("arcsin(x)", sp.asin(x)),
        ("arccos(x)", sp.acos(x)),
        ("arctan(x)", sp.atan(x)),
        ("atan2(y, x)", sp.atan2(y, x)),
        ("sinh(x)", sp.sinh(x)),
        ("cosh(x)", sp.cosh(x)),
        ("tanh(x)", sp.tanh(x)),
        ("asinh(x)", sp.asinh(x)),
        ("acosh(x)", sp.acosh(x)),
        ("atanh(x)", sp.atanh(x)),
        ("exp(x)", sp.exp(x)),
        ("log(x)", sp.log(x)),
        ("ln(x)", sp.log(x)),
        ("log(x, 2)", sp.log(x) / sp.log(2)),
        ("log10(x)", sp.log(x) / sp.log(10)),
        ("log2(x)", sp.log(x) / sp.log(2)),
        ("sqrt(x)", sp.sqrt(x)),
        ("cbrt(x)", sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)),  # the real cube root
        ("abs(x)", sp.Abs(x)),
        ("sign(x)", sp.sign(x)),
        ("floor(x)", sp.floor(x)),
        ("ceil(x)", sp.ceiling(x)),
        ("min(x, y)", sp.Min(x, y)),
        ("max(x, y, 1)", sp.Max(x, y, 1)),
        ("sigmoid(x)", 1 / (1 + sp.exp(-x))),
        ("relu(x)", sp.Max(x, 0)),
        ("softplus(x)", sp.log(1 + sp.exp(x))),
    ],
)
def test_every_listed_function(text, expected):
    assert parse_expression(text).expression == expected


def test_constant_folding_of_log_with_base():
    assert parse_expression("log(8, 2)").expression == 3


def test_tree_records_columns_of_operators_and_calls():
    tree = parse_syntax("2 + sin(x)")
    assert tree == Binary("+", Number("2", 1), Call("sin", (Name("x", 9),), 5), 3)
    assert parse_syntax("-x") == Unary("-", Name("x", 2), 1)
    # the implicit product sits at the column of its right factor
    assert parse_syntax("2x") == Binary("*", Number("2", 1), Name("x", 2), 2)


def test_tokenizer_splits_names_into_known_words_and_letters():
    texts = [t.text for t in tokenize("xsinpi") if t.kind != "end"]
    assert texts == ["x", "sin", "pi"]
    assert [t.column for t in tokenize("xsinpi")[:3]] == [1, 2, 5]


@pytest.mark.parametrize(
    "text, message, column",
    [
        ("", "the expression is empty", None),
        ("   ", "the expression is empty", None),
        ("sin(x", "missing ')'", 6),
        ("(x+1", "missing ')'", 5),
        ("sin(x))", "unexpected ')'", 7),
        ("x + )", "unexpected ')'", 5),
        ("()", "unexpected ')'", 2),
        ("x+", "the expression ends too early", 3),
        ("x*", "the expression ends too early", 3),
        ("x^", "the expression ends too early", 3),
        ("2*/x", "unexpected '/'", 3),
        ("|x", "missing '|'", 3),
        ("(x|", "expected ')' but found '|'", 3),
        ("foo(x)", "unknown function 'foo'", 1),
        ("1 + abc(x)", "unknown function 'abc'", 5),
        ("atan2(x)", "'atan2' takes 2 arguments, not 1", 1),
        ("sin(x, y)", "'sin' takes 1 argument, not 2", 1),
        ("min(x)", "'min' takes 2 to 8 arguments, not 1", 1),
        ("log(x, 2, 3)", "'log' takes 1 to 2 arguments, not 3", 1),
        ("sin", "'sin' needs an argument, like sin(x)", 1),
        ("x + sqrt", "'sqrt' needs an argument, like sqrt(x)", 5),
        ("sin(,x)", "unexpected ','", 5),
        ("x, y", "unexpected ','", 2),
        ("2 3", "missing operator between two numbers", 3),
        ("x = 1", "'=' is not allowed", 3),
        ("x ! 2", "'!' is not allowed", 3),
        ("1.2.3", "missing operator between two numbers", 4),  # read as 1.2 then .3
        ("x.y", "'.' is not allowed", 2),
        ("x2y", "'x2y' is not a valid name (use a letter with a subscript, like a_1)", 1),
        ("x_", "'x_' is not allowed", 1),
    ],
)
def test_user_mistakes_get_one_sentence_with_the_column(text, message, column):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    error = caught.value
    assert error.column == column
    expected = message if column is None else f"{message} at column {column}"
    assert str(error) == expected
    assert "\n" not in str(error)
