"""Exact gradient and Hessian of a parsed expression (runs inside the symbolic worker process)."""

from __future__ import annotations

import sympy as sp

from .errors import ExpressionError

# Past this many tree nodes the derivatives are too big to compile and evaluate interactively.
MAX_DERIVATIVE_NODES = 20_000


def gradient_and_hessian(expression: sp.Expr, variables: tuple[sp.Symbol, ...]):
    """Return ``(gradient, hessian)`` as a tuple and a tuple of tuples of sympy expressions.

    Derivatives of step functions are taken almost everywhere: ``d floor(x)/dx`` and the Dirac
    deltas from ``d sign(x)/dx`` are 0, which is what a numerical method sees between the steps.
    """
    gradient = tuple(_almost_everywhere(sp.diff(expression, v)) for v in variables)
    # The Hessian is symmetric: differentiate the upper triangle and mirror it.
    upper = {(i, j): _almost_everywhere(sp.diff(gradient[i], variables[j]))
             for i in range(len(variables)) for j in range(i, len(variables))}
    hessian = tuple(tuple(upper[min(i, j), max(i, j)] for j in range(len(variables)))
                    for i in range(len(variables)))
    size = sum(_node_count(e) for e in upper.values()) + sum(_node_count(g) for g in gradient)
    if size > MAX_DERIVATIVE_NODES:
        raise ExpressionError(f"expression too large: its derivatives have {size} terms")
    return gradient, hessian


def _almost_everywhere(expression: sp.Expr) -> sp.Expr:
    steps_flat = expression.replace(
        lambda e: isinstance(e, (sp.DiracDelta, sp.Derivative)), lambda e: sp.S.Zero
    )
    # The chain rule wraps the derivative of a step of an inner expression, d floor(x/y)/dx, in
    # Subs(d floor(ξ)/dξ, ξ, x/y); with that derivative now 0, evaluate the Subs to 0 as well
    # instead of showing "0|ξ=x/y" in the formula.
    return steps_flat.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.doit())


def _node_count(expression: sp.Expr) -> int:
    return sum(1 for _ in sp.preorder_traversal(expression))
