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


def test_the_slice_is_titled_with_the_step_it_is_taken_at():
    """Asked for step 5000 of a probe that stopped sooner, the slice is at its last point, and says so (it
    said "step 5000")."""
    offscreen = OffscreenFigure(LrSearchScene(line_search=True, line_step=5000, max_steps=200), (1200, 700))
    offscreen.draw(3)
    probe = offscreen.result.search.probes[offscreen.result.search.steps[2].probe]
    assert offscreen.figure.line_search.title == f"Line search, step {len(probe.path) - 1}"
    offscreen.close()
