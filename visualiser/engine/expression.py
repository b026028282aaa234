"""Syntax tree -> sympy expression, with the variables and parameters it uses.

Only the node types of :mod:`.syntax` and the names in :mod:`.vocabulary` are translated;
numbers and powers are checked *before* sympy evaluates them, so ``9^9^9^9`` is refused
instead of computed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import sympy as sp

from .errors import ExpressionError
from .syntax import Call, Name, Node, Number, Unary, parse_syntax, walk
from .vocabulary import CONSTANTS, FUNCTIONS, PYTHON_KEYWORDS

MAX_EXPONENT = 1000
MAX_MAGNITUDE_LOG10 = 300
DEFAULT_PARAMETER_VALUE = 1.0
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class ParsedExpression:
    """A validated expression: the sympy tree, its variables (in order) and its parameters."""

    text: str
    expression: sp.Expr
    variables: tuple[str, ...]
    parameters: tuple[str, ...]

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        """Variables then parameters: the argument order of every compiled function."""
        return tuple(symbol(name) for name in (*self.variables, *self.parameters))


def symbol(name: str) -> sp.Symbol:
    """The one way names become sympy symbols (real, so ``d|x|/dx`` is ``sign(x)``)."""
    return sp.Symbol(name, real=True)


def parse_expression(text: str, variables: Sequence[str] | None = None) -> ParsedExpression:
    """Parse user text into a :class:`ParsedExpression`.

    ``variables`` defaults to ``("x",)``, or ``("x", "y")`` when ``y`` appears. Every other
    name is a parameter, listed in alphabetical order.
    """
    tree = parse_syntax(text)
    names = sorted({n.name for n in walk(tree) if isinstance(n, Name) and n.name not in CONSTANTS})
    if variables is None:
        variables = ("x", "y") if "y" in names else ("x",)
    variables = _check_variables(variables)
    expression = _build(tree)
    _check_value(expression)
    parameters = tuple(n for n in names if n not in variables)
    return ParsedExpression(text, expression, variables, parameters)


def _check_variables(variables: Iterable[str]) -> tuple[str, ...]:
    result = tuple(v.strip() for v in variables)
    if not result:
        raise ExpressionError("at least one variable is needed")
    for name in result:
        if (not _IDENTIFIER.match(name) or "__" in name or name in FUNCTIONS or name in CONSTANTS
                or name in PYTHON_KEYWORDS):
            raise ExpressionError(f"'{name}' cannot be a variable name")
    if len(set(result)) != len(result):
        raise ExpressionError("a variable is listed twice")
    return result


def _build(node: Node) -> sp.Expr:
    """Build the sympy tree bottom-up, checking every constant on the way up.

    sympy evaluates constant arguments of ``floor``, ``sign``, ``Max`` ... to as many digits as
    their integer part has: ``floor((pi^1000)^1000)`` would compute half a million digits of pi
    (minutes, in this process) and ``floor(exp(exp(exp(10))))`` raises OverflowError. Refusing
    each constant beyond float range as soon as it is built keeps every evaluation small.
    """
    try:
        result = _build_node(node)
    except (ArithmeticError, RecursionError) as error:  # sympy overflowing on a constant
        raise ExpressionError("number too large", getattr(node, "column", None)) from error
    _check_constant(result, getattr(node, "column", None))
    return result


def _check_constant(expression: sp.Expr, column: int | None) -> None:
    if expression.is_Number or expression.free_symbols or expression.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return  # numbers are checked when parsed and at the end; undefined values in _check_value
    try:
        magnitude = abs(complex(expression.evalf(15)))
    except (TypeError, ValueError, ArithmeticError):
        magnitude = math.inf
    if not magnitude <= 10.0**MAX_MAGNITUDE_LOG10:
        raise ExpressionError("number too large", column)


def _build_node(node: Node) -> sp.Expr:
    if isinstance(node, Number):
        if any(c in node.text for c in ".eE"):
            return sp.Float(node.text)
        return sp.Integer(node.text)
    if isinstance(node, Name):
        return CONSTANTS[node.name] if node.name in CONSTANTS else symbol(node.name)
    if isinstance(node, Unary):
        return -_build(node.operand)
    if isinstance(node, Call):
        return FUNCTIONS[node.function].build(*(_build(arg) for arg in node.args))
    left, right = _build(node.left), _build(node.right)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if node.op == "/":
        return left / right
    _check_power(left, right, node.column)
    return left**right


def _check_power(base: sp.Expr, exponent: sp.Expr, column: int) -> None:
    """Refuse powers whose *value* would be astronomically large before sympy computes them."""
    if not exponent.is_Number:
        return
    if abs(exponent) > MAX_EXPONENT:
        raise ExpressionError("exponent too large", column)
    if base.is_Number and not base.is_zero:
        # log10 through sympy: float(base) underflows to 0.0 for a typed 1e-400
        magnitude = float(exponent) * float(sp.log(abs(base), 10).evalf(15))
        if magnitude > MAX_MAGNITUDE_LOG10:
            raise ExpressionError("number too large", column)


def _check_value(expression: sp.Expr) -> None:
    if expression.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ExpressionError("the expression is undefined: it divides by zero or takes log(0)")
    if expression.has(sp.I):
        raise ExpressionError("the expression has complex values, like the log or square root of a negative number")
    for number in expression.atoms(sp.Number):
        if abs(number) > 10**MAX_MAGNITUDE_LOG10:
            raise ExpressionError("number too large")
