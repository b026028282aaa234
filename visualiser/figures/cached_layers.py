"""Layers that stay still while a run plays are painted once and then copied.

A frame repaints the whole view, and painting the 512x512 heatmap, its contours, the axes, the
legend and the loss curves again every frame took about a third of the frame's time (profiled with
benchmarks/bench_descent_fps.py), although only the paths, points and arrows move. Qt keeps the
picture of an item marked here in device pixels (``QGraphicsItem.DeviceCoordinateCache``) and paints
the item again only when it changes (its ``update()``, which pyqtgraph calls on new data) or the
view is zoomed or resized; an export to a file paints every item afresh.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem


def paint_once(*items: QGraphicsItem) -> None:
    """``items`` and everything in them: an item's picture holds its own painting only, and a
    PlotDataItem, say, paints nothing itself (its curve and its markers are items in it)."""
    items = list(items)
    while items:
        item = items.pop()
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        items += item.childItems()


def painted_once_while(still: bool, *items: QGraphicsItem) -> None:
    """``items`` painted once and copied while ``still``, and painted afresh while not: an item that changes
    every frame would be painted into its picture and the picture copied too, twice the work. Only the items
    themselves, not what is in them (as ``paint_once``): an axis's title stays still when its ticks move."""
    mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if still else QGraphicsItem.CacheMode.NoCache
    for item in items:
        if item.cacheMode() != mode:
            item.setCacheMode(mode)
