"""How an expression is written out for people: LaTeX for the typeset formula, plain text for the
fallback line and the command line.

sympy writes every digit of a large number: ``1e300 x^2`` became a 301-digit integer running off
the window. Here a number of magnitude 10^15 or more (float64 carries about 15 significant
digits, so further digits say nothing about what is evaluated) is written in scientific
notation, ``1.0·10^{300}``; sympy already writes tiny floats that way. Smaller integers and
fractions stay exact (``x^2 + 3``, ``x/3``). Only the text changes: the expression, and so every
evaluated value, is untouched.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

SCIENTIFIC_FROM = 10**15
# sympy's settings: floats from 1e15 up in scientific notation, and without the trailing zeros
# of their full precision (which sympy's str keeps for a lone float: "2.50000000000000")
_FLOAT_SETTINGS = {"max": 15, "full_prec": False}


class _ScientificNumbers:
    """Printer mixin: integers and fractions with a part of 10^15 or more print as floats."""

    def _print_Rational(self, expr):
        if abs(expr.p) >= SCIENTIFIC_FROM or expr.q >= SCIENTIFIC_FROM:
            return self._print(sp.Float(expr, 15))
        return super()._print_Rational(expr)

    _print_Integer = _print_Rational  # an Integer is a Rational with q = 1, and prints as one


class _FormulaLatexPrinter(_ScientificNumbers, LatexPrinter):
    pass


class _FormulaStrPrinter(_ScientificNumbers, StrPrinter):
    pass


# mod as it was typed, a function; sympy writes "x \bmod y" (which matplotlib's mathtext, the
# app's typesetter, does not know) and "Mod(x, y)".
_TYPED_MOD = sp.Function("mod")


def formula_latex(expression: sp.Expr) -> str:
    """LaTeX (math mode, without dollars) for the typeset formula."""
    return _FormulaLatexPrinter(_FLOAT_SETTINGS).doprint(expression.replace(sp.Mod, _TYPED_MOD))


def formula_plain_text(expression: sp.Expr) -> str:
    """sympy's plain text (``x**2 + 1.0e+300``), for where the formula cannot be typeset."""
    return _FormulaStrPrinter(_FLOAT_SETTINGS).doprint(expression.replace(sp.Mod, _TYPED_MOD))
