"""The runs' paths up to the shown frame, drawn so that playing a race costs little.

Stroking seven outlined paths of hundreds of points was the largest part of a frame (profiled with
benchmarks/bench_descent_fps.py), although each frame adds one step to each. So every path is
cut in two: its settled part, whole chunks of ``CHUNK`` steps, and the steps since. The settled
parts of all runs are one item, painted once and kept (``cached_layers``) until a run's settled
part grows; the recent steps of all runs are another, stroked every frame in a single call. In
each, every outline lies below every core, so the cut does not show.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath

from .cached_layers import paint_once
from .descent_style import LineStyle

CHUNK = 32  # steps: the settled parts are repainted once every this many frames


class RunStrokes(pg.GraphicsObject):
    """Lines in data coordinates, each an outline below a core (px-wide pens), painted in one call."""

    def __init__(self):
        super().__init__()
        self._pens: list[tuple] = []        # (outline, core) per line, made once per set of styles
        self._widest = 0.0                  # px: the widest outline
        self._paths: list[QPainterPath] = []
        self.points: list[np.ndarray] = []  # each line's points, as drawn
        self._data_bounds = QRectF()
        self._bounds: QRectF | None = None  # with room for the pens, in this view's pixels

    def set_styles(self, styles: list[LineStyle]) -> None:
        self._pens = [(style.outline_pen(), style.pen()) for style in styles]
        self._widest = max((style.width + 2 * style.outline for style in styles), default=0.0)
        self.set_lines([np.zeros((0, 2))] * len(styles))

    def set_lines(self, lines: list[np.ndarray]) -> None:
        """Each line's points, an ``(n, 2)`` array (non-finite points break the line), in the styles' order."""
        self.prepareGeometryChange()
        self.points = lines
        self._paths = [pg.functions.arrayToQPath(points[:, 0], points[:, 1], connect="finite") for points in lines]
        self._data_bounds = QRectF()
        for path in self._paths:
            self._data_bounds = self._data_bounds.united(path.boundingRect())
        self._bounds = None
        self.update()

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()  # forgets the view's rectangle
        self.prepareGeometryChange()  # the view, and the pens' room in data units, change with the zoom
        self._bounds = None

    def boundingRect(self) -> QRectF:
        """The lines with room for their pens, within the view: what is kept of a cached item is only
        what can be seen (a diverged run reaches 10¹², and an export has no viewport to clip to)."""
        if self._bounds is None:
            pixel_x, pixel_y = self.pixelVectors() if self._paths else (None, None)
            view = self.viewRect()
            if pixel_x is None or view is None:
                return QRectF(self._data_bounds)  # not in a view yet: nothing to measure pixels by
            room_x, room_y = self._widest * abs(pixel_x.x()), self._widest * abs(pixel_y.y())
            self._bounds = self._data_bounds.adjusted(-room_x, -room_y, room_x, room_y) & view.adjusted(
                -room_x, -room_y, room_x, room_y)
        return self._bounds

    def paint(self, painter: QPainter, *args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for layer in (0, 1):  # outlines, then cores
            for pens, path in zip(self._pens, self._paths):
                painter.setPen(pens[layer])
                painter.drawPath(path)


class RunPaths:
    """Every run's path in ``plot``: the settled parts (kept) and the recent steps (drawn each frame)."""

    def __init__(self, plot: pg.PlotItem, z: float):
        self.settled, self.recent = RunStrokes(), RunStrokes()
        paint_once(self.settled)
        for item, height in ((self.settled, z), (self.recent, z + 0.5)):
            item.setZValue(height)
            plot.addItem(item)
        self.styles: list[LineStyle] = []
        self._settled_ends: list[int] | None = None
        self._paths: list[np.ndarray] = []

    def set_runs(self, styles: list[LineStyle]) -> None:
        self.styles = styles
        for item in (self.settled, self.recent):
            item.set_styles(styles)
        self._settled_ends = None  # new runs: the settled parts are drawn afresh

    def show(self, paths: list[np.ndarray], lasts: list[int]) -> None:
        """Each path (n, 2) from its start to its point ``last``."""
        settled_ends = [last - last % CHUNK for last in lasts]
        if settled_ends != self._settled_ends or any(a is not b for a, b in zip(paths, self._paths)):
            self.settled.set_lines([path[: end + 1] for path, end in zip(paths, settled_ends)])
            self._settled_ends = settled_ends
        self.recent.set_lines([path[end: last + 1] for path, end, last in zip(paths, settled_ends, lasts)])
        self._paths = list(paths)

    def shown(self, index: int) -> np.ndarray:
        """The points drawn of run ``index``'s path: its settled part and its recent steps, joined."""
        return np.concatenate([self.settled.points[index], self.recent.points[index][1:]])

    def __len__(self) -> int:
        return len(self.styles)
