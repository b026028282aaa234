"""Scene -> everything the descent lab draws: the surface grid over a view, and the runs.

The app computes the two halves in separate worker threads (panning re-grids without re-running
the optimizers); a headless render or a test calls :func:`compute_scene` for both at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..rejection import Rejected
from .presets import preset_of
from .runs import DescentRuns, compute_runs
from .scene import DescentScene
from .surface import GRID_SIZE, Range, SurfaceGrid, compute_surface


@dataclass(frozen=True)
class DescentResult:
    grid: SurfaceGrid | None   # None: not computed yet, or undefined everywhere in the view
    runs: DescentRuns | None   # None: not computed yet

    @property
    def frame_count(self) -> int:
        return self.runs.frame_count if self.runs is not None else 1

    @property
    def traces(self):
        return self.runs.traces if self.runs is not None else ()


def compute_scene(scene: DescentScene, x_range: Range, y_range: Range,
                  size: int = GRID_SIZE) -> DescentResult | Rejected:
    """The grid over ``x_range`` x ``y_range`` and the scene's runs; a refused expression as :class:`Rejected`.

    A view where the loss is undefined everywhere gives no grid (and still the runs).
    """
    runs = compute_runs(scene)
    if isinstance(runs, Rejected):
        return runs
    grid = compute_surface(scene, x_range, y_range, size)
    return DescentResult(grid if isinstance(grid, SurfaceGrid) else None, runs)


def loss_reference(scene: DescentScene, result: DescentResult) -> float:
    """The lowest loss known (on the runs, the grid, or the preset's known minimum): the loss plot's zero."""
    candidates = [float(np.nanmin(trace.loss)) for trace in result.traces if np.any(np.isfinite(trace.loss))]
    if result.grid is not None:
        candidates.append(result.grid.minimum)
    surface = preset_of(scene)
    if surface is not None and math.isfinite(surface.minimum_value):
        candidates.append(surface.minimum_value)
    return min(candidates) if candidates else 0.0
