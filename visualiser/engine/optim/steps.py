"""What an optimizer run produces: frozen steps, a result, and the result of a batch sweep."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONVERGED = "converged"  # the loss gradient's norm fell below ``tol``
DIVERGED = "diverged"    # a non-finite value, or a loss beyond the divergence bound
MAX_STEPS = "max_steps"  # neither, within ``max_steps`` updates
STATUSES = (CONVERGED, DIVERGED, MAX_STEPS)


@dataclass(frozen=True)
class OptimizerStep:
    """The state after ``iteration`` updates (1-based), with everything needed to draw the step.

    ``gradient`` is the loss gradient at the previous point (before any noise, clipping or weight
    decay), ``update`` is ``point - previous point``, ``lr`` the learning rate of this update (its
    schedule's, else the optimizer's lr), and ``state`` holds the optimizer's
    state after the update under PyTorch's names: per-coordinate tuples (``momentum_buffer``,
    ``sum``, ``square_avg``, ``exp_avg``, ``exp_avg_sq``) and floats (``bias_correction1``,
    ``bias_correction2``). Plain gradient descent has an empty state.
    """

    iteration: int
    point: tuple[float, ...]
    loss: float
    gradient: tuple[float, ...]
    update: tuple[float, ...]
    lr: float
    state: dict[str, tuple[float, ...] | float]


@dataclass(frozen=True)
class OptimizationResult:
    """One finished run. ``path`` starts with the start point and has ``steps + 1`` finite points."""

    optimizer: str
    status: str
    steps: int
    path: tuple[tuple[float, ...], ...]
    loss: tuple[float, ...]
    hyperparameters: dict
    message: str
    trajectory: tuple[OptimizerStep, ...]


@dataclass(frozen=True)
class BatchResult:
    """Many runs advanced together.

    ``paths`` has shape ``(max_steps + 1, runs, dimensions)`` and ``losses`` ``(max_steps + 1, runs)``;
    after a run stops, its rows repeat its last finite point. ``status`` holds one of
    :data:`STATUSES` per run and ``steps`` the number of updates each run made.
    """

    optimizer: str
    paths: np.ndarray
    losses: np.ndarray
    status: np.ndarray
    steps: np.ndarray
    hyperparameters: dict
