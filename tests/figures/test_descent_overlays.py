"""The descent figure's loss axis, colours, legend and undefined surfaces, headless (issue 12, items 7, 8, 9, 12)."""

from __future__ import annotations

import functools

import msgspec
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from visualiser.engine.optim.schedules import ExponentialLR
from visualiser.figures.descent_style import ARROW_KINDS
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs import palette
from visualiser.labs.descent import edits
from visualiser.labs.descent.presets import start_scene
from visualiser.labs.descent.scene import RUN_COLOURS, DescentScene, RunSetup

SADDLE = DescentScene(expression="x^2 - y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.5, 0.01),), max_steps=200,
                      runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1}),
                            RunSetup(optimizer="momentum", hyperparameters={"lr": 0.1, "momentum": 0.9})))
# Rosenbrock with every overlay: arrows, curvature, a known minimum, and GD at a rate that diverges.
EVERYTHING = msgspec.structs.replace(
    start_scene(), max_steps=60,
    runs=(RunSetup(optimizer="adam", hyperparameters={"lr": 0.05}),
          RunSetup(optimizer="gd", hyperparameters={"lr": 0.01})))  # GD diverges here
UNDEFINED = DescentScene(expression="log(-x-y-100)", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((0.0, 0.0),),
                         max_steps=20, runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1}),))
SIZES = [(1000, 700), (1600, 1000), (700, 900), (480, 420)]  # wide, full screen, tall (legend below), small


def drawn(scene: DescentScene, size=(1000, 700), frame: int | None = None) -> OffscreenFigure:
    figure = OffscreenFigure(scene, size)
    figure.draw(frame)
    return figure


def colour(pen) -> str:
    return pg.mkPen(pen).color().name().upper()


# --- item 7: the loss axis is named in words, whole, and reads for a loss without a minimum ---
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_loss_axis_is_named_in_words_and_never_cut_off(size):
    figure = drawn(SADDLE, size)
    plot = figure.figure.loss_plot
    title = plot.titleLabel.item
    assert " ".join(title.toPlainText().split()) == "loss, symmetric log scale (no minimum: it falls without bound)"
    shown = title.sceneBoundingRect()
    assert shown.left() >= plot.sceneBoundingRect().left() and shown.right() <= plot.vb.sceneBoundingRect().right()
    assert plot.titleLabel.sceneBoundingRect().contains(shown.adjusted(1, 1, -1, -1))  # not clipped by its row
    bar = figure.figure.colour_bar.axis
    assert bar.labelText == "loss above its minimum, log scale"
    assert QRectF(0, 0, *size).contains(bar.label.sceneBoundingRect())  # within the picture an export takes
    figure.close()


def test_the_saddles_loss_plot_spans_a_readable_height_with_its_values_at_the_ticks():
    figure = drawn(SADDLE)
    plot = figure.figure.loss_plot
    (_, _), (low, high) = plot.vb.viewRange()
    assert np.isfinite([low, high]).all() and high - low < 40  # decades, not 10^12 in a linear pile at the bottom
    axis = plot.getAxis("left")
    ticks = axis.tickValues(low, high, plot.vb.height())[0][1]
    texts = axis.tickStrings(ticks, 1, 1)
    assert "0" in texts and any(text.startswith("−10") for text in texts), texts
    assert not any("e+" in text or "x1e" in text for text in [*texts, axis.labelString()])
    figure.close()


# --- item 8: colours that do not clash ---
def test_no_run_has_the_colour_of_an_arrow_or_the_curvature_axes():
    figure = drawn(EVERYTHING, frame=10)
    arrows = [pen for _, (_, pen) in figure.figure.arrow_lines().values()]  # each kind's line over its outline
    overlays = {kind: colour(pen) for kind, pen in zip(ARROW_KINDS, arrows)}
    overlays["hessian"] = colour(figure.figure.hessian.axes.pens[0][1])
    overlays["unstable"] = colour(figure.figure.unstable.opts["pen"])
    runs = {colour.upper() for colour in RUN_COLOURS}
    assert not set(overlays.values()) & runs, overlays
    # and the overlays are told from each other by their dashes where they share a colour
    styles = [(colour(pen), tuple(pen.dashPattern()), pen.style())
              for pen in (*arrows, figure.figure.hessian.axes.pens[0][1])]
    assert len(set(styles)) == len(styles)
    figure.close()


def test_every_run_reads_on_every_colour_of_the_map_and_none_is_the_plateaus_yellow():
    eight = edits.race_all(msgspec.structs.replace(start_scene(), max_steps=30))
    eight = edits.add_start(eight, (0.5, 2.0))
    figure = drawn(eight)
    assert len(figure.figure.paths) >= 8
    plateau = pg.colormap.get("viridis").map(1.0, mode="qcolor").name().upper()
    map_colours = [pg.colormap.get("viridis").map(t, mode="qcolor").name().upper() for t in np.linspace(0, 1, 32)]
    for style in figure.figure.paths.styles:  # what each run's path is painted with
        line, outline = colour(style.pen()), colour(style.outline_pen())
        assert _distance(line, plateau) > 60, line  # not yellow on the yellow plateau (Okabe-Ito yellow: 30 off)
        # The outline stands out from the line (WCAG's 4.5:1), so on any colour one of the two does: contrast
        # ratios multiply, and the worse of the two against a background is at least the square root, 2.1:1.
        assert palette.contrast_ratio(line, outline) >= 4.5, line
        for background in map_colours:
            assert max(palette.contrast_ratio(line, background), palette.contrast_ratio(outline, background)) >= 2.1
    figure.close()


def _distance(first: str, second: str) -> float:
    a, b = (np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)], dtype=float) for c in (first, second))
    return float(np.linalg.norm(a - b))


def test_every_overlay_drawn_is_in_the_legend_as_it_is_drawn():
    figure = drawn(EVERYTHING, frame=EVERYTHING.max_steps)
    legend = dict(figure.figure.legend.entries)
    assert figure.figure.hessian.axes.isVisible() and len(figure.figure.diverged.points)
    assert {"start (drag it)", "−gradient", "momentum buffer", "actual step", "Hessian axes", "diverged here",
            "known minimum", "unstable: lr > 2/λ_max"} <= set(legend)
    assert legend["Hessian axes"].colour.upper() == colour(figure.figure.hessian.axes.pens[0][1])
    assert legend["−gradient"].colour.upper() == colour(figure.figure.arrow_lines()["gradient"][1][1])
    figure.close()
    saddle = drawn(SADDLE)
    assert "saddle point" in saddle.figure.legend.names
    saddle.close()


# --- item 9: the legend covers no data ---
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_legend_lies_outside_both_plots(size):
    figure = drawn(EVERYTHING, size, frame=30)
    legend = figure.figure.legend
    rects = legend.entry_rects()
    assert len(rects) == len(legend.entries) >= 7
    shown = legend.mapRectToScene(functools.reduce(QRectF.united, rects))
    assert QRectF(0, 0, *size).contains(shown)
    for view in (figure.figure.vb, figure.figure.loss_plot.vb):
        assert not shown.intersects(view.sceneBoundingRect()), (size, view)
    figure.close()


# --- item 12: undefined everywhere ---
def test_a_surface_undefined_everywhere_leaves_no_colour_bar_hessian_or_arrows():
    figure = drawn(start_scene(), frame=5)  # a figure that showed Rosenbrock first
    figure.show(UNDEFINED)
    figure.draw(0)
    drawing = figure.figure
    assert figure.result.grid is None
    assert not drawing.colour_bar.bar.isVisible() and drawing.colour_bar.axis.labelText == ""
    axis = drawing.colour_bar.axis
    assert not axis.tickValues(*axis.range, 300)  # no values for colours that are not there
    assert not drawing.hessian.axes.isVisible() and not drawing.hessian.label.isVisible()
    assert not any(len(points) for points, _ in drawing.arrow_lines().values()) and not drawing.arrows.isVisible()
    assert not {"−gradient", "Hessian axes"} & set(drawing.legend.names)
    figure.close()


def test_a_figure_too_small_for_a_legend_folds_it_away_rather_than_cover_the_plots():
    figure = drawn(EVERYTHING, (260, 480), frame=30)  # the figure beside a side panel and a lesson at 1024x768
    drawing = figure.figure
    assert drawing.legend is None
    for legend in (drawing.legend_beside, drawing.legend_below):
        assert legend.entry_rects() == [] and legend.size().width() * legend.size().height() == 0
    assert not drawing.loss_plot.sceneBoundingRect().intersects(drawing.vb.sceneBoundingRect())
    figure.close()


def test_the_gradient_arrow_uses_the_learning_rate_of_the_scheduled_step():
    decaying = DescentScene(expression="x^2 + y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, 1.0),), max_steps=10,
                            runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1},
                                           schedule=ExponentialLR(gamma=0.5)),))
    figure = drawn(decaying, frame=4)
    tips = {kind: figure.figure.arrow_lines()[kind][0][1] for kind in ("gradient", "step")}  # shaft, then its tip
    # plain GD steps by −lr_t·∇f: the arrow for the gradient alone is the step, at that step's rate (0.1·0.5⁴)
    np.testing.assert_allclose(tips["gradient"], tips["step"])
    figure.close()


@pytest.mark.parametrize("size, shown", [((1000, 700), True), ((600, 500), True), ((260, 480), False)],
                         ids=["wide", "two-lines", "narrower-than-a-number"])
def test_the_curvature_numbers_are_whole_or_not_shown(size, shown):
    figure = drawn(SADDLE, size, frame=50)
    hessian, view = figure.figure.hessian, figure.figure.vb
    assert hessian.label.isVisible() == shown
    if shown:
        assert view.sceneBoundingRect().contains(hessian.label.sceneBoundingRect())
        assert " ".join(hessian.label.textItem.toPlainText().split()) == " ".join(hessian.text.split())
    figure.close()
