"""The runs' paths up to the shown frame, drawn so that playing a race costs little.

Stroking seven outlined paths of hundreds of points was the largest part of a frame (profiled with
benchmarks/bench_descent_fps.py), although each frame adds one step to each. So every path is
cut in two: its settled part, whole chunks of ``CHUNK`` steps, and the steps since. The settled
parts of all runs are one item, painted once and kept (``cached_layers``) until a run's settled
part grows; the recent steps of all runs are another, stroked every frame in a single call. In
each, every outline lies below every core, so the cut does not show.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .cached_layers import paint_once
from .descent_style import LineStyle
from .outlined_lines import OutlinedLines

CHUNK = 32  # steps: the settled parts are repainted once every this many frames


class RunPaths:
    """Every run's path in ``plot``: the settled parts (kept) and the recent steps (drawn each frame)."""

    def __init__(self, plot: pg.PlotItem, z: float):
        self.settled, self.recent = OutlinedLines(), OutlinedLines()
        paint_once(self.settled)
        for item, height in ((self.settled, z), (self.recent, z + 0.5)):
            item.setZValue(height)
            plot.addItem(item)
        self.styles: list[LineStyle] = []
        self._settled_ends: list[int] | None = None
        self._paths: list[np.ndarray] = []

    def set_runs(self, styles: list[LineStyle]) -> None:
        self.styles = styles
        for item in (self.settled, self.recent):
            item.set_styles(styles)
        self._settled_ends = None  # new runs: the settled parts are drawn afresh

    def show(self, paths: list[np.ndarray], lasts: list[int]) -> None:
        """Each path (n, 2) from its start to its point ``last``."""
        settled_ends = [last - last % CHUNK for last in lasts]
        if settled_ends != self._settled_ends or any(a is not b for a, b in zip(paths, self._paths)):
            self.settled.set_lines([path[: end + 1] for path, end in zip(paths, settled_ends)])
            self._settled_ends = settled_ends
        self.recent.set_lines([path[end: last + 1] for path, end, last in zip(paths, settled_ends, lasts)])
        self._paths = list(paths)

    def shown(self, index: int) -> np.ndarray:
        """The points drawn of run ``index``'s path: its settled part and its recent steps, joined."""
        return np.concatenate([self.settled.points[index], self.recent.points[index][1:]])

    def __len__(self) -> int:
        return len(self.styles)
