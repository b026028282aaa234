"""f(x) is not joined across its poles and jumps, and stays joined where it is only steep.

The plot joins consecutive finite samples with a segment, so a segment that spans a pole or a jump
is a vertical line that f does not have. Checked on the samples the figure draws, and on its pixels.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from pyqtgraph.functions import ndarray_from_qimage

from visualiser.engine import compile_expression
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.figures.roots_figure import CURVE_SAMPLES
from visualiser.labs import palette
from visualiser.labs.roots.curve import broken_at_discontinuities
from visualiser.labs.roots.scene import RootScene

SIZE = (1000, 700)



def multiples(step: float, offset: float = 0.0):
    """The points offset + k step, k whole: where tan, floor and the like jump."""
    return lambda low, high: [offset + k * step for k in range(math.ceil((low - offset) / step),
                                                                  math.floor((high - offset) / step) + 1)]


# expression, bracket, the discontinuities within [low, high]
DISCONTINUOUS = [
    ("tan(x)", (-2.0, 2.0), multiples(math.pi, math.pi / 2)),
    ("1/(x-1)", (0.0, 3.0), multiples(100.0, 1.0)),
    ("sign(x)", (-1.0, 1.3), multiples(100.0)),
    ("floor(x)", (-1.7, 2.4), multiples(1.0)),
    ("1/(x-1) + floor(2x)", (0.0, 3.0), multiples(0.5)),  # a pole at a jump, and jumps
]
CONTINUOUS = [
    ("tan(x)", (-2.0, 2.0), (-math.pi / 2, math.pi / 2)),
    ("1/(x-1)", (0.0, 3.0), (1.0,)),
    ("sign(x)", (-1.0, 1.3), (0.0,)),
    ("floor(x)", (-1.7, 2.4), (-2.0, -1.0, 0.0, 1.0, 2.0, 3.0)),
    ("1/(x-1) + floor(2x)", (0.0, 3.0), (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)),  # a pole at a jump, and jumps
]
CONTINUOUS = [
    ("x^9", (0.0, 1.7)),
    ("atan(1000x)", (-1.0, 1.2)),
    ("atan(1e8 x)", (-1.0, 1.2)),
    ("cbrt(x - 0.2)", (-1.0, 2.0)),  # an infinite slope at its root
    ("abs(x)", (-1.0, 1.3)),  # a kink is no jump
    ("sin(200x)", (0.0, 1.0)),  # fast wiggles, each sample far from the last
]


def drawn_curve(expression: str, bracket: tuple[float, float]):
    figure = OffscreenFigure(RootScene(expression=expression, bracket=bracket), SIZE)
    figure.draw()
    xs, ys = figure.figure.curve.getData()
    return figure, np.asarray(xs), np.asarray(ys)


def joined_segments(xs, ys):
    """(left, right) of every segment the plot draws: neighbours that are both finite."""
    joined = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    return xs[:-1][joined], xs[1:][joined]


@pytest.mark.parametrize("expression, bracket, discontinuities", DISCONTINUOUS, ids=[c[0] for c in DISCONTINUOUS])
def test_no_segment_of_the_drawn_curve_spans_a_pole_or_a_jump(expression, bracket, discontinuities):
    figure, xs, ys = drawn_curve(expression, bracket)
    lefts, rights = joined_segments(xs, ys)
    in_view = [x for x in discontinuities(xs[0], xs[-1]) if xs[0] < x < xs[-1]]
    assert in_view, "the test's view should show the discontinuities"
    for x in in_view:
        assert not np.any((lefts <= x) & (x <= rights)), f"a segment joins the two sides of x = {x}"
    # ... and the curve is broken there only: every other sample of f is drawn as f
    finite = np.isfinite(ys)
    f = compile_expression(expression)
    np.testing.assert_allclose(ys[finite], f.value(xs[finite], params={}))
    assert np.count_nonzero(~finite) <= len(in_view) + np.count_nonzero(~np.isfinite(f.value(xs, params={})))
    figure.close()


@pytest.mark.parametrize("expression, bracket", CONTINUOUS, ids=[c[0] for c in CONTINUOUS])
def test_a_steep_but_continuous_curve_stays_joined(expression, bracket):
    figure, xs, ys = drawn_curve(expression, bracket)
    assert len(xs) == CURVE_SAMPLES and np.all(np.isfinite(ys))
    figure.close()


def curve_pixels_in_column(figure: OffscreenFigure, x: float) -> int:
    """How many rows of f's plot have a pixel of the curve's colour within a pixel of x."""
    image = figure.image()
    pixels = ndarray_from_qimage(image).copy()  # BGRA
    view = figure.figure.function_plot.vb
    origin = figure.figure.sceneBoundingRect().topLeft()
    column = round(view.mapViewToScene(QPointF(x, 0.0)).x() - origin.x())
    box = view.sceneBoundingRect().translated(-origin)
    rows = pixels[round(box.top()) + 4:round(box.bottom()) - 4, column - 1:column + 2, 2::-1].astype(int)
    grey = np.array([int(palette.GREY[i:i + 2], 16) for i in (1, 3, 5)])
    return int(np.count_nonzero(np.any(np.all(np.abs(rows - grey) <= 40, axis=-1), axis=1)))


@pytest.mark.parametrize("expression, bracket, pole", [("1/(x-1)", (1.5, 3.0), 1.0), ("tan(x)", (0.2, 1.2), math.pi / 2)])
def test_no_vertical_line_is_painted_at_a_pole(expression, bracket, pole):
    # a bracket beside the pole (no root in it: no estimate line stands at the pole either)
    figure = OffscreenFigure(RootScene(expression=expression, bracket=bracket, view_x=(pole - 0.5, pole + 0.5)), SIZE)
    figure.draw()
    painted = curve_pixels_in_column(figure, pole)
    plot_height = figure.figure.function_plot.vb.sceneBoundingRect().height()
    assert painted < 0.1 * plot_height  # only where the two branches leave through the top and bottom
    figure.close()


def test_breaks_are_placed_between_the_samples_either_side():
    f = compile_expression("1/(x-1)")
    xs = np.linspace(0.0, 2.0, 101)  # x = 1 is a sample: f is inf there
    broken_xs, broken_ys = broken_at_discontinuities(lambda v: f.value(v, params={}), xs, f.value(xs, params={}))
    assert len(broken_xs) <= len(xs) + 1
    gaps = np.flatnonzero(~np.isfinite(broken_ys))
    assert all(broken_xs[i - 1] < broken_xs[i] < broken_xs[i + 1] for i in gaps if 0 < i < len(broken_xs) - 1)
    assert np.all(np.diff(broken_xs) > 0)


def test_a_curve_that_runs_off_to_1e25_near_a_pole_is_still_drawn():
    """f's curve is painted once into a cached picture the size of its samples' extent (issue 12, item 20):
    samples far off the view are drawn nearer, or that picture would be too large to exist."""
    figure = OffscreenFigure(RootScene(expression="1/(x-1)^8 - 2", bracket=(1.5, 3.0), view_x=(0.0, 2.0),
                                       view_y=(-3.0, 10.0)), SIZE)
    figure.draw()  # f is 6e25 at the samples nearest the pole
    assert curve_pixels_in_column(figure, 0.2) >= 1 and curve_pixels_in_column(figure, 1.8) >= 1
    figure.close()
