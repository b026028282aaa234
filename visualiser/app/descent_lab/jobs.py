"""The work the descent lab hands to worker threads: compile, evaluate the surface grid, run optimizers.

Plain functions returning plain values (no Qt), so they run off the GUI thread and can be tested
alone. A user's mistake comes back as a ``Rejected`` value, not as an exception.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import contourpy
import numpy as np

from ...engine import CompiledExpression, ExpressionError, compile_expression
from ...engine.optim import DIVERGED, OptimizationResult, run_optimizer
from ..formula_view import render_latex_png
from ..rejection import Rejected

GRID_SIZE = 512
CONTOUR_LEVELS = 14
LOG_EPS = 1e-3  # log10(loss - min + LOG_EPS): a flat minimum still gets a finite colour


@dataclass(frozen=True)
class CompiledSurface:
    compiled: CompiledExpression
    formula_png: bytes | None


@dataclass(frozen=True)
class SurfaceGrid:
    """The loss on a grid and what the heatmap shows: ``image`` is ``values`` or its log."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    values: np.ndarray          # (rows = y, columns = x), NaN where undefined
    image: np.ndarray           # float32, what the colour map shows
    levels: tuple[float, float]  # colour-map limits of ``image``
    log_scale: bool
    minimum: float              # the smallest finite loss on the grid
    contour_x: np.ndarray       # all contour lines, NaN-separated, for one connect="finite" item
    contour_y: np.ndarray
    seconds: float              # time spent computing (for the status bar and the benchmark)

    @property
    def colour_label(self) -> str:
        if self.log_scale:
            return f"log10(loss − {self.minimum:.3g} + {LOG_EPS:g})"
        return "loss"


@dataclass(frozen=True)
class SurfaceUpdate:
    surface: CompiledSurface | None  # None: the expression did not change
    grid: SurfaceGrid | Rejected


@dataclass(frozen=True)
class RunSpec:
    """One run as the user set it up."""

    optimizer: str
    hyperparameters: dict
    start: tuple[float, float]
    colour: str


@dataclass(frozen=True)
class RunTrace:
    """One finished run, as arrays for drawing (``n`` = steps + 1 points)."""

    spec: RunSpec
    result: OptimizationResult | None  # None: the run was rejected (bad hyperparameter)
    path: np.ndarray           # (n, 2)
    loss: np.ndarray           # (n,)
    gradient: np.ndarray       # (n, 2): the gradient at each point (for the arrow at that frame)
    momentum: np.ndarray       # (n, 2): the momentum buffer (or Adam's first moment) after the step, 0 if none
    step: np.ndarray           # (n, 2): the update taken from each point (0 at the last point)
    eigenvalues: np.ndarray    # (n, 2), ascending
    eigenvectors: np.ndarray   # (n, 2, 2): columns are the eigen-directions
    unstable: np.ndarray       # (n,) bool: plain GD's lr is above 2/lambda_max at this point
    message: str

    @property
    def diverged(self) -> bool:
        return self.result is None or self.result.status == DIVERGED

    @property
    def lr(self) -> float:
        return float(self.spec.hyperparameters.get("lr", np.nan))


@dataclass(frozen=True)
class RunsUpdate:
    traces: tuple[RunTrace, ...]
    params: dict = field(default_factory=dict)

    @property
    def frame_count(self) -> int:
        return max((len(trace.path) for trace in self.traces), default=1)


def compile_surface(text: str) -> CompiledSurface | Rejected:
    try:
        compiled = compile_expression(text, ("x", "y"))
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    return CompiledSurface(compiled, render_latex_png(f"f(x, y) = {compiled.latex}"))


def compile_and_grid(text: str, params: dict, x_range, y_range, log_scale: bool,
                     size: int = GRID_SIZE) -> SurfaceUpdate | Rejected:
    surface = compile_surface(text)
    if isinstance(surface, Rejected):
        return surface
    return SurfaceUpdate(surface, surface_grid(surface.compiled, surface.compiled.own_parameters(params),
                                               x_range, y_range, log_scale, size))


def grid_update(compiled: CompiledExpression, params: dict, x_range, y_range, log_scale: bool,
                size: int = GRID_SIZE) -> SurfaceUpdate:
    return SurfaceUpdate(None, surface_grid(compiled, params, x_range, y_range, log_scale, size))


def surface_grid(compiled: CompiledExpression, params: dict, x_range, y_range, log_scale: bool,
                 size: int = GRID_SIZE, levels: int = CONTOUR_LEVELS) -> SurfaceGrid | Rejected:
    """The loss on a ``size`` x ``size`` grid over the view, its colour levels and contour lines."""
    started = time.perf_counter()
    xs = np.linspace(*x_range, size)
    ys = np.linspace(*y_range, size)
    values = compiled.value(*np.meshgrid(xs, ys), params=params)  # (size, size) even for a constant
    values[~np.isfinite(values)] = np.nan
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Rejected("surface", "the loss is undefined everywhere in this view")
    minimum = float(finite.min())
    with np.errstate(all="ignore"):
        image = np.log10(values - minimum + LOG_EPS) if log_scale else values.copy()
    shown = image[np.isfinite(image)]
    # Robust limits: a few huge walls (Goldstein-Price) must not wash out the rest of the map.
    low, high = (float(v) for v in np.percentile(shown, (0.0, 99.5)))
    if not high > low:
        high = low + 1.0
    contour_x, contour_y = _contours(xs, ys, image, np.linspace(low, high, levels + 2)[1:-1])
    return SurfaceGrid(tuple(map(float, x_range)), tuple(map(float, y_range)), values,
                       image.astype(np.float32), (low, high), log_scale, minimum, contour_x, contour_y,
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


def compute_runs(compiled: CompiledExpression, params: dict, specs: tuple[RunSpec, ...],
                 max_steps: int) -> RunsUpdate:
    known = compiled.own_parameters(params)
    return RunsUpdate(tuple(run_trace(compiled, known, spec, max_steps) for spec in specs), known)


def run_trace(compiled: CompiledExpression, params: dict, spec: RunSpec, max_steps: int) -> RunTrace:
    try:
        result = run_optimizer(compiled, spec.optimizer, spec.start, hyperparameters=spec.hyperparameters,
                               params=params, max_steps=max_steps)
    except ExpressionError as error:
        start = np.array([spec.start], dtype=np.float64)
        zeros = np.zeros((1, 2))
        return RunTrace(spec, None, start, np.array([np.nan]), zeros, zeros, zeros, np.full((1, 2), np.nan),
                        np.full((1, 2, 2), np.nan), np.zeros(1, bool), str(error))
    path = np.array(result.path, dtype=np.float64)
    n = len(path)
    gradient, momentum, step = np.zeros((n, 2)), np.zeros((n, 2)), np.zeros((n, 2))
    for index, item in enumerate(result.trajectory):
        gradient[index] = item.gradient
        step[index] = item.update
        buffer = item.state.get("momentum_buffer", item.state.get("exp_avg"))
        if buffer is not None:
            momentum[index] = buffer
    if n > len(result.trajectory):  # the gradient at the last point (no step taken from it)
        gradient[-1] = compiled.gradient_value(*path[-1], params=params)
    eigenvalues, eigenvectors = local_curvature(compiled, params, path)
    lr = float(result.hyperparameters.get("lr", np.nan))
    with np.errstate(all="ignore"):
        above = lr > stability_bound(eigenvalues)
    # The 2/lambda_max bound is exact for plain gradient descent only; adaptive methods rescale steps.
    unstable = above if spec.optimizer == "gd" else np.zeros(n, bool)
    message = result.message
    if result.status == DIVERGED:
        # "Here" is where the run first stepped with a learning rate above the local bound.
        where = int(np.argmax(above)) if np.any(above) else n - 1
        message = explain_divergence(message, lr, eigenvalues[where], spec.optimizer)
    return RunTrace(spec, result, path, np.array(result.loss, dtype=np.float64), gradient, momentum, step,
                    eigenvalues, eigenvectors, unstable, message)


def local_curvature(compiled: CompiledExpression, params: dict, points: np.ndarray):
    """Eigenvalues (ascending) and eigenvectors of the exact Hessian at each of ``points`` (n, 2)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    hessian = compiled.hessian_value(points[:, 0], points[:, 1], params=params).transpose(2, 0, 1)  # (n, 2, 2)
    good = np.all(np.isfinite(hessian), axis=(1, 2))
    eigenvalues = np.full((len(points), 2), np.nan)
    eigenvectors = np.full((len(points), 2, 2), np.nan)
    if np.any(good):
        eigenvalues[good], eigenvectors[good] = np.linalg.eigh(hessian[good])
    return eigenvalues, eigenvectors


def stability_bound(eigenvalues: np.ndarray) -> np.ndarray:
    """2 / lambda_max: plain gradient descent is locally stable with a learning rate below this."""
    lambda_max = np.asarray(eigenvalues)[..., -1]
    with np.errstate(all="ignore"):
        return np.where(lambda_max > 0, 2.0 / lambda_max, np.inf)


def condition_number(eigenvalues: np.ndarray) -> float:
    magnitudes = np.abs(np.asarray(eigenvalues, dtype=np.float64))
    if not np.all(np.isfinite(magnitudes)) or magnitudes.min() == 0:
        return float("inf")
    return float(magnitudes.max() / magnitudes.min())


def explain_divergence(message: str, lr: float, eigenvalues: np.ndarray, optimizer: str) -> str:
    bound = float(stability_bound(eigenvalues))
    if np.isfinite(bound) and lr > bound:
        why = (f"the learning rate {lr:g} is above 2/λ_max = {bound:.3g} here, so each step overshoots "
               f"the valley by more than it descends")
        if optimizer != "gd":
            why += " (the bound is exact for plain gradient descent)"
        return f"{message}. Why: {why}."
    return message
