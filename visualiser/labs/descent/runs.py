"""Scene -> its runs: every optimizer run from its start point, as arrays ready to draw and explain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...engine import CompiledExpression, ExpressionError
from ...engine.optim import (DIVERGED, OptimizationResult, explain_divergence, local_curvature, run_optimizer,
                             stability_bound)
from ...engine.optim.line_search_rules import LINE_SEARCH_RULES
from ..compiled_cache import COMPILED
from ..rejection import Rejected
from .scene import DescentScene, Point, RunSetup


@dataclass(frozen=True)
class RunTrace:
    """One finished run, as arrays for drawing (``n`` = steps + 1 points)."""

    run: RunSetup
    start: Point
    result: OptimizationResult | None  # None: the run was refused (it cannot start there)
    path: np.ndarray           # (n, 2)
    loss: np.ndarray           # (n,)
    gradient: np.ndarray       # (n, 2): the gradient at each point (for the arrow at that frame)
    momentum: np.ndarray       # (n, 2): the momentum buffer (or Adam's first moment) after the step, 0 if none
    step: np.ndarray           # (n, 2): the update taken from each point (0 at the last point)
    eigenvalues: np.ndarray    # (n, 2), ascending
    eigenvectors: np.ndarray   # (n, 2, 2): columns are the eigen-directions
    learning_rates: np.ndarray  # (n,): the lr of the step from each point (its schedule's; the next one at the last);
    #                             a line search's step length t (0 at the last point: no search is made from there)
    searches: np.ndarray       # (n,): a line search's trial steps or bisections for the step from each point, else 0
    bound: np.ndarray          # (n,): the method's own stability bound here (2/λ_max for gd), NaN if it has none
    unstable: np.ndarray       # (n,) bool: the step's lr is above that bound at this point
    message: str

    @property
    def diverged(self) -> bool:
        return self.result is None or self.result.status == DIVERGED

    @property
    def lr(self) -> float | None:
        return self.run.lr

    @property
    def colour(self) -> str:
        return self.run.colour


@dataclass(frozen=True)
class DescentRuns:
    scene: DescentScene  # the scene the runs were computed from
    traces: tuple[RunTrace, ...]

    @property
    def frame_count(self) -> int:
        return max((len(trace.path) for trace in self.traces), default=1)


def compute_runs(scene: DescentScene) -> DescentRuns | Rejected:
    """Every run of the scene for its ``max_steps``; a refused expression as :class:`Rejected`."""
    try:
        compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    params = scene.parameter_values()
    return DescentRuns(scene, tuple(run_trace(compiled, params, run, scene.starts[run.start], scene.max_steps)
                                    for run in scene.runs))


def run_trace(compiled: CompiledExpression, params: dict, run: RunSetup, start: Point, max_steps: int) -> RunTrace:
    try:
        result = run_optimizer(compiled, run.optimizer, start, hyperparameters=run.hyperparameters,
                               params=params, max_steps=max_steps, **run.options)
    except ExpressionError as error:
        point = np.array([start], dtype=np.float64)
        zeros = np.zeros((1, 2))
        return RunTrace(run, start, None, point, np.array([np.nan]), zeros, zeros, zeros, np.full((1, 2), np.nan),
                        np.full((1, 2, 2), np.nan), np.full(1, _next_rate(run, 1)), np.zeros(1), np.full(1, np.nan),
                        np.zeros(1, bool), str(error))
    path = np.array(result.path, dtype=np.float64)
    n = len(path)
    gradient, momentum, step = np.zeros((n, 2)), np.zeros((n, 2)), np.zeros((n, 2))
    learning_rates = np.full(n, _next_rate(run, n))
    searches = np.zeros(n)
    counted = LINE_SEARCH_RULES[run.optimizer].counted if run.searches_line else None
    for index, item in enumerate(result.trajectory):
        gradient[index] = item.gradient
        step[index] = item.update
        learning_rates[index] = item.lr
        if counted is not None:
            searches[index] = item.state[counted]
        buffer = item.state.get("momentum_buffer", item.state.get("exp_avg"))
        if buffer is not None:
            momentum[index] = buffer
    if n > len(result.trajectory):  # the gradient at the last point (no step taken from it)
        gradient[-1] = compiled.gradient_value(*path[-1], params=params)
    eigenvalues, eigenvectors = local_curvature(compiled, params, path)
    # Each method's own bound (gd, heavy ball, Nesterov); the adaptive methods rescale their steps and have none.
    bound = stability_bound(eigenvalues, run.optimizer, run.hyperparameters)
    with np.errstate(invalid="ignore"):
        unstable = learning_rates > bound  # NaN (no bound, or an undefined Hessian) compares False
    message = result.message
    if result.status == DIVERGED:
        # "Here" is where the run first stepped with a learning rate above the local bound.
        where = int(np.argmax(unstable)) if np.any(unstable) else n - 1
        message = explain_divergence(message, float(learning_rates[where]), eigenvalues[where], run.optimizer,
                                     run.hyperparameters)
    return RunTrace(run, start, result, path, np.array(result.loss, dtype=np.float64), gradient, momentum, step,
                    eigenvalues, eigenvectors, learning_rates, searches, bound, unstable, message)


def _next_rate(run: RunSetup, iteration: int) -> float:
    """The rate of update ``iteration``, for a point no step was taken from: its schedule's (a line search: 0)."""
    return 0.0 if run.searches_line else float(run.schedule.learning_rates(run.lr, iteration))
