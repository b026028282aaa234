"""Presentation mode (F5) draws every lab's figure in the high-contrast palette, and Esc brings Okabe-Ito back
(issue 11): the colours are read off the figures' own plot items, as pyqtgraph paints them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from picture_measures import pixels
from root_markers import markers_of, sign_markers
from visualiser.figures.vectors_figure import group_colours
from visualiser.labs.palette import HIGH_CONTRAST, OKABE_ITO, Palette
from visualiser.labs.roots.methods import ROOT_METHODS
from visualiser.labs.roots.scene import RootScene

TIMEOUT_MS = 60_000


def name(colour) -> str:
    """A pen's, a brush's or a colour's ``#rrggbb``."""
    if isinstance(colour, (pg.QtGui.QPen, pg.QtGui.QBrush)):
        colour = colour.color()
    return pg.mkColor(colour).name()


def spots(item: pg.ScatterPlotItem) -> list[str]:
    return [name(point.brush()) for point in item.points()]


def roots_colours(lab, colours: Palette | None = None) -> dict:
    """What the root lab's figure draws in (``colours`` None), or should draw in with ``colours``."""
    figure, run = lab.figure, lab.run
    if colours is None:
        return {"f(x)": name(figure.curve.opts["pen"]), "bracket": name(figure.current_region.pen),
                "newest bar": name(figure.bars.newest_brush), "signs": [name(style.colour) for style in sign_markers(figure)],
                "estimates": [name(figure.estimate_lines[method].pen) for method in run.results],
                "errors": [name(figure.error_curves[method].opts["symbolBrush"]) for method in run.results]}
    methods = [name(colours.counterpart(ROOT_METHODS[method].colour)) for method in run.results]
    return {"f(x)": name(colours.grey), "bracket": name(colours.orange), "newest bar": name(colours.orange),
            "signs": [name(colours.sign_colour(f)) for _x, f, _marker in run.signed_points_at(lab.frame)],
            "estimates": methods, "errors": methods}


def descent_colours(lab, colours: Palette | None = None) -> dict:
    figure = lab.figure
    if colours is None:
        return {"paths": [name(style.pen()) for style in figure.paths.styles],
                "points": [name(style.brush()) for style in figure.current.styles],
                "losses": [name(curve.opts["pen"]) for curve in figure.loss_plot.run_curves]}
    runs = [name(colours.counterpart(trace.colour)) for trace in lab.traces]
    return {"paths": runs, "points": runs, "losses": runs}


def lr_search_colours(lab, colours: Palette | None = None) -> dict:
    figure, search = lab.figure, lab.run.search
    if colours is None:
        return {"probe's path": name(figure.current_path.opts["pen"]),
                "bracket": name(figure.bracket.current_bar.opts["pen"]), "theory": name(figure.sweep.theory.pen),
                "probes": spots(figure.bracket.probes), "sweep": name(figure.sweep.loss.opts["symbolBrush"])}
    shown = [search.probes[step.probe] for step in search.steps[:lab.frame]]
    diverged = [probe.diverged for probe in shown]
    return {"probe's path": name(colours.vermillion if diverged[-1] else colours.blue),
            "bracket": name(colours.orange), "theory": name(colours.green),
            "probes": [name(colours.vermillion if gone else colours.blue) for gone in diverged],
            "sweep": name(colours.blue)}


def vectors_colours(lab, colours: Palette | None = None) -> dict:
    figure, result = lab.figure, lab.result
    if colours is None:
        return {"groups": [name(sample.item.opts["brush"]) for sample, _label in figure.legend.items],
                "KL": name(figure.kl_curve.opts["pen"]), "softmax": [name(brush) for brush in
                                                                     figure.softmax_bars.opts["brushes"]]}
    groups = group_colours(result.data.groups, colours)
    return {"groups": [name(groups[label.text]) for _sample, label in figure.legend.items],
            "KL": name(colours.blue),
            "softmax": [name(colours.orange if k == lab.scene().target else colours.blue)
                        for k in range(len(result.softmax.probabilities))]}


LABS = {"roots": (roots_colours, lambda lab: lab.run is not None),
        "descent": (descent_colours, lambda lab: len(lab.traces) == 7 and lab.result.grid is not None),
        "lr_search": (lr_search_colours, lambda lab: lab.run is not None and not lab.search_runner.busy),
        "vectors": (vectors_colours, lambda lab: lab.result is not None)}


@pytest.mark.parametrize("lab_name", list(LABS))
def test_f5_draws_the_figure_in_high_contrast_colours_and_esc_brings_okabe_ito_back(qtbot, main_window, lab_name):
    window, (colours_of, ready) = main_window, LABS[lab_name]
    lab = window.lab(lab_name)
    window.tabs.setCurrentWidget(lab)
    if lab_name == "roots":  # five methods racing: each in its colour
        lab.set_scene(RootScene(race=True, frame=3))
        qtbot.waitUntil(lambda: lab.run is not None and len(lab.run.results) == 5, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: ready(lab), timeout=TIMEOUT_MS)
    okabe_ito, high_contrast = colours_of(lab, OKABE_ITO), colours_of(lab, HIGH_CONTRAST)
    assert colours_of(lab) == okabe_ito
    for before, presenting in zip(okabe_ito.values(), high_contrast.values()):
        assert before != presenting  # every colour looked at is one presentation mode changes

    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active and lab.figure.style.palette == HIGH_CONTRAST
    assert colours_of(lab) == high_contrast  # at once, before anything else is drawn
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # a frame on (or the next scene), still in high contrast
    qtbot.wait(50)
    assert colours_of(lab) == colours_of(lab, HIGH_CONTRAST)

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active and lab.figure.style.palette == OKABE_ITO
    assert colours_of(lab) == colours_of(lab, OKABE_ITO)
    if lab_name == "vectors":
        lab.tsne.stop()


def sign_marker_pixels(lab) -> list[np.ndarray]:
    """The colour at the middle of each marker of f's sign, as the plot shows it on screen (drawn from the
    marker pictures the figure keeps, which an export does not use)."""
    shown = pixels(lab.figure_view.viewport().grab().toImage())
    view = lab.figure.function_plot.vb
    middles = [lab.figure_view.mapFromScene(view.mapViewToScene(QPointF(*point)))
               for point, _style in markers_of(lab.figure, "bracket end", "estimate")]
    return [shown[middle.y(), middle.x()] for middle in middles]


def test_the_markers_on_screen_take_the_high_contrast_colours_and_okabe_itos_back(qtbot, main_window):
    window, lab = main_window, main_window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
    window.playback.set_frame(3)
    signs = [f for _x, f, _marker in lab.run.signed_points_at(3)]
    assert {np.sign(f) for f in signs} == {-1.0, 1.0}
    for palette, key in ((OKABE_ITO, None), (HIGH_CONTRAST, Qt.Key.Key_F5), (OKABE_ITO, Qt.Key.Key_Escape)):
        if key is not None:
            qtbot.keyClick(window, key)
        expected = [pg.mkColor(palette.sign_colour(f)).getRgb()[:3] for f in signs]
        assert np.abs(np.array(sign_marker_pixels(lab)) - expected).max() <= 2, palette
