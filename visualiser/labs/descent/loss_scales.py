"""How a loss becomes a height on an axis or a colour bar, what that axis is called, and its tick marks.

pyqtgraph has no symmetric-log axis, and its log axis shows log10 of whatever it is given. So the
figures plot positions from a scale here and label ticks with the values the person cares about:
the loss itself, or the loss above its minimum, at whole decades ("10⁻²", "1", "10⁵", "−10¹²").
An axis is named in words ("loss above its minimum, log scale"), never by its formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..decades import decade_text

ABOVE_MINIMUM = "loss above its minimum, log scale"
LOSS_LOG = "loss, log scale"
LOSS_SYMMETRIC_LOG = "loss, symmetric log scale"
LOSS_LINEAR = "loss"


def signed_decade_text(value: float) -> str:
    """A tick's text: "0", "10⁻²", "1", "10⁵", "−10⁶" (a minus sign, not a hyphen)."""
    if value == 0:
        return "0"
    return ("−" if value < 0 else "") + decade_text(round(math.log10(abs(value))))


@dataclass(frozen=True)
class LogScale:
    """``log10(loss − reference + epsilon)``: the loss above ``reference`` in decades.

    ``epsilon`` keeps a loss at (or, by rounding, below) the reference finite: the colour map's
    flat minimum, or the loss plot's floor. Ticks show ``loss − reference``.
    """

    label: str
    reference: float = 0.0
    epsilon: float = 0.0

    def positions(self, loss) -> np.ndarray:
        return self.positions_of_shown(np.maximum(np.asarray(loss, dtype=np.float64) - self.reference, 0.0))

    def positions_of_shown(self, shown) -> np.ndarray:
        """Where the ticks showing ``shown`` (values of ``loss − reference``) go."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.asarray(shown, dtype=np.float64) + self.epsilon)

    def shown_values(self, positions) -> np.ndarray:
        """The values the ticks show (``loss − reference``) at ``positions``."""
        return np.power(10.0, np.asarray(positions, dtype=np.float64)) - self.epsilon

    @property
    def smallest_decade(self) -> float:
        """Below this a decade tick would sit on top of the tick at zero."""
        return 10 * self.epsilon


@dataclass(frozen=True)
class SymmetricLogScale:
    """``sign(loss) log10(1 + |loss| / threshold)``: linear within ``threshold`` of zero, decades beyond.

    For a loss that crosses zero (or falls without bound): large losses of either sign read in
    decades, and zero is at zero. Ticks show the loss itself.
    """

    label: str
    threshold: float = 1.0

    def positions(self, loss) -> np.ndarray:
        loss = np.asarray(loss, dtype=np.float64)
        return np.sign(loss) * np.log10(1.0 + np.abs(loss) / self.threshold)

    positions_of_shown = positions  # the ticks show the loss itself

    def shown_values(self, positions) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.float64)
        return np.sign(positions) * self.threshold * (np.power(10.0, np.abs(positions)) - 1.0)

    @property
    def smallest_decade(self) -> float:
        return self.threshold


@dataclass(frozen=True)
class LinearScale:
    """The loss as it is (the colour bar without its log scale)."""

    label: str = LOSS_LINEAR

    def positions(self, loss) -> np.ndarray:
        return np.asarray(loss, dtype=np.float64)

    positions_of_shown = positions

    def shown_values(self, positions) -> np.ndarray:
        return np.asarray(positions, dtype=np.float64)


LossScale = LogScale | SymmetricLogScale | LinearScale


def scale_ticks(scale: LossScale, low: float, high: float, count: int) -> list[tuple[float, str]]:
    """At most ``count`` (position, text) ticks between positions ``low`` and ``high``.

    Decades (and zero) for the log scales, every first, second, third... decade so that they fit,
    and never two closer than a third of the even spacing; a linear scale has no decades and gets
    pyqtgraph's own ticks (an empty list here).
    """
    if isinstance(scale, LinearScale) or not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return []
    first, last = (float(v) for v in scale.shown_values([low, high]))
    values = [0.0] if first <= 0 <= last else []
    for sign, a, b in ((1.0, max(first, 0.0), last), (-1.0, max(-last, 0.0), -first)):
        lowest = max(a, scale.smallest_decade)  # the magnitudes on this side of zero: [lowest, b]
        if not 0 < lowest <= b:
            continue
        exponents = range(math.ceil(math.log10(lowest) - 1e-9), math.floor(math.log10(b) + 1e-9) + 1)
        values += [sign * 10.0 ** k for k in exponents]
    if not values:
        return []
    decades = sorted(zip(scale.positions_of_shown(values), values))
    count = max(count, 2)
    gap = (high - low) / count / 3
    widest = max((abs(round(math.log10(abs(v)))) for v in values if v != 0), default=0)
    for stride in range(1, widest + 2):  # every decade, every second, ... until they fit
        kept = _spaced(_every(decades, stride), gap)
        if len(kept) <= count:
            break
    return [(float(position), signed_decade_text(value)) for position, value in kept]


def _spaced(ticks: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Zero, then the others in order, each kept if it is at least ``gap`` from every tick kept."""
    kept: list[tuple[float, float]] = []
    for position, value in sorted(ticks, key=lambda tick: tick[1] != 0):
        if all(abs(position - other) >= gap for other, _ in kept):
            kept.append((position, value))
    return sorted(kept)


def _every(decades: list[tuple[float, float]], stride: int) -> list[tuple[float, float]]:
    """Zero and the decades whose exponent is a multiple of ``stride`` (so 1 = 10⁰ stays when there)."""
    return [(p, v) for p, v in decades if v == 0 or round(math.log10(abs(v))) % stride == 0]
