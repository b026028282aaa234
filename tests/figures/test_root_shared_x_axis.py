"""The bars under f's plot share its x, and read it off f's axis right above them (as matplotlib's sharex).

Before, the bars plot drew the same x ticks again under itself: a row of duplicate labels that took a
fifth of the bars' height at 1024x768 (the figure's rows now give that room back to the bars).
"""

from __future__ import annotations

import pytest

from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import start_scene


@pytest.mark.parametrize("size", [(1000, 700), (640, 480)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_bars_read_x_off_the_axis_of_f_right_above_them(size):
    figure = OffscreenFigure(start_scene(), size)
    figure.draw(6)
    roots = figure.figure
    f_axis = roots.function_plot.getAxis("bottom").sceneBoundingRect()
    f_view, bars_view = roots.function_plot.vb.sceneBoundingRect(), roots.bars_plot.vb.sceneBoundingRect()
    assert f_view.bottom() < f_axis.bottom() <= bars_view.top() + 1  # (its ticks reach up into f's view)
    assert not roots.bars_plot.getAxis("bottom").isVisible()
    assert roots.bars_plot.viewRange()[0] == pytest.approx(roots.function_plot.viewRange()[0])
    assert (f_view.left(), f_view.right()) == pytest.approx((bars_view.left(), bars_view.right()), abs=1)
    figure.close()
