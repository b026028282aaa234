"""The bars under f's plot: row n spans the bracket [a_n, b_n] the method kept after n iterations, the rows so
far in translucent blue and the newest in orange; a method that keeps no bracket draws none."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPicture

from picture_measures import pixels
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import start_scene


def _row_span(figure: OffscreenFigure, picture: np.ndarray, row: int) -> tuple[float, float] | None:
    """Where along the middle of ``row`` the bars view is not white, in data x (None: nothing drawn there)."""
    view = figure.figure.bars_plot.vb
    (x0, x1), _ = view.viewRange()
    left, right = (view.mapViewToScene(QPointF(x, row)) for x in (x0, x1))
    y = round(left.y())
    # Inside the view, clear of the iteration axis's ticks, which reach into it (the framed bracket has room on both sides).
    columns = np.arange(int(np.ceil(left.x())) + 12, int(right.x()) - 12)
    inked = columns[np.abs(picture[y, columns] - 255).sum(axis=1) > 60]
    if inked.size == 0:
        return None
    to_x = (x1 - x0) / (right.x() - left.x())
    return x0 + (inked[0] - left.x()) * to_x, x0 + (inked[-1] + 1 - left.x()) * to_x


def _colour(figure, picture, row, x) -> QColor:
    view = figure.figure.bars_plot.vb
    point = view.mapViewToScene(QPointF(x, row))
    return QColor(*(int(v) for v in picture[round(point.y()), round(point.x())]))


@pytest.mark.parametrize("frame", [0, 1, 4, 9])
def test_each_row_spans_its_bracket_and_the_rows_after_the_frame_are_empty(frame):
    figure = OffscreenFigure(start_scene(), (1000, 700))
    figure.draw(frame)
    picture = pixels(figure.image())
    run = figure.result
    pixel = np.diff(figure.figure.function_plot.viewRange()[0])[0] / figure.figure.bars_plot.vb.width()
    for row in range(frame + 1):
        a, b = run.bracket_at(run.primary, row)
        span = _row_span(figure, picture, row)
        if (b - a) / pixel < 2:
            continue  # narrower than two pixels: nothing to measure across
        assert span == pytest.approx((a, b), abs=1.5 * pixel), row
        middle = _colour(figure, picture, row, (a + b) / 2)
        if row == frame:
            assert middle.name() == QColor(figure.figure.style.palette.orange).name()
        else:
            assert middle.blue() > middle.red() + 60  # the blue of the rows so far, over white
    for row in range(frame + 1, frame + 3):
        assert _row_span(figure, picture, row) is None
    figure.close()


def test_a_method_that_keeps_no_bracket_draws_no_bars():
    figure = OffscreenFigure(msgspec.structs.replace(start_scene(), method="newton"), (1000, 700))
    figure.draw(3)
    assert figure.figure.bars.boundingRect().isEmpty()
    assert figure.figure.open_points.isVisible()
    figure.close()


@pytest.mark.parametrize("frame", [0, 4, 12])
def test_the_bars_bounds_hold_every_bar_drawn(frame):
    """Qt repaints only what changed, within the items' bounds: a bar outside them would stay on screen when
    the person scrubs back, and would be cut off in a cached or exported picture."""
    figure = OffscreenFigure(start_scene(), (1000, 700))
    figure.draw(frame)
    bars, run = figure.figure.bars, figure.result
    bounds = bars.boundingRect()
    for row in range(frame + 1):
        a, b = run.bracket_at(run.primary, row)
        assert bounds.contains(QRectF(a, row - 0.35, b - a, 0.7)), row
    figure.close()


@pytest.mark.parametrize("frame", [3, 30])
def test_the_iteration_axis_ticks_whole_iterations_at_its_labels_only(frame):
    """Its labels are iterations (0, 5, 10 ...), and a tick goes with each: no comb of a tick per row, which
    the bars already are (and which was laid out again, a row denser, every frame past a dozen rows)."""
    figure = OffscreenFigure(start_scene(), (1000, 700))
    figure.draw(frame)
    axis = figure.figure.bars_plot.getAxis("left")
    painter = QPainter(QPicture())
    try:
        _line, ticks, labels = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    view = figure.figure.bars_plot.vb
    rows = sorted(round(view.mapSceneToView(axis.mapToScene(start)).y(), 6) for _pen, start, _end in ticks)
    texts = sorted(int(text) for _rect, _flags, text in labels)
    assert len(texts) >= 2 and rows == texts
    assert all(text % 5 == 0 for text in texts)
    figure.close()
