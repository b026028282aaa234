"""Loss versus iteration on a log scale, one curve per run, with a draggable line at the shown frame."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from ..labs import palette

FLOOR = 1e-16  # log scale: a loss equal to the reference is drawn at this height


class LossPlot(pg.PlotItem):
    frameRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setLabel("bottom", "iteration")
        self.setLabel("left", "loss")
        self.setLogMode(x=False, y=True)
        self.getAxis("left").enableAutoSIPrefix(False)  # "(x1e+15)" on a log axis is wrong
        # No grid and 1-px curves: a translucent grid and wide antialiased curves cost ~12 ms a frame
        # (measured in benchmarks/bench_descent_fps.py), which alone would halve the frame rate.
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)  # framed by the runs; a pan would not be kept (the frame line drags)
        self.run_curves: list[pg.PlotDataItem] = []
        self.reference = 0.0
        self.frame_line = pg.InfiniteLine(0, angle=90, movable=True, pen=pg.mkPen(palette.GREY, width=1.5),
                                          hoverPen=pg.mkPen(palette.VERMILLION, width=2))
        self.frame_line.setToolTip("The shown iteration: drag to scrub (linked to the timeline)")
        self.frame_line.sigDragged.connect(lambda line: self.frameRequested.emit(int(round(line.value()))))
        self.addItem(self.frame_line, ignoreBounds=True)

    def set_traces(self, traces, reference: float) -> None:
        """One curve per run of ``loss - reference`` (the lowest loss known), floored for the log scale."""
        self.reference = reference
        while len(self.run_curves) > len(traces):
            self.removeItem(self.run_curves.pop())
        while len(self.run_curves) < len(traces):
            curve = pg.PlotDataItem()
            self.addItem(curve)
            self.run_curves.append(curve)
        shown = []
        for curve, trace in zip(self.run_curves, traces):
            finite = np.isfinite(trace.loss)
            if not np.any(finite):
                curve.setData([], [])
                continue
            heights = np.maximum(trace.loss[finite] - reference, FLOOR)
            curve.setData(np.arange(len(trace.loss))[finite], heights, pen=pg.mkPen(trace.colour, width=1))
            shown.append(heights)
        label = "loss" if reference == 0 else f"loss − ({reference:.6g})"
        self.setLabel("left", label + "  [log scale]")
        self._frame_ranges(max((len(trace.loss) for trace in traces), default=1), shown)

    def _frame_ranges(self, frames: int, heights: list[np.ndarray]) -> None:
        """The ranges the curves need, set outright: pyqtgraph's lazy auto-range depends on what was shown before."""
        self.setXRange(0, max(frames - 1, 1), padding=0.02)
        if heights:
            logs = np.log10(np.concatenate(heights))  # the view's y is log10 on a log axis
            low, high = float(logs.min()), float(logs.max())
            self.setYRange(low, high if high > low else low + 1, padding=0.05)

    def show_frame(self, frame: int) -> None:
        self.frame_line.blockSignals(True)
        self.frame_line.setValue(frame)
        self.frame_line.blockSignals(False)
