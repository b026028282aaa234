"""LeanAxis lays out exactly the ticks and labels that pyqtgraph's own AxisItem does, only faster.

Each case puts a LeanAxis and a pyqtgraph AxisItem side by side on plots of the same size and range
(linear and log, every orientation, ranges from 1e-12 wide to 1e6, short and long axes, the figures'
own styles and pyqtgraph's defaults) and compares what each would draw: the axis line, every tick's
pen opacity and ends, and every label's rectangle, flags and text.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPainter, QPicture

from visualiser.figures.lean_axis import LeanAxis
from visualiser.figures.style import FigureStyle

RANGES = [(0.0, 1.0), (-1.2, 1.35), (0.73908513321, 0.73908513322), (-3e6, 2e5), (1e-12, 3e-12), (5.0, 5.0)]
SIZES = [(140, 90), (700, 420), (1600, 1000)]


def draw_specs(axis: pg.AxisItem):
    picture = QPicture()
    painter = QPainter(picture)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if specs is None:
        return None
    (pen, start, end), ticks, texts = specs
    return ((pen.color().name(), start.toTuple(), end.toTuple()),
            [(tick_pen.color().alpha(), p1.toTuple(), p2.toTuple()) for tick_pen, p1, p2 in ticks],
            [(rect.getRect(), int(flags), text) for rect, flags, text in texts])


def side_by_side(qtbot, side: str, size, log: bool, styled: bool):
    """A window with a LeanAxis and a pyqtgraph AxisItem on ``side`` of two plots of one size."""
    layout = pg.GraphicsLayoutWidget()
    qtbot.addWidget(layout)
    layout.resize(*size)
    axes = []
    for column, axis in enumerate((LeanAxis(side), pg.AxisItem(side))):
        plot = layout.addPlot(row=0, col=column, axisItems={side: axis})
        plot.showAxis(side)
        plot.setLogMode(x=log, y=log)
        if styled:
            FigureStyle().style_axis(axis)
        axes.append(axis)
    layout.show()
    qtbot.waitExposed(layout)
    return layout, axes


def show_range(axes, value_range) -> None:
    for axis in axes:
        if axis.orientation in ("left", "right"):
            axis.linkedView().setYRange(*value_range, padding=0)
        else:
            axis.linkedView().setXRange(*value_range, padding=0)


@pytest.mark.parametrize("styled", [True, False], ids=["figure style", "pyqtgraph style"])
@pytest.mark.parametrize("log", [False, True], ids=["linear", "log"])
@pytest.mark.parametrize("side", ["left", "bottom", "right", "top"])
def test_lean_axis_draws_what_pyqtgraph_draws(qtbot, side, log, styled):
    compared = 0
    for size in SIZES:
        _window, axes = side_by_side(qtbot, side, size, log, styled)
        for value_range in RANGES:
            show_range(axes, value_range)
            lean, reference = (draw_specs(axis) for axis in axes)
            assert lean == reference, (side, value_range, size)
            compared += reference is not None and len(reference[1]) > 0
    assert compared >= len(SIZES) * (len(RANGES) - 2)  # the cases drew ticks to compare


def test_an_axis_with_a_grid_or_fixed_ticks_is_drawn_by_pyqtgraph(qtbot):
    _window, (lean, reference) = side_by_side(qtbot, "bottom", (700, 420), log=False, styled=True)
    show_range((lean, reference), (0.0, 10.0))
    for axis in (lean, reference):
        axis.setGrid(128)
        axis.setTicks([[(1.0, "one"), (4.0, "four")], [(2.5, "")]])
    assert draw_specs(lean) == draw_specs(reference)
    assert [text for _rect, _flags, text in draw_specs(lean)[2]] == ["one", "four"]


def test_a_new_font_measures_labels_again(qtbot):
    _window, (lean, reference) = side_by_side(qtbot, "left", (700, 420), log=False, styled=True)
    show_range((lean, reference), (0.0, 1000.0))
    draw_specs(lean)
    for axis in (lean, reference):
        FigureStyle(scale=2.0).style_axis(axis)
    assert draw_specs(lean) == draw_specs(reference)
