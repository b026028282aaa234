"""One entry point for every method: check the options, pick the generator, finish the result."""

from __future__ import annotations

import dataclasses
import math
import sys
from typing import Callable, Generator, Mapping

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from .bisection import iterate_bisection
from .bracketing import no_sign_change_message
from .brackets import find_sign_changes
from .brent import iterate_brent
from .false_position import iterate_false_position
from .methods import BRACKETING_METHODS, METHOD_LABELS, METHODS
from .newton import iterate_newton
from .secant import iterate_secant, second_start
from ..generators import run_to_end
from .evaluation import number
from .signs import opposite_signs
from .steps import LEFT_BRACKET, NO_SIGN_CHANGE, ROOT_AT_END, RootResult, RootStep
from .stopping import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL, StoppingRule, is_number

_BRACKETING = {"bisect": iterate_bisection, "false-position": iterate_false_position, "brent": iterate_brent}


def iterate_root(method: str, f: Callable[[float], float], bracket: tuple[float, float] | None = None, *,
                 x0: float | None = None, fprime: Callable[[float], float] | None = None,
                 xtol: float = DEFAULT_XTOL, rtol: float = DEFAULT_RTOL,
                 maxiter: int = DEFAULT_MAXITER) -> Generator[RootStep, None, RootResult]:
    """A generator of :class:`RootStep` that returns the :class:`RootResult` (``yield from`` gives it).

    Bad options raise :class:`ExpressionError` here, when it is called, not at the first step.
    Bracketing methods need ``bracket``; ``newton`` needs ``fprime``. Newton starts from ``x0``
    (default: the bracket's midpoint); secant starts from ``x0`` and a point next to it, or from
    the bracket's ends when ``x0`` is not given. For open methods the bracket, if given, is the
    region they must stay in.
    """
    if method not in METHODS:
        raise ExpressionError(f"unknown method '{method}': choose one of {', '.join(METHODS)}")
    stopping = StoppingRule(xtol=xtol, rtol=rtol, maxiter=maxiter)
    region = _checked_bracket(bracket)
    if x0 is not None and not _is_finite_number(x0):
        raise ExpressionError(f"x0 must be a finite number, not {x0}")
    if method in BRACKETING_METHODS:
        if region is None:
            raise ExpressionError(f"{METHOD_LABELS[method]} needs a bracket [a, b] where f changes sign")
        return _with_advice(_BRACKETING[method](f, *region, stopping), f, *region)
    if x0 is None and region is None:
        raise ExpressionError(f"{METHOD_LABELS[method]} needs a starting point x0 or a bracket [a, b]")
    if method == "newton":
        if fprime is None:
            raise ExpressionError("Newton's method needs the derivative f'")
        run = iterate_newton(f, fprime, x0 if x0 is not None else region[0] / 2 + region[1] / 2, region, stopping)
    else:
        first, second = (x0, second_start(x0)) if x0 is not None else region
        run = iterate_secant(f, first, second, region, stopping)
    return run if region is None else _with_advice(run, f, *region)


def solve_root(method: str, f: Callable[[float], float], bracket: tuple[float, float] | None = None,
               **options) -> RootResult:
    """Run :func:`iterate_root` to the end and return its result."""
    return run_to_end(iterate_root(method, f, bracket, **options))


def solve_expression(compiled: CompiledExpression, method: str, bracket: tuple[float, float] | None, *,
                     params: Mapping[str, float] | None = None, x0: float | None = None,
                     **options) -> RootResult:
    """Solve ``compiled(x) = 0`` with the parameters bound; Newton gets the exact derivative."""
    fprime = compiled.scalar_derivative(params) if method == "newton" else None
    return solve_root(method, compiled.scalar_function(params), bracket, x0=x0, fprime=fprime, **options)


def _checked_bracket(bracket) -> tuple[float, float] | None:
    if bracket is None:
        return None
    a, b = bracket
    if not (_is_finite_number(a) and _is_finite_number(b)):
        raise ExpressionError(f"the bracket ends must be finite numbers, not [{a}, {b}]")
    if not a < b:
        raise ExpressionError(f"the bracket [a, b] needs a < b, but a = {a} and b = {b}")
    return float(a), float(b)


def _is_finite_number(value) -> bool:
    return is_number(value) and math.isfinite(value)


def _with_advice(run: Generator[RootStep, None, RootResult], f: Callable[[float], float], a: float,
                 b: float) -> Generator[RootStep, None, RootResult]:
    """The result, with what the bracket [a, b] holds where that shows the person how to go on.

    Without a sign change: brackets that have one, from a scan of three times the width around
    it. With a root at an end: the other sign changes inside. When an open method has left the
    bracket: whether f changes sign on it at all. These evaluations explain the run and are not
    part of it, so they are not counted in ``function_calls``.
    """
    result = yield from run
    if result.reason == NO_SIGN_CHANGE:
        return dataclasses.replace(result, suggested_brackets=_sign_changes_around(f, a, b))
    if result.reason == ROOT_AT_END:
        return dataclasses.replace(result, suggested_brackets=find_sign_changes(f, a, b))
    if result.reason == LEFT_BRACKET:
        return _explain_leaving(result, f, a, b)
    return result


def _sign_changes_around(f: Callable[[float], float], a: float, b: float) -> tuple[tuple[float, float], ...]:
    # Halves, and clipped to the floats: [a - width, b + width] may not be representable.
    half_width = b / 2 - a / 2
    lo, hi = (max(a - 2 * half_width, -sys.float_info.max), min(b + 2 * half_width, sys.float_info.max))
    return find_sign_changes(f, lo, hi)


def _explain_leaving(result: RootResult, f: Callable[[float], float], a: float, b: float) -> RootResult:
    """An open method stepped outside [a, b]: say whether there was a sign change in it to head for."""
    fa, fb = float(f(a)), float(f(b))
    if not (math.isfinite(fa) and math.isfinite(fb)):
        return result
    if opposite_signs(fa, fb):
        return dataclasses.replace(
            result, message=f"{result.message}; f changes sign on [{number(a)}, {number(b)}], but the steps went "
                            f"away from there: start closer to where it does, or use a bracketing method")
    return dataclasses.replace(result, message=f"{result.message}; {no_sign_change_message(a, fa, b, fb)}",
                               suggested_brackets=_sign_changes_around(f, a, b))
