"""The whitelist: every function and constant a user may type, and what it means in sympy.

Nothing outside these tables can ever reach sympy. Each entry names its arity so that
``atan2(x)`` or ``sin(x, y)`` is rejected with a clear sentence before sympy sees it.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from typing import Callable

import sympy as sp


@dataclass(frozen=True)
class FunctionSpec:
    build: Callable[..., sp.Expr]
    min_args: int
    max_args: int


def _log(value: sp.Expr, base: sp.Expr | None = None) -> sp.Expr:
    return sp.log(value) if base is None else sp.log(value, base)


class Mod(sp.Mod):
    """sympy's ``Mod`` (the remainder with the sign of the divisor, like Python's ``%`` and
    ``numpy.mod``) with its derivative, taken almost everywhere as for ``floor``.

    sympy leaves ``d Mod(x, y)/dx`` as an unevaluated ``Derivative``, which the derivative step
    would turn into 0; between its jumps ``x - y*floor(x/y)`` has slope 1 in x and
    ``-floor(x/y)`` in y. The class keeps the name ``Mod`` so that every sympy printer (numpy's
    ``mod`` for lambdify, LaTeX, str) treats it as sympy's own.
    """

    def fdiff(self, argindex=1):
        dividend, divisor = self.args
        return sp.S.One if argindex == 1 else -sp.floor(dividend / divisor)


def _mod(dividend: sp.Expr, divisor: sp.Expr) -> sp.Expr:
    # sympy raises ZeroDivisionError for a zero divisor; nan makes it "undefined", like 1/0.
    return sp.nan if divisor.is_zero else Mod(dividend, divisor)


def _one(fn: Callable[[sp.Expr], sp.Expr]) -> FunctionSpec:
    return FunctionSpec(fn, 1, 1)


FUNCTIONS: dict[str, FunctionSpec] = {
    "sin": _one(sp.sin),
    "cos": _one(sp.cos),
    "tan": _one(sp.tan),
    "cot": _one(sp.cot),
    "sec": _one(sp.sec),
    "csc": _one(sp.csc),
    "asin": _one(sp.asin),
    "acos": _one(sp.acos),
    "atan": _one(sp.atan),
    "arcsin": _one(sp.asin),
    "arccos": _one(sp.acos),
    "arctan": _one(sp.atan),
    "atan2": FunctionSpec(sp.atan2, 2, 2),
    "sinh": _one(sp.sinh),
    "cosh": _one(sp.cosh),
    "tanh": _one(sp.tanh),
    "asinh": _one(sp.asinh),
    "acosh": _one(sp.acosh),
    "atanh": _one(sp.atanh),
    "exp": _one(sp.exp),
    "log": FunctionSpec(_log, 1, 2),
    "ln": _one(sp.log),
    "log10": _one(lambda v: sp.log(v, 10)),
    "log2": _one(lambda v: sp.log(v, 2)),
    "sqrt": _one(sp.sqrt),
    # The real cube root (cbrt(-8) = -2, as on a calculator); sympy's cbrt is the principal,
    # complex root, which evaluated to NaN for every negative x.
    "cbrt": _one(lambda v: sp.sign(v) * sp.Abs(v) ** sp.Rational(1, 3)),
    "abs": _one(sp.Abs),
    "sign": _one(sp.sign),
    "floor": _one(sp.floor),
    "ceil": _one(sp.ceiling),
    "mod": FunctionSpec(_mod, 2, 2),
    "min": FunctionSpec(sp.Min, 2, 8),
    "max": FunctionSpec(sp.Max, 2, 8),
    # The activation functions an ML practitioner reaches for first.
    "sigmoid": _one(lambda v: 1 / (1 + sp.exp(-v))),
    "relu": _one(lambda v: sp.Max(v, 0)),
    "softplus": _one(lambda v: sp.log(1 + sp.exp(v))),
}

CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E}

# Spelled-out Greek letters are single parameter names (``alpha*x``), never split into letters.
GREEK_LETTERS = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron rho sigma "
    "tau upsilon phi chi psi omega".split()
)

# Python's keywords (``if``, ``and``, ``None``, ``True`` ...) are refused rather than read as products
# of letters: ``x if y else x`` would otherwise be f·i·l·s·x²·y·e², and ``None`` N·o·n·e with e = 2.718.
# ``lambda`` is kept: here it is the Greek letter (a regularisation weight, an eigenvalue), and a
# Python lambda cannot be written anyway, since ``:`` is not allowed.
PYTHON_KEYWORDS = frozenset(keyword.kwlist) - GREEK_LETTERS

# Words a multi-letter name may be split into (``xsin(x)`` is ``x*sin(x)``), longest first.
KNOWN_WORDS = tuple(sorted({*FUNCTIONS, *CONSTANTS, *GREEK_LETTERS}, key=len, reverse=True))
