"""The lab's three linked plots, in one pyqtgraph layout so that an export shows all of them.

1. f(x) with the starting bracket (draggable), the current bracket, the signs of f at a, b and
   the midpoint by colour, and the current estimate as a vertical line with its value;
2. under it, one bar per iteration spanning [a_n, b_n], stacked downwards, so the halving
   is visible at a glance (x linked to the plot above);
3. the convergence plot: |x_n - root| against n on a log scale, with the 2^-n (b - a) line.

Items are built once; showing a frame only calls ``setData``/``setRegion``/``setValue``. There are
no grid lines: pyqtgraph redraws them with every frame, and they halved the frame rate
(benchmarks/bench_roots_fps.py).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from superqt.utils import qdebounced

from ...engine.roots import METHOD_LABELS, METHODS, RootResult
from .. import palette
from .race import METHOD_COLOURS, RootRun

CURVE_SAMPLES = 2000
ERROR_FLOOR = 1e-17
MIN_BAR_ROWS = 12  # log-scale floor: errors below are at machine precision
# pyqtgraph cannot show a view narrower than ~1e-12 of its position; stop zooming before that.
MIN_RELATIVE_VIEW = 1e-11


def _pen(colour: str, width: float = 2, style=Qt.PenStyle.SolidLine):
    return pg.mkPen(colour, width=width, style=style)


class RootPlots(pg.GraphicsLayoutWidget):
    bracketDragged = Signal(float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._function: Callable[[np.ndarray], np.ndarray] | None = None
        self._run: RootRun | None = None
        self.auto_zoom = False

        self.function_plot = self.addPlot(row=0, col=0)
        self.function_plot.setLabel("left", "f(x)")
        self.function_plot.setMenuEnabled(False)
        self.legend = self.function_plot.addLegend(offset=(10, 10), brush=pg.mkBrush(255, 255, 255, 220))
        self.curve = self.function_plot.plot(pen=_pen(palette.GREY, 2.5), name="f(x)")
        self.curve.setZValue(5)
        self.function_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=_pen("#999999", 1, Qt.PenStyle.DashLine)))
        self.start_region = pg.LinearRegionItem(
            brush=pg.mkBrush(0, 114, 178, 28), hoverBrush=pg.mkBrush(0, 114, 178, 50),
            pen=_pen(palette.BLUE, 1.5, Qt.PenStyle.DashLine))
        self.start_region.setToolTip("The starting bracket [a, b]: drag it, or drag its edges")
        # Stacking: bracket regions lowest, then the curve, lines and markers. No negative z:
        # pyqtgraph offers a drag to items in order of z summed over parents, so an item below 0
        # ranks under its own ViewBox (z -100) and the ViewBox pans instead of the region moving.
        self.start_region.setZValue(0)
        self.function_plot.addItem(self.start_region)
        self.current_region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(230, 159, 0, 60),
                                                  pen=_pen(palette.ORANGE, 1))
        self.current_region.setZValue(1)
        self.function_plot.addItem(self.current_region)
        self.sign_markers = pg.ScatterPlotItem(size=13, pen=pg.mkPen("k", width=1))
        self.sign_markers.setZValue(10)
        self.function_plot.addItem(self.sign_markers)
        self.estimate_lines: dict[str, pg.InfiniteLine] = {}

        self.bars_plot = self.addPlot(row=1, col=0)
        self.bars_plot.setLabel("left", "iteration")
        self.bars_plot.invertY(True)
        self.bars_plot.setXLink(self.function_plot)
        self.bars_plot.setMenuEnabled(False)
        self.bars_plot.hideButtons()
        self.old_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.7, brush=pg.mkBrush(0, 114, 178, 110), pen=None)
        self.new_bar = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.7, brush=pg.mkBrush(palette.ORANGE), pen=None)
        self.open_points = pg.ScatterPlotItem(size=8)
        for item in (self.old_bars, self.new_bar, self.open_points):
            self.bars_plot.addItem(item)

        self.convergence_plot = self.addPlot(row=2, col=0)
        self.convergence_plot.setLogMode(y=True)
        self.convergence_plot.setLabel("left", "|x_n - root|")
        self.convergence_plot.setLabel("bottom", "iteration n")
        self.convergence_plot.setMenuEnabled(False)
        # Only the bound is named here: the methods' colours are named in the legend above.
        self.convergence_legend = self.convergence_plot.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 220))
        self.bound_curve = self.convergence_plot.plot(
            pen=_pen("#777777", 1.5, Qt.PenStyle.DashLine), name="bisection bound 2^-n (b-a)")
        self.error_curves: dict[str, pg.PlotDataItem] = {}
        self.frame_line = pg.InfiniteLine(angle=90, pen=_pen(palette.ORANGE, 1.5))
        self.convergence_plot.addItem(self.frame_line)

        layout = self.ci.layout
        layout.setRowStretchFactor(0, 5)
        layout.setRowStretchFactor(1, 2)
        layout.setRowStretchFactor(2, 3)

        self.start_region.sigRegionChanged.connect(self._on_region_dragged)
        self.function_plot.sigXRangeChanged.connect(self._resample_later)

    # --- the function ---
    def set_function(self, function: Callable[[np.ndarray], np.ndarray], fit: bool) -> None:
        """Show a new f (vectorised, NaN where undefined); ``fit`` re-frames the view on the bracket."""
        self._function = function
        if fit:
            self.fit_view()
        self._resample()

    def fit_view(self) -> None:
        a, b = self.start_region.getRegion()
        width = max(b - a, 1e-9)
        self._set_view(a - 0.35 * width, b + 0.35 * width)

    def refit_y(self) -> None:
        """Keep the x range the user chose, frame f's values in it (after f itself changed)."""
        self._set_view(*self.function_plot.viewRange()[0])

    def _set_view(self, left: float, right: float) -> None:
        self.function_plot.setXRange(left, right, padding=0)
        self._resample()
        self.function_plot.setYRange(*self._robust_y_range(), padding=0.08)

    def _robust_y_range(self) -> tuple[float, float]:
        _, ys = self.curve.getData()
        finite = ys[np.isfinite(ys)] if ys is not None else np.array([])
        if finite.size == 0:
            return -1.0, 1.0
        # Percentiles, not min/max: near a pole f runs off to infinity and would flatten the plot.
        low, high = np.percentile(finite, [3, 97])
        low, high = min(low, 0.0), max(high, 0.0)
        if high - low < 1e-300:
            return low - 1, high + 1
        return float(low), float(high)

    @qdebounced(timeout=30)
    def _resample_later(self, *_args) -> None:
        self._resample()

    def _resample(self) -> None:
        if self._function is None:
            return
        left, right = self.function_plot.viewRange()[0]
        margin = 0.1 * (right - left)
        xs = np.linspace(left - margin, right + margin, CURVE_SAMPLES)
        self.curve.setData(xs, self._function(xs), connect="finite")

    # --- the runs ---
    def set_bracket(self, a: float, b: float) -> None:
        if np.allclose(self.start_region.getRegion(), (a, b), rtol=0, atol=1e-6):
            return  # the region is where the boxes say (it is being dragged): don't fight the drag
        self.start_region.blockSignals(True)
        self.start_region.setRegion((a, b))
        self.start_region.blockSignals(False)

    def _on_region_dragged(self) -> None:
        a, b = self.start_region.getRegion()
        self.bracketDragged.emit(float(a), float(b))

    def set_run(self, run: RootRun) -> None:
        """A new set of results (one method, or five racing); builds per-method items once."""
        self._run = run
        for method in list(self.estimate_lines):
            if method not in run.results:
                self.function_plot.removeItem(self.estimate_lines.pop(method))
                self.legend.removeItem(METHOD_LABELS[method])
                self.convergence_plot.removeItem(self.error_curves.pop(method))
        for method in run.results:
            if method not in self.estimate_lines:
                # Racing labels are stacked down the plot so that close estimates stay readable.
                line = pg.InfiniteLine(angle=90, pen=_pen(METHOD_COLOURS[method], 2),
                                       label="", labelOpts={"position": 0.94 - 0.09 * METHODS.index(method),
                                                            "color": METHOD_COLOURS[method],
                                                            "fill": pg.mkBrush(255, 255, 255, 210)})
                line.setZValue(6)
                self.function_plot.addItem(line)
                self.estimate_lines[method] = line
                self.legend.addItem(pg.PlotDataItem(pen=_pen(METHOD_COLOURS[method], 2)), METHOD_LABELS[method])
                curve = pg.PlotDataItem(pen=_pen(METHOD_COLOURS[method], 2), symbol="o", symbolSize=5,
                                        symbolBrush=METHOD_COLOURS[method], symbolPen=None)
                self.convergence_plot.addItem(curve)
                self.error_curves[method] = curve
        reference = run.reference_root
        for method, result in run.results.items():
            xs = np.array([step.x for step in result.steps], dtype=float)
            errors = np.maximum(np.abs(xs - reference), ERROR_FLOOR)
            iterations = np.arange(1, len(xs) + 1)
            finite = np.isfinite(errors)
            # Only finite points: pyqtgraph warns on all-NaN data when it computes bounds.
            self.error_curves[method].setData(iterations[finite], errors[finite])
        a, b = run.bracket
        n = np.arange(0, max((len(r.steps) for r in run.results.values()), default=0) + 1)
        self.bound_curve.setData(n, np.maximum((b - a) / 2.0 ** (n + 1), ERROR_FLOOR))
        self.bound_curve.setVisible("bisect" in run.results)
        self.convergence_plot.setXRange(0, max(len(n) - 1, 1), padding=0.02)

    def show_frame(self, frame: int) -> None:
        run = self._run
        if run is None:
            return
        primary = run.primary_result
        a, b = run.bracket_at(run.primary, frame)
        bracketed = a is not None
        self.current_region.setVisible(bracketed)
        if bracketed:
            self.current_region.setRegion((a, b))
        self._show_sign_markers(run, frame)
        for method, line in self.estimate_lines.items():
            step = run.step_at(method, frame)
            line.setVisible(step is not None)
            if step is not None:
                line.setValue(step.x)
                line.label.setFormat(f"{METHOD_LABELS[method]}: x{_subscript(min(frame, len(run.results[method].steps)))}"
                                     f" = {step.x:.10g}")
        self._show_bars(primary, run, frame)
        self.frame_line.setValue(frame)
        if self.auto_zoom:
            self._follow(run, frame)

    def _show_sign_markers(self, run: RootRun, frame: int) -> None:
        points = run.signed_points_at(frame)
        self.sign_markers.setData(
            [p[0] for p in points], [p[1] for p in points],
            brush=[pg.mkBrush(palette.sign_colour(p[1])) for p in points],
            symbol=[p[2] for p in points])

    def _show_bars(self, primary: RootResult, run: RootRun, frame: int) -> None:
        if run.bracket_at(run.primary, 0)[0] is None or primary.steps and primary.steps[0].a is None:
            xs = [step.x for step in primary.steps[:frame]]
            self.open_points.setData(xs, list(range(1, len(xs) + 1)), brush=METHOD_COLOURS[run.primary])
            self.old_bars.setOpts(x0=[], x1=[], y=[])
            self.new_bar.setOpts(x0=[], x1=[], y=[])
            return
        self.open_points.setData([], [])
        lefts, rights = zip(*(run.bracket_at(run.primary, k) for k in range(frame + 1)))
        rows = np.arange(frame + 1)
        self.old_bars.setOpts(x0=np.array(lefts[:-1]), x1=np.array(rights[:-1]), y=rows[:-1], height=0.7)
        self.new_bar.setOpts(x0=np.array(lefts[-1:]), x1=np.array(rights[-1:]), y=rows[-1:], height=0.7)
        # Show the rows so far (at least a dozen) so that early bars are thick enough to read.
        self.bars_plot.setYRange(-0.6, max(frame, MIN_BAR_ROWS) + 0.6, padding=0)

    def _follow(self, run: RootRun, frame: int) -> None:
        a, b = run.bracket_at(run.primary, frame)
        if a is None:
            step = run.step_at(run.primary, frame)
            if step is None:
                return
            a = b = step.x
        centre = 0.5 * (a + b)
        half = max(1.5 * (b - a), MIN_RELATIVE_VIEW * max(abs(centre), 1e-300), 1e-300)
        self._set_view(centre - half, centre + half)


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
