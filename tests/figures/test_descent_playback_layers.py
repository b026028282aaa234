"""Playing a race draws only what moves (issue 12, item 20): static layers are kept, paths grow in settled chunks."""

from __future__ import annotations

import msgspec
import numpy as np
import pyqtgraph as pg
import pytest
from picture_measures import pixels
from pyqtgraph.functions import ndarray_from_qimage
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from visualiser.figures.export import figure_svg
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.figures.run_paths import CHUNK
from visualiser.labs import palette
from visualiser.labs.descent.presets import start_scene
from visualiser.labs.descent.scene import DescentScene, RunSetup

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
RACE = msgspec.structs.replace(start_scene(), max_steps=120)
SADDLE = DescentScene(expression="x^2 - y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.5, 0.01),), max_steps=200,
                      runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1}),))
# Plain GD on Rosenbrock at a rate above 2/λ_max: a few unstable steps, then it diverges.
DIVERGING = msgspec.structs.replace(start_scene(), max_steps=60,
                                    runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.01}),))


@pytest.fixture(scope="module")
def race():
    figure = OffscreenFigure(RACE, (1000, 700))
    yield figure
    figure.close()


@pytest.mark.parametrize("frame", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5, 120])
def test_a_path_is_drawn_to_the_frame_as_settled_chunks_and_recent_steps(race, frame):
    race.draw(frame)
    paths = race.figure.paths
    for index, trace in enumerate(race.result.traces):
        last = min(frame, len(trace.path) - 1)
        np.testing.assert_array_equal(paths.shown(index), trace.path[: last + 1])
        assert len(paths.settled.points[index]) == last - last % CHUNK + 1
        assert len(paths.recent.points[index]) <= CHUNK


def test_the_settled_parts_are_drawn_again_only_when_a_chunk_is_complete(race):
    race.draw(CHUNK + 1)
    settled = race.figure.paths.settled.points
    for frame in range(CHUNK + 2, 2 * CHUNK):
        race.draw(frame)
        assert race.figure.paths.settled.points is settled
    race.draw(2 * CHUNK)
    assert race.figure.paths.settled.points is not settled


def test_what_stays_still_while_a_run_plays_is_painted_once_and_what_moves_every_frame(race):
    figure = race.figure
    still = [figure.image, figure.contours.curve, figure.colour_bar.bar, figure.legend_beside, figure.legend_below,
             figure.paths.settled, *(figure.plot.getAxis(side) for side in ("left", "bottom")),
             *(curve.curve for curve in figure.loss_plot.run_curves), figure.loss_plot.getAxis("left"),
             figure.loss_plot.titleLabel.item, figure.colour_bar.axis.label]
    assert all(item.cacheMode() == CACHED for item in still)
    moving = [figure.paths.recent, figure.current, figure.arrows,
              figure.loss_plot.frame_line]
    assert all(item.cacheMode() != CACHED for item in moving)


def test_the_arrows_and_curvature_axes_look_as_the_outlined_curves_they_were_drawn_as_before(race):
    race.draw(10)
    figure = race.figure
    drawn = pixels(race.image())
    items = (figure.arrows, figure.hessian.axes)  # the three arrow kinds in one item, one over the other
    curves = []
    for item in items:
        assert item.isVisible()
        for points, (outline, line) in zip(item.points, item.pens):
            assert len(points)
            curves.append(pg.PlotCurveItem(points[:, 0], points[:, 1], connect="pairs", pen=line, shadowPen=outline))
            curves[-1].setZValue(item.zValue())
            figure.plot.addItem(curves[-1])
        item.hide()
    as_curves = pixels(race.image())
    for curve in curves:
        figure.plot.removeItem(curve)
    without = pixels(race.image())
    for item in items:
        item.show()
    np.testing.assert_array_equal(drawn, as_curves)
    assert (as_curves != without).any(axis=2).sum() > 300  # they are in the picture


@pytest.mark.parametrize("scene, frame", [(RACE, 10), (DIVERGING, 60)], ids=["race", "diverging"])
@pytest.mark.parametrize("scale", [1, 2])
def test_the_markers_look_as_the_scatter_plots_they_were_drawn_with_before(scene, frame, scale):
    figure = OffscreenFigure(scene, (1000 * scale, 700 * scale), scale=scale)
    figure.draw(frame)
    drawing = figure.figure
    items = [item for item in (drawing.current, drawing.minima, drawing.diverged) if item.isVisible()]
    assert len(items) == (2 if scene is RACE else 3)  # the runs' points, the known minimum, and where GD diverged

    def pictures():  # as exported, and as on screen
        return pixels(figure.image()), pixels(figure.view.grab().toImage())

    drawn = pictures()
    scatters = []
    for markers in items:
        styles = markers.styles
        scatters.append(pg.ScatterPlotItem(pos=markers.points, symbol=[style.symbol for style in styles],
                                           size=[style.size for style in styles],
                                           pen=[style.pen() for style in styles],
                                           brush=[style.brush() for style in styles]))
        scatters[-1].setZValue(markers.zValue())
        scatters[-1].setCacheMode(markers.cacheMode())  # the landmarks are painted once and kept
        drawing.plot.addItem(scatters[-1])
        markers.hide()
    as_scatters = pictures()
    for scatter in scatters:
        scatter.hide()
    without = pictures()
    for picture, reference, bare in zip(drawn, as_scatters, without):
        np.testing.assert_array_equal(picture, reference)
        assert (reference != bare).any(axis=2).sum() > 2 * 50 * scale ** 2  # markers 11 px across and more
    figure.close()


def test_unstable_steps_and_diverged_ends_follow_the_frame_back_and_forth_and_are_hidden_when_there_are_none():
    figure = OffscreenFigure(DIVERGING, (1000, 700))
    trace = figure.result.traces[0]
    assert trace.diverged and trace.unstable.any()
    first_unstable = int(np.flatnonzero(trace.unstable)[0])
    drawing = figure.figure
    for frame in (len(trace.path) - 1, 0, first_unstable, first_unstable + 1, len(trace.path) + 5, first_unstable):
        figure.draw(frame)
        last = min(frame, len(trace.path) - 1)
        steps = np.flatnonzero(trace.unstable[:last])
        xs, ys = drawing.unstable.getData()
        expected = np.stack([trace.path[steps], trace.path[steps + 1]], axis=1).reshape(-1, 2)
        np.testing.assert_array_equal(np.column_stack([xs, ys]).reshape(-1, 2), expected)
        assert drawing.unstable.isVisible() == bool(len(steps))
        ended = frame >= len(trace.path) - 1
        assert drawing.diverged.isVisible() == ended and len(drawing.diverged.points) == ended
        if ended:
            assert tuple(drawing.diverged.points[0]) == tuple(trace.path[-1])
    figure.close()


def test_an_svg_export_holds_no_empty_paths(race):
    """A run's path of one point so far, or an arrow kind with no arrow, is an empty line: Qt's SVG writes one
    as d="", which its renderer draws as a dot in the picture's corner."""
    race.draw(7)  # every run's settled part is its start point alone
    assert any(len(points) == 1 for points in race.figure.paths.settled.points)
    svg = figure_svg(race.figure).decode()
    assert svg.count("<path") > 10 and 'd=""' not in svg


def test_a_diverged_path_far_beyond_the_view_is_still_drawn_in_an_export():
    figure = OffscreenFigure(SADDLE, (1000, 700))
    figure.draw()
    trace = figure.result.traces[0]
    assert trace.diverged and np.abs(trace.path).max() > 1e6
    image = figure.image()  # as a PNG export paints it; held while the array is copied (a view of its memory)
    pixels = ndarray_from_qimage(image).copy()
    blue = np.array([int(palette.BLUE[i:i + 2], 16) for i in (1, 3, 5)])
    # where the run leaves the saddle upwards along x = 0, between y = 1.5 and the top of the view
    for y in (1.5, 2.0, 2.5):
        point = figure.figure.vb.mapViewToScene(QPointF(0.0, y))
        column, row = int(point.x()), int(point.y())
        patch = pixels[row - 6: row + 7, column - 6: column + 7, :3].reshape(-1, 3)[:, ::-1]  # BGRA to RGB
        assert np.min(np.abs(patch.astype(int) - blue).sum(axis=1)) < 40, y
    figure.close()
