"""A figure at scale 2 and twice the size draws the scale-1 picture at twice the pixel density
(issue 12, item 19): lines, markers, text and legends twice as large, everything where it was."""

from __future__ import annotations

import pytest
from picture_measures import blurred_difference, ink, pixels, scene_to_pixel
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF

from root_markers import sign_markers
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs import palette
from visualiser.labs.registry import LABS
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.vectors.scene import VectorScene

SIZE = (800, 600)
SCENE = RootScene(expression="x^3 - 2", bracket=(0.0, 2.0), frame=3, construction=False)
# The words by PCA, a selected word with its neighbours labelled, an analogy: every layer of the vector figure.
VECTOR_SCENE = VectorScene(selected=0, analogy=("king", "man", "woman"))


@pytest.fixture(scope="module")
def figures():
    small = OffscreenFigure(SCENE, SIZE)
    large = OffscreenFigure(SCENE, (2 * SIZE[0], 2 * SIZE[1]), scale=2)
    for figure in (small, large):
        figure.draw()
    yield small, large
    for figure in (small, large):
        figure.close()


@pytest.mark.parametrize("lab", ["roots", "descent", "lr_search", "vectors"])
def test_the_2x_picture_reduced_is_the_1x_picture(lab):
    scene = {"roots": SCENE, "descent": LABS["descent"].start_scene(),  # a race of seven, with every overlay
             "lr_search": LABS["lr_search"].start_scene(),  # the search, its bracket, sweep and losses
             "vectors": VECTOR_SCENE}[lab]
    small, large = OffscreenFigure(scene, SIZE), OffscreenFigure(scene, (2 * SIZE[0], 2 * SIZE[1]), scale=2)
    for figure in (small, large):
        figure.draw()
    at_1x, at_2x = pixels(small.image()), pixels(large.image())
    exporter = ImageExporter(small.figure)  # what the export did before: the same figure laid out wider
    exporter.parameters()["width"] = 2 * SIZE[0]
    wider = pixels(exporter.export(toBytes=True))
    assert at_2x.shape == wider.shape == (2 * SIZE[1], 2 * SIZE[0], 3)
    scaled, widened = blurred_difference(at_2x, at_1x), blurred_difference(wider, at_1x)
    print(f"{lab}: mean difference from the 1x picture: scale 2 {scaled:.2f}, laid out wider {widened:.2f}")
    assert scaled < 1.6 and scaled < 0.65 * widened
    for figure in (small, large):
        figure.close()


def test_lines_markers_and_legend_are_twice_as_large(figures):
    small, large = figures
    measures = []
    for offscreen in figures:
        figure, scale = offscreen.figure, offscreen.figure.style.scale
        image, plot = pixels(offscreen.image()), figure.function_plot
        # The shown frame's vertical line in the convergence plot, in a row below the errors.
        errors = figure.convergence_plot.vb
        box = errors.sceneBoundingRect()
        frame_line = errors.mapViewToScene(QPointF(figure.frame_line.value(), 0))
        x, y = scene_to_pixel(figure, QPointF(frame_line.x(), box.top() + 0.9 * box.height()))
        line = ink(image[y, x - round(12 * scale): x + round(12 * scale)], palette.ORANGE)
        # The curve where it is nearly flat, in a column: f(0.25) = -1.98.
        on_curve = plot.vb.mapViewToScene(QPointF(0.25, 0.25**3 - 2))
        x, y = scene_to_pixel(figure, on_curve)
        curve = ink(image[y - round(12 * scale): y + round(12 * scale), x], palette.GREY)
        legend = figure.legend_strip.sceneBoundingRect().height()
        text = figure.function_plot.getAxis("bottom").sceneBoundingRect().height()
        measures.append((line, curve, legend, text, sign_markers(figure)[0].size))
    print("line, curve, legend, axis height, marker at 1x and 2x:", measures)
    for at_1x, at_2x in zip(*measures):
        assert at_2x == pytest.approx(2 * at_1x, rel=0.12)
    assert measures[0][0] == pytest.approx(1.5, rel=0.15) and measures[0][1] == pytest.approx(2.5, rel=0.15)


def test_the_learning_rate_figure_draws_lines_markers_titles_and_axes_twice_as_large():
    scene = LABS["lr_search"].start_scene()
    measures = []
    for scale in (1, 2):
        offscreen = OffscreenFigure(scene, (scale * SIZE[0], scale * SIZE[1]), scale=scale)
        offscreen.draw(3)  # after three probes: the third's bracket is a bar across a row of its own
        figure, image = offscreen.figure, pixels(offscreen.image())
        # The shown bracket (orange) in a column a quarter along it, away from the theory's line.
        (low, high), (row, _row) = figure.bracket.current_bar.getData()  # the view's: log10 of the rates
        x, y = scene_to_pixel(figure, figure.bracket.vb.mapViewToScene(QPointF(low + 0.25 * (high - low), row)))
        bar = ink(image[y - round(9 * scale): y + round(9 * scale), x], palette.ORANGE)
        measures.append((bar, figure.start.opts["size"], figure.bracket.probes.opts["size"],
                         figure.sweep.loss.opts["symbolSize"], figure.current_path.opts["pen"].widthF(),
                         figure.surface.titleLabel.size().height(), figure.sweep.getAxis("bottom").size().height(),
                         figure.sweep.theory.label.textItem.font().pointSizeF()))
        offscreen.close()
    print("bracket bar, start, probe, sweep marker, path pen, title, axis height, label font at 1x and 2x:", measures)
    for at_1x, at_2x in zip(*measures):
        assert at_2x == pytest.approx(2 * at_1x, rel=0.12)
    assert measures[0][0] == pytest.approx(7, rel=0.15)
