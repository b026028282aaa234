"""The learning-rate figure's third column (the heatmap, the line search) is folded away until shown: its axes,
styled while hidden, get their room when it shows, at every scale."""

from __future__ import annotations

import pytest

from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.lr_search.scene import LrSearchScene

SCENE = LrSearchScene(optimizer="momentum", show_heatmap=True, line_search=True)


@pytest.mark.parametrize("scale", [1, 2])
def test_the_unfolded_plots_axes_have_room_for_their_tick_labels(scale):
    offscreen = OffscreenFigure(SCENE, (1200 * scale, 700 * scale), scale=scale)
    offscreen.draw()
    figure = offscreen.figure
    for plot in (figure.heatmap, figure.line_search):
        assert plot.isVisible()
        left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
        # as the sweep's, which was never folded
        assert left.size().width() == pytest.approx(figure.sweep.getAxis("left").size().width())
        assert bottom.size().height() == pytest.approx(figure.sweep.getAxis("bottom").size().height())
        assert left.size().width() > 40 * scale
    offscreen.close()
