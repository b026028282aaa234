"""The loss versus iteration, one curve per run on the scene's loss scale, with a draggable line at the shown frame.

The heights are the scale's positions (the log of the loss above its minimum, or a symmetric log of
the loss), and the axis labels them with the loss values. The scale's name is the plot's title:
horizontal, it fits however short the plot is, where a rotated axis label would be cut off.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetricsF

from ..labs.descent.loss_scales import LossScale
from .axes import ScaleAxis, axes_of
from .cached_layers import paint_once
from .style import TITLE_POINTS, FigureStyle



class LossPlot(pg.PlotItem):
    frameRequested = Signal(int)

    def __init__(self, parent=None):
        self.loss_axis = ScaleAxis("left")
        super().__init__(parent, axisItems={"left": self.loss_axis})
        self.setLabel("bottom", "iteration")
        self._title = ""
        self._title_lines: list[str] = []
        self.vb.sigResized.connect(self._show_title)
        # No grid and 1-px curves: a translucent grid and wide antialiased curves cost ~12 ms a frame
        # (measured in benchmarks/bench_descent_fps.py), which alone would halve the frame rate.
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)  # framed by the runs; a pan would not be kept (the frame line drags)
        self.run_curves: list[pg.PlotDataItem] = []
        self._run_colours: list[str] = []  # each curve's run's, as the scene keeps it
        self.scale: LossScale | None = None
        self.frame_line = pg.InfiniteLine(0, angle=90, movable=True)
        self.frame_line.setToolTip("The shown iteration: drag to scrub (linked to the timeline)")
        self.frame_line.sigDragged.connect(lambda line: self.frameRequested.emit(int(round(line.value()))))
        self.addItem(self.frame_line, ignoreBounds=True)
        paint_once(*axes_of(self), self.titleLabel.item)  # only the frame line moves while a run plays
        self.set_style(FigureStyle())

    def set_style(self, style: FigureStyle) -> None:
        """Lines, axes and the title at a figure's scale."""
        self.style = style
        self.frame_line.setPen(style.pen(style.palette.grey, 1.5))
        self.frame_line.setHoverPen(style.pen("k", 2.5))
        for curve, colour in zip(self.run_curves, self._run_colours):
            curve.setPen(self._run_pen(colour))
        style.style_plot(self)
        self._title_font = style.font(TITLE_POINTS)
        style.style_text(self.titleLabel.item, TITLE_POINTS)
        self._title_lines = []  # set again at the new size
        self._show_title()

    def set_traces(self, traces, scale: LossScale) -> None:
        """One curve per run of its losses on ``scale``; the axis and title follow the scale."""
        self.scale = scale
        while len(self.run_curves) > len(traces):
            self.removeItem(self.run_curves.pop())
        while len(self.run_curves) < len(traces):
            curve = pg.PlotDataItem()
            paint_once(curve.curve)
            self.addItem(curve)
            self.run_curves.append(curve)
        shown = []
        self._run_colours = [trace.colour for trace in traces]
        for curve, trace in zip(self.run_curves, traces):
            finite = np.isfinite(trace.loss)
            if not np.any(finite):
                curve.setData([], [])
                continue
            heights = scale.positions(trace.loss[finite])
            curve.setData(np.arange(len(trace.loss))[finite], heights, pen=self._run_pen(trace.colour))
            shown.append(heights)
        self._title = scale.label
        self._show_title()
        self.loss_axis.set_scale(scale if shown else None)  # no curve: no values to read off
        self._frame_ranges(max((len(trace.loss) for trace in traces), default=1), shown)

    def _run_pen(self, colour: str):
        return self.style.pen(self.style.palette.counterpart(colour), 1)

    def _show_title(self, *_args) -> None:
        """The scale's name over the plot, wrapped onto as many lines as the plot's width needs: never cut off."""
        metrics = QFontMetricsF(self._title_font)
        lines = wrapped(self._title, metrics.horizontalAdvance, self.vb.width()) or [" "]
        if lines == self._title_lines:
            return
        self._title_lines = lines
        self.style.style_title(self, "<br>".join(html.escape(line) for line in lines), TITLE_POINTS, justify="left")
        self.titleLabel.setMinimumWidth(0)  # the lines follow the plot's width, not the other way round

    def _frame_ranges(self, frames: int, heights: list[np.ndarray]) -> None:
        """The ranges the curves need, set outright: pyqtgraph's lazy auto-range depends on what was shown before."""
        self.setXRange(0, max(frames - 1, 1), padding=0.02)
        if heights:
            every = np.concatenate(heights)
            low, high = float(every.min()), float(every.max())
            self.setYRange(low, high if high > low else low + 1, padding=0.05)

    def show_frame(self, frame: int) -> None:
        self.frame_line.blockSignals(True)
        self.frame_line.setValue(frame)
        self.frame_line.blockSignals(False)


def wrapped(text: str, width_of, width: float) -> list[str]:
    """``text``'s words in lines no wider than ``width`` (by ``width_of``), a word too long for one on its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines
