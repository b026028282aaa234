"""The learning-rate lab's plots of rates: the shrinking bracket, the sweep and the rate x momentum heatmap.

Rates are on log axes ticked at whole decades. Items are built once, without sizes: ``set_style`` gives every
pen, marker, title and label its size at the figure's scale, and drawing only sets data.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor

from ..engine.lr_search import SearchResult
from ..engine.lr_search.range_test import RangeTest
from ..engine.lr_search.sweep import Heatmap, Sweep
from ..labs import palette
from ..labs.palette import Palette
from .decade_axis import DecadeAxis
from .spaced_axis import SpacedAxis, spaced_axes
from .descent_figure import ClickableViewBox
from .style import TITLE_POINTS, FigureStyle, translucent

FLOOR = 1e-16  # a loss equal to the lowest one known is drawn at this height on a log scale
# Lines as (colour, width in px at scale 1, style): FigureStyle.pen's arguments, an Okabe-Ito colour standing for
# its counterpart in the figure's palette.
THEORY_LINE = (palette.GREEN, 2, Qt.PenStyle.DashLine)
FOUND_LINE = ("k", 2)
BEST_LINE = (palette.PURPLE, 2)
OUTLINE = ("k", 0.5)  # around a probe's dot


def _title(plot: pg.PlotItem, style: FigureStyle, text: str) -> None:
    style.style_title(plot, text, TITLE_POINTS)


def heatmap_axis_name(axis: str) -> str:
    """The heatmap's second hyperparameter as its axis names it."""
    return {"beta1": "β1", "alpha": "α"}.get(axis, "momentum μ")


def _log10(value: float | None) -> float:
    return math.log10(value) if value is not None and value > 0 and math.isfinite(value) else math.nan


def probe_colour(diverged: bool, colours: Palette) -> str:
    """A probe's: blue if it stayed stable, vermillion if it diverged."""
    return colours.vermillion if diverged else colours.blue


def _probe_brushes(steps, style: FigureStyle) -> list:
    return [pg.mkBrush(probe_colour(step.diverged, style.palette)) for step in steps]


def _vertical(line_style: tuple, text: str, position: float = 0.93) -> pg.InfiniteLine:
    """A vertical line named ``text`` in its colour; its pen, colour and label's font come with ``_style_vertical``."""
    line = pg.InfiniteLine(angle=90, label=text, labelOpts={"position": position, "fill": (255, 255, 255, 190)})
    line.line_style = line_style
    line.setVisible(False)
    return line


def _style_vertical(line: pg.InfiniteLine, style: FigureStyle) -> None:
    colour, *width_and_dashes = line.line_style
    colour = style.palette.counterpart(colour)
    line.setPen(style.pen(colour, *width_and_dashes))
    line.label.setColor(colour)
    style.style_text(line.label.textItem)
    line.label.updateTextPos()


def _place(line: pg.InfiniteLine, rate: float | None) -> None:
    """A vertical line at ``rate`` on a log axis (its view coordinate is log10), hidden without a rate."""
    value = _log10(rate)
    line.setVisible(math.isfinite(value))
    if math.isfinite(value):
        line.setValue(value)


class BracketPlot(pg.PlotItem):
    """One row per iteration, stacked downwards: the bracket [low, high] as a bar, the probed rate as a dot
    (blue: stable, vermillion: diverged), the shown iteration's bar in orange, and the theory's rate."""

    def __init__(self):
        super().__init__(axisItems={"bottom": DecadeAxis("bottom"), "left": SpacedAxis("left")})
        self.setLogMode(x=True, y=False)
        self.setLabel("bottom", "learning rate [log scale]")
        self.setLabel("left", "iteration")
        self.invertY(True)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.bars = pg.PlotDataItem(connect="pairs")
        self.current_bar = pg.PlotDataItem(connect="pairs")
        self.probes = pg.ScatterPlotItem()
        self.theory = _vertical(THEORY_LINE, "theory")
        for item in (self.bars, self.current_bar, self.probes, self.theory):
            self.addItem(item)
        self.style = FigureStyle()

    def set_style(self, style: FigureStyle) -> None:
        self.style = style
        _title(self, style, "Bracket per probe")
        style.style_plot(self)
        self.bars.setPen(style.pen(translucent(style.palette.blue, 120), 5))
        self.current_bar.setPen(style.pen(style.palette.orange, 7))
        self.probes.setSize(style.px(8))
        self.probes.setPen(style.pen(*OUTLINE))
        _style_vertical(self.theory, style)

    def show_search(self, search: SearchResult | None, frame: int) -> None:
        steps = search.steps[:frame] if search is not None else ()
        bars = [((step.low, step.iteration), (step.high, step.iteration)) for step in steps
                if math.isfinite(step.low) and math.isfinite(step.high)]
        pairs = np.array(bars, dtype=np.float64).reshape(-1, 2)
        self.bars.setData(pairs[:, 0], pairs[:, 1])
        current = pairs[-2:] if bars and steps and bars[-1][0][1] == steps[-1].iteration else np.zeros((0, 2))
        self.current_bar.setData(current[:, 0], current[:, 1])
        self.probes.setData([math.log10(step.mid) for step in steps], [step.iteration for step in steps],
                            brush=_probe_brushes(steps, self.style))
        _place(self.theory, search.theory.value if search is not None and search.theory is not None else None)
        if search is not None and search.steps:
            rates = [step.mid for step in search.steps]
            low, high = math.log10(min(rates)), math.log10(max(rates))
            self.setXRange(low - 0.1, high + 0.1 if high > low else low + 1, padding=0)
            self.setYRange(0.5, max(len(search.steps), 8) + 0.5, padding=0)


class SweepPlot(pg.PlotItem):
    """Final loss and steps to tolerance against the rate (both on the log axis), from one batch of runs,
    with the threshold, the fastest rate, the theory and the probes so far marked."""

    def __init__(self):
        super().__init__(axisItems={"bottom": DecadeAxis("bottom"), "left": DecadeAxis("left")})
        self.setLogMode(x=True, y=True)
        self.setLabel("bottom", "learning rate [log scale]")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.loss = pg.PlotDataItem(symbol="o", symbolPen=None)
        self.diverged = pg.ScatterPlotItem(symbol="x")
        self.probes = pg.ScatterPlotItem(symbol="t1")
        self.range_test = pg.PlotDataItem()
        self.suggestion = _vertical((palette.ORANGE, 1.5, Qt.PenStyle.DotLine), "lr_find", 0.5)
        self.threshold = _vertical(FOUND_LINE, "threshold", 0.8)
        self.best = _vertical(BEST_LINE, "fastest", 0.65)
        self.theory = _vertical(THEORY_LINE, "theory")
        for item in (self.loss, self.diverged, self.range_test, self.probes, self.threshold, self.best, self.theory,
                     self.suggestion):
            self.addItem(item)
        # Steps to tolerance share the log axis (10 … 1000 steps are decades like the losses): a second, linked
        # view box for a linear axis at the right (pyqtgraph's MultiplePlotAxes pattern) made the app crash
        # or hang when the garbage collector collected a closed window.
        self.steps = pg.PlotDataItem(symbol="s", symbolPen=None)
        self.addItem(self.steps)
        self.style = FigureStyle()

    def set_style(self, style: FigureStyle) -> None:
        self.style, colours = style, style.palette
        _title(self, style, "Sweep of rates")
        # The axis's name, in the curves' colours, says which is which (in the title it would widen a narrow
        # plot): the final loss, the steps to tol, and in orange the lr_find curve, as its suggestion's named line.
        self.setLabel("left", f"<span style='color:{colours.blue}'>loss − lowest</span>, "
                              f"<span style='color:{colours.green}'>steps</span> [log]")
        style.style_plot(self)
        for curve, colour in ((self.loss, colours.blue), (self.steps, colours.green)):
            curve.setPen(style.pen(colour, 2))
            curve.setSymbolBrush(colour)
            curve.setSymbolSize(style.px(4))
        self.diverged.setSize(style.px(9))
        self.diverged.setPen(style.pen(colours.vermillion, 2))
        self.probes.setSize(style.px(11))
        self.probes.setPen(style.pen(*OUTLINE))
        self.range_test.setPen(style.pen(colours.orange, 1.5))
        for line in (self.suggestion, self.threshold, self.best, self.theory):
            _style_vertical(line, style)

    def show_sweep(self, sweep: Sweep | None, search: SearchResult | None, frame: int,
                   range_test: RangeTest | None = None) -> None:
        if sweep is None:
            for item in (self.loss, self.steps, self.range_test):
                item.setData([], [])
            self.diverged.setData([], [])
            _place(self.suggestion, None)
            return
        rates = sweep.rates
        finite = np.isfinite(sweep.final_loss)
        reference = float(np.min(sweep.final_loss[finite & ~sweep.diverged], initial=0.0))
        heights = np.maximum(sweep.final_loss - reference, FLOOR)
        stable = ~sweep.diverged & finite
        self.loss.setData(rates[stable], heights[stable])
        top = float(np.max(heights[stable], initial=1.0))
        shown = np.minimum(heights, 1e3 * top)  # a blown-up loss is marked at the top, not off the plot
        self.diverged.setData(np.log10(rates[sweep.diverged]), np.log10(shown[sweep.diverged]))
        self._show_range_test(range_test, reference, 1e3 * top)
        steps = sweep.steps_to_tolerance
        converged = np.isfinite(steps)
        self.steps.setData(rates[converged], steps[converged])
        self.setXRange(math.log10(rates[0]), math.log10(rates[-1]), padding=0.02)
        low, high = float(np.min(shown)), float(np.max(shown))
        if converged.any():
            low, high = min(low, float(steps[converged].min())), max(high, float(steps[converged].max()))
        self.setYRange(math.log10(low), math.log10(high), padding=0.05)
        steps_so_far = search.steps[:frame] if search is not None else ()
        bottom = math.log10(float(np.min(shown)))
        self.probes.setData([math.log10(step.mid) for step in steps_so_far], [bottom] * len(steps_so_far),
                            brush=_probe_brushes(steps_so_far, self.style))
        finished = search is not None and frame >= len(search.steps)
        _place(self.threshold, search.threshold if finished else None)
        _place(self.best, search.best if finished else None)
        _place(self.theory, search.theory.value if search is not None and search.theory is not None else None)

    def _show_range_test(self, test: RangeTest | None, reference: float, ceiling: float) -> None:
        """The range test's loss against its growing rate (one run), cut where it passed 4x its best."""
        if test is None or len(test.rates) == 0:
            self.range_test.setData([], [])
            _place(self.suggestion, None)
            return
        with np.errstate(all="ignore"):
            heights = np.clip(test.losses[1:] - reference, FLOOR, ceiling)
        keep = np.isfinite(heights)
        self.range_test.setData(test.rates[keep], heights[keep])
        _place(self.suggestion, test.suggestion)


class HeatmapPlot(pg.PlotItem):
    """Steps to tolerance over learning rate (x, log10) x momentum or β1 (y): a click picks a cell's run.

    Converged cells are coloured by their steps (viridis: dark is fast), stable cells that did not
    converge light grey, diverged cells vermillion; Polyak's optimum is a star where it applies.
    """

    cellClicked = Signal(int, int)  # row (momentum), column (rate)

    def __init__(self):
        click_box = ClickableViewBox()
        # (nothing is set on a Qt object before its __init__ has run)
        super().__init__(viewBox=click_box, axisItems=spaced_axes())
        self.click_box = click_box
        self.setToolTip("Steps to tolerance for each rate and momentum: click a cell to run it")
        self.setLabel("bottom", "log10(learning rate)")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.polyak = pg.ScatterPlotItem(symbol="star", brush=pg.mkBrush("w"))
        self.polyak.setToolTip("Polyak's optimal heavy-ball rate and momentum for this curvature")
        self.selected = pg.ScatterPlotItem(symbol="s", brush=None)
        self.addItem(self.polyak)
        self.addItem(self.selected)
        self._heatmap: Heatmap | None = None
        self.colour_map = pg.colormap.get("viridis")
        self.click_box.clicked.connect(self._on_click)
        self.style = FigureStyle()

    def set_style(self, style: FigureStyle) -> None:
        recolour = self._heatmap is not None and style.palette != self.style.palette
        self.style = style
        if recolour:
            self._set_image(self._heatmap)  # its diverged cells in the new colour
        _title(self, style, "Steps to tol")
        style.style_plot(self)
        self.polyak.setSize(style.px(18))
        self.polyak.setPen(style.pen("k", 1))
        self.selected.setSize(style.px(14))
        self.selected.setPen(style.pen("w", 2))

    def show_heatmap(self, heatmap: Heatmap | None, polyak: tuple[float, float] | None,
                     cell: tuple[int, int] | None) -> None:
        if heatmap is not self._heatmap:
            self._heatmap = heatmap
            self._set_image(heatmap)
        if heatmap is None:
            self.polyak.setData([], [])
            self.selected.setData([], [])
            return
        self.setLabel("left", heatmap_axis_name(heatmap.axis))
        show_polyak = polyak is not None and heatmap.optimizer == "momentum"
        self.polyak.setData([math.log10(polyak[0])] if show_polyak else [], [polyak[1]] if show_polyak else [])
        if cell is not None:
            row, column = cell
            self.selected.setData([math.log10(heatmap.rates[column])], [heatmap.values[row]])
        else:
            self.selected.setData([], [])

    def _set_image(self, heatmap: Heatmap | None) -> None:
        if heatmap is None:
            self.image.clear()
            return
        steps = heatmap.grid(heatmap.outcomes.steps_to_tolerance)
        diverged = heatmap.grid(heatmap.outcomes.diverged)
        converged = np.isfinite(steps)
        colours = np.empty(steps.shape + (4,), dtype=np.ubyte)
        colours[:] = (225, 225, 225, 255)
        if converged.any():
            low, high = float(steps[converged].min()), float(steps[converged].max())
            scaled = (np.log(steps[converged] + 1) - math.log(low + 1)) / max(math.log(high + 1) - math.log(low + 1), 1e-12)
            colours[converged] = self.colour_map.map(scaled, mode="byte")
        colours[diverged] = QColor(self.style.palette.vermillion).getRgb()
        self.image.setImage(colours, levels=(0, 255), autoLevels=False)
        x0, x1 = math.log10(heatmap.rates[0]), math.log10(heatmap.rates[-1])
        width = (x1 - x0) / (len(heatmap.rates) - 1)
        height = 1.0 / len(heatmap.values)
        self.image.setRect(QRectF(x0 - width / 2, 0.0, width * len(heatmap.rates), height * len(heatmap.values)))
        self.setXRange(x0 - width / 2, x1 + width / 2, padding=0)
        self.setYRange(0, 1, padding=0)

    def _on_click(self, point) -> None:
        heatmap = self._heatmap
        if heatmap is None:
            return
        x0, x1 = math.log10(heatmap.rates[0]), math.log10(heatmap.rates[-1])
        column = round((point.x() - x0) / (x1 - x0) * (len(heatmap.rates) - 1))
        row = math.floor(point.y() * len(heatmap.values))
        if 0 <= row < len(heatmap.values) and 0 <= column < len(heatmap.rates):
            self.cellClicked.emit(int(row), int(column))

    def cell_centre(self, row: int, column: int) -> tuple[float, float]:
        """Where cell (row, column) is drawn, in the plot's coordinates (for a test's click)."""
        heatmap = self._heatmap
        return math.log10(heatmap.rates[column]), (row + 0.5) / len(heatmap.values)


class LineSearchPlot(pg.PlotItem):
    """φ(t) = f(x_k − t∇f(x_k)) at the iterate the lab shows: Armijo's acceptance line φ(0) + c t φ'(0) and its
    trial steps (vermillion: refused, green: accepted), the exact step, where bisection on φ' found φ'(t) = 0, and,
    for plain gradient descent, the step the shown probe took from there (t = its lr)."""

    def __init__(self):
        super().__init__(axisItems=spaced_axes())
        self.title = ""
        self.style = FigureStyle()
        self.setLabel("bottom", "step length t")
        self.setLabel("left", "φ(t)")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            self.getAxis(side).enableAutoSIPrefix(False)
        self.slice = pg.PlotDataItem()
        self.acceptance = pg.PlotDataItem()
        self.trials = pg.ScatterPlotItem()
        self.exact = _vertical((palette.BLUE, 1.5), "exact", 0.9)
        self.armijo = _vertical((palette.GREEN, 1.5, Qt.PenStyle.DotLine), "Armijo", 0.7)
        self.rate = _vertical(("k", 1.5, Qt.PenStyle.DashLine), "lr", 0.5)
        for item in (self.slice, self.acceptance, self.trials, self.exact, self.armijo, self.rate):
            self.addItem(item)

    def set_style(self, style: FigureStyle) -> None:
        self.style = style
        _title(self, style, self.title or "Line search")
        style.style_plot(self)
        self.slice.setPen(style.pen(style.palette.grey, 2))
        self.acceptance.setPen(style.pen(style.palette.green, 1.5, Qt.PenStyle.DashLine))
        self.trials.setSize(style.px(10))
        self.trials.setPen(style.pen(*OUTLINE))
        for line in (self.exact, self.armijo, self.rate):
            _style_vertical(line, style)

    def show_line(self, searches, step: int, rate: float | None = None) -> None:
        """The searches at x_k (None: no line there), named by the probe's ``step`` k; ``rate``: the probe's lr,
        when its step went along −∇f (plain gradient descent)."""
        self._set_title(f"Line search, step {step}" if step else "Line search at the start")
        if searches is None:
            for item in (self.slice, self.acceptance):
                item.setData([], [])
            self.trials.setData([], [])
            for line in (self.exact, self.armijo, self.rate):
                line.setVisible(False)
            return
        line, exact, armijo = searches.line, searches.exact, searches.armijo
        accepted = armijo[-1].t
        end = max(2.5 * exact.t if exact is not None else 0.0, 2.0 * accepted, 1.25 * (rate or 0.0))
        ts = np.linspace(0.0, end, 400)
        with np.errstate(all="ignore"):
            values = line.phi(ts)
        phi0 = line.value
        keep = np.isfinite(values) & (values <= phi0 + 1.5 * (abs(phi0) + 1e-300))
        self.slice.setData(ts[keep], values[keep])
        self.acceptance.setData([0.0, end], [phi0, phi0 + 1e-4 * end * line.slope])
        shown = [step for step in armijo if step.t <= end]
        colours = self.style.palette
        self.trials.setData([step.t for step in shown], [step.phi for step in shown],
                            brush=[pg.mkBrush(colours.green if step.accepted else colours.vermillion) for step in shown])
        for vertical, t in ((self.exact, exact.t if exact is not None else None), (self.armijo, accepted),
                            (self.rate, rate)):
            vertical.setVisible(t is not None)
            if t is not None:
                vertical.setValue(t)
        # The lines are named only (numbers beside them do not fit a narrow plot); the tick labels place them,
        # and the tooltip gives them.
        steps = [f"exact t = {exact.t:.4g} after {exact.bisections} bisections" if exact is not None
                 else f"no exact step: {searches.problem}",
                 f"Armijo t = {accepted:.4g} after {len(armijo)} trials"]
        if rate is not None:
            steps.append(f"the probe's own step, t = lr = {rate:.4g}")
        self.setToolTip("; ".join(steps))
        self.setXRange(0.0, end, padding=0.02)

    def _set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            _title(self, self.style, title)
