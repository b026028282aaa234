"""An axis that draws what pyqtgraph's :class:`~pyqtgraph.AxisItem` draws, at a fraction of its cost.

An axis whose range moves (the root lab's auto-zoom, the bars plot that grows a row a frame) is laid
out again every frame, and pyqtgraph's ``AxisItem.generateDrawSpecs`` took 1.3-1.8 ms an axis for it
(benchmarks/bench_roots_fps.py, profiled): two ``pg.Point`` objects per tick (a Python subclass of
QPointF, ~4 µs each: 500 a frame with four moving axes), and a text measurement through the painter
for every label, every time. :meth:`LeanAxis.generateDrawSpecs` returns the same drawing
specifications with plain QPointF ticks, positions computed in numpy, and each label's size measured
once per font. It covers what the figures use (ticks from ``tickValues``, no grid, ``stopAxisAtTick``
off, pyqtgraph's tick alphas); anything else is left to pyqtgraph's own method.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPicture

_MEASURE_RECT = QRectF(0, 0, 100, 100)  # what pyqtgraph measures a label in
MOST_LABEL_SIZES = 2000  # labels whose sizes an axis keeps
_TEXT_ALIGNMENT = {
    "left": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "top": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
    "bottom": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
}


class LeanAxis(pg.AxisItem):
    """A pyqtgraph axis whose layout of ticks and labels is computed without per-tick Python objects."""

    def __init__(self, orientation: str, **options):
        super().__init__(orientation, **options)
        self._label_sizes: dict[str, tuple[float, float]] = {}  # a label's width and height in the tick font
        self._sizes_font = None  # the font they were measured in
        self._level_pens: dict[int, QPen] = {}  # each tick level's pen
        self._level_pens_of = None  # the axis and tick pens they were made from
        self._specs = None  # the drawing specifications, until ``picture`` is None again (see paint)
        self._metrics = None  # the tick font's metrics

    def paint(self, p, opt, widget) -> None:
        """pyqtgraph's paint without its QPicture: the drawing specifications are kept until pyqtgraph marks
        the axis changed (it sets ``picture`` to None) and drawn with the painter itself. Recording a picture
        and playing it back cost more than drawing (0.65 against 0.47 ms an axis), and a cached axis (see
        ``cached_layers``) played it into Qt's pixmap of the axis, which keeps what was drawn already."""
        if not self._covered():
            if self.picture is True:  # laid out here, but now drawn as pyqtgraph draws it
                self.picture = None
            super().paint(p, opt, widget)
            return
        if self.picture is None:
            self._specs = self.generateDrawSpecs(p)
            self.picture = True  # "laid out": pyqtgraph reads it only here, and sets it to None on any change
        if self._specs is not None:
            p.save()
            p.setFont(self._tick_font())  # the font a picture's painter starts with, if the axis sets none
            self.drawPicture(p, *self._specs)
            p.restore()

    def _tick_font(self) -> QFont:
        font = self.style["tickFont"]
        return font if font is not None else QFont()

    def _covered(self) -> bool:
        style = self.style
        return (self._tickLevels is None and self.grid is False and style["tickAlpha"] is None
                and not any(style["stopAxisAtTick"]))

    def generateDrawSpecs(self, p):
        if not self._covered():
            return super().generateDrawSpecs(p)
        font = self.style["tickFont"]
        if font is not self._sizes_font or self._metrics is None:
            # Measured as pyqtgraph measures them, on a picture (it lays out in one), whatever paints them.
            self._label_sizes, self._sizes_font = {}, font
            self._metrics = QFontMetricsF(self._tick_font(), QPicture())
        bounds = self.mapRectFromParent(self.geometry())
        vertical = self.orientation in ("left", "right")
        span, tick_start, tick_direction = _axis_line(self.orientation, bounds)
        ends = [self.mapToDevice(point) for point in span]
        if None in ends:
            return None
        length = float(np.hypot(*(ends[1] - ends[0]).toTuple()))
        if length == 0:
            return None
        tick_levels = self.tickValues(self.range[0], self.range[1], length)

        low, high = self.range
        difference = high - low
        if difference == 0:
            scale, offset = 1.0, 0.0
        elif vertical:
            scale = -bounds.height() / difference
            offset = low * scale - bounds.height()
        else:
            scale = bounds.width() / difference
            offset = low * scale
        view_ends = (low * scale - offset, high * scale - offset)
        lowest, highest = min(view_ends), max(view_ends)

        tick_specs, positions = [], []  # positions: each level's tick positions, NaN where off the axis
        for level, (_spacing, values) in enumerate(tick_levels):
            at = np.asarray(values, dtype=float) * scale - offset
            at[(at < lowest) | (at > highest)] = np.nan
            positions.append(at)
            pen = self._level_pen(level)
            tick_end = tick_start + self.style["tickLength"] / (level * 0.5 + 1.0) * tick_direction
            for x in at[~np.isnan(at)].tolist():
                if vertical:
                    tick_specs.append((pen, QPointF(tick_start, x), QPointF(tick_end, x)))
                else:
                    tick_specs.append((pen, QPointF(x, tick_start), QPointF(x, tick_end)))
        axis_spec = (self.pen(), span[0], span[1])
        if not self.style["showValues"]:
            return axis_spec, tick_specs, []
        text_specs, widest = self._text_specs(tick_levels, positions, length, tick_start, vertical)
        self._updateMaxTextSize(widest)
        return axis_spec, tick_specs, text_specs

    def tickValues(self, minVal: float, maxVal: float, size: float):
        """pyqtgraph's tick values, with its ``np.isclose`` of every tick against every coarser one (a third of
        the method's time) written as the plain difference it amounts to for finite ticks."""
        low, high = sorted((minVal, maxVal))
        low, high = low * self.scale, high * self.scale
        ticks, coarser = [], np.array([])
        for spacing, offset in self.tickSpacing(low, high, size):
            start = math.ceil((low - offset) / spacing) * spacing + offset
            values = (np.arange(int((high - start) / spacing) + 1) * spacing + start) / self.scale
            close = (np.abs(coarser - values[:, np.newaxis]) <= spacing / self.scale * 0.01).any(axis=-1)
            values = values[~close]
            coarser = np.concatenate([coarser, values])
            ticks.append((spacing / self.scale, values.tolist()))
        if self.logMode:
            return self.logTickValues(low, high, size, ticks)
        return ticks

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        """pyqtgraph's drawing, with the ticks of one pen in one ``drawLines`` call rather than one call each."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen, start, end = axisSpec
        p.setPen(pen)
        p.drawLine(start, end)
        for pen, ticks in itertools.groupby(tickSpecs, key=lambda spec: spec[0]):
            p.setPen(pen)
            p.drawLines([point for _pen, *ends in ticks for point in ends])
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        p.setClipRect(self.boundingRect().toAlignedRect())
        for rect, flags, text in textSpecs:
            p.drawText(rect, int(flags), text)

    def _level_pen(self, level: int) -> QPen:
        """The tick pen at pyqtgraph's opacity for a tick level (fainter for finer ticks), made once per pen."""
        pens = (self._pen, self._tickPen)
        if self._level_pens_of is None or any(a is not b for a, b in zip(pens, self._level_pens_of)):
            self._level_pens, self._level_pens_of = {}, pens
        if level not in self._level_pens:
            self._level_pens[level] = self._faded_tick_pen(level)
        return self._level_pens[level]

    def _faded_tick_pen(self, level: int) -> QPen:
        pen = self.tickPen()
        if pen.brush().style() != Qt.BrushStyle.SolidPattern:
            return pen
        pen = QPen(pen)
        colour = QColor(pen.color())
        colour.setAlpha(int(255 / (level + 1)))
        pen.setColor(colour)
        return pen

    def _label_size(self, text: str) -> tuple[float, float]:
        size = self._label_sizes.get(text)
        if size is None:
            if len(self._label_sizes) >= MOST_LABEL_SIZES:  # an auto-zoomed run meets a thousand new labels
                self._label_sizes.clear()
            rect = self._metrics.boundingRect(_MEASURE_RECT, Qt.AlignmentFlag.AlignCenter, text)
            size = self._label_sizes[text] = (rect.width(), rect.height() * 0.8)  # pyqtgraph's 0.8: a tighter box
        return size

    def _text_specs(self, tick_levels, positions, length, tick_stop, vertical):
        """The labels pyqtgraph would draw: every level of labels up to ``maxTextLevel`` while the labels
        so far do not fill more of the axis than its ``textFillLimits``; and the widest (or tallest) one."""
        style = self.style
        offset = max(0, style["tickLength"]) + style["tickTextOffset"][0 if vertical else 1]
        alignment = _TEXT_ALIGNMENT[self.orientation] | Qt.TextFlag.TextDontClip
        item_rect = self.boundingRect()
        sizes_so_far: list[tuple[float, float]] = []
        text_specs, widest = [], 0
        for level in range(min(len(tick_levels), style["maxTextLevel"] + 1)):
            spacing, values = tick_levels[level]
            strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)
            if len(strings) == 0:
                continue
            shown = [(x, text, self._label_size(text))
                     for x, text in zip(positions[level].tolist(), strings) if x == x]  # x == x: not NaN
            sizes_so_far += [size for _x, _text, size in shown]
            along = [h if vertical else w for w, h in sizes_so_far]
            across = [w if vertical else h for w, h in sizes_so_far]
            if level > 0:  # the first level always; the finer ones while there is room for them
                fill = sum(along) / length
                if any(len(text_specs) >= count and fill >= limit for count, limit in style["textFillLimits"]):
                    break
            widest = max(across, default=0)
            for x, text, (width, height) in shown:
                rect = _label_rect(self.orientation, tick_stop, offset, x, width, height)
                if item_rect & rect == rect:  # pyqtgraph leaves out a label that sticks out of the axis
                    text_specs.append((rect, alignment, text))
        return text_specs, widest


def _axis_line(orientation: str, bounds: QRectF) -> tuple[tuple[QPointF, QPointF], float, int]:
    """The axis line's ends (a pixel beyond the item's edge, as pyqtgraph draws it), where ticks start
    (the edge next to the view) and which way they point."""
    if orientation == "left":
        return (bounds.topRight() + QPointF(-1, -1), bounds.bottomRight() + QPointF(-1, 1)), bounds.right(), -1
    if orientation == "right":
        return (bounds.topLeft() + QPointF(1, -1), bounds.bottomLeft() + QPointF(1, 1)), bounds.left(), 1
    if orientation == "top":
        return (bounds.bottomLeft() + QPointF(-1, -1), bounds.bottomRight() + QPointF(1, -1)), bounds.bottom(), -1
    return (bounds.topLeft() + QPointF(-1, 1), bounds.topRight() + QPointF(1, 1)), bounds.top(), 1


def _label_rect(orientation: str, tick_stop: float, offset: float, x: float, width: float, height: float) -> QRectF:
    if orientation == "left":
        return QRectF(tick_stop - offset - width, x - height / 2, width, height)
    if orientation == "right":
        return QRectF(tick_stop + offset, x - height / 2, width, height)
    if orientation == "top":
        return QRectF(x - width / 2, tick_stop - offset - height, width, height)
    return QRectF(x - width / 2, tick_stop + offset, width, height)


def lean_axes(kind: type[LeanAxis] = LeanAxis) -> dict[str, LeanAxis]:
    """A plot's left and bottom axes, for ``PlotItem(axisItems=...)``."""
    return {side: kind(side) for side in ("left", "bottom")}
