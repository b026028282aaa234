"""Whole decades written as a learner writes them: 1, 10, 10², 10⁻¹⁵ (a log axis's tick labels).

Qt-free, so that the labs' loss scales and the figures' log axes write them alike.
"""

from __future__ import annotations

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_text(exponent: int) -> str:
    """10^exponent as a tick label: "1", "10", "10⁻¹⁵"."""
    if exponent == 0:
        return "1"
    if exponent == 1:
        return "10"
    return "10" + str(exponent).translate(SUPERSCRIPTS)
