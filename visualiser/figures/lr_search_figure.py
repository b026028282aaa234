"""The learning-rate lab's figure: the search on the loss surface, its bracket, its probes' losses, the sweep,
and (when asked for) the rate x momentum heatmap.

Frame k shows the search after k probes: every probe so far drawn faintly on the surface and in
the loss plot, the k-th bright (blue if it stayed stable, vermillion if it diverged), its bracket
in orange among the rows of earlier brackets, and its rate marked on the sweep. A heatmap cell's
run is drawn in black over them.

Items are built without sizes: :meth:`LrSearchFigure.set_style` gives every pen, marker, title, label and
axis its size at the figure's scale, and its colour in the figure's palette (see ``figures.style``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal

from ..engine.lr_search import Probe
from ..labs.lr_search.compute import LrSearchRun, line_iterate, line_searches_at, shown_probe
from ..labs.lr_search.scene import LrSearchScene
from .contentless import mark_contentless
from .decade_axis import DecadeAxis
from .spaced_axis import SpacedAxis, spaced_axes
from .descent_figure import ClickableViewBox, show_surface
from .lr_search_plots import FLOOR, BracketPlot, HeatmapPlot, LineSearchPlot, SweepPlot, probe_colour
from .style import TITLE_POINTS, FigureStyle

FAINT_LINE = ((85, 85, 85, 90), 1)  # FigureStyle.pen's colour, width at scale 1 (and style)
CELL_LINE = ("k", 2.5, Qt.PenStyle.DashLine)
PROBE_WIDTH = 2.5  # the shown probe's path and loss
OFF_VIEW = 4.0  # a diverging path is cut where it leaves the view by this many view widths
EXTRA_MAXIMUM_WIDTH = 100_000.0  # px: no limit


def clipped_path(path: np.ndarray, view) -> np.ndarray:
    """The path up to where it runs far off the view (a diverging run reaches 1e150, which Qt cannot draw)."""
    (x0, x1), (y0, y1) = view
    margin_x, margin_y = OFF_VIEW * (x1 - x0), OFF_VIEW * (y1 - y0)
    inside = ((path[:, 0] > x0 - margin_x) & (path[:, 0] < x1 + margin_x)
              & (path[:, 1] > y0 - margin_y) & (path[:, 1] < y1 + margin_y))
    end = int(np.argmin(inside)) if not inside.all() else len(path)
    return path[: max(end, 1)]


def joined(pieces: list[np.ndarray]) -> np.ndarray:
    """Paths or curves as one NaN-separated array (one item draws them all, with ``connect="finite"``)."""
    if not pieces:
        return np.zeros((0, 2))
    gap = np.full((1, 2), np.nan)
    return np.concatenate([part for piece in pieces for part in (piece, gap)])


class LrSearchFigure(pg.GraphicsLayout):
    """Draws an :class:`LrSearchScene` and its :class:`LrSearchRun` at a frame, in a window or offscreen.

    ``cellClicked`` (row, column) reports a click on a heatmap cell, ``startChosen`` (x, y) a click on
    the surface.
    """

    cellClicked = Signal(int, int)
    startChosen = Signal(float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.surface_box = ClickableViewBox()
        self.surface = self.addPlot(row=0, col=0, viewBox=self.surface_box, axisItems=spaced_axes())
        self.surface_box.clicked.connect(lambda point: self.startChosen.emit(float(point.x()), float(point.y())))
        self.surface.setMenuEnabled(False)
        self.surface.vb.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
        self.contours = pg.PlotDataItem(connect="finite")
        self.faint_paths = pg.PlotDataItem(connect="finite")
        self.current_path = pg.PlotDataItem()
        self.cell_path = pg.PlotDataItem()
        self.start = pg.ScatterPlotItem(symbol="o", brush=pg.mkBrush("k"))
        self.line_point = pg.ScatterPlotItem(symbol="d")  # where the slice is taken
        for item in (self.image, self.contours, self.faint_paths, self.current_path, self.cell_path, self.start,
                     self.line_point):
            self.surface.addItem(item)

        self.bracket = BracketPlot()
        self.addItem(self.bracket, row=0, col=1)
        self.losses = self.addPlot(row=1, col=0, axisItems={"left": DecadeAxis("left"), "bottom": SpacedAxis("bottom")})
        self.losses.setLogMode(y=True)
        self.losses.setLabel("bottom", "step")
        self.losses.setLabel("left", "loss − lowest [log]")
        self.losses.setMenuEnabled(False)
        self.losses.setMouseEnabled(x=False, y=False)
        self.faint_losses = pg.PlotDataItem(connect="finite")
        self.current_loss = pg.PlotDataItem()
        self.cell_loss = pg.PlotDataItem()
        for item in (self.faint_losses, self.current_loss, self.cell_loss):
            self.losses.addItem(item)
        # Qt strokes a wide path as one outline, which for a zig-zag of a few hundred long, crossing segments
        # took 6 s a frame (a probe at the threshold); drawn as separate segments it takes milliseconds.
        for item in (self.current_path, self.cell_path, self.current_loss, self.cell_loss):
            item.curve.setSegmentedLineMode("on")
        self.sweep = SweepPlot()
        self.addItem(self.sweep, row=1, col=1)
        self.heatmap = HeatmapPlot()
        self.heatmap.cellClicked.connect(self.cellClicked)
        self.line_search = LineSearchPlot()
        # Always in the layout, so that the figure owns them: a plot never added is held by Python alone, and
        # the garbage collector destroying it crashed (or hung) the app while it computed.
        self.addItem(self.heatmap, row=0, col=2)
        self.addItem(self.line_search, row=1, col=2)
        self._extras: dict[str, bool] = {}  # the third column's plots: shown or folded away
        self._show_extra(self.heatmap, "heatmap", False)
        self._show_extra(self.line_search, "line_search", False)
        self.layout.setRowStretchFactor(0, 3)
        self.layout.setRowStretchFactor(1, 2)
        for column in (0, 1, 2):  # the room beyond their least widths shared alike (the third's while it shows)
            self.layout.setColumnStretchFactor(column, 1)
        self._run: LrSearchRun | None = None
        self._shown: tuple | None = None
        self._cell = (np.zeros((0, 2)), np.zeros((0, 2)))
        self._current_diverged = False  # the shown probe's colour
        self._drawn: tuple | None = None  # draw's arguments last time: a new style draws them again
        self.set_style(FigureStyle())
        mark_contentless(self)  # its frames, which draw nothing, are not prepared for painting every frame

    # --- sizes and colours ---
    def set_style(self, style: FigureStyle) -> None:
        """Draw every line, marker and text ``style.scale`` times its size on screen (2: a picture at twice
        the pixel density; more than 1: a projector), in ``style.palette``'s colours."""
        self.style = style
        style.style_layout(self)
        for plot, title in ((self.surface, "Each probe's path"), (self.losses, "Each probe's loss")):
            style.style_title(plot, title, TITLE_POINTS)
            style.style_plot(plot)
        for plot in (self.bracket, self.sweep, self.heatmap, self.line_search):
            plot.set_style(style)
        self.contours.setPen(style.pen((255, 255, 255, 140), 1))
        for item in (self.faint_paths, self.faint_losses):
            item.setPen(style.pen(*FAINT_LINE))
        for item in (self.cell_path, self.cell_loss):
            item.setPen(style.pen(*CELL_LINE))
        self._probe_pens = {diverged: style.pen(probe_colour(diverged, style.palette), PROBE_WIDTH)
                            for diverged in (False, True)}
        self._colour_current(self._current_diverged)  # at once: presentation mode sets the scale between frames
        self.start.setSize(style.px(12))
        self.start.setPen(style.pen("w", 2))
        self.line_point.setSize(style.px(12))
        self.line_point.setBrush(pg.mkBrush(style.palette.green))
        self.line_point.setPen(style.pen("k", 1))
        self._shown = None
        if self._drawn is not None:  # what it shows, in the new colours
            self.draw(*self._drawn)

    # --- drawing ---
    def draw(self, scene: LrSearchScene, run: LrSearchRun | None, frame: int) -> None:
        """Show ``scene`` with what was computed for it (None: nothing yet) at ``frame``."""
        self._drawn = (scene, run, frame)
        shown = (scene.view, scene.start, scene.show_heatmap, scene.cell, scene.line_search, scene.line_step, frame)
        if shown == self._shown and run is self._run:
            return
        self._shown = shown
        self._show_extra(self.heatmap, "heatmap", scene.show_heatmap)
        self._show_extra(self.line_search, "line_search", scene.line_search)
        if self.surface.vb.targetRange() != [list(scene.view[0]), list(scene.view[1])]:
            self.surface.vb.setRange(xRange=scene.view[0], yRange=scene.view[1], padding=0)
        self.start.setData([scene.start[0]], [scene.start[1]])
        if run is not self._run:
            self._run = run
            self._set_grid(run)
        search = run.search if run is not None else None
        self.bracket.show_search(search, frame)
        self.sweep.show_sweep(run.sweep if run is not None else None, search, frame,
                             run.range_test if run is not None else None)
        self._show_probes(scene, run, frame)
        self.heatmap.show_heatmap(run.heatmap if run is not None else None, run.polyak if run is not None else None,
                                  scene.cell)
        self._show_line_search(scene, run, frame)

    def _show_line_search(self, scene: LrSearchScene, run: LrSearchRun | None, frame: int) -> None:
        """The slice along −∇f at the iterate x_k the frame shows (see ``LrSearchScene.line_search``), marked on
        the surface; for plain gradient descent, the shown probe's own step from there, t = its lr."""
        if not scene.line_search or run is None:
            self.line_point.setData([], [])
            if scene.line_search:
                self.line_search.show_line(None, scene.line_step)
            return
        step, point, stepped_on = line_iterate(run, frame, scene.line_step)
        self.line_point.setData([point[0]], [point[1]])
        probe = shown_probe(run, frame)
        along_gradient = scene.optimizer == "gd" and scene.hyperparameters.get("weight_decay") == 0
        self.line_search.show_line(line_searches_at(run, point), step,
                                   probe.lr if stepped_on and along_gradient else None)

    def _show_extra(self, plot: pg.PlotItem, name: str, shown: bool) -> None:
        """Show a plot of the third column, or fold it to no width (a hidden item still takes its room)."""
        if shown == self._extras.get(name):
            return
        self._extras[name] = shown
        plot.setVisible(shown)
        plot.setMaximumWidth(EXTRA_MAXIMUM_WIDTH if shown else 0)
        plot.setMinimumWidth(0)
        if shown:
            # pyqtgraph sizes a hidden axis 0 wide, and with the fixed room for tick labels that FigureStyle
            # gives it, it is never sized again by itself: size its axes now that they show.
            for side in ("left", "bottom"):
                plot.getAxis(side).setStyle()

    def _set_grid(self, run: LrSearchRun | None) -> None:
        show_surface(self.image, self.contours, run.grid if run is not None else None)

    def _show_probes(self, scene: LrSearchScene, run: LrSearchRun | None, frame: int) -> None:
        if run is None:
            for item in (self.faint_paths, self.current_path, self.cell_path, self.faint_losses, self.current_loss,
                         self.cell_loss):
                item.setData([], [])
            return
        probes = [run.search.probes[step.probe] for step in run.search.steps[:frame]]
        reference = min((float(np.min(p.loss)) for p in run.search.probes if len(p.loss)), default=0.0)
        earlier, current = probes[:-1], probes[-1] if probes else None
        paths = joined([clipped_path(p.path, scene.view) for p in earlier])
        self.faint_paths.setData(paths[:, 0], paths[:, 1])
        curves = joined([self._loss_curve(p, reference) for p in earlier])
        self.faint_losses.setData(curves[:, 0], curves[:, 1])
        for path_item, loss_item, probe, coloured in ((self.current_path, self.current_loss, current, True),
                                                      (self.cell_path, self.cell_loss, run.cell, False)):
            if probe is None:
                path_item.setData([], [])
                loss_item.setData([], [])
                continue
            path = clipped_path(probe.path, scene.view)
            curve = self._loss_curve(probe, reference)
            if probe is run.cell:
                self._cell = (path, curve)
            if coloured and probe.diverged != self._current_diverged:
                self._colour_current(probe.diverged)
            path_item.setData(path[:, 0], path[:, 1])
            loss_item.setData(curve[:, 0], curve[:, 1])
        self.losses.setXRange(0, scene.max_steps, padding=0.02)

    def _colour_current(self, diverged: bool) -> None:
        self._current_diverged = diverged
        for item in (self.current_path, self.current_loss):
            item.setPen(self._probe_pens[diverged])

    def show_cell_progress(self, count: int) -> None:
        """The heatmap cell's run drawn up to its ``count``-th point: its animation, one call a frame."""
        if self._run is None or self._run.cell is None:
            return
        path, curve = self._cell
        self.cell_path.setData(path[:count, 0], path[:count, 1])
        shown = curve[curve[:, 0] < count]
        self.cell_loss.setData(shown[:, 0], shown[:, 1])

    @staticmethod
    def _loss_curve(probe: Probe, reference: float) -> np.ndarray:
        with np.errstate(all="ignore"):
            heights = np.maximum(probe.loss - reference, FLOOR)
        keep = np.isfinite(heights) & (heights < 1e200)
        return np.column_stack([np.arange(len(heights))[keep], heights[keep]])
