"""Lines drawn over their outlines as one item: the runs' paths, the arrows over them.

pyqtgraph's PlotCurveItem with a shadow pen draws the same strokes, but each curve is an item of its
own, and an item that moves every frame costs more in its ``setData`` and in the bounding box the scene
asks it for several times a frame than in its strokes: the three arrow kinds as three curves took about
as long as the paths, the heatmap and the contours together (profiled with benchmarks/bench_descent_fps.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath

from .descent_style import LineStyle
from .view_bounded import ViewBounded


class OutlinedLines(ViewBounded):
    """Lines in data coordinates, each over an outline (px-wide pens), painted in one call.

    ``connect``: how a line's points are joined (pyqtgraph's ``arrayToQPath``: "finite" breaks a line at
    non-finite points, "pairs" draws separate segments). ``outlines_first``: every outline below every
    line, so that a line cut in two does not show the cut; or else each line over its own outline, one
    after another, as separate curves in this order would be drawn (arrows from one point).
    """

    def __init__(self, connect: str = "finite", outlines_first: bool = True):
        super().__init__()
        self._connect = connect
        self._outlines_first = outlines_first
        self._pens: list[tuple] = []        # (outline, core) per line, made once per set of styles
        self._paths: list[QPainterPath] = []
        self.points: list[np.ndarray] = []  # each line's points, as drawn

    @property
    def pens(self) -> list[tuple]:
        """Each line's (outline, line) pens."""
        return list(self._pens)

    def set_styles(self, styles: list[LineStyle]) -> None:
        self._pens = [(style.outline_pen(), style.pen()) for style in styles]
        self.set_room(max((style.width + 2 * style.outline for style in styles), default=0.0))  # the widest outline
        self.set_lines([np.zeros((0, 2))] * len(styles))

    def set_lines(self, lines: list[np.ndarray]) -> None:
        """Each line's points, an ``(n, 2)`` array, in the styles' order."""
        self.points = lines
        self._paths = [pg.functions.arrayToQPath(points[:, 0], points[:, 1], connect=self._connect)
                       for points in lines]
        bounds = QRectF()
        for path in self._paths:
            bounds = bounds.united(path.boundingRect())
        self.set_data_bounds(bounds if self._paths else None)

    def paint(self, painter: QPainter, *args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lines = [(pens, path) for pens, path in zip(self._pens, self._paths) if not path.isEmpty()]  # an empty
        # path draws nothing on screen, but an SVG export would write it as d="", which Qt draws as a dot at 0, 0
        if self._outlines_first:
            strokes = [(pens[layer], path) for layer in (0, 1) for pens, path in lines]
        else:
            strokes = [(pen, path) for pens, path in lines for pen in pens]
        for pen, path in strokes:
            painter.setPen(pen)
            painter.drawPath(path)
