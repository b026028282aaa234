"""The sign test every bracketing method relies on.

Signs are compared, never multiplied: ``f(a) * f(b)`` underflows to 0 when both values are tiny
(``1e-200 * -1e-200``), and a test ``f(a) * f(b) < 0`` would then miss a perfectly good bracket.
"""

from __future__ import annotations


def sign(value: float) -> int:
    """-1, 0 or +1 (0 for NaN, which callers reject before asking)."""
    return (value > 0) - (value < 0)


def opposite_signs(fa: float, fb: float) -> bool:
    return sign(fa) * sign(fb) < 0
