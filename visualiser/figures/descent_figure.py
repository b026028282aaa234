"""The descent lab's figure: the loss surface with start points, paths, arrows and overlays, over the loss plot.

Every item is built once; a new grid or run history only calls ``setImage`` / ``setData``, and a new
frame only moves data, so scrubbing and playing stay cheap.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal

from ..labs.descent.compute import DescentResult, loss_plot_scale
from ..labs.descent.loss_scales import ABOVE_MINIMUM, LossScale
from ..labs.descent.presets import preset_of
from ..labs.descent.runs import DescentRuns
from ..labs.descent.scene import DescentScene
from ..labs.descent.surface import Range, SurfaceGrid
from .axes import ScaleAxis, axes_of
from .cached_layers import paint_once
from .contentless import mark_contentless
from .descent_style import (ARROW_KINDS, DIVERGED, HESSIAN_AXES, MINIMUM, SADDLE, START, UNSTABLE, LineStyle,
                            run_line, run_marker)
from .hessian_overlay import HessianOverlay
from .loss_plot import LossPlot
from .markers import Markers
from .outlined_lines import OutlinedLines
from .overlay_legend import OverlayLegend
from .race_frames import RaceFrames
from .run_paths import RunPaths
from .style import FigureStyle

COLOUR_MAP = "viridis"  # perceptually uniform
VISIBLE_RANGE_DEBOUNCE_MS = 150
ARROW_FRACTION = 0.12   # the longest arrow on screen is this fraction of the view's width
# The layout as the legend's placement estimates it: the surface row's share of the figure's height,
# and the px its x axis, and its y axis and colour bar, take around the view.
SURFACE_ROW_SHARE = 0.75
X_AXIS_HEIGHT = 40
SURFACE_SIDES = 140
SMALLEST_VIEW = 160  # px: below this the surface needs all the room there is, and the legend folds away
COLOUR_BAR_WIDTH = 25  # px: pyqtgraph's
COLOUR_BAR_GAP = 5     # px between the surface's right edge and the colour bar: pyqtgraph's
# The legend's entries, in its order: (name, style), each shown while the figure draws that overlay.
START_ENTRY = ("start (drag it)", START)
HESSIAN_ENTRY = ("Hessian axes", HESSIAN_AXES)
UNSTABLE_ENTRY = ("unstable: lr > 2/λ_max", UNSTABLE)
DIVERGED_ENTRY = ("diverged here", DIVERGED)
MINIMUM_ENTRY = ("known minimum", MINIMUM)
SADDLE_ENTRY = ("saddle point", SADDLE)
LEGEND_NAMES = [name for name, _ in (START_ENTRY, *((text, style) for style, text in ARROW_KINDS.values()),
                                     HESSIAN_ENTRY, UNSTABLE_ENTRY, DIVERGED_ENTRY, MINIMUM_ENTRY, SADDLE_ENTRY)]


def tipped_markers(tip: str) -> Markers:
    item = Markers()
    item.setToolTip(tip)
    return item


def line_pairs(style: LineStyle) -> pg.PlotCurveItem:
    """Separate segments (a pair of points each) in ``style``; a bare curve, as it is set every frame."""
    return pg.PlotCurveItem(connect="pairs", **style.item_options())


def arrow_segments(origins: np.ndarray, vectors: np.ndarray, head: float) -> list[np.ndarray]:
    """Line pairs (for ``connect="pairs"``) drawing an arrow from each of ``n`` origins along each of its
    vectors, ``(kinds, n, 2)``: each kind's arrows as one array, none where a vector is zero or not finite."""
    lengths = np.hypot(vectors[..., 0], vectors[..., 1])
    keep = np.isfinite(lengths) & (lengths > 0)
    kinds, runs = np.nonzero(keep)  # kind by kind, each kind's in the origins' order
    origins, vectors, lengths = origins[runs], vectors[kinds, runs], lengths[kinds, runs]
    tips = origins + vectors
    unit = vectors / lengths[:, None]
    size = np.minimum(head, 0.4 * lengths)[:, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    left = tips - size * unit + 0.5 * size * normal
    right = tips - size * unit - 0.5 * size * normal
    pairs = np.stack([origins, tips, tips, left, tips, right], axis=1).reshape(-1, 2)
    return np.split(pairs, 6 * np.cumsum(keep.sum(axis=1))[:-1])


class ClickableViewBox(pg.ViewBox):
    """A view box that reports a plain left click (a drag still pans, a right click opens nothing)."""

    clicked = Signal(object)  # the click's position in data coordinates

    def mouseClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not event.double():
            event.accept()
            self.clicked.emit(self.mapSceneToView(event.scenePos()))
        else:
            super().mouseClickEvent(event)


def show_surface(image: pg.ImageItem, contours: pg.PlotDataItem, grid: SurfaceGrid | None) -> bool:
    """``grid``'s loss as ``image`` over its ranges with its ``contours``; with None (nothing yet, or undefined
    all over the view) both are emptied, an empty plot rather than a stale one. Whether there was a grid."""
    if grid is None:
        image.clear()
        contours.setData([], [])
        return False
    image.setImage(grid.image, levels=grid.levels, autoLevels=False)
    (x0, x1), (y0, y1) = grid.x_range, grid.y_range
    image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    contours.setData(grid.contour_x, grid.contour_y)
    return True


class DescentFigure(pg.GraphicsLayout):
    """Surface plot (row 0, with its colour bar) above the loss-versus-iteration plot (row 1).

    Signals report what the person did with the mouse in a window: ``startAdded`` (a click on the
    surface), ``startMoved`` (a start point dragged, live), ``viewChanged`` (panned or zoomed: the
    framed ranges), ``frameRequested`` (the loss plot's frame line dragged). ``visibleRangeChanged``
    says the grid should be recomputed for what is now visible (a resize, a new view).
    """

    startAdded = Signal(float, float)
    startMoved = Signal(int, float, float)
    viewChanged = Signal(object)           # ((x0, x1), (y0, y1)), framed by the person
    visibleRangeChanged = Signal(object)   # ((x0, x1), (y0, y1)) shown, after changes pause
    frameRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.vb = ClickableViewBox()
        self.plot = self.addPlot(row=0, col=0, viewBox=self.vb)
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", "y")
        self.plot.setMenuEnabled(False)
        self.vb.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(colorMap=pg.colormap.get(COLOUR_MAP), interactive=False)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        self._give_colour_bar_a_scale_axis()
        self.contours = pg.PlotDataItem(connect="finite")
        self.contours.setZValue(-5)
        self.plot.addItem(self.contours)
        self.minima = tipped_markers("Known minimum of this preset")
        self.saddles = tipped_markers("Saddle point (a flat spot that is not a minimum)")
        self.unstable = line_pairs(UNSTABLE)
        self.unstable.setToolTip("Here the learning rate was above 2/λ_max: the step was locally unstable")
        self.unstable.setZValue(1)
        self.arrows = OutlinedLines(connect="pairs", outlines_first=False)  # each kind's, in ARROW_KINDS' order
        self.arrows.setZValue(3)
        self.current = Markers()  # each run's marker at its point of the frame
        self.current.setZValue(5)
        self.diverged = tipped_markers("This run diverged here (its last finite point)")
        self.diverged.setZValue(6)
        self.hessian = HessianOverlay(self.plot, HESSIAN_AXES)
        for item in (self.minima, self.saddles, self.unstable, self.arrows, self.current, self.diverged):
            self.plot.addItem(item)
        self.paths = RunPaths(self.plot, z=2)  # above the unstable stripes (1), below the arrows (3)
        self.starts: list[pg.TargetItem] = []
        # Beside the colour bar or below the plot, never over it: it covers no path, however the runs go.
        self.legend_beside = OverlayLegend(LEGEND_NAMES)
        self.addItem(self.legend_beside, row=0, col=1)
        self.legend_below = OverlayLegend(LEGEND_NAMES)
        self.addItem(self.legend_below, row=1, col=0, colspan=2)
        self.legend: OverlayLegend | None = self.legend_beside  # the one shown, None when folded away
        self.loss_plot = LossPlot()
        self.addItem(self.loss_plot, row=2, col=0, colspan=2)
        self._grid: SurfaceGrid | None = None
        self._runs: DescentRuns | None = None
        self._race = RaceFrames(())
        self._unstable_counts: tuple | None = None  # the unstable steps drawn, and the ended runs marked
        self._ended: tuple | None = None
        self._drawn: tuple | None = None  # draw's arguments last time: a new style draws them again
        self.set_style(FigureStyle())
        self._clear_colour_bar()  # until there is a grid
        self.layout.setRowStretchFactor(0, 3)
        self.layout.setRowStretchFactor(2, 1)
        paint_once(self.image, self.contours.curve, self.colour_bar.bar, self.minima, self.saddles, self.legend_beside,
                   self.legend_below, *axes_of(self.plot), *axes_of(self.colour_bar))
        self._place_legend()
        self.geometryChanged.connect(self._place_legend)
        mark_contentless(self)  # its frames, which draw nothing, are not prepared for painting every frame

        self._loss_scale: LossScale | None = None
        self._expression: str | None = None  # whose landmarks are shown
        self._shown: tuple | None = None      # the scene's fields last drawn (with self._grid and self._runs)
        self._frame: int | None = None        # and the frame
        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(VISIBLE_RANGE_DEBOUNCE_MS)
        self._visible_timer.timeout.connect(lambda: self.visibleRangeChanged.emit(self.visible_range()))
        self.vb.sigRangeChanged.connect(lambda *_: self._visible_timer.start())
        self.vb.sigRangeChangedManually.connect(lambda *_: self.viewChanged.emit(self.framed_range()))
        self.vb.clicked.connect(self._on_click)
        self.loss_plot.frameRequested.connect(self.frameRequested)

    # --- sizes and colours ---
    def set_style(self, style: FigureStyle) -> None:
        """Draw every line, marker and text ``style.scale`` times its size on screen (2: a picture at twice
        the pixel density; more than 1: a projector), and the runs in ``style.palette``'s colours. See
        ``figures.style``."""
        self.style = style
        scale = style.scale
        style.style_layout(self)
        style.style_plot(self.plot)
        style.style_plot(self.colour_bar, sides=("left", "right", "top", "bottom"))  # its value axis and frame
        self.colour_bar.layout.setColumnFixedWidth(1, style.px(COLOUR_BAR_WIDTH))
        self.plot.layout.setColumnFixedWidth(4, style.px(COLOUR_BAR_GAP))
        # Room for the colour bar's name whether or not it has one now (a cleared bar has none).
        axis, name = self.colour_bar.axis, self.colour_bar.axis.labelText
        axis.setWidth(None)
        axis.setLabel(ABOVE_MINIMUM)
        axis.setWidth(axis.minimumWidth())
        axis.setLabel(name)
        self.loss_plot.set_style(style)
        # The loss plot names its axis in its title: its axis keeps the surface's width, so the two line up.
        self.loss_plot.getAxis("left").setWidth(self.plot.getAxis("left").minimumWidth())
        self.contours.setPen(style.pen((255, 255, 255, 150), 1))
        for item, marker in ((self.minima, MINIMUM), (self.saddles, SADDLE), (self.diverged, DIVERGED)):
            item.mark(marker.scaled(scale), item.points)
        unstable = UNSTABLE.scaled(scale)
        self.unstable.setPen(unstable.pen())
        self.unstable.setShadowPen(unstable.outline_pen())
        self.arrows.set_styles([line.scaled(scale) for line, _ in ARROW_KINDS.values()])
        self.hessian.set_style(style)
        while self.starts:  # made again at the new size by the next draw
            self.plot.removeItem(self.starts.pop())
        self._style_runs()
        for legend in (self.legend_beside, self.legend_below):
            legend.set_scale(scale)
        self._place_legend()
        self._shown = self._frame = None  # everything drawn again, at the new sizes and in the new colours
        if self._drawn is not None:
            self.draw(*self._drawn)

    # --- layout ---
    def _place_legend(self) -> None:
        """Beside the surface plot or below it, whichever leaves the aspect-locked view the larger square;
        folded away when neither leaves it ``SMALLEST_VIEW`` px (a legend over the data would hide it).

        An estimate from the figure's size alone (not the plot's, which the legend itself changes),
        so the layout is a function of the figure's size.
        """
        width, height = self.size().width(), self.size().height()
        columns = self.legend_below.columns_within(width)
        px = self.style.px
        view_height = SURFACE_ROW_SHARE * height - px(X_AXIS_HEIGHT)
        beside = min(width - self.legend_beside.strip_width(1) - px(SURFACE_SIDES), view_height)
        below = min(width - px(SURFACE_SIDES), view_height - self.legend_below.strip_height(columns))
        if max(beside, below) < px(SMALLEST_VIEW):
            self.legend = None
        else:
            self.legend = self.legend_beside if beside >= below else self.legend_below
        shape = (self.legend_beside.columns, self.legend_below.columns)
        self.legend_beside.set_columns(1 if self.legend is self.legend_beside else 0)
        self.legend_below.set_columns(columns if self.legend is self.legend_below else 0)
        if (self.legend_beside.columns, self.legend_below.columns) != shape:
            self.layout.activate()  # now, in this resize: the plot's new size is known before anything is drawn

    # --- view ---
    def visible_range(self) -> tuple[Range, Range]:
        """What the surface plot shows: the framed view, widened along one axis to the plot's shape."""
        (x0, x1), (y0, y1) = self.vb.viewRange()
        return (float(x0), float(x1)), (float(y0), float(y1))

    def report_visible_range_soon(self) -> None:
        """Emit ``visibleRangeChanged`` once changes pause (a window being laid out moves the range several times)."""
        self._visible_timer.start()

    def framed_range(self) -> tuple[Range, Range]:
        """The ranges last framed (by a scene or the person), whatever the plot's shape."""
        (x0, x1), (y0, y1) = self.vb.targetRange()
        return (float(x0), float(x1)), (float(y0), float(y1))

    # --- drawing ---
    def draw(self, scene: DescentScene, result: DescentResult | None, frame: int) -> None:
        """Show ``scene`` with what was computed for it (None: nothing yet) at ``frame``.

        (Named ``draw`` rather than ``update``: QGraphicsItem.update schedules a repaint.)
        """
        self._drawn = (scene, result, frame)
        result = result if result is not None else DescentResult(None, None)
        shown = (scene.view, scene.expression, scene.starts, scene.arrows, scene.curvature, scene.loss_axis,
                 scene.selected_run)
        if shown != self._shown or result.grid is not self._grid or result.runs is not self._runs:
            self._shown = shown
            self._draw_scene(scene, result)
        elif frame == self._frame:
            return  # nothing this figure shows has changed: touching the items would only repaint them
        self._frame = frame
        self._show_frame(scene, frame)  # while a run plays, only this: the paths, points and arrows move

    def _draw_scene(self, scene: DescentScene, result: DescentResult) -> None:
        """Everything but what moves from frame to frame."""
        if self.framed_range() != scene.view:
            self.vb.setRange(xRange=scene.view[0], yRange=scene.view[1], padding=0)
        if scene.expression != self._expression:
            self._expression = scene.expression
            surface = preset_of(scene)
            self._set_landmarks(surface.minima if surface else (), surface.saddle_points if surface else ())
        grid_changed, runs_changed = result.grid is not self._grid, result.runs is not self._runs
        if grid_changed:
            self._set_grid(result.grid)
        self._set_starts(scene.starts)
        scale = loss_plot_scale(scene, result)  # a new grid may have found a lower loss: the plot's zero
        if runs_changed or scale != self._loss_scale:
            self._set_runs(result.runs, scale)
        entries = self._legend_entries(scene)
        self.legend_beside.set_entries(entries)
        self.legend_below.set_entries(entries)

    def _set_grid(self, grid: SurfaceGrid | None) -> None:
        self._grid = grid
        if not show_surface(self.image, self.contours, grid):
            self._clear_colour_bar()
            return
        self.colour_bar.setLevels(grid.levels)
        self.colour_bar.bar.show()
        self.colour_bar.axis.set_scale(grid.colour_scale)
        self.colour_bar.axis.setLabel(grid.colour_label)

    def _clear_colour_bar(self) -> None:
        """No colours, no values, no name: a bar left from another surface would tell lies about this one."""
        self.colour_bar.bar.hide()
        self.colour_bar.axis.set_scale(None)
        self.colour_bar.axis.setLabel("")

    def _give_colour_bar_a_scale_axis(self) -> None:
        """The colour bar's axis labels the loss at its colours, not the log10 values the colour map holds."""
        bar = self.colour_bar
        axis = ScaleAxis("right")
        bar.setAxisItems({"right": axis})
        axis.unlinkFromView()  # the bar's axis spans the colour levels, set with the grid
        axis.setRange(*bar.levels())
        bar.axis = axis

    def _legend_entries(self, scene: DescentScene) -> tuple:
        """What the legend names: the overlays this scene and result draw (at some frame)."""
        traces = self._traces
        defined = [bool(np.isfinite(trace.loss).any()) for trace in traces]  # arrows and curvature need a loss
        entries = [START_ENTRY] if scene.starts else []
        if any(defined):
            entries += [(text, style) for kind, (style, text) in ARROW_KINDS.items() if getattr(scene.arrows, kind)]
        if scene.curvature and 0 <= scene.selected_run < len(traces) and defined[scene.selected_run]:
            entries.append(HESSIAN_ENTRY)
        if any(trace.unstable.any() for trace in traces):
            entries.append(UNSTABLE_ENTRY)
        if any(trace.diverged for trace in traces):
            entries.append(DIVERGED_ENTRY)
        if len(self.minima.points):
            entries.append(MINIMUM_ENTRY)
        if len(self.saddles.points):
            entries.append(SADDLE_ENTRY)
        return tuple(entries)

    def _set_landmarks(self, minima, saddles) -> None:
        for item, marker, points in ((self.minima, MINIMUM, minima), (self.saddles, SADDLE, saddles)):
            item.mark(marker.scaled(self.style.scale), points)

    def _set_starts(self, starts: tuple[tuple[float, float], ...]) -> None:
        while len(self.starts) > len(starts):
            self.plot.removeItem(self.starts.pop())
        while len(self.starts) < len(starts):
            index = len(self.starts)
            start = START.scaled(self.style.scale)
            target = pg.TargetItem(size=start.size, symbol=start.symbol, pen=start.pen(), brush=start.brush(),
                                   hoverPen=self.style.pen(start.pen().color(), 3), hoverBrush=start.brush(),
                                   movable=True)
            target.setZValue(10)
            paint_once(target)
            target.setToolTip("Start point: drag to move it and watch the paths follow")
            target.sigPositionChanged.connect(lambda t, i=index: self._on_target_moved(i, t))
            self.plot.addItem(target)
            self.starts.append(target)
        for target, (x, y) in zip(self.starts, starts):
            if (target.pos().x(), target.pos().y()) != (x, y):
                target.blockSignals(True)
                target.setPos(QPointF(x, y))
                target.blockSignals(False)

    def _on_target_moved(self, index: int, target: pg.TargetItem) -> None:
        position = target.pos()
        self.startMoved.emit(index, float(position.x()), float(position.y()))

    def _on_click(self, point: QPointF) -> None:
        scene_pos = self.vb.mapViewToScene(point)
        for target in self.starts:  # a click on a start point is not a new start
            if target.sceneBoundingRect().adjusted(-4, -4, 4, 4).contains(scene_pos):
                return
        self.startAdded.emit(float(point.x()), float(point.y()))

    # --- runs ---
    @property
    def _traces(self):
        return self._runs.traces if self._runs is not None else ()

    def _set_runs(self, runs: DescentRuns | None, scale: LossScale) -> None:
        self._runs = runs
        self._race = RaceFrames(self._traces)
        self._unstable_counts = self._ended = None
        self._loss_scale = scale
        self._style_runs()
        self.loss_plot.set_traces(self._traces, scale)

    def _style_runs(self) -> None:
        """The runs' paths and current points, at the figure's scale."""
        traces, scale = self._traces, self.style.scale
        colours = [self.style.palette.counterpart(trace.colour) for trace in traces]
        self.paths.set_runs([run_line(colour).scaled(scale) for colour in colours])
        self.current.set_styles([run_marker(colour).scaled(scale) for colour in colours])

    def _show_frame(self, scene: DescentScene, frame: int) -> None:
        self.loss_plot.show_frame(frame)
        traces, race = self._traces, self._race
        rows = race.rows(frame)
        self.paths.show([trace.path for trace in traces], race.lasts(frame).tolist())
        self.current.set_points(race.points[rows])
        self._show_unstable(race.unstable_counts(frame))
        self._show_ended(rows[race.ended(frame)])
        self._draw_arrows(scene, rows)
        selected = scene.selected_run
        trace = traces[selected] if 0 <= selected < len(traces) else None
        last = min(frame, len(trace.path) - 1) if trace is not None else 0
        if trace is not None and scene.curvature and np.isfinite(trace.loss[last]):  # none where f is undefined
            self.hessian.show(trace.path[last], trace.eigenvalues[last], trace.eigenvectors[last], self._view_width())
        else:
            self.hessian.hide()

    def _show_unstable(self, counts: tuple[int, ...]) -> None:
        """The unstable steps so far, drawn again only when there are more or fewer (seldom while a run plays)."""
        if counts != self._unstable_counts:
            self._unstable_counts = counts
            pairs = self._race.unstable_pairs(counts)
            self.unstable.setData(pairs[:, 0], pairs[:, 1])
            self.unstable.setVisible(len(pairs) > 0)  # an empty curve is still asked for its bounds every frame

    def _show_ended(self, rows: np.ndarray) -> None:
        """A mark at each diverged run's last point once it has ended."""
        ended = tuple(rows.tolist())
        if ended != self._ended:
            self._ended = ended
            self.diverged.mark(DIVERGED.scaled(self.style.scale), self._race.points[rows])

    def _view_width(self) -> float:
        (x0, x1), (y0, y1) = self.visible_range()
        return min(x1 - x0, y1 - y0)

    def _draw_arrows(self, scene: DescentScene, rows: np.ndarray) -> None:
        race = self._race
        defined = race.defined[rows]  # where the loss is undefined, so are its gradient and the step from there
        origins = race.points[rows][defined]
        vectors = {kind: race.vectors[kind][rows][defined] for kind in ARROW_KINDS}
        shown = [kind for kind in ARROW_KINDS if getattr(scene.arrows, kind)]
        lengths = np.concatenate([np.hypot(vectors[kind][:, 0], vectors[kind][:, 1]) for kind in shown] or [[]])
        lengths = lengths[np.isfinite(lengths)]
        longest = float(lengths.max()) if len(lengths) else 0.0
        width = self._view_width()
        scale = ARROW_FRACTION * width / longest if longest > 0 else 0.0
        lines = arrow_segments(origins, np.stack([scale * vectors[kind] if kind in shown else np.zeros_like(origins)
                                                  for kind in ARROW_KINDS]), 0.025 * width)
        self.arrows.set_lines(lines)
        self.arrows.setVisible(any(len(line) for line in lines))

    def arrow_lines(self) -> dict[str, tuple[np.ndarray, tuple]]:
        """Each arrow kind's line pairs as drawn (none while it is not shown), with its (outline, line) pens."""
        return {kind: (points, pens) for kind, points, pens in zip(ARROW_KINDS, self.arrows.points, self.arrows.pens)}
