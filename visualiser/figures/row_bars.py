"""The root lab's bars: bracket n, [a_n, b_n], as a bar in row n, and the rows so far shown, as one item.

pyqtgraph's BarGraphItem (two of them, the bars so far and the newest) cost about a seventh of a frame of
playback (benchmarks/bench_roots_fps.py): each frame's ``setOpts`` rebuilt their rectangles and brushes, and
each of the several times a frame that Qt asks an item for its bounds, a BarGraphItem worked out the size of
a pixel again (to widen its bounds by half a pen, which these bars do not have). Here the bars of a run are
made once, a frame says only how many rows show, and the bounds of every number of rows are worked out with
the bars.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

BAR_HEIGHT = 0.7  # of a row


class RowBars(pg.GraphicsObject):
    """Rows 0 to n - 1 filled with ``old_brush``, row n (the newest) with ``newest_brush``; no edges."""

    def __init__(self):
        super().__init__()
        self.old_brush = pg.mkBrush(None)
        self.newest_brush = pg.mkBrush(None)
        self._bars: list[QRectF] = []
        self._lowest = self._highest = np.empty(0)  # over rows 0..n, for each n
        self._newest: int | None = None  # None: no row shown

    def set_brackets(self, lefts: np.ndarray, rights: np.ndarray) -> None:
        """The bars of a run, row n spanning [lefts[n], rights[n]]; none shown until ``show_rows``."""
        self.prepareGeometryChange()
        half = BAR_HEIGHT / 2
        self._bars = [QRectF(a, row - half, b - a, BAR_HEIGHT) for row, (a, b) in enumerate(zip(lefts, rights))]
        self._lowest, self._highest = np.minimum.accumulate(lefts), np.maximum.accumulate(rights)
        self._newest = None
        self.update()

    @property
    def row_count(self) -> int:
        """The run's rows (0: a run without brackets, which shows no bars)."""
        return len(self._bars)

    def show_rows(self, newest: int | None) -> None:
        """Rows 0 to ``newest`` (at most the last; None, or no rows: none)."""
        if newest is not None:
            newest = min(max(int(newest), 0), len(self._bars) - 1) if self._bars else None
        if newest != self._newest:
            self.prepareGeometryChange()
            self._newest = newest
            self.update()

    def set_brushes(self, old, newest) -> None:
        self.old_brush, self.newest_brush = pg.mkBrush(old), pg.mkBrush(newest)
        self.update()

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange=None):
        if self._newest is None:
            return None, None
        if axis == 0:
            return float(self._lowest[self._newest]), float(self._highest[self._newest])
        return -BAR_HEIGHT / 2, self._newest + BAR_HEIGHT / 2

    def boundingRect(self) -> QRectF:
        if self._newest is None:
            return QRectF()
        (left, right), (top, bottom) = self.dataBounds(0), self.dataBounds(1)
        return QRectF(left, top, right - left, bottom - top)

    def paint(self, p, *args) -> None:
        if self._newest is None:
            return
        p.setPen(Qt.PenStyle.NoPen)
        if self._newest:
            p.setBrush(self.old_brush)
            p.drawRects(self._bars[:self._newest])
        p.setBrush(self.newest_brush)
        p.drawRect(self._bars[self._newest])
