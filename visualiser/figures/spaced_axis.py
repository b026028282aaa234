"""An axis whose tick labels never run together: its labelled ticks are spaced by how long their labels are.

pyqtgraph spaces the major ticks by the axis's length alone (at least 2.25 intervals, more with the
square root of its length) and always labels them, so on a plot 110 px wide the steps 0 … 1000 are
labelled every 200 and read "2004006008001000". It labels the minor ticks too where their text fills
less than a share of the axis, which lets them crowd where they bunch up. :class:`SpacedAxis` labels
the major ticks only and widens their spacing (1, 2, 5 × 10ⁿ) until every label clears its
neighbours, measured with the tick font; the ticks it skips stay as
unlabelled minor ticks. pyqtgraph leaves out a label that would stick out past the axis's ends, so
only the labels it draws count, and a log axis may shift its labelled decades (10⁻³, 10⁻¹ rather
than 10⁻⁴, 10⁻², 1 with both ends left out) to show two labels rather than one.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from .lean_axis import LeanAxis, lean_axes

NICE = (1, 2, 5)  # a spacing's leading digit
MOST_WIDENINGS = 40
# Room between two labels, in lines of the tick font: numbers side by side need about a space between them;
# stacked ones only must not touch (pyqtgraph already counts 0.8 of a line for each).
HORIZONTAL_GAP = 0.4
VERTICAL_GAP = 0.1


def wider(spacing: float) -> float:
    """The next spacing of 1, 2, 5 × 10ⁿ above ``spacing``."""
    exponent = math.floor(math.log10(spacing) + 1e-9)
    leading = spacing / 10**exponent
    following = next((digit for digit in NICE if digit > leading + 1e-9), None)
    return following * 10**exponent if following is not None else 10 ** (exponent + 1)


def ticks_between(low: float, high: float, spacing: float, offset: float = 0.0) -> np.ndarray:
    """offset + k · spacing from ``low`` to ``high``."""
    first, last = math.ceil((low - offset) / spacing - 1e-9), math.floor((high - offset) / spacing + 1e-9)
    return offset + np.arange(first, last + 1) * spacing


class SpacedAxis(LeanAxis):
    """An axis that labels only its major ticks, spaced so that no two labels touch."""

    def __init__(self, orientation: str, **options):
        super().__init__(orientation, **options)
        self.setStyle(maxTextLevel=0)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or (self.logMode and levels[0][0] < 1):  # under a decade: DecadeAxis picks the ticks
            return levels
        best = None  # (labels drawn, spacing, offset): the most labels, at the smallest spacing
        spacing = levels[0][0]
        for _ in range(MOST_WIDENINGS):
            # A log axis may start its labelled decades one or more decades on; a linear one keeps 0 labelled.
            # (whole multiples of the spacing first, if they show two labels: 10⁻¹⁰, 1, 10¹⁰ rather than 10⁻⁷, 10³)
            offsets = range(round(spacing)) if self.logMode else (0,)
            for offset in offsets:
                drawn = self.labels_drawn(ticks_between(minVal, maxVal, spacing, offset), minVal, maxVal, spacing)
                if drawn is not None and (best is None or drawn > best[0]):
                    best = (drawn, spacing, float(offset))
                if best is not None and best[0] >= 2:
                    break
            if (best is not None and best[0] >= 2) or spacing > maxVal - minVal:
                break
            spacing = wider(spacing)
        if best is None:
            return levels
        _drawn, spacing, offset = best
        finer = [level for level in levels if level[0] < spacing * (1 - 1e-9)]
        return [(spacing, offset), *finer[:1]]

    def labels_drawn(self, values, low: float, high: float, spacing: float | None = None) -> int | None:
        """How many labels at ``values`` (view coordinates, between ``low`` and ``high``) pyqtgraph draws (those
        within the axis's length), or None if two of them would touch."""
        length = self.width() if self.orientation in ("top", "bottom") else self.height()
        if len(values) == 0:
            return 0
        if length <= 0 or high <= low:
            return len(values)
        scale = self.scale
        strings = self.tickStrings([value / scale for value in values], self.autoSIPrefixScale * scale,
                                   (spacing or 1.0) / scale)
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        if self.orientation in ("top", "bottom"):
            extents = np.array([self._text_rect(metrics, text).width() for text in strings])
            gap = HORIZONTAL_GAP * metrics.height()
        else:  # as pyqtgraph measures a label's height
            extents = np.array([0.8 * self._text_rect(metrics, text).height() for text in strings])
            gap = VERTICAL_GAP * metrics.height()
        positions = (np.asarray(values, dtype=float) - low) / (high - low) * length
        inside = (positions - extents / 2 >= -0.5) & (positions + extents / 2 <= length + 0.5)
        positions, extents = positions[inside], extents[inside]
        room = np.abs(np.diff(positions)) - (extents[:-1] + extents[1:]) / 2
        return int(inside.sum()) if np.all(room >= gap) else None

    @staticmethod
    def _text_rect(metrics: QFontMetricsF, text: str) -> QRectF:
        return metrics.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)


def spaced_axes() -> dict[str, SpacedAxis]:
    """A plot's left and bottom axes, for ``PlotItem(axisItems=...)``."""
    return lean_axes(SpacedAxis)
