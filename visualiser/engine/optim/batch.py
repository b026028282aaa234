"""Many runs of one optimizer at once (start points and/or hyperparameter values), as numpy arrays."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from . import descent as codes
from .descent import Descent, check_limits, checked_options, checked_starts
from .hyperparameters import resolve_hyperparameters, rule_for
from .schedules import Schedule
from .steps import CONVERGED, DIVERGED, MAX_STEPS, BatchResult

# The paths array is allocated up front; refuse sweeps that would not fit in memory.
MAX_BATCH_BYTES = 4 * 1024**3


def run_batch(compiled: CompiledExpression, optimizer: str, starts, *,
              hyperparameters: Mapping | None = None, params: Mapping | None = None,
              max_steps: int = 1000, tol: float = 1e-8, divergence_bound: float = 1e12,
              schedule: Schedule | None = None, noise=0.0, seed=0, clip=None) -> BatchResult:
    """Advance ``len(starts)`` runs together.

    ``starts`` has shape ``(runs, dimensions)``. Each hyperparameter is a number shared by all runs
    or an array with one value per run (``betas`` a pair of such); to sweep a hyperparameter from
    one start, repeat the start (``np.repeat(start[None], runs, axis=0)``). The stopping rules are
    those of :func:`~.run.run_optimizer`, run by run; the sweep ends early once every run stopped.
    ``schedule`` is shared (applied to each run's own lr); ``noise`` and ``clip`` are numbers or one
    per run, ``seed`` a whole number or one per run, and run ``i`` gets exactly the noise that
    ``run_optimizer`` gives it alone with its seed.
    """
    rule = rule_for(optimizer)
    starts = checked_starts(compiled, starts)
    runs, dimensions = starts.shape
    resolved = resolve_hyperparameters(optimizer, hyperparameters, runs=runs)
    check_limits(max_steps, tol, divergence_bound)
    options = checked_options(optimizer, schedule, noise, seed, clip, runs, dimensions)
    size = (max_steps + 1) * runs * (dimensions + 1) * 8
    if size > MAX_BATCH_BYTES:
        raise ExpressionError(f"{runs} runs of {max_steps} steps need {size / 1024**3:.1f} GB; "
                              f"the limit is {MAX_BATCH_BYTES / 1024**3:.0f} GB")
    descent = Descent(compiled, rule, starts, resolved, params, tol, divergence_bound, **options)
    paths = np.empty((max_steps + 1, runs, dimensions))
    losses = np.empty((max_steps + 1, runs))
    paths[0], losses[0] = descent.points, descent.losses
    for row in range(1, max_steps + 1):
        if descent.finished:
            paths[row:], losses[row:] = descent.points, descent.losses
            break
        descent.advance()
        paths[row], losses[row] = descent.points, descent.losses
    status = np.select([descent.reason == codes.CONVERGED, descent.reason == codes.RUNNING],
                       [CONVERGED, MAX_STEPS], DIVERGED)
    return BatchResult(optimizer=optimizer, paths=paths, losses=losses, status=status,
                       steps=descent.steps.copy(), hyperparameters=_per_run(resolved))


def _per_run(resolved: dict) -> dict:
    """The ``(runs, 1)`` arrays the rules broadcast with, back to one value per run."""
    def flat(value):
        return value[:, 0] if isinstance(value, np.ndarray) else value
    return {name: tuple(map(flat, value)) if name == "betas" else flat(value) for name, value in resolved.items()}
