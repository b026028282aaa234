"""A legend's sample (the short line beside an entry's text) at a figure's scale.

pyqtgraph draws every sample in a fixed 20 px square; at scale 2 this one is 40 px and its line
twice as long. Its pen is the item's own, already as wide as the figure's scale makes it (pens are
cosmetic: the painter's scale leaves their widths alone). A symbol would be scaled twice over
(its size is the item's, already scaled, and the painter's scale applies to it): a legend of
symbols shows samples of its own with the sizes of scale 1 (the vector figure's groups).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF

SIDE = 20  # px at scale 1: pyqtgraph's


class ScaledItemSample(pg.ItemSample):
    def __init__(self, item, scale: float):
        super().__init__(item)
        self._scale = scale
        self.setFixedWidth(SIDE * scale)
        self.setFixedHeight(SIDE * scale)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, SIDE * self._scale, SIDE * self._scale)

    def paint(self, painter, *args):
        painter.scale(self._scale, self._scale)
        super().paint(painter, *args)
