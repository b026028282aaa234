"""The loss surface (heatmap, contours, colour bar, minima), start points, paths, arrows and overlays.

Every item is built once; a new grid or run history only calls ``setImage`` / ``setData``, and
``show_frame`` only moves data, so scrubbing and playing stay cheap.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal

from .. import palette
from .hessian_overlay import HessianOverlay
from .jobs import RunTrace, SurfaceGrid
from .loss_plot import LossPlot

COLOUR_MAP = "viridis"  # perceptually uniform
VIEW_DEBOUNCE_MS = 150
ARROW_FRACTION = 0.12   # the longest arrow on screen is this fraction of the view's width
ARROW_KINDS = {  # kind -> (pen, legend text)
    "gradient": (pg.mkPen("k", width=2), "−gradient"),
    "momentum": (pg.mkPen(palette.PURPLE, width=2, style=Qt.PenStyle.DashLine), "momentum buffer"),
    "step": (pg.mkPen(palette.VERMILLION, width=2.5), "actual step"),
}
UNSTABLE_PEN = pg.mkPen("#E8000B", width=6)


def arrow_segments(origins: np.ndarray, vectors: np.ndarray, head: float) -> np.ndarray:
    """Line pairs (for ``connect="pairs"``) drawing an arrow from each origin along its vector."""
    origins = np.asarray(origins, dtype=np.float64).reshape(-1, 2)
    vectors = np.asarray(vectors, dtype=np.float64).reshape(-1, 2)
    lengths = np.hypot(vectors[:, 0], vectors[:, 1])
    keep = np.isfinite(lengths) & (lengths > 0)
    origins, vectors, lengths = origins[keep], vectors[keep], lengths[keep]
    if not len(origins):
        return np.zeros((0, 2))
    tips = origins + vectors
    unit = vectors / lengths[:, None]
    size = np.minimum(head, 0.4 * lengths)[:, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    left = tips - size * unit + 0.5 * size * normal
    right = tips - size * unit - 0.5 * size * normal
    return np.stack([origins, tips, tips, left, tips, right], axis=1).reshape(-1, 2)


class DescentPlots(pg.GraphicsLayoutWidget):
    """Surface plot (row 0, with its colour bar) above the loss-versus-iteration plot (row 1)."""

    startAdded = Signal(float, float)
    startMoved = Signal(int, float, float)  # start index, new position (live, while dragging)
    viewChanged = Signal(tuple, tuple)      # x range, y range, after panning/zooming pauses
    frameRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = self.addPlot(row=0, col=0)
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", "y")
        self.plot.setMenuEnabled(False)
        self.vb = self.plot.vb
        self.vb.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(colorMap=pg.colormap.get(COLOUR_MAP), interactive=False)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        self.contours = pg.PlotDataItem(connect="finite", pen=pg.mkPen((255, 255, 255, 150), width=1))
        self.contours.setZValue(-5)
        self.plot.addItem(self.contours)
        self.minima = pg.ScatterPlotItem(symbol="star", size=18, pen=pg.mkPen("k"), brush=pg.mkBrush("w"))
        self.minima.setToolTip("Known minimum of this preset")
        self.saddles = pg.ScatterPlotItem(symbol="d", size=12, pen=pg.mkPen("k"), brush=pg.mkBrush(palette.ORANGE))
        self.saddles.setToolTip("Saddle point (a flat spot that is not a minimum)")
        self.unstable = pg.PlotDataItem(connect="pairs", pen=UNSTABLE_PEN)
        self.unstable.setToolTip("Here the learning rate was above 2/λ_max: the step was locally unstable")
        self.unstable.setZValue(1)
        self.arrows = {kind: pg.PlotDataItem(connect="pairs", pen=pen) for kind, (pen, _) in ARROW_KINDS.items()}
        self.current = pg.ScatterPlotItem(size=11, pen=pg.mkPen("w", width=1.5))
        self.current.setZValue(5)
        self.diverged = pg.ScatterPlotItem(symbol="x", size=22, pen=pg.mkPen("#E8000B", width=2),
                                           brush=pg.mkBrush("#E8000B"))
        self.diverged.setToolTip("This run diverged here (its last finite point)")
        self.diverged.setZValue(6)
        self.hessian = HessianOverlay(self.plot)
        for item in (self.minima, self.saddles, self.unstable, *self.arrows.values(), self.current, self.diverged):
            self.plot.addItem(item)
        # Small and see-through: at the top left it lies over the high walls, not the valley the paths follow.
        self.legend = self.plot.addLegend(offset=(6, 6), labelTextColor="k", labelTextSize="8pt", verSpacing=-6,
                                          brush=pg.mkBrush(255, 255, 255, 150), pen=pg.mkPen(0, 0, 0, 60))
        for kind, (pen, text) in ARROW_KINDS.items():
            self.legend.addItem(self.arrows[kind], text)
        self.legend.addItem(self.unstable, "lr > 2/λ_max (unstable)")
        self.paths: list[pg.PlotDataItem] = []
        self.starts: list[pg.TargetItem] = []
        self.loss_plot = LossPlot()
        self.addItem(self.loss_plot, row=1, col=0)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 1)
        self.loss_plot.frameRequested.connect(self.frameRequested)

        self.traces: tuple[RunTrace, ...] = ()
        self.selected = 0
        self.frame = 0
        self.show_arrows = {kind: True for kind in ARROW_KINDS}
        self.show_curvature = True
        self._view_timer = QTimer(self)
        self._view_timer.setSingleShot(True)
        self._view_timer.setInterval(VIEW_DEBOUNCE_MS)
        self._view_timer.timeout.connect(self._emit_view)
        self.vb.sigRangeChanged.connect(lambda *_: self._view_timer.start())
        self.scene().sigMouseClicked.connect(self._on_click)

    # --- view ---
    def set_view(self, x_range, y_range) -> None:
        self.vb.setRange(xRange=x_range, yRange=y_range, padding=0)

    def view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        (x0, x1), (y0, y1) = self.vb.viewRange()
        return (float(x0), float(x1)), (float(y0), float(y1))

    def framed_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The ranges last framed by ``set_view`` or the user; the view shows more along one axis when its
        shape differs (x and y keep one scale), so these, not ``view_range``, reproduce it in another window."""
        (x0, x1), (y0, y1) = self.vb.targetRange()
        return (float(x0), float(x1)), (float(y0), float(y1))

    def _emit_view(self) -> None:
        self.viewChanged.emit(*self.view_range())

    # --- surface ---
    def set_grid(self, grid: SurfaceGrid) -> None:
        self.image.setImage(grid.image, levels=grid.levels, autoLevels=False)
        (x0, x1), (y0, y1) = grid.x_range, grid.y_range
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.colour_bar.setLevels(grid.levels)
        self.colour_bar.axis.setLabel(grid.colour_label)
        self.contours.setData(grid.contour_x, grid.contour_y)

    def clear_grid(self) -> None:
        """No surface (the function is undefined all over the view): an empty plot, not a stale one."""
        self.image.clear()
        self.contours.setData([], [])

    def set_landmarks(self, minima, saddles) -> None:
        self.minima.setData(pos=np.array(minima, dtype=np.float64).reshape(-1, 2))
        self.saddles.setData(pos=np.array(saddles, dtype=np.float64).reshape(-1, 2))

    # --- start points ---
    def set_starts(self, starts: list[tuple[float, float]]) -> None:
        while len(self.starts) > len(starts):
            self.plot.removeItem(self.starts.pop())
        while len(self.starts) < len(starts):
            index = len(self.starts)
            target = pg.TargetItem(size=16, pen=pg.mkPen("w", width=2), hoverPen=pg.mkPen(palette.YELLOW, width=3),
                                   movable=True)
            target.setZValue(10)
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

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        scene_pos = event.scenePos()
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return
        for target in self.starts:  # a click on a start point is not a new start
            if target.sceneBoundingRect().adjusted(-4, -4, 4, 4).contains(scene_pos):
                return
        point = self.vb.mapSceneToView(scene_pos)
        event.accept()
        self.startAdded.emit(float(point.x()), float(point.y()))

    # --- runs ---
    def set_traces(self, traces: tuple[RunTrace, ...], selected: int, reference: float) -> None:
        self.traces = traces
        self.selected = selected
        while len(self.paths) > len(traces):
            self.plot.removeItem(self.paths.pop())
        while len(self.paths) < len(traces):
            path = pg.PlotDataItem()
            path.setZValue(2)
            self.plot.addItem(path)
            self.paths.append(path)
        for path, trace in zip(self.paths, traces):
            path.setPen(pg.mkPen(trace.spec.colour, width=2.5))
        self.loss_plot.set_traces(traces, reference)  # the lab then shows the frame

    def show_frame(self, frame: int) -> None:
        self.frame = frame
        self.loss_plot.show_frame(frame)
        traces = self.traces
        points, unstable, ends = [], [], []
        for path_item, trace in zip(self.paths, traces):
            last = min(frame, len(trace.path) - 1)
            path_item.setData(trace.path[: last + 1, 0], trace.path[: last + 1, 1])
            points.append(trace.path[last])
            segments = np.flatnonzero(trace.unstable[:last])  # the step from point i to i + 1
            if len(segments):
                unstable.append(np.stack([trace.path[segments], trace.path[segments + 1]], axis=1).reshape(-1, 2))
            if trace.diverged and frame >= len(trace.path) - 1:
                ends.append(trace.path[-1])
        self.current.setData(pos=np.array(points).reshape(-1, 2),
                             brush=[pg.mkBrush(trace.spec.colour) for trace in traces])
        pairs = np.concatenate(unstable) if unstable else np.zeros((0, 2))
        self.unstable.setData(pairs[:, 0], pairs[:, 1])
        self.diverged.setData(pos=np.array(ends).reshape(-1, 2))
        self._draw_arrows(frame)
        trace = traces[self.selected] if 0 <= self.selected < len(traces) else None
        if trace is not None and self.show_curvature:
            last = min(frame, len(trace.path) - 1)
            self.hessian.show(trace.path[last], trace.eigenvalues[last], trace.eigenvectors[last], self._view_width())
        else:
            self.hessian.hide()

    def _view_width(self) -> float:
        (x0, x1), (y0, y1) = self.view_range()
        return min(x1 - x0, y1 - y0)

    def _draw_arrows(self, frame: int) -> None:
        origins, vectors = {kind: [] for kind in ARROW_KINDS}, {kind: [] for kind in ARROW_KINDS}
        for trace in self.traces:
            last = min(frame, len(trace.path) - 1)
            lr = trace.lr if np.isfinite(trace.lr) else 1.0
            origin = trace.path[last]
            # In step units, from the shown point: what the gradient alone and the momentum alone
            # would move it by, and the step taken (zero at a run's last point).
            for kind, vector in (("gradient", -lr * trace.gradient[last]), ("momentum", -lr * trace.momentum[last]),
                                 ("step", trace.step[last])):
                origins[kind].append(origin)
                vectors[kind].append(vector)
        shown = [kind for kind in ARROW_KINDS if self.show_arrows[kind]]
        lengths = np.array([np.hypot(*vector) for kind in shown for vector in vectors[kind]])
        lengths = lengths[np.isfinite(lengths)]
        longest = float(lengths.max()) if len(lengths) else 0.0
        width = self._view_width()
        scale = ARROW_FRACTION * width / longest if np.isfinite(longest) and longest > 0 else 0.0
        for kind, item in self.arrows.items():
            if kind not in shown or scale == 0.0:
                item.setData([], [])
                continue
            pairs = arrow_segments(np.array(origins[kind]), scale * np.array(vectors[kind]), 0.025 * width)
            item.setData(pairs[:, 0], pairs[:, 1])
