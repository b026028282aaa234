"""Layers that stay still while a run plays are painted once and then copied.

A frame repaints the whole view, and painting the 512x512 heatmap, its contours, the axes, the
legend and the loss curves again every frame took about a third of the frame's time (profiled with
benchmarks/bench_descent_fps.py), although only the paths, points and arrows move. Qt keeps the
picture of an item marked here in device pixels (``QGraphicsItem.DeviceCoordinateCache``) and paints
the item again only when it changes (its ``update()``, which pyqtgraph calls on new data) or the
view is zoomed or resized; an export to a file paints those items afresh (but copies a kept picture, below).

Qt's cache holds one item's own painting. A still layer of many items (a legend: a sample and a text per
entry; an axis and its title; a plot's curves) is better kept as one picture, :class:`KeptPicture`:
each item Qt paints costs it several queries of the item's bounds, each a call into Python (pyqtgraph's
items), and each picture is copied on its own, so a legend of a dozen items cost a dozen copies where
one does.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsEffect, QGraphicsItem

from .item_tree import items_in

_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


def paint_once(*items: QGraphicsItem) -> None:
    """``items`` and everything in them: an item's picture holds its own painting only, and a
    PlotDataItem, say, paints nothing itself (its curve and its markers are items in it)."""
    for root in items:
        for item in items_in(root):
            item.setCacheMode(_CACHED)


class KeptPicture(QGraphicsEffect):
    """An item and everything in it painted as one picture in device pixels, and that picture copied until one
    of them changes (Qt keeps an effect's source picture and drops it on any update in the item's subtree).

    The picture has a transparent pixel around the items' bounds: pyqtgraph's axis line ends a pixel beyond its
    item (Qt's own item cache keeps that pixel too). Qt would also copy a picture made for another pixel ratio
    (an export at one pixel a pixel from a screen of two, or a window moved to another screen) shrunk or
    enlarged, so a picture of another ratio is made again. At a fractional ratio (125%, 150%) the items are
    painted without a picture: its copy would land between device pixels, a pixel off."""

    def __init__(self):
        super().__init__()
        self._picture_ratio: float | None = None  # the pixel ratio of the picture Qt keeps, while it keeps one

    def draw(self, painter: QPainter) -> None:
        ratio = painter.device().devicePixelRatio()
        if ratio != round(ratio):
            if self._picture_ratio is not None:
                self._drop_picture()  # drawSource would copy it
            self.drawSource(painter)
            return
        offset = QPoint()
        picture = self._picture(offset)
        if not picture.isNull() and picture.devicePixelRatio() != ratio:
            self._drop_picture()
            picture = self._picture(offset)
        self._picture_ratio = ratio
        if picture.isNull():
            return
        transform = painter.worldTransform()
        painter.setWorldTransform(QTransform())  # the picture is in device pixels already
        painter.drawPixmap(offset, picture)
        painter.setWorldTransform(transform)

    def _drop_picture(self) -> None:
        """Switching the effect off and on again is how Qt is told to drop its picture (it paints the item again
        once more, which then needs no dropping)."""
        self.setEnabled(False)
        self.setEnabled(True)
        self._picture_ratio = None

    def _picture(self, offset: QPoint) -> QPixmap:
        return self.sourcePixmap(Qt.CoordinateSystem.DeviceCoordinates, offset,
                                 QGraphicsEffect.PixmapPadMode.PadToTransparentBorder)


def keep_as_one_picture(*items: QGraphicsItem) -> None:
    """Each of ``items``, with everything in it, kept as one :class:`KeptPicture` (see ``painted_once_while``
    to paint it afresh for a while). What is in it is not cached on its own as well: that would keep each
    picture twice."""
    for item in items:
        if not isinstance(item.graphicsEffect(), KeptPicture):
            item.setGraphicsEffect(KeptPicture())
        for child in item.childItems():
            for inside in items_in(child):
                inside.setCacheMode(QGraphicsItem.CacheMode.NoCache)


def painted_once_while(still: bool, *items: QGraphicsItem) -> None:
    """``items`` painted once and copied while ``still``, and painted afresh while not: an item that changes
    every frame would be painted into its picture and the picture copied too, twice the work. Only the items
    themselves, not what is in them (as ``paint_once``): an axis's title stays still when its ticks move.
    An item kept as one picture (``keep_as_one_picture``) is kept whole while ``still``, and not at all while not."""
    mode = _CACHED if still else QGraphicsItem.CacheMode.NoCache
    for item in items:
        effect = item.graphicsEffect()
        if isinstance(effect, KeptPicture):
            if effect.isEnabled() != still:
                effect.setEnabled(still)
        elif item.cacheMode() != mode:
            item.setCacheMode(mode)
