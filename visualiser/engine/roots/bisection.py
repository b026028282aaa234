"""Bisection: halve the bracket, keep the half where f still changes sign."""

from __future__ import annotations

from typing import Callable, Generator

from .bracketing import Bracket, iterate_bracketing
from .steps import BISECTING, RootResult, RootStep
from .stopping import StoppingRule


class Midpoint:
    """Bisection's rule: always the midpoint, and the estimate is the point just evaluated.

    Each step halves the width, so from [a, b] the bracket is narrower than ``xtol`` after at
    most ceil(log2((b - a) / xtol)) + 1 steps, whatever f is.
    """

    construction = BISECTING

    def next_point(self, bracket: Bracket, tolerance: float) -> float:
        # Halves before adding: (a + b) / 2 overflows for ends near the largest float.
        return bracket.a / 2 + bracket.b / 2

    def observe(self, x: float, fx: float, bracket: Bracket) -> tuple[float, float]:
        return x, fx


def iterate_bisection(f: Callable[[float], float], a: float, b: float,
                      stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    return iterate_bracketing("bisect", f, a, b, stopping, lambda start: Midpoint())
