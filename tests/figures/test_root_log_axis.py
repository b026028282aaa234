"""The convergence plot's log axis shows the data's decades as 10⁻¹⁵ … 1, with no SI scale factor."""

from __future__ import annotations

import math
import re

import msgspec
import numpy as np
import pytest

from visualiser.figures.decade_axis import decade_text
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import EXAMPLES, start_scene
from visualiser.labs.roots.scene import RootScene

SCENES = {
    "bisection": start_scene(),  # errors from ~1 down to the 1e-17 floor
    "race": EXAMPLES[1].applied_to(start_scene()),
    "loose": msgspec.structs.replace(start_scene(), xtol=1e-3),  # errors from 1 to ~1e-3: "(x0.001)" once
    "wide": RootScene(expression="x - 3000", bracket=(0.0, 10_000.0), xtol=1.0),  # errors of thousands
}
SCALE_FACTOR = re.compile(r"\(x\s*[0-9]")  # pyqtgraph's "(x0.001)", "(x1e+15)"
SIZES = [(1000, 700), (1000, 1400)]  # a tall plot has room for a label at every decade


def axis_ticks(figure: OffscreenFigure) -> list[tuple[float, str]]:
    """(value, text) of every tick the convergence plot's left axis draws, as the axis computes them."""
    axis = figure.figure.convergence_plot.getAxis("left")
    low, high = axis.range
    ticks = []
    for spacing, values in axis.tickValues(low, high, axis.height()):
        values = [value for value in values if low <= value <= high]  # what generateDrawSpecs draws
        ticks += zip(values, axis.tickStrings(values, axis.autoSIPrefixScale, spacing))
    return ticks


@pytest.mark.parametrize("size", SIZES, ids=["short", "tall"])
@pytest.mark.parametrize("name", SCENES)
def test_every_tick_is_a_decade_of_the_data_written_as_a_power_of_ten(name, size):
    figure = OffscreenFigure(SCENES[name], size)
    figure.draw()
    axis = figure.figure.convergence_plot.getAxis("left")
    assert axis.logMode and axis.autoSIPrefixScale == 1.0
    assert not SCALE_FACTOR.search(axis.labelString()) and "|x_n - root|" in axis.labelString()
    curves = [*figure.figure.error_curves.values(), figure.figure.bound_curve]
    drawn = np.concatenate([curve.yData for curve in curves if curve.isVisible()])  # the errors and the bound
    lowest, highest = np.log10(drawn.min()), np.log10(drawn.max())
    ticks = axis_ticks(figure)
    values = [value for value, _text in ticks]
    # decades from just below the data (the margin) to its top (and any room made for the legend),
    # as many as the axis has room for: at least every fifth one across the data
    assert math.floor(lowest) - 1 <= min(values) <= lowest + 5 and max(values) >= highest - 5
    for value, text in ticks:
        assert float(value).is_integer() and text == decade_text(int(value))
    figure.close()


def test_the_decades_read_as_a_learner_writes_them():
    assert [decade_text(n) for n in (-15, -10, -5, -1, 0, 1, 2, 3)] == \
        ["10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "10⁻¹", "1", "10", "10²", "10³"]


def test_the_bisection_run_shows_the_decades_from_1e_minus_15_to_1():
    figure = OffscreenFigure(SCENES["bisection"], SIZES[0])
    figure.draw()
    labelled = {text for value, text in axis_ticks(figure) if value % 5 == 0}
    assert {"10⁻¹⁵", "10⁻¹⁰", "10⁻⁵"} <= labelled
    figure.close()


@pytest.mark.parametrize("name", SCENES)
def test_no_axis_of_the_root_figure_carries_a_scale_factor(name):
    figure = OffscreenFigure(SCENES[name], SIZES[0])
    for frame in (0, 1, figure.frame_count - 1):
        figure.draw(frame)
        for plot in (figure.figure.function_plot, figure.figure.bars_plot, figure.figure.convergence_plot):
            for side in ("left", "bottom"):
                assert not SCALE_FACTOR.search(plot.getAxis(side).labelString()), (name, frame, side)
    figure.close()
