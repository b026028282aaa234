"""Brent's method, as in scipy's ``brentq``: interpolate when it is safe, bisect when it is not.

A port of scipy's ``brentq.c`` (itself after Brent, "Algorithms for Minimization without
Derivatives", 1973) onto the shared bracketing loop. The bracket is ``{current, block}``: the end
with the smaller |f| is the estimate (``current``), the other one (``block``) keeps the sign
change. ``previous`` is the estimate before the last evaluation, which may have left the bracket;
with it Brent fits a secant (two points) or an inverse quadratic (three points), and takes that
step only if it is short enough compared with the last two steps; otherwise it bisects.
"""

from __future__ import annotations

import math
from typing import Callable, Generator

from .bracketing import Bracket, iterate_bracketing
from .signs import sign
from .steps import BISECTING, INVERSE_QUADRATIC, SECANT_LINE, Construction, RootResult, RootStep
from .stopping import StoppingRule


class BrentInterpolation:
    def __init__(self, start: Bracket) -> None:
        self._previous = (start.a, start.fa)
        self._step_before_last = 0.0
        self._last_step = 0.0
        self.construction = BISECTING
        self.observe(start.b, start.fb, start)

    def observe(self, x: float, fx: float, bracket: Bracket) -> tuple[float, float]:
        x_previous, f_previous = self._previous
        if sign(f_previous) != sign(fx):  # x and the previous estimate now bracket the root
            self._step_before_last = self._last_step = x - x_previous
        current, block = (x, fx), bracket.other_end(x)
        if abs(block[1]) < abs(fx):
            self._previous = current
            current, block = block, current
        self._current, self._block = current, block
        return current

    def next_point(self, bracket: Bracket, tolerance: float) -> float:
        (x_cur, f_cur), (x_blk, f_blk), (x_pre, f_pre) = self._current, self._block, self._previous
        delta = tolerance / 2
        half_bracket = (x_blk - x_cur) / 2
        trial = math.nan
        if abs(self._step_before_last) > delta and abs(f_cur) < abs(f_pre):
            trial = _interpolation_step(x_cur, f_cur, x_blk, f_blk, x_pre, f_pre)
        if 2 * abs(trial) < min(abs(self._step_before_last), 3 * abs(half_bracket) - delta):  # False for NaN
            self._step_before_last, self._last_step = self._last_step, trial
            self.construction = _interpolation(self._current, self._block, self._previous)
        else:
            self._step_before_last = self._last_step = half_bracket
            self.construction = BISECTING
        step = self._last_step
        self._previous = self._current
        # Never step less than delta: a step below the tolerance could not shrink the bracket enough.
        return x_cur + (step if abs(step) > delta else math.copysign(delta, half_bracket))


def _interpolation(current: tuple[float, float], block: tuple[float, float],
                   previous: tuple[float, float]) -> Construction:
    """The line or parabola :func:`_interpolation_step` follows, through its points (x, f)."""
    if previous[0] == block[0]:
        return Construction(SECANT_LINE, (current, previous))
    return Construction(INVERSE_QUADRATIC, (current, block, previous))


def _interpolation_step(x_cur: float, f_cur: float, x_blk: float, f_blk: float, x_pre: float,
                        f_pre: float) -> float:
    """Secant step through current and previous, or inverse quadratic through all three; NaN if degenerate."""
    try:
        if x_pre == x_blk:
            return -f_cur * (x_cur - x_pre) / (f_cur - f_pre)
        d_pre = (f_pre - f_cur) / (x_pre - x_cur)
        d_blk = (f_blk - f_cur) / (x_blk - x_cur)
        return -f_cur * (f_blk * d_blk - f_pre * d_pre) / (d_blk * d_pre * (f_blk - f_pre))
    except ZeroDivisionError:  # a product underflowed to 0: the interpolation says nothing
        return math.nan


def iterate_brent(f: Callable[[float], float], a: float, b: float,
                  stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    return iterate_bracketing("brent", f, a, b, stopping, BrentInterpolation)
