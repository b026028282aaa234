"""Playing the root lab's run draws only what moves (issue 12, item 20): what stays still is painted once."""

from __future__ import annotations

import msgspec
import numpy as np
from PySide6.QtCore import QPointF

from kept_layers import is_kept
from picture_measures import pixels
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import EXAMPLES, start_scene

RACE = EXAMPLES[1].applied_to(start_scene())


def test_what_stays_still_while_a_run_plays_is_painted_once_and_what_moves_every_frame():
    figure = OffscreenFigure(msgspec.structs.replace(RACE, frame=3), (1000, 700))
    figure.draw()
    roots = figure.figure
    still = [roots.curve, roots.zero_line, roots.bound_curve, roots.start_region, *roots.start_region.lines,
             *roots.error_curves.values(), *(plot.getAxis(side) for plot in roots.plots for side in ("left", "bottom"))]
    legend = roots.legend_strip.legend
    entries = [item for sample, label in legend.items for item in (sample, label)]
    assert len(entries) == 2 * len(roots.legend_strip.texts()) >= 12  # f(x), five methods, construction, bound
    assert all(is_kept(item) for item in still + entries)
    moving = [roots.current_region, roots.dropped_region, roots.markers,
              roots.construction_line, roots.bars, roots.frame_line, *roots.estimate_lines.values()]
    assert not any(is_kept(item) for item in moving)
    figure.close()


def test_what_is_drawn_in_fs_view_is_painted_afresh_while_auto_zoom_moves_the_view_and_kept_once_it_stops():
    figure = OffscreenFigure(msgspec.structs.replace(start_scene(), auto_zoom=True, frame=5), (1000, 700))
    figure.draw()
    roots = figure.figure
    in_view = [roots.curve, roots.zero_line, roots.start_region, *(roots.function_plot.getAxis(side)
                                                                    for side in ("left", "bottom"))]
    assert not any(is_kept(item) for item in in_view)
    assert is_kept(roots.bound_curve) and is_kept(roots.convergence_plot.getAxis("bottom"))  # they don't move
    figure.show(msgspec.structs.replace(start_scene(), auto_zoom=False, frame=5))
    figure.draw()
    assert all(is_kept(item) for item in in_view)
    figure.close()


def test_the_starting_bracket_is_painted_afresh_once_it_is_wider_than_a_picture():
    figure = OffscreenFigure(start_scene(), (1000, 700))
    a, b = start_scene().bracket
    middle = (a + b) / 2
    deep = msgspec.structs.replace(start_scene(), view_x=(middle - 1e-7, middle + 1e-7), view_y=(-1.0, 1.0))
    figure.show(deep)
    figure.draw(0)
    region = figure.figure.start_region
    assert not is_kept(region)  # a picture of the box would be ~10^10 px wide
    # and it is drawn, tinting the whole view: the view looks different without it
    point = figure.figure.function_plot.vb.mapViewToScene(QPointF(middle + 5e-8, 0.5))
    with_region = pixels(figure.image())[int(point.y()), int(point.x())]
    region.hide()
    without = pixels(figure.image())[int(point.y()), int(point.x())]
    assert np.abs(with_region - without).sum() > 20
    figure.close()


def test_the_iteration_axis_is_painted_afresh_while_the_bars_grow_a_row_a_frame():
    """Past a dozen rows the bars plot takes a row more each frame, so its axis changes with every frame."""
    figure = OffscreenFigure(start_scene(), (1000, 700))
    axis = figure.figure.bars_plot.getAxis("left")
    figure.draw(5)
    assert is_kept(axis)  # a dozen rows, whichever of the first twelve frames is shown
    figure.draw(20)
    assert not is_kept(axis)
    figure.draw(5)
    assert is_kept(axis)
    figure.close()
