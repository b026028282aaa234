"""The root figure's key covers none of the data: it has a row of its own above the plots.

Before, f's legend sat in the top left of its plot, over the curve and the bracket, and the
bisection bound's legend in the top right of the convergence plot, over the error curves.
"""

from __future__ import annotations

import msgspec
import pytest

from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.examples import EXAMPLES, start_scene

METHOD_LABELS = ("Bisection", "False position", "Secant", "Newton", "Brent")
SCENES = {
    "bisection": start_scene(),
    "newton": msgspec.structs.replace(start_scene(), method="newton", x0=1.8),
    "race": EXAMPLES[1].applied_to(start_scene()),  # cos(x) - x, five methods
    "flat race": EXAMPLES[4].applied_to(start_scene()),
    "no construction": msgspec.structs.replace(EXAMPLES[7].applied_to(start_scene()), construction=False),
}
SIZES = [(1000, 700), (640, 560), (1400, 900)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", SCENES)
def test_the_key_is_above_the_plots_and_inside_the_figure(name, size):
    figure = OffscreenFigure(SCENES[name], size)
    figure.draw(3)
    key = figure.figure.legend_strip.legend.sceneBoundingRect()
    for plot in (figure.figure.function_plot, figure.figure.bars_plot, figure.figure.convergence_plot):
        assert not key.intersects(plot.vb.sceneBoundingRect())
    assert key.bottom() <= figure.figure.function_plot.vb.sceneBoundingRect().top()
    assert figure.figure.sceneBoundingRect().contains(key)  # not cut off at a narrow size
    figure.close()


@pytest.mark.parametrize("name", SCENES)
def test_the_key_names_every_line_the_figure_draws(name):
    scene = SCENES[name]
    figure = OffscreenFigure(scene, SIZES[0])
    figure.draw(3)
    methods = [label for label in METHOD_LABELS if scene.race or label == ("Newton" if name == "newton" else "Bisection")]
    expected = ["f(x)", *methods]
    if scene.construction:
        expected.append("the step's construction")
    if "Bisection" in methods:
        expected.append("bisection's bound 2⁻ⁿ(b − a)")
    assert figure.figure.legend_strip.texts() == expected
    assert figure.figure.bound_curve.isVisible() == ("Bisection" in methods)
    figure.close()


def test_a_race_takes_two_lines_of_four_and_one_method_one_line():
    heights = {}
    for name in ("race", "bisection"):
        figure = OffscreenFigure(SCENES[name], SIZES[0])
        figure.draw()
        heights[name] = figure.figure.legend_strip.size().height()
        assert figure.figure.legend_strip.legend.columnCount == 4
        figure.close()
    assert heights["race"] > 1.7 * heights["bisection"]
