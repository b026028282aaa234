"""Still layers kept as one picture (``cached_layers.KeptPicture``) and frames marked as drawing nothing
(``contentless``) look as the figure painted afresh (to a few edge pixels), and a kept picture shows what changes
in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msgspec
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem

from kept_layers import differing, is_kept, set_kept_pictures
from picture_measures import pixels
from visualiser.figures.cached_layers import KeptPicture
from visualiser.figures.contentless import mark_contentless
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import EXAMPLES, start_scene

RACE = EXAMPLES[1].applied_to(start_scene())
SIZE = (1000, 700)
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
# At most this many pixels may differ from the figure painted afresh: the end pixel of an axis line, which
# pyqtgraph draws a pixel past its item, is kept by one way of painting and cut by another.
EDGE_PIXELS = 8


def screen(figure: OffscreenFigure) -> np.ndarray:
    """What the figure's view shows, painted as on screen (with its kept pictures, unlike an export)."""
    return pixels(figure.view.grab().toImage())


def painted_afresh(figure: OffscreenFigure) -> np.ndarray:
    set_kept_pictures(figure.view.scene(), False)
    for item in figure.view.scene().items():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    return screen(figure)


def test_the_still_layers_are_kept_as_whole_pictures():
    figure = OffscreenFigure(msgspec.structs.replace(RACE, frame=3), SIZE)
    figure.draw()
    roots = figure.figure
    kept_whole = [roots.legend_strip, roots.still_curves,
                  *(plot.getAxis(side) for plot in roots.plots for side in ("left", "bottom"))]
    assert all(isinstance(item.graphicsEffect(), KeptPicture) for item in kept_whole)
    legend = roots.legend_strip.legend
    inside = [legend, *(item for sample, label in legend.items for item in (sample, label)),
              *roots.error_curves.values(), roots.bound_curve]
    assert all(is_kept(item) for item in inside)
    # once, not twice: what is in a kept picture has no picture of its own
    assert not any(item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for item in inside)
    figure.close()


def test_a_figure_with_kept_pictures_looks_as_it_does_painted_afresh():
    figure = OffscreenFigure(msgspec.structs.replace(RACE, frame=3), SIZE)
    figure.draw()
    kept = screen(figure)
    assert differing(kept, painted_afresh(figure)) <= EDGE_PIXELS
    figure.close()


def test_a_kept_picture_shows_what_changed_in_it():
    """A new run changes the legend's entries and the convergence plot's curves: both kept pictures are painted
    again, so the figure looks as the race painted afresh (a stale picture would keep bisection's alone)."""
    figure = OffscreenFigure(msgspec.structs.replace(start_scene(), frame=3), SIZE)
    figure.draw()
    before = screen(figure)
    figure.show(msgspec.structs.replace(RACE, frame=3))
    figure.draw()
    after = screen(figure)
    assert differing(after, before) > 1000  # the race looks different
    assert differing(after, painted_afresh(figure)) <= EDGE_PIXELS
    figure.close()


def test_frames_that_draw_nothing_are_marked_and_the_figure_looks_the_same_without_the_marks():
    figure = OffscreenFigure(msgspec.structs.replace(RACE, frame=3), SIZE)
    figure.draw()
    roots = figure.figure
    frames = [roots, *roots.plots, *(plot.vb for plot in roots.plots)]
    assert all(item.flags() & NO_CONTENTS for item in frames)
    marked = screen(figure)
    for item in frames:
        item.setFlag(NO_CONTENTS, False)
    assert differing(marked, screen(figure)) == 0
    figure.close()


def test_a_view_box_with_a_border_is_not_marked_and_one_given_a_border_later_is_unmarked_again(qapp):
    view = pg.ViewBox(border=QPen())  # a solid black border
    plain = pg.ViewBox()
    mark_contentless(view)
    mark_contentless(plain)
    assert not view.flags() & NO_CONTENTS
    assert plain.flags() & NO_CONTENTS
    assert plain.childGroup.flags() & NO_CONTENTS  # pyqtgraph's own mark on its group is left alone
    plain.border = QPen()
    mark_contentless(plain)
    assert not plain.flags() & NO_CONTENTS


_AT_A_RATIO = r"""
import sys
sys.path.insert(0, {tests!r})
import msgspec
from kept_layers import differing, set_kept_pictures
from picture_measures import pixels
from visualiser.figures.export import figure_image
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import EXAMPLES, start_scene

figure = OffscreenFigure(msgspec.structs.replace(EXAMPLES[1].applied_to(start_scene()), frame=3), (1000, 700))
figure.draw()
assert figure.view.devicePixelRatio() == {ratio}
screen = lambda: pixels(figure.view.grab().toImage())
screen()                              # the kept pictures made for the screen, at its pixel ratio
exported = pixels(figure_image(figure.figure))  # an export at one pixel a pixel
then_screen = screen()
set_kept_pictures(figure.view.scene(), False)  # what is in them painted directly; Qt's item caches are left
print(differing(exported, pixels(figure_image(figure.figure))), differing(then_screen, screen()))
"""


@pytest.mark.parametrize("ratio", [2, 1.5])
def test_kept_pictures_follow_the_pixel_ratio_of_what_they_are_drawn_on(ratio):
    """On a screen of twice the pixels (QT_SCALE_FACTOR=2, in a process of its own) the kept pictures are made at
    that ratio; an export at one pixel a pixel must not copy them shrunk (thinner lines, axis lines lost), and
    the screen after it must not show the export's pictures enlarged."""
    code = _AT_A_RATIO.format(tests=str(Path(__file__).parents[1]), ratio=ratio)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(ratio)})
    assert done.returncode == 0, done.stderr[-2000:]
    export_differs, screen_differs = map(int, done.stdout.split())
    assert export_differs <= EDGE_PIXELS
    assert screen_differs <= EDGE_PIXELS * ratio ** 2
