"""The formula as people read it: large and tiny constants in scientific notation, exact small
numbers as typed, mod as typed, and the values used for evaluation untouched.

``1e300 x^2`` showed as a 301-digit integer running off the window. Numbers shown in scientific
notation are read back and compared with the exact value they stand for.
"""

import io
import re

import pytest
import sympy as sp

from visualiser.engine import compile_expression
from visualiser.engine.formula_text import formula_latex, formula_plain_text
from visualiser.engine.summary import summarize

_LATEX_SCIENTIFIC = re.compile(r"(-?\d+\.\d+) \\cdot 10\^\{(-?\d+)\}")
_PLAIN_SCIENTIFIC = re.compile(r"(-?\d+\.\d+)e([+-]\d+)")


def test_a_huge_constant_is_written_in_scientific_notation_and_evaluates_as_typed():
    compiled = compile_expression("1e300 x^2")
    assert compiled.latex == r"1.0 \cdot 10^{300} x^{2}"
    assert compiled.plain_text == "1.0e+300*x**2"
    assert compiled.gradient_latex == (r"2.0 \cdot 10^{300} x",)
    assert compiled.gradient_plain_text == ("2.0e+300*x",)
    assert compiled.hessian_latex == ((r"2.0 \cdot 10^{300}",),)
    assert compiled.value(2.0) == 4e300
    assert compiled.gradient_value(0.5)[0] == 1e300


def test_a_huge_exact_integer_is_written_in_scientific_notation_too():
    compiled = compile_expression("10^300 x^2 + 2^100 y")
    assert compiled.latex == r"1.0 \cdot 10^{300} x^{2} + 1.26765060022823 \cdot 10^{30} y"
    assert compiled.plain_text == "1.0e+300*x**2 + 1.26765060022823e+30*y"
    assert compiled.value(1.0, 1.0) == float(10**300) + float(2**100)


@pytest.mark.parametrize(
    "text, latex, plain",
    [
        ("x^2 + 3", "x^{2} + 3", "x**2 + 3"),
        ("x/3 - 1", r"\frac{x}{3} - 1", "x/3 - 1"),
        ("123456789 x", "123456789 x", "123456789*x"),
        ("999999999999999 x", "999999999999999 x", "999999999999999*x"),  # 15 digits: all exact
        ("2.5x + 0.001", "2.5 x + 0.001", "2.5*x + 0.001"),
        ("1e5 x", "100000.0 x", "100000.0*x"),
        ("x^-2", r"\frac{1}{x^{2}}", "x**(-2)"),
    ],
)
def test_exact_small_numbers_are_written_as_sympy_writes_them(text, latex, plain):
    compiled = compile_expression(text)
    assert compiled.latex == latex == sp.latex(compiled.expression)
    assert compiled.plain_text == plain == sp.sstr(compiled.expression)


@pytest.mark.parametrize(
    "constant",
    [sp.Integer(10) ** 15, sp.Integer(2) ** 100, -sp.Integer(3) ** 40, sp.Integer(10) ** 300 / 3,
     sp.Rational(1, 2**60), sp.Float("1e300"), sp.Float("-2.5e-300"), sp.Float("6.02214076e23")],
    ids=str,
)
def test_scientific_notation_stands_for_the_exact_value(constant):
    written = ((formula_latex(constant), _LATEX_SCIENTIFIC), (formula_plain_text(constant), _PLAIN_SCIENTIFIC))
    for text, pattern in written:
        match = pattern.fullmatch(text)
        assert match is not None, text
        mantissa, exponent = match.groups()
        assert len(mantissa.strip("-").replace(".", "")) <= 15
        assert float(f"{mantissa}e{exponent}") == pytest.approx(float(constant), rel=1e-14)


def test_a_lone_float_is_written_without_trailing_zeros():
    assert compile_expression("2.5x^2 + x").hessian_plain_text == (("5.0",),)
    assert sp.sstr(sp.Float("5.0")) == "5.00000000000000"  # what sympy's str would show


def test_mod_is_written_as_it_was_typed():
    compiled = compile_expression("mod(x, 2)^2 + 1")
    assert compiled.latex == r"\operatorname{mod}^{2}{\left(x,2 \right)} + 1"
    assert compiled.plain_text == "mod(x, 2)**2 + 1"
    assert compiled.gradient_plain_text == ("2*mod(x, 2)",)


@pytest.mark.parametrize("text", ["1e300 x^2", "mod(x^2, 3) + 2^100", "x/10^300 + floor(x/y)"])
def test_the_app_typesetter_renders_the_formula_and_it_fits_a_window(text):
    mathtext = pytest.importorskip("matplotlib.mathtext")
    image = pytest.importorskip("matplotlib.image")
    compiled = compile_expression(text)
    for latex in (compiled.latex, *compiled.gradient_latex):
        buffer = io.BytesIO()
        mathtext.math_to_image(f"${latex}$", buffer, dpi=110, format="png")
        buffer.seek(0)
        assert image.imread(buffer).shape[1] < 500  # pixels; the 301-digit integer was thousands


def test_the_inspect_summary_uses_the_same_text():
    summary = summarize(compile_expression("1e300 x^2 + y"))
    assert summary.expression == "1.0e+300*x**2 + y"
    assert summary.gradient == ("2.0e+300*x", "1")
    assert summary.hessian == (("2.0e+300", "0"), ("0", "0"))
    assert summary.latex == r"1.0 \cdot 10^{300} x^{2} + y"
