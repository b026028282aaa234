"""pyqtgraph's frames that draw nothing, marked so, so that Qt does not prepare to paint them every frame.

A plot is a tree of frames (the layout, each plot, its view box, the rectangles behind them for a border or a
background that the figures never set), and Qt prepares every item it paints: its bounds (a call into Python
for pyqtgraph's) for the exposed area, more of them for its style option, then the paint itself, which for
these draws nothing. ``QGraphicsItem.ItemHasNoContents`` tells Qt to skip that and go on to what is in them.
In the root lab that was 3% of a frame of playback (benchmarks/bench_roots_fps.py, counted with callgrind).
It changes nothing that is drawn, nor what the mouse reaches: Qt finds items under the pointer by their
shape, whether or not they paint.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from .item_tree import items_in


def mark_contentless(root: QGraphicsItem) -> None:
    """Mark the frames in ``root`` (and itself) that draw nothing, and unmark those that draw now (call it again
    after giving a frame a border or a background: marked, it would not be drawn). Other items are left as they
    are (pyqtgraph marks its groups itself)."""
    for item in items_in(root):
        draws_nothing = _frame_draws_nothing(item)
        if draws_nothing is not None:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, draws_nothing)


def _frame_draws_nothing(item: QGraphicsItem) -> bool | None:
    """Whether a frame draws nothing as it is now; None for an item that is not one of pyqtgraph's frames."""
    if isinstance(item, (pg.GraphicsLayout, pg.PlotItem)):
        return True  # Qt's own paint of a widget that is not a window: nothing
    if isinstance(item, pg.ViewBox):
        return item.border is None or item.border.style() == Qt.PenStyle.NoPen  # all its paint draws
    if isinstance(item, QGraphicsRectItem):
        return item.pen().style() == Qt.PenStyle.NoPen and item.brush().style() == Qt.BrushStyle.NoBrush
    return None
