"""Playing a race draws only what moves (issue 12, item 20): static layers are kept, paths grow in settled chunks."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from pyqtgraph.functions import ndarray_from_qimage
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from visualiser.figures.offscreen import OffscreenFigure
from visualiser.figures.run_paths import CHUNK
from visualiser.labs import palette
from visualiser.labs.descent.presets import start_scene
from visualiser.labs.descent.scene import DescentScene, RunSetup

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
RACE = msgspec.structs.replace(start_scene(), max_steps=120)
SADDLE = DescentScene(expression="x^2 - y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.5, 0.01),), max_steps=200,
                      runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1}),))


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
    moving = [figure.paths.recent, figure.current, *figure.arrows.values(),
              figure.loss_plot.frame_line]
    assert all(item.cacheMode() != CACHED for item in moving)


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
