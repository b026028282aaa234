"""False position (regula falsi): cut the bracket where the chord from (a, f(a)) to (b, f(b)) crosses 0.

Plain regula falsi stalls on convex functions: one end never moves and the bracket never
shrinks. The Illinois fix halves the value used for an end each time that end is kept again,
which tilts the chord until the stuck end moves too.
"""

from __future__ import annotations

from typing import Callable, Generator

from .bracketing import Bracket, iterate_bracketing
from .steps import BISECTING, CHORD, Construction, RootResult, RootStep
from .stopping import StoppingRule


class IllinoisChord:
    """The chord through the ends, with the Illinois halving of an end kept twice in a row."""

    def __init__(self, start: Bracket) -> None:
        self._weight_a = start.fa
        self._weight_b = start.fb
        self._last_moved: str | None = None
        self.construction = BISECTING

    def next_point(self, bracket: Bracket, tolerance: float) -> float:
        a, b, wa, wb = bracket.a, bracket.b, self._weight_a, self._weight_b
        x = b - wb * (b - a) / (wb - wa)  # wa and wb have opposite signs, so wb - wa is not 0
        self.construction = Construction(CHORD, ((a, wa), (b, wb)))
        if not a < x < b:  # rounding (or overflow to inf/NaN) put the cut on or past an end
            x = a / 2 + b / 2
            self.construction = BISECTING
        return x

    def observe(self, x: float, fx: float, bracket: Bracket) -> tuple[float, float]:
        moved = "a" if x == bracket.a else "b"
        if moved == "a":
            self._weight_a = fx
            if self._last_moved == "a":
                self._weight_b /= 2
        else:
            self._weight_b = fx
            if self._last_moved == "b":
                self._weight_a /= 2
        self._last_moved = moved
        return x, fx


def iterate_false_position(f: Callable[[float], float], a: float, b: float,
                           stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    return iterate_bracketing("false-position", f, a, b, stopping, IllinoisChord)
