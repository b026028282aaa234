"""Markers at points, each point in its own style: pyqtgraph's scatter plot as it draws them, but cheap to move.

The descent runs' current points, and the root lab's bracket ends and estimate, move every frame. Through
a ScatterPlotItem each move adds the points afresh, styles them and looks each up in its symbol atlas, and
each of the several times a frame Qt asks for its bounding box it is worked out from the data again: about
a tenth of a frame together (profiled with benchmarks/bench_descent_fps.py and bench_roots_fps.py). This
item paints the same pixels in the same way (each style rendered once into an image by pyqtgraph's
``renderSymbol`` and copied to its point's pixel, as the atlas is; in an export drawn afresh with
``drawSymbol``), takes a click on a marker as a scatter plot does (it adds no start point under it), and a
move only moves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol, renderSymbol

from ..labs import palette
from .view_bounded import ViewBounded

CORNER = 0.7072  # a marker's reach along a diagonal, in its widths (pyqtgraph's padding of a scatter plot)
MAX_KEPT_STYLES = 64  # styles whose pens and pictures are kept (each new scale of a figure brings its own)


@dataclass(frozen=True)
class MarkerStyle:
    """A marker's shape (a pyqtgraph symbol), its width in pixels, its fill and its edge."""

    symbol: str
    size: float
    colour: str  # the fill
    edge: float = 1.5  # px
    edge_colour: str | None = None  # None: the fill's outline colour (black or white, whichever contrasts)

    def pen(self):
        edge_colour = self.edge_colour if self.edge_colour is not None else palette.outline_colour(self.colour)
        return pg.mkPen(edge_colour, width=self.edge)

    def brush(self):
        return pg.mkBrush(self.colour)

    def scaled(self, scale: float) -> MarkerStyle:
        """This marker at a figure's scale (see ``figures.style``)."""
        return replace(self, size=self.size * scale, edge=self.edge * scale)


class Markers(ViewBounded):
    """A marker at each point, in the point's style (``styles``, then ``points``)."""

    def __init__(self):
        super().__init__()
        self.styles: list[MarkerStyle] = []
        # Kept across changes of styles (the root figure's change with f's sign every frame), a few per figure.
        self._pens: dict[MarkerStyle, tuple] = {}  # each style's edge and fill
        self._rendered: dict[tuple[MarkerStyle, float], QPixmap] = {}  # each style's marker, per device pixel ratio
        self._images: dict[float, list[QPixmap]] = {}  # each point's marker, per device pixel ratio
        self._dpr = 1.0  # the screen's, at the last paint
        self.points = np.zeros((0, 2))

    def set_styles(self, styles: list[MarkerStyle], points=()) -> None:
        """Each point's marker, in the points' order, and the points if they are known (else none until set)."""
        if len(self._pens) > MAX_KEPT_STYLES:  # (checked before this call's styles: it may keep a few more)
            self._pens, self._rendered = {}, {}
        self.styles = list(styles)
        for style in self.styles:
            if style not in self._pens:
                self._pens[style] = style.pen(), style.brush()
        self._images = {}
        self.set_room(CORNER * max((image.width() for image in self._images_at(1.0)), default=0))
        self.set_points(points)

    def mark(self, style: MarkerStyle, points) -> None:
        """``style``'s marker at each of ``points``."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        self.set_styles([style] * len(points), points)

    def set_points(self, points: np.ndarray) -> None:
        """Where the markers are, ``(n, 2)`` in the styles' order; hidden while there are none."""
        self.points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        finite = self.points[np.isfinite(self.points).all(axis=1)]
        low, high = finite.min(axis=0, initial=np.inf), finite.max(axis=0, initial=-np.inf)
        self.set_data_bounds(QRectF(QPointF(*low), QPointF(*high)) if len(finite) else None)
        self.setVisible(len(self.points) > 0)

    def _images_at(self, dpr: float) -> list[QPixmap]:
        if dpr not in self._images:
            for style in self.styles:
                if (style, dpr) not in self._rendered:
                    image = renderSymbol(style.symbol, style.size, *self._pens[style], dpr=dpr)
                    self._rendered[style, dpr] = QPixmap.fromImage(image)
            self._images[dpr] = [self._rendered[style, dpr] for style in self.styles]
        return self._images[dpr]

    def _overlapping(self, rect: QRectF, pixel_x, pixel_y) -> np.ndarray:
        """Which markers overlap ``rect`` (in data units): each reaches half its image's width in device
        pixels either way, as a scatter plot measures it."""
        x, y = self.points[:, 0], self.points[:, 1]
        halves = np.array([image.width() / 2 for image in self._images_at(self._dpr)])[:len(self.points)]
        reach_x, reach_y = halves * pixel_x.length(), halves * pixel_y.length()
        return (x + reach_x > rect.left()) & (x - reach_x < rect.right()) & (y + reach_y > rect.top()) & (
            y - reach_y < rect.bottom())

    def paint(self, painter: QPainter, _option, widget) -> None:
        view = self.view_pixels()
        if not len(self.points) or view is None:
            return
        pixel_x, pixel_y, rect = view
        shown = np.flatnonzero(self._overlapping(rect, pixel_x, pixel_y))  # (a point not finite overlaps nothing)
        pixels = pg.functions.transformCoordinates(painter.transform(), self.points[shown].T)
        pixels = pg.functions.clip_array(pixels, -2 ** 30, 2 ** 30)  # Qt crashes on larger coordinates
        painter.resetTransform()
        if self._exportOpts is not False:  # a picture to save: drawn at its resolution
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._exportOpts.get("antialias", True))
            scale = self._exportOpts.get("resolutionScale", 1.0)
            for (x, y), index in zip(pixels.T, shown):
                painter.resetTransform()
                painter.translate(x, y)
                style = self.styles[index]
                drawSymbol(painter, style.symbol, style.size * scale, *self._pens[style])
            return
        if widget is not None:
            self._dpr = widget.devicePixelRatioF()
        images = self._images_at(self._dpr)
        for (x, y), index in zip(pixels.T, shown):
            image = images[index]
            fragment = QPainter.PixmapFragment.create(QPointF(x, y), QRectF(image.rect()), 1 / self._dpr, 1 / self._dpr)
            painter.drawPixmapFragments(fragment, 1, image)

    def mouseClickEvent(self, event) -> None:
        point, view = event.pos(), self.view_pixels()
        if (event.button() == Qt.MouseButton.LeftButton and view is not None and len(self.points)
                and self._overlapping(QRectF(point, point), *view[:2]).any()):
            event.accept()
        else:
            event.ignore()
