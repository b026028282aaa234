"""A Band draws what pyqtgraph's non-movable LinearRegionItem draws, and keeps a tiled brush in device pixels."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QBrush, QColor
from PySide6.QtCore import Qt

from picture_measures import each_alone, widget_pixels
from visualiser.figures.band import Band
from visualiser.figures.style import configure_pyqtgraph


@pytest.fixture(autouse=True)
def app_options():
    configure_pyqtgraph()  # the app's antialiasing and colours


def plot_window(qtbot):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    plot = widget.addPlot()
    widget.show()
    qtbot.waitExposed(widget)
    return widget, plot


@pytest.mark.parametrize("x_range", [(0.0, 10.0), (2.9, 3.3), (-100.0, 100.0)])
def test_a_band_looks_like_a_region_nobody_can_drag(qtbot, x_range):
    widget, plot = plot_window(qtbot)
    plot.setXRange(*x_range, padding=0)
    plot.setYRange(-1, 1, padding=0)
    band, region = Band(), pg.LinearRegionItem(movable=False)
    for item in (band, region):
        item.setBrush(QColor(230, 159, 0, 60))
        item.setRegion((3.0, 3.25))
        plot.addItem(item)
    band.setPen(pg.mkPen("#E69F00", width=1))
    for line in region.lines:
        line.setPen(pg.mkPen("#E69F00", width=1))
    shown = each_alone(widget, (band, region))
    difference = np.abs(shown[band] - shown[region])
    assert np.count_nonzero(shown[region] != 255) > 0  # the region is in view and drawn
    assert difference.max() <= 2  # rounding of the antialiased edges at most
    assert band.getRegion() == region.getRegion() == (3.0, 3.25)


def test_a_tiled_brush_keeps_its_pixel_spacing_however_far_the_view_is_zoomed(qtbot):
    widget, plot = plot_window(qtbot)
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    band = Band(brush=QBrush(QColor("black"), Qt.BrushStyle.BDiagPattern))
    band.setRegion((-1e6, 1e6))
    plot.addItem(band)
    periods = []
    for width in (1.0, 1e-6):
        plot.setXRange(-width, width, padding=0)
        row = widget_pixels(widget)[200, 100:700, 0]
        dark = np.flatnonzero(row < 128)
        periods.append(np.median(np.diff(dark)))
    assert periods == [8.0, 8.0]  # Qt's hatching repeats every 8 device pixels
