"""A vertical band [a, b] across the whole height of its view: a fill and its two edges.

It draws what a non-movable :class:`pyqtgraph.LinearRegionItem` draws, as one item. The region item
keeps its edges as two InfiniteLine items, and moving it (the root lab's current bracket and the
part it dropped, every frame) set both lines, each of which told the region through a signal, which
computed its bounds again: about a third of a frame's Python (benchmarks/bench_roots_fps.py,
profiled). The band's fill brush is laid out in device pixels, so that a hatching or any tiled
brush keeps its pixel spacing however the view is scaled.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter

from .view_bounded import ViewBounded


class Band(ViewBounded):
    """The band from ``a`` to ``b`` along x, filled with ``brush`` and edged with ``pen`` (None: no edges).

    Its height is the view's, kept by :class:`ViewBounded` until the view changes."""

    def __init__(self, brush=None, pen=None):
        super().__init__()
        self._region = (0.0, 1.0)
        self.brush = pg.mkBrush(brush)
        self.pen = pg.mkPen(pen)

    def setRegion(self, region) -> None:
        a, b = sorted(float(end) for end in region)
        if (a, b) != self._region:
            self.prepareGeometryChange()
            self._region = (a, b)
            self.update()

    def getRegion(self) -> tuple[float, float]:
        return self._region

    def setBrush(self, *args, **kwargs) -> None:
        self.brush = pg.mkBrush(*args, **kwargs)
        self.update()

    def setPen(self, *args, **kwargs) -> None:
        self.pen = pg.mkPen(*args, **kwargs)
        self.update()

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange=None):
        return self._region if axis == 0 else None

    def boundingRect(self) -> QRectF:
        view = self.view_pixels()
        if view is None:
            return QRectF()
        rect = view[2]
        a, b = self._region
        return QRectF(a, rect.top(), b - a, rect.height()).normalized()

    def paint(self, p, *args) -> None:
        rect = p.transform().mapRect(self.boundingRect())
        p.resetTransform()  # device pixels from here on: the brush's tiles and the cosmetic edges
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.brush)
        p.drawRect(rect)
        if self.pen.style() != Qt.PenStyle.NoPen:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp, as an InfiniteLine draws a vertical line
            p.setPen(self.pen)
            p.drawLines([QLineF(rect.topLeft(), rect.bottomLeft()), QLineF(rect.topRight(), rect.bottomRight())])
