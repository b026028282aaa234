"""Scene -> the loss on a grid over a view: what the heatmap, its colour bar and the contours show."""

from __future__ import annotations

import time
from dataclasses import dataclass

import contourpy
import numpy as np

from ...engine import ExpressionError
from ..compiled_cache import COMPILED
from ..rejection import Rejected
from .loss_scales import ABOVE_MINIMUM, LinearScale, LogScale, LossScale
from .scene import DescentScene

GRID_SIZE = 512
CONTOUR_LEVELS = 14
LOG_EPS = 1e-3  # log10(loss - min + LOG_EPS): a flat minimum still gets a finite colour

Range = tuple[float, float]


@dataclass(frozen=True)
class SurfaceGrid:
    """The loss on a grid and what the heatmap shows: ``image`` is ``values`` or its log."""

    scene: DescentScene          # the scene it was computed from
    x_range: Range
    y_range: Range
    values: np.ndarray           # (rows = y, columns = x), NaN where undefined
    image: np.ndarray            # float32, what the colour map shows
    levels: tuple[float, float]  # colour-map limits of ``image``
    log_scale: bool
    minimum: float               # the smallest finite loss on the grid
    contour_x: np.ndarray        # all contour lines, NaN-separated, for one connect="finite" item
    contour_y: np.ndarray
    seconds: float               # time spent computing (for the status bar and the benchmark)

    @property
    def colour_scale(self) -> LossScale:
        return colour_scale(self.log_scale, self.minimum)

    @property
    def colour_label(self) -> str:
        return self.colour_scale.label

    def loss_to_image(self, loss: np.ndarray) -> np.ndarray:
        """Losses on the colour map's scale (their log when the map is logarithmic)."""
        return self.colour_scale.positions(loss)


def colour_scale(log_scale: bool, minimum: float) -> LossScale:
    """What the colour map's values are: the loss above the grid's minimum in decades, or the loss."""
    return LogScale(ABOVE_MINIMUM, minimum, LOG_EPS) if log_scale else LinearScale()


def compute_surface(scene: DescentScene, x_range: Range, y_range: Range,
                    size: int = GRID_SIZE) -> SurfaceGrid | Rejected:
    """The scene's loss on a ``size`` x ``size`` grid over the ranges a figure shows."""
    try:
        compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    return surface_grid(scene, compiled, x_range, y_range, size)


def surface_grid(scene: DescentScene, compiled, x_range: Range, y_range: Range, size: int = GRID_SIZE,
                 levels: int = CONTOUR_LEVELS) -> SurfaceGrid | Rejected:
    started = time.perf_counter()
    xs = np.linspace(*x_range, size)
    ys = np.linspace(*y_range, size)
    values = compiled.value(*np.meshgrid(xs, ys), params=scene.parameter_values())  # (size, size) even for a constant
    values[~np.isfinite(values)] = np.nan
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Rejected("surface", "the loss is undefined everywhere in this view")
    minimum = float(finite.min())
    image = colour_scale(scene.log_scale, minimum).positions(values)
    shown = image[np.isfinite(image)]
    # Robust limits: a few huge walls (Goldstein-Price) must not wash out the rest of the map.
    low, high = (float(v) for v in np.percentile(shown, (0.0, 99.5)))
    if not high > low:
        high = low + 1.0
    contour_x, contour_y = _contours(xs, ys, image, np.linspace(low, high, levels + 2)[1:-1])
    return SurfaceGrid(scene, tuple(map(float, x_range)), tuple(map(float, y_range)), values,
                       image.astype(np.float32), (low, high), scene.log_scale, minimum, contour_x, contour_y,
                       time.perf_counter() - started)


def _contours(xs, ys, image, levels) -> tuple[np.ndarray, np.ndarray]:
    generator = contourpy.contour_generator(xs, ys, np.ma.masked_invalid(image), line_type="ChunkCombinedNan")
    pieces = []
    for level in levels:
        for chunk in generator.lines(float(level))[0]:
            if chunk is not None and len(chunk):
                pieces.append(chunk)
                pieces.append(np.full((1, 2), np.nan))
    if not pieces:
        return np.zeros(0), np.zeros(0)
    lines = np.concatenate(pieces)
    return lines[:, 0].copy(), lines[:, 1].copy()
