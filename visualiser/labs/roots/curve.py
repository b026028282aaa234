"""The samples of f(x) to plot, broken where f has a pole or a jump, so no vertical line joins the sides.

A plot joins consecutive samples with straight segments; across the pole of 1/(x-1) that is a
line from -1000 to +1000 at x = 1, which reads as part of the graph. A large change between two
samples alone cannot tell a pole from a steep function (atan(1000x) climbs by almost pi between
two samples as well), so each large change is looked at closer, as the engine's discontinuity
check does: halve the interval again and again, keeping the half where f changes most. For a
continuous f the change shrinks with the width (to nothing after 30 halvings, even for
atan(1e8 x)); across a jump it stays, across a pole it grows. Where it did not shrink, a NaN
sample between the two breaks the line.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

SUSPECT_FRACTION = 0.005  # a change between samples above this fraction of f's spread is looked at closer
HALVINGS = 30             # how much closer: 2^-30 of the sample spacing
PERSISTS = 0.25           # a change that kept this fraction of its size over the halvings is a jump or a pole


def broken_at_discontinuities(values: Callable[[np.ndarray], np.ndarray], xs: np.ndarray,
                              ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``xs``, ``ys`` (f at xs) with a NaN sample inserted between neighbours that a pole or a jump separates.

    ``values`` evaluates f on an array (NaN where it is undefined).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        changes = np.abs(np.diff(ys))
        finite = ys[np.isfinite(ys)]
        if finite.size < 2:
            return xs, ys
        low, high = np.percentile(finite, [3, 97])  # as the plot frames f: the few samples near a pole aside
        # (Where a sample is not finite the plot breaks anyway.)
        suspects = np.flatnonzero(np.isfinite(changes) & (changes > SUSPECT_FRACTION * (high - low)))
        if suspects.size == 0:
            return xs, ys
        breaks = suspects[_discontinuous(values, xs[suspects], ys[suspects], xs[suspects + 1], ys[suspects + 1])]
    gaps = (xs[breaks] + xs[breaks + 1]) / 2
    return np.insert(xs, breaks + 1, gaps), np.insert(ys, breaks + 1, np.nan)


def _discontinuous(values: Callable[[np.ndarray], np.ndarray], left: np.ndarray, f_left: np.ndarray,
                   right: np.ndarray, f_right: np.ndarray) -> np.ndarray:
    """For each interval [left, right], whether f's change across it persists as it is halved (or f is undefined inside)."""
    first_change = np.abs(f_right - f_left)
    undefined = np.zeros(left.shape, dtype=bool)
    for _ in range(HALVINGS):
        middle = left / 2 + right / 2
        f_middle = values(middle)
        undefined |= ~np.isfinite(f_middle)
        left_half = np.abs(f_middle - f_left) >= np.abs(f_right - f_middle)
        right = np.where(left_half, middle, right)
        f_right = np.where(left_half, f_middle, f_right)
        left = np.where(left_half, left, middle)
        f_left = np.where(left_half, f_left, f_middle)
    return undefined | ~(np.abs(f_right - f_left) < PERSISTS * first_change)
