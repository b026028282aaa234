"""The bounding box of an item drawn around data points with pens or markers a fixed number of pixels wide."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF


class ViewBounded(pg.GraphicsObject):
    """An item whose bounding box is its data's, widened by ``room_px`` pixels, within the view.

    Within the view: what is kept of a cached item is only what can be seen (a diverged run reaches
    10¹², and an export has no viewport to clip to). Qt asks an item for its bounding box several
    times a frame; the view, the size of its pixels and the room are kept until the view changes, so
    new data every frame costs only its own bounds.
    """

    def __init__(self):
        super().__init__()
        self._room_px = 0.0
        self._data_bounds: QRectF | None = None  # None: nothing to draw
        self._bounds: QRectF | None = None
        self._view: tuple | None = None  # the view's pixel vectors and rectangle, in this item's coordinates

    def set_room(self, px: float) -> None:
        self.prepareGeometryChange()
        self._room_px = px
        self._bounds = None

    def set_data_bounds(self, bounds: QRectF | None) -> None:
        """The data's bounds (None: no data); call before the item's next paint."""
        self.prepareGeometryChange()
        self._data_bounds = bounds
        self._bounds = None
        self.update()

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()  # forgets the view's rectangle
        self.prepareGeometryChange()  # the view, and the room in data units, change with the zoom
        self._bounds = self._view = None

    def viewRangeChanged(self) -> None:
        super().viewRangeChanged()
        self.prepareGeometryChange()
        self._bounds = self._view = None

    def view_pixels(self) -> tuple | None:
        """The view's pixel vectors along x and y and its rectangle, in this item's coordinates (None: no view)."""
        if self._view is None:
            pixel_x, pixel_y = self.pixelVectors()
            view = self.viewRect()
            if pixel_x is None or view is None:
                return None
            self._view = pixel_x, pixel_y, view
        return self._view

    def boundingRect(self) -> QRectF:
        if self._data_bounds is None:
            return QRectF()
        if self._bounds is None:
            view = self.view_pixels()
            if view is None:
                return QRectF(self._data_bounds)  # not in a view yet: nothing to measure pixels by
            pixel_x, pixel_y, rect = view
            room_x, room_y = self._room_px * abs(pixel_x.x()), self._room_px * abs(pixel_y.y())
            self._bounds = self._data_bounds.adjusted(-room_x, -room_y, room_x, room_y) & rect.adjusted(
                -room_x, -room_y, room_x, room_y)
        return self._bounds
