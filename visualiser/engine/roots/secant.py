"""The secant method: Newton's idea with the slope through the last two points instead of f'."""

from __future__ import annotations

import math
from typing import Callable, Generator

from .evaluation import Evaluations
from .open_methods import iterate_line_steps
from .steps import RootResult, RootStep
from .stopping import StoppingRule


def second_start(x0: float) -> float:
    """The second starting point next to ``x0``, chosen as ``scipy.optimize.newton`` does."""
    x1 = x0 * (1 + 1e-4)
    return x1 + (1e-4 if x1 >= 0 else -1e-4)


def iterate_secant(f: Callable[[float], float], x0: float, x1: float, region: tuple[float, float] | None,
                   stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    """Secant from the two points ``x0 != x1``, ordered as ``scipy.optimize.newton`` orders them.

    The first step follows the line through both points; the second follows the line through the
    new point and the start where |f| is larger (``x1`` on a tie). That is scipy's choice, kept so
    that a run can be checked against scipy's step by step.
    """
    evaluations = Evaluations()
    f = evaluations.counted(f)
    start, other = (x0, f(x0)), (x1, f(x1))
    if abs(other[1]) >= abs(start[1]) or not math.isfinite(other[1]):  # a non-finite value stops the run at once
        start, other = other, start
    last = other

    def slope_at(x: float, fx: float) -> float:
        nonlocal last
        (x_last, f_last), last = last, (x, fx)
        return (fx - f_last) / (x - x_last)

    return iterate_line_steps(
        "secant", evaluations, f, *start, slope_at,
        "f has the same value at x = {x} and at the point before, so the secant line is flat and never "
        "crosses zero", region, stopping)
