"""The root-finding lab's figure: three linked plots in one pyqtgraph layout, drawn from a scene and its run.

Above them, in a row of its own so that it covers no data, the key to the whole figure.
1. f(x) with the starting bracket (draggable), the current bracket, the signs of f at a, b and
   the midpoint by colour, the current estimate as a vertical line with its value, and the
   construction of the shown step (the tangent, secant or chord down to zero, Brent's parabola,
   the midpoint, and the part of the bracket dropped, faded and hatched). The curve is broken
   at poles and jumps rather than joined by a vertical line;
2. under it, one bar per iteration spanning [a_n, b_n], stacked downwards, so the halving
   is visible at a glance (x linked to the plot above, and read off its axis);
3. the convergence plot: |x_n - root| against n on a log scale ticked at whole decades, with
   the 2^-n (b - a) line.

Items are built once; ``draw`` only calls ``setData``/``setRegion``/``setValue`` on them, and on those
only whose content changed, and only rebuilds the per-method items for a new run. A frame of playback
costs what moves (benchmarks/bench_roots_fps.py): what stays still is painted once and copied, what moves
is as few items as it can be (one ``Markers`` item for every marker, one band for each of the current and
dropped brackets), the axes are LeanAxis and f's curve is drawn simplified to a tenth of a pixel. There
are no grid lines: pyqtgraph redraws them with every frame, and they halved the frame rate.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QTransform
from superqt.utils import signals_blocked

from ..engine.roots import RootResult
from ..labs.roots.construction import StepConstruction, subscript
from ..labs.roots.curve import broken_at_discontinuities
from ..labs.roots.methods import ROOT_METHODS
from ..labs.roots.run import RootRun
from ..labs.roots.scene import RootScene
from .band import Band
from .cached_layers import keep_as_one_picture, paint_once, painted_once_while
from .contentless import mark_contentless
from .decade_axis import DecadeAxis
from .lean_axis import lean_axes
from .legend_strip import LegendStrip
from .markers import Markers, MarkerStyle
from .row_bars import RowBars
from .simplified_curve import SimplifiedCurve
from .style import FigureStyle, translucent

CURVE_SAMPLES = 2000
ERROR_FLOOR = 1e-17   # log-scale floor: errors below are at machine precision
MIN_BAR_ROWS = 12
HATCH_TILE = 8        # px: Qt's hatching patterns repeat every 8 pixels
MAX_CACHED_PIXELS = 8192  # px: the widest the starting bracket is kept as a picture (it would be many views wide)
FIT_MARGIN = 0.35     # a framed bracket has this fraction of its width free on either side
Y_PADDING = 0.08      # f's range has this fraction of its height free above and below
BARS_GAP = 14         # px between the bars and the convergence plot
CURVE_BAND = 1000     # samples further than this many view heights off the view are drawn at that distance
# pyqtgraph cannot show a view narrower than ~1e-12 of its position; stop zooming before that.
MIN_RELATIVE_VIEW = 1e-11
CONSTRUCTION_LEGEND = "the step's construction"
BOUND_LEGEND = "bisection's bound 2⁻ⁿ(b − a)"

Range = tuple[float, float]


def framed_x_range(bracket: Range) -> Range:
    """The x range that frames a bracket with room on both sides."""
    a, b = bracket
    width = max(b - a, 1e-9)
    return a - FIT_MARGIN * width, b + FIT_MARGIN * width


def robust_y_range(values: np.ndarray) -> Range:
    """The y range of f's samples, ignoring the few near a pole, always including 0."""
    finite = values[np.isfinite(values)] if values is not None else np.array([])
    if finite.size == 0:
        return -1.0, 1.0
    # Percentiles, not min/max: near a pole f runs off to infinity and would flatten the plot.
    low, high = np.percentile(finite, [3, 97])
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-300:
        return low - 1, high + 1
    return float(low), float(high)


def curve_samples(run: RootRun, x_range: Range) -> tuple[np.ndarray, np.ndarray]:
    """f across ``x_range`` and a tenth of it on either side, broken at poles and jumps."""
    left, right = x_range
    margin = 0.1 * (right - left)
    xs = np.linspace(left - margin, right + margin, CURVE_SAMPLES)
    return broken_at_discontinuities(run.curve, xs, run.curve(xs))


def following_x_range(run: RootRun, frame: int) -> Range | None:
    """The x range that zooms in on the primary method's bracket (or estimate) at ``frame``."""
    a, b = run.bracket_at(run.primary, frame)
    if a is None:
        step = run.step_at(run.primary, frame)
        if step is None:
            return None
        a = b = step.x
    centre = 0.5 * (a + b)
    half = max(1.5 * (b - a), MIN_RELATIVE_VIEW * max(abs(centre), 1e-300), 1e-300)
    return centre - half, centre + half


class RootFigure(pg.GraphicsLayout):
    """Draws a :class:`RootScene` and its :class:`RootRun` at a frame, in a window or offscreen.

    ``bracketDragged`` and ``viewChanged`` report what the person did with the mouse (in a
    window); the figure itself keeps no state of the person's: the next ``draw`` shows the scene.
    Items are built without sizes or colours; :meth:`set_style` gives every pen, marker and font its size
    and colour.
    """

    bracketDragged = Signal(float, float)
    viewChanged = Signal(object, object)  # x range, y range, after the person panned or zoomed

    def __init__(self, parent=None):
        super().__init__(parent)
        self._run: RootRun | None = None
        self._view: tuple | None = None  # the ranges last framed (and for which run): frames do not re-frame
        self._shown: tuple | None = None  # the scene's fields and the frame last drawn
        self._drawn: tuple | None = None  # draw's arguments last time: a new style draws them again
        self._estimates: dict[str, tuple] = {}  # each estimate line's value and text as last set
        self._bar_rows: int | None = None  # the bars plot's rows as last set

        # The figure's key has a row of its own above the plots, so that it covers nothing.
        self.legend_strip = LegendStrip()
        self.addItem(self.legend_strip, row=0, col=0)
        self.function_plot = self.addPlot(row=1, col=0, axisItems=lean_axes())
        self.function_plot.setLabel("left", "f(x)")
        self.function_plot.setMenuEnabled(False)
        self.curve = SimplifiedCurve()
        self.function_plot.addItem(self.curve)
        self.curve.setZValue(5)
        self._legend_samples = {"f(x)": pg.PlotDataItem(), "bound": pg.PlotDataItem()}  # the strip's entries
        self.zero_line = pg.InfiniteLine(pos=0, angle=0)
        self.function_plot.addItem(self.zero_line)
        self.start_region = pg.LinearRegionItem()
        self.start_region.setToolTip("The starting bracket [a, b]: drag it, or drag its edges")
        # Stacking: bracket regions lowest, then the curve, lines and markers. No negative z:
        # pyqtgraph offers a drag to items in order of z summed over parents, so an item below 0
        # ranks under its own ViewBox (z -100) and the ViewBox pans instead of the region moving.
        self.start_region.setZValue(0)
        self.function_plot.addItem(self.start_region)
        self.current_region = Band()
        self.current_region.setZValue(1)
        self.function_plot.addItem(self.current_region)
        # Every marker on f's plot, one item: the construction's points (white dots) and its point on the axis (a
        # diamond), then the primary method's bracket ends (squares) and estimate (a dot) coloured by f's sign
        # there. ``marker_kinds`` says which each is: "through", "zero", "bracket end" or "estimate".
        self.markers = Markers()
        self.markers.setZValue(10)
        self.function_plot.addItem(self.markers)
        self.marker_kinds: list[str] = []
        self._construction_styles: dict[str, MarkerStyle] = {}  # by kind (see _colour_construction)
        self.estimate_lines: dict[str, pg.InfiniteLine] = {}
        self._add_construction_items()

        self.bars_plot = self.addPlot(row=2, col=0, axisItems=lean_axes())
        self.bars_plot.setLabel("left", "iteration")
        self.bars_plot.invertY(True)
        self.bars_plot.setXLink(self.function_plot)
        self.bars_plot.setMenuEnabled(False)
        self.bars_plot.hideButtons()
        self.bars_plot.setMouseEnabled(x=False, y=False)  # it follows f's plot; its own pans would not be kept
        # Its x is f's, read off f's axis right above it (as matplotlib's sharex): a second row of the same ticks
        # took a fifth of the bars' height at 1024x768 (it is theirs again, see the rows' stretch), and with
        # auto-zoom was one more axis to lay out every frame.
        self.bars_plot.hideAxis("bottom")
        # Whole iterations at its labels (0, 5, 10, ...) and no tick for every row in between: the bars are the
        # rows. Past a dozen rows the axis is laid out again every frame (a row more in the same height), and its
        # comb of ticks, 3 px apart at 40 rows, was 6% of a frame of playback (benchmarks/bench_roots_fps.py).
        self.bars_plot.getAxis("left").setStyle(maxTickLevel=0)
        self.bars = RowBars()
        self.open_points = pg.ScatterPlotItem()
        for item in (self.bars, self.open_points):
            self.bars_plot.addItem(item)

        self.convergence_plot = self.addPlot(row=3, col=0, axisItems={**lean_axes(), "left": DecadeAxis("left")})
        self.convergence_plot.setLogMode(y=True)
        self.convergence_plot.setLabel("left", "|x_n - root|")
        self.convergence_plot.setLabel("bottom", "iteration n")
        self.convergence_plot.setMenuEnabled(False)
        self.convergence_plot.setMouseEnabled(x=False, y=False)  # framed by the run; a pan would not be kept
        # Its curves stay still while a run plays and overlap each other: one picture (see _cache_static_layers).
        self.still_curves = pg.ItemGroup()
        self.still_curves.setZValue(1)  # over the frame line (z 0), so that the shown iteration's dot is not cut by it
        self.convergence_plot.addItem(self.still_curves, ignoreBounds=True)
        self.bound_curve = self._add_still_curve(pg.PlotDataItem())
        self.error_curves: dict[str, pg.PlotDataItem] = {}
        self.frame_line = pg.InfiniteLine(angle=90)
        self.convergence_plot.addItem(self.frame_line)

        for plot in self.plots:
            for side in ("left", "bottom", "top", "right"):
                # No "(x0.001)" scale factor: ticks show the values themselves. (pyqtgraph also leaves
                # an axis title where the longer text with the factor had put it, off centre.) The hidden
                # top and right axes too: with it, every change of range set their titles' HTML again.
                plot.getAxis(side).enableAutoSIPrefix(False)
        layout = self.layout
        layout.setRowStretchFactor(1, 2)  # (the bars have no x axis of their own: f's is right above them)
        layout.setRowStretchFactor(2, 1)
        layout.setRowStretchFactor(3, 1)
        self._cache_static_layers()
        self.set_style(FigureStyle())

        self.start_region.sigRegionChanged.connect(self._on_region_dragged)
        self.function_plot.vb.sigRangeChangedManually.connect(self._on_view_changed_by_hand)

    def _cache_static_layers(self) -> None:
        """The items a frame of playback leaves alone are painted once and then copied (``cached_layers``): f's
        curve and zero line on their own, each axis with its title and the convergence plot's curves (the error
        curves, made per run, are put in with them) as one picture, and the legend strip keeps itself. Those
        drawn in f's view only while it stays put, the starting bracket only while it is small enough on screen
        (see _cache_view_layers). Nor is anything painted for the frames that draw nothing (see
        ``mark_contentless``)."""
        paint_once(self.curve, self.zero_line)
        keep_as_one_picture(self.still_curves, *(plot.getAxis(side) for plot in self.plots for side in ("left", "bottom")))
        mark_contentless(self)

    @property
    def plots(self) -> tuple[pg.PlotItem, ...]:
        return self.function_plot, self.bars_plot, self.convergence_plot

    def _add_construction_items(self) -> None:
        """How the shown step chose its point: its line or parabola down to zero, the points it went
        through, the point on the axis, and the part of the bracket it dropped (faded and hatched)."""
        self.dropped_region = Band()
        self.dropped_region.setZValue(5.5)  # over the curve, which it fades, under the lines and markers
        # A bare curve, set every frame: a PlotDataItem's setData cost ten times as much (0.15 ms a frame).
        self.construction_line = pg.PlotCurveItem(connect="finite")
        self.construction_line.setZValue(7)
        self.construction_items = (self.dropped_region, self.construction_line)  # and its markers (see markers)
        for item in self.construction_items:
            self.function_plot.addItem(item)

    # --- sizes and colours ---
    def set_style(self, style: FigureStyle) -> None:
        """Draw every line, marker and text ``style.scale`` times its size on screen (2: a picture at twice
        the pixel density; more than 1: a projector), in ``style.palette``'s colours."""
        self.style = style
        colours, scale = style.palette, style.scale
        curve_pen = style.pen(colours.grey, 2.5)
        self.curve.setPen(curve_pen)
        self._legend_samples["f(x)"].setPen(curve_pen)
        self.zero_line.setPen(style.pen("#999999", 1, Qt.PenStyle.DashLine))
        _set_region_pen(self.start_region, style.pen(colours.blue, 1.5, Qt.PenStyle.DashLine))
        self.start_region.setBrush(translucent(colours.blue, 28))
        self.start_region.setHoverBrush(translucent(colours.blue, 50))
        self.current_region.setPen(style.pen(colours.orange, 1))
        self.current_region.setBrush(translucent(colours.orange, 60))
        self.bars.set_brushes(translucent(colours.blue, 110), colours.orange)
        self._sign_styles = {(kind, sign): MarkerStyle(symbol, 13, colours.sign_colour(sign), edge=1, edge_colour="k")
                             .scaled(scale) for kind, symbol in (("bracket end", "s"), ("estimate", "o"))
                             for sign in (-1.0, 0.0, 1.0)}
        self.dropped_region.setBrush(_faded_and_hatched(scale))
        self.open_points.setSize(style.px(8))
        bound_pen = style.pen("#777777", 1.5, Qt.PenStyle.DashLine)
        self.bound_curve.setPen(bound_pen)
        self._legend_samples["bound"].setPen(bound_pen)
        self.frame_line.setPen(style.pen(colours.orange, 1.5))
        for method in self.estimate_lines:
            self._style_method(method)
        for key, sample in self._legend_samples.items():
            if isinstance(key, tuple):  # ("construction", method)
                sample.setPen(_construction_pen(style, self._method_colour(key[1])))
        if self._run is not None:
            self._colour_construction(self._method_colour(self._run.primary))
        style.style_layout(self)
        # More room under the bars, so that their iteration axis does not read on into the convergence plot's.
        self.layout.setRowSpacing(2, style.px(BARS_GAP))
        for plot in self.plots:
            style.style_plot(plot)
        self.legend_strip.set_style(style)
        self._shown = None  # the texts set again, at their new size, and the markers in their new colours
        self._estimates.clear()
        self._bar_rows = None
        if self._drawn is not None:
            self.draw(*self._drawn)

    def _method_colour(self, method: str) -> str:
        return self.style.palette.counterpart(ROOT_METHODS[method].colour)

    # --- drawing ---
    def draw(self, scene: RootScene, run: RootRun | None, frame: int) -> None:
        """Show ``scene`` and its ``run`` at ``frame`` (None: nothing solved yet; the bracket still shows).

        (Named ``draw`` rather than the ``update`` of the design notes: QGraphicsItem.update
        schedules a repaint, and pyqtgraph calls it.)
        """
        self._drawn = (scene, run, frame)
        shown = (scene.bracket, scene.auto_zoom, scene.construction, scene.view_x, scene.view_y, frame)
        if shown == self._shown and run is self._run:
            return  # nothing this figure shows has changed: touching the items would only repaint them
        self._shown = shown
        if run is not self._run:
            self._set_run(run)
        self._set_start_region(scene.bracket)
        self._show_legend(run, scene.construction)
        if run is None:
            self._show_construction(None)
            self._show_markers(None, frame, None)
        else:
            self._frame_view(scene, run, frame)
            self._show_frame(run, frame, scene.construction)
        self._cache_view_layers(scene.auto_zoom)

    def _cache_view_layers(self, auto_zoom: bool) -> None:
        """Paint the still layers drawn in f's view (its curve, zero line and axes, the starting bracket) once and
        copy them while the view stays put, as the other still layers; not while auto-zoom moves the view, when
        each would be painted afresh every frame and copied too. Nor the starting bracket once it is wider on
        screen than a picture can be (zoomed in by hand, its box spans the whole bracket)."""
        a, b = self.start_region.getRegion()
        low, high = self.x_range()
        pixels = (b - a) / (high - low) * self.function_plot.vb.width() if high > low else math.inf  # figure px
        painted_once_while(not auto_zoom, self.curve, self.zero_line,
                           *(self.function_plot.getAxis(side) for side in ("left", "bottom")))
        painted_once_while(not auto_zoom and pixels < MAX_CACHED_PIXELS, self.start_region, *self.start_region.lines)

    def x_range(self) -> Range:
        return tuple(map(float, self.function_plot.viewRange()[0]))

    def y_range(self) -> Range:
        return tuple(map(float, self.function_plot.viewRange()[1]))

    def _set_start_region(self, bracket: Range) -> None:
        if tuple(self.start_region.getRegion()) == tuple(bracket):
            return  # where the region is (it may be being dragged): don't fight the drag
        self.start_region.blockSignals(True)
        self.start_region.setRegion(bracket)
        self.start_region.blockSignals(False)

    def _frame_view(self, scene: RootScene, run: RootRun, frame: int) -> None:
        """Set the plotted ranges the scene asks for, once per change (resampling f for them)."""
        x_range = following_x_range(run, frame) if scene.auto_zoom else None
        if x_range is None:
            x_range = scene.view_x if scene.view_x is not None else framed_x_range(scene.bracket)
        y_range = None if scene.auto_zoom else scene.view_y
        view = (x_range, y_range)
        if self._view is not None and self._view[0] == view and self._view[1] is run:
            return
        self._view = (view, run)
        xs, ys = curve_samples(run, x_range)
        if y_range is None:
            low, high = robust_y_range(ys)
            y_range = low - Y_PADDING * (high - low), high + Y_PADDING * (high - low)
        self.function_plot.setRange(xRange=x_range, yRange=y_range, padding=0)  # one change of view, not two
        self._show_curve(xs, ys, y_range)

    def _show_curve(self, xs: np.ndarray, ys: np.ndarray, y_range: Range) -> None:
        """The samples, those far above or below ``y_range`` brought nearer: the curve's cached picture
        (see _cache_static_layers) spans its samples, and a pole's 1e16 would make it too large to exist."""
        low, high = y_range
        far = CURVE_BAND * (high - low)
        self.curve.setData(xs, np.clip(ys, low - far, high + far), connect="finite")  # NaN (the breaks) stays NaN

    def _on_region_dragged(self) -> None:
        a, b = self.start_region.getRegion()
        self.bracketDragged.emit(float(a), float(b))

    def _on_view_changed_by_hand(self, *_args) -> None:
        self._view = None  # the plot is no longer where the last framing put it
        if self._run is not None:
            self._show_curve(*curve_samples(self._run, self.x_range()), self.y_range())
        self._cache_view_layers(auto_zoom=False)  # (a view moved by hand is not auto-zoomed)
        self.viewChanged.emit(self.x_range(), self.y_range())

    # --- the run ---
    def _set_run(self, run: RootRun | None) -> None:
        """A new set of results (one method, or five racing); builds per-method items once."""
        self._run = run
        self._estimates.clear()
        methods = run.results if run is not None else {}
        for method in list(self.estimate_lines):
            if method not in methods:
                self.function_plot.removeItem(self.estimate_lines.pop(method))
                self.convergence_plot.removeItem(self.error_curves.pop(method))
        for index, method in enumerate(ROOT_METHODS):
            if method in methods and method not in self.estimate_lines:
                self._add_method_items(method, index)
        # No bars for no run, or for a method that keeps no bracket (its estimates are points instead).
        self.bars.set_brackets(*_primary_brackets(run))
        if run is None:
            return
        self._colour_construction(self._method_colour(run.primary))
        reference = run.reference_root
        shown = []
        for method, result in run.results.items():
            xs = np.array([step.x for step in result.steps], dtype=float)
            errors = np.maximum(np.abs(xs - reference), ERROR_FLOOR)
            iterations = np.arange(1, len(xs) + 1)
            finite = np.isfinite(errors)
            # Only finite points: pyqtgraph warns on all-NaN data when it computes bounds.
            self.error_curves[method].setData(iterations[finite], errors[finite])
            shown.append(errors[finite])
        a, b = run.bracket
        n = np.arange(0, run.frame_count)
        bound = np.maximum((b - a) / 2.0 ** (n + 1), ERROR_FLOOR)
        self.bound_curve.setData(n, bound)
        self.bound_curve.setVisible("bisect" in run.results)
        if "bisect" in run.results:
            shown.append(bound)
        # Ranges set outright, not left to pyqtgraph's lazy auto-range, which depends on what was shown before.
        self.convergence_plot.setXRange(0, max(len(n) - 1, 1), padding=0.02)
        logs = np.log10(np.concatenate(shown))  # a log axis's view coordinates are log10
        low, high = (float(logs.min()), float(logs.max())) if logs.size else (-16.0, 0.0)
        self.convergence_plot.setYRange(low, high if high > low else low + 1, padding=0.05)

    def _add_still_curve(self, curve: pg.PlotDataItem) -> pg.PlotDataItem:
        """``curve`` in the convergence plot (which sets its log scale), among the curves kept as one picture."""
        self.convergence_plot.addItem(curve)
        curve.setParentItem(self.still_curves)
        return curve

    def _add_method_items(self, method: str, index: int) -> None:
        # Racing labels are stacked down the plot so that close estimates stay readable.
        line = pg.InfiniteLine(angle=90, label="", labelOpts={"position": 0.94 - 0.09 * index,
                                                             "fill": pg.mkBrush(255, 255, 255, 210)})
        line.setZValue(6)
        self.function_plot.addItem(line)
        self.estimate_lines[method] = line
        self._legend_samples[method] = pg.PlotDataItem()
        curve = self._add_still_curve(pg.PlotDataItem(symbol="o", symbolPen=None))
        self.error_curves[method] = curve
        self._style_method(method)

    def _style_method(self, method: str) -> None:
        colour, style = self._method_colour(method), self.style
        self.estimate_lines[method].setPen(style.pen(colour, 2))
        label = self.estimate_lines[method].label
        label.setColor(colour)
        style.style_text(label.textItem)
        label.updateTextPos()
        self._legend_samples[method].setPen(style.pen(colour, 2))
        self.error_curves[method].setPen(style.pen(colour, 2))
        self.error_curves[method].setSymbolBrush(colour)
        self.error_curves[method].setSymbolSize(style.px(5))

    def _show_legend(self, run: RootRun | None, construction: bool) -> None:
        """The key to the whole figure, above it: f(x), each method's colour (in all three plots), the
        construction's line (in the primary method's colour) if it is drawn, and bisection's bound."""
        entries = [(self._legend_samples["f(x)"], "f(x)")]
        if run is not None:
            entries += [(self._legend_samples[method], ROOT_METHODS[method].label) for method in run.results]
            if construction:
                entries.append((self._construction_sample(run.primary), CONSTRUCTION_LEGEND))
            if "bisect" in run.results:
                entries.append((self._legend_samples["bound"], BOUND_LEGEND))
        self.legend_strip.set_entries(entries)

    def _construction_sample(self, method: str) -> pg.PlotDataItem:
        key = ("construction", method)
        if key not in self._legend_samples:
            self._legend_samples[key] = pg.PlotDataItem(pen=_construction_pen(self.style, self._method_colour(method)))
        return self._legend_samples[key]

    def _show_frame(self, run: RootRun, frame: int, construction: bool) -> None:
        a, b = run.bracket_at(run.primary, frame)
        bracketed = a is not None
        self.current_region.setVisible(bracketed)
        if bracketed:
            self.current_region.setRegion((a, b))
        shown_construction = run.construction_at(run.primary, frame) if construction else None
        self._show_markers(run, frame, shown_construction)
        x_range = self.x_range()
        for method, line in self.estimate_lines.items():
            step = run.step_at(method, frame)
            line.setVisible(step is not None)
            if step is None:
                continue
            iteration = min(frame, len(run.results[method].steps))
            text = f"{ROOT_METHODS[method].label}: x{subscript(iteration)} = {step.x:.10g}"
            if method == run.primary and shown_construction is not None:
                text += f" · {shown_construction.description(iteration)}"
            # A method that has stopped shows its last step on every later frame: its line is left alone
            # (and only re-anchored if the view moved).
            value, label, view = self._estimates.get(method, (None, None, None))
            if value != step.x:
                # Quietly: the label would set its text again on the move (0.12 ms), before its new text.
                with signals_blocked(line):
                    line.setValue(step.x)
            if label != text:
                # Its text only: setFormat would also place the label along the line again (done below if it moved).
                line.label.format = text
                line.label.setText(text)
            if (value, view) != (step.x, x_range):
                self._keep_label_in_view(line, x_range)
            self._estimates[method] = (step.x, text, x_range)
        self._show_construction(shown_construction)
        self._show_bars(run.primary_result, run, frame)
        self.frame_line.setValue(frame)

    def _keep_label_in_view(self, line: pg.InfiniteLine, x_range: Range) -> None:
        """Anchor the estimate's label at the point of its text that is as far along as the line is
        across the view: a line near the left edge has its text to the right, near the right edge to
        the left, so a long label ("Bisection: x₁₃ = ... · midpoint of [...]") is not cut at the edge."""
        low, high = x_range
        along = min(max((line.value() - low) / (high - low), 0.0), 1.0) if high > low else 0.5
        line.label.anchors = [(along, 0), (along, 0)]
        line.label.updatePosition()

    def _colour_construction(self, colour: str) -> None:
        """The construction is drawn in the primary method's colour (set once per run, not per frame)."""
        self.construction_line.setPen(_construction_pen(self.style, colour))
        scale = self.style.scale
        self._construction_styles = {"through": MarkerStyle("o", 10, "w", edge=2, edge_colour=colour).scaled(scale),
                                     "zero": MarkerStyle("d", 11, colour, edge=1, edge_colour="k").scaled(scale)}

    def _show_construction(self, construction: StepConstruction | None) -> None:
        for item in self.construction_items:
            item.setVisible(construction is not None)
        if construction is None:
            return
        self.construction_line.setData(construction.xs, construction.ys)
        self.dropped_region.setVisible(construction.dropped is not None)
        if construction.dropped is not None:
            self.dropped_region.setRegion(construction.dropped)

    def _show_markers(self, run: RootRun | None, frame: int, construction: StepConstruction | None) -> None:
        """The construction's markers (if it is drawn), then the signs of f at the bracket's ends and the estimate."""
        points = []
        if construction is not None:
            points += [(x, f, "through") for x, f in construction.through] + [(construction.point, 0.0, "zero")]
        if run is not None:
            points += [(x, f, "bracket end" if marker == "s" else "estimate")
                       for x, f, marker in run.signed_points_at(frame)]
        self.marker_kinds = [kind for _x, _f, kind in points]
        self.markers.set_styles([self._construction_styles[kind] if kind in self._construction_styles
                                 else self._sign_styles[kind, float(np.sign(f))] for _x, f, kind in points],
                                [(x, f) for x, f, _kind in points])

    def _show_bars(self, primary: RootResult, run: RootRun, frame: int) -> None:
        # The rows so far (at least a dozen), so that early bars are thick enough to read.
        rows = max(frame, MIN_BAR_ROWS)
        if rows != self._bar_rows:
            self._bar_rows = rows
            self.bars_plot.setYRange(-0.6, rows + 0.6, padding=0)
            # Past a dozen rows its axis is laid out again on every frame of playback: painted afresh, not
            # painted into its picture and the picture copied too.
            painted_once_while(rows == MIN_BAR_ROWS, self.bars_plot.getAxis("left"))
        bracketed = self.bars.row_count > 0
        self.open_points.setVisible(not bracketed)  # an empty scatter item still costs a frame's paint
        if not bracketed:
            xs = [step.x for step in primary.steps[:frame]]
            self.open_points.setData(xs, list(range(1, len(xs) + 1)), brush=self._method_colour(run.primary))
        self.bars.show_rows(frame)


def _primary_brackets(run: RootRun | None) -> tuple[np.ndarray, np.ndarray]:
    """The primary method's bracket [a_n, b_n] at every frame: none for no run or a method that keeps no bracket."""
    if run is None or run.bracket_at(run.primary, 0)[0] is None or (
            run.primary_result.steps and run.primary_result.steps[0].a is None):
        return np.empty(0), np.empty(0)
    lefts, rights = zip(*(run.bracket_at(run.primary, k) for k in range(run.frame_count)))
    return np.array(lefts, dtype=float), np.array(rights, dtype=float)


def _faded_and_hatched(scale: float) -> QBrush:
    """The dropped part of the bracket's fill: white at 2/3 opacity (fading the curve under it) with grey
    diagonal hatching over it, as one tiled brush (one region to draw a frame, not one for each)."""
    tile = QImage(HATCH_TILE, HATCH_TILE, QImage.Format.Format_ARGB32_Premultiplied)
    tile.fill(QColor(255, 255, 255, 170))
    painter = QPainter(tile)
    painter.fillRect(tile.rect(), QBrush(QColor(100, 100, 100, 140), Qt.BrushStyle.BDiagPattern))
    painter.end()
    brush = QBrush(tile)
    brush.setTransform(QTransform.fromScale(scale, scale))  # a pattern's lines are device pixels apart
    return brush


def _set_region_pen(region: pg.LinearRegionItem, pen) -> None:
    for line in region.lines:
        line.setPen(pen)


def _construction_pen(style: FigureStyle, colour: str):
    return style.pen(colour, 2, Qt.PenStyle.DashLine)
