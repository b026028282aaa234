"""Scene -> everything the descent lab draws: the surface grid over a view, and the runs.

The app computes the two halves in separate worker threads (panning re-grids without re-running
the optimizers); a headless render or a test calls :func:`compute_scene` for both at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..rejection import Rejected
from .loss_scales import ABOVE_MINIMUM, LOSS_LOG, LOSS_SYMMETRIC_LOG, LogScale, LossScale, SymmetricLogScale
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


LOSS_FLOOR = 1e-16  # on a log scale a loss at the reference is drawn this far above it
NO_MINIMUM = "loss, symmetric log scale (no minimum: it falls without bound)"


def unbounded_below(scene: DescentScene, result: DescentResult) -> bool:
    """Whether the loss has no minimum to measure from: the preset says so, or a run fell without bound.

    A run fell without bound when it diverged at a negative loss below its start and below every
    loss the other runs and the grid reached.
    """
    surface = preset_of(scene)
    if surface is not None and surface.minimum_value == -math.inf:
        return True
    bounded = [float(np.nanmin(trace.loss)) for trace in result.traces
               if not trace.diverged and np.any(np.isfinite(trace.loss))]
    if result.grid is not None:
        bounded.append(result.grid.minimum)
    lowest_bounded = min(bounded, default=math.inf)
    for trace in result.traces:
        finite = trace.loss[np.isfinite(trace.loss)]
        if trace.diverged and len(finite) > 1 and finite[-1] < min(0.0, finite[0], lowest_bounded):
            return True
    return False


def loss_plot_scale(scene: DescentScene, result: DescentResult) -> LossScale:
    """The loss plot's scale for the scene's ``loss_axis`` and what was computed.

    "above_minimum": the loss above the lowest loss known, in decades, unless the loss has no
    minimum (then the loss itself, as below, and the axis's name says why). "loss": the loss
    itself, on a log scale while it stays positive, else on a symmetric log scale whose linear
    part is a tenth of the smallest starting loss, so the first steps read in decades.
    """
    unbounded = unbounded_below(scene, result)
    if scene.loss_axis == "above_minimum" and not unbounded:
        return LogScale(ABOVE_MINIMUM, loss_reference(scene, result), LOSS_FLOOR)
    finite = [trace.loss[np.isfinite(trace.loss)] for trace in result.traces]
    finite = [loss for loss in finite if len(loss)]
    if not finite or min(float(loss.min()) for loss in finite) >= 0:
        return LogScale(LOSS_LOG, 0.0, LOSS_FLOOR)
    starts = [abs(float(loss[0])) for loss in finite if loss[0] != 0]
    threshold = 10.0 ** (math.floor(math.log10(min(starts))) - 1) if starts else 1.0
    return SymmetricLogScale(NO_MINIMUM if unbounded else LOSS_SYMMETRIC_LOG, threshold)
