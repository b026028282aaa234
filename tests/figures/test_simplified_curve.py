"""The simplified curve draws what the full samples draw, through far fewer of them.

The indices are checked against a point-by-point measurement of each left-out sample's distance to
the drawn segment; the curve item against pyqtgraph's PlotCurveItem drawing all the samples, pixel
by pixel, in the same plot.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from picture_measures import each_alone
from visualiser.figures.simplified_curve import SimplifiedCurve, simplified_indices

XS = np.linspace(-0.2, 2.2, 2000)
with np.errstate(divide="ignore"):
    CURVES = {
        "cubic": XS**3 - 2,
        "wiggly": np.sin(40 * XS),
        "line": 3 * XS - 1,
        "steep": np.arctan(1000 * (XS - 1)),
        "pole": np.where(np.abs(XS - 1) < 1e-3, np.nan, 1 / (XS - 1)),
        "jump": np.where(XS < 0.7, -1.0, 1.0),
        "constant": np.zeros_like(XS),
    }


def distance_to_segment(point, start, end) -> float:
    direction = end - start
    squared = direction @ direction
    along = 0.0 if squared == 0 else min(max((point - start) @ direction / squared, 0.0), 1.0)
    return float(np.linalg.norm(point - (start + along * direction)))


@pytest.mark.parametrize("name", CURVES)
def test_every_left_out_sample_is_within_the_tolerance_of_the_line_drawn(name):
    ys = CURVES[name]
    finite = ys[np.isfinite(ys)]
    # units of the tolerance: a tenth of a pixel of an 800 x 300 px view of the samples' ranges
    us = XS / (0.1 * np.ptp(XS) / 800)
    vs = ys / (0.1 * max(np.ptp(finite), 1.0) / 300)
    kept = simplified_indices(us, vs)
    assert kept[0] == 0 and kept[-1] == len(XS) - 1 and np.all(np.diff(kept) > 0)
    points = np.column_stack([us, vs])
    for start, end in zip(kept[:-1], kept[1:]):
        for left_out in range(start + 1, end):
            assert np.all(np.isfinite(points[[start, left_out, end]]))  # a break's samples are all drawn
            assert distance_to_segment(points[left_out], points[start], points[end]) <= 1.0
    for undefined in np.flatnonzero(~np.isfinite(vs)):
        assert {undefined - 1, undefined, undefined + 1} & set(range(len(XS))) <= set(kept)
    if name in ("cubic", "line", "jump", "constant"):
        assert len(kept) < len(XS) / 10


@pytest.mark.parametrize("name", ["cubic", "wiggly", "pole", "steep"])
def test_the_simplified_curve_looks_like_every_sample_drawn(qtbot, name):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    plot = widget.addPlot()
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    ys = CURVES[name]
    simplified, full = SimplifiedCurve(), pg.PlotCurveItem()
    for curve in (simplified, full):
        curve.setData(XS, ys, connect="finite", pen=pg.mkPen("#555555", width=2.5), antialias=True)
        plot.addItem(curve)
    plot.setXRange(0.0, 2.0, padding=0)
    plot.setYRange(*np.nanpercentile(ys, [3, 97]), padding=0.1)
    widget.show()
    qtbot.waitExposed(widget)
    pictures = each_alone(widget, (simplified, full))
    difference = np.abs(pictures[simplified] - pictures[full])
    ink = (255 - pictures[full]).sum()
    # Only the shades of antialiased edges differ (measured: by at most 19 of 255, 2.6% of the ink in all),
    # never a pixel of line against background (255 less the line's grey: 170); the ink is the same to 0.1%.
    assert difference.max() < 30
    assert difference.sum() < 0.04 * ink
    assert np.isclose((255 - pictures[simplified]).sum(), ink, rtol=0.002)
    assert np.array_equal(simplified.getData()[1], full.getData()[1], equal_nan=True)  # the samples are all kept
    if name == "cubic":
        assert simplified.getPath().elementCount() < len(XS) / 10


def test_zooming_in_simplifies_the_curve_again_for_the_new_pixel_size(qtbot):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    plot = widget.addPlot()
    curve = SimplifiedCurve()
    curve.setData(XS, CURVES["wiggly"], pen=pg.mkPen("k", width=2.5))
    plot.addItem(curve)
    plot.setXRange(-0.2, 2.2, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    wide = curve.getPath().elementCount()
    plot.setXRange(0.9, 1.1, padding=0)  # 12 times the pixels per unit: every sample in view counts
    qtbot.waitUntil(lambda: curve.getPath().elementCount() > 1.5 * wide)  # drawn again, through more samples
