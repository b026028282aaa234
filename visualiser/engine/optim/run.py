"""One optimizer run, step by step, for a GUI to animate and explain."""

from __future__ import annotations

from typing import Generator, Mapping, Sequence

import numpy as np

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from ..generators import run_to_end
from . import descent as codes
from .descent import Descent, check_limits, checked_options, checked_starts
from .hyperparameters import resolve_hyperparameters, rule_for
from .schedules import Schedule
from .steps import CONVERGED, DIVERGED, MAX_STEPS, OptimizationResult, OptimizerStep


def iterate_optimizer(compiled: CompiledExpression, optimizer: str, start: Sequence[float], *,
                      hyperparameters: Mapping | None = None, params: Mapping | None = None,
                      max_steps: int = 1000, tol: float = 1e-8, divergence_bound: float = 1e12,
                      schedule: Schedule | None = None, noise: float = 0.0, seed: int = 0, clip: float | None = None,
                      keep_trajectory: bool = True) -> Generator[OptimizerStep, None, OptimizationResult]:
    """Yield one :class:`OptimizerStep` per update; the generator returns the :class:`OptimizationResult`.

    Input is checked now, not at the first ``next()``: a bad optimizer name, hyperparameter,
    start point or limit raises :class:`ExpressionError` from this call.
    ``tol=0`` never stops early. A run that diverges (a non-finite value, or a loss beyond
    ``divergence_bound`` times max(1, |starting loss|)) stops at its last finite point.
    ``keep_trajectory=False`` leaves the result's per-step records empty (path and loss stay):
    about 550 bytes a step that a caller printing only the path need not hold.

    As in a PyTorch training loop, each update's learning rate comes from ``schedule`` (one of
    :data:`~.schedules.SCHEDULES`; None: constant), its gradient gets Gaussian ``noise`` of that σ
    per coordinate from ``numpy.random.default_rng(seed)``, and is then clipped to norm ``clip``
    (``clip_grad_norm_``; None: not clipped). The convergence test uses the loss's own gradient.
    """
    rule = rule_for(optimizer)
    resolved = resolve_hyperparameters(optimizer, hyperparameters)
    starts = checked_starts(compiled, start)
    if len(starts) != 1:
        raise ExpressionError(f"one start point is needed, not {len(starts)} (use run_batch for many)")
    check_limits(max_steps, tol, divergence_bound)
    options = checked_options(optimizer, schedule, noise, seed, clip, None, starts.shape[1])
    descent = Descent(compiled, rule, starts, resolved, params, tol, divergence_bound, **options)
    return _iterate(descent, optimizer, max_steps, keep_trajectory)


def run_optimizer(compiled: CompiledExpression, optimizer: str, start: Sequence[float],
                  **options) -> OptimizationResult:
    """The whole run at once; takes the same keyword arguments as :func:`iterate_optimizer`."""
    return run_to_end(iterate_optimizer(compiled, optimizer, start, **options))


def _iterate(descent: Descent, optimizer: str, max_steps: int, keep_trajectory: bool):
    path = [_floats(descent.points[0])]
    losses = [float(descent.losses[0])]
    trajectory = []
    while descent.running[0] and descent.iteration < max_steps:
        previous, gradient = descent.points[0], descent.gradients[0]
        descent.advance()
        if descent.steps[0] < descent.iteration:  # the update diverged and was not taken
            break
        point = descent.points[0]
        step = OptimizerStep(
            iteration=descent.iteration, point=_floats(point), loss=float(descent.losses[0]),
            gradient=_floats(gradient), update=_floats(point - previous), lr=_number(descent.lr),
            state=_state(descent.state))
        if keep_trajectory:
            trajectory.append(step)
        path.append(step.point)
        losses.append(step.loss)
        yield step
    status, message = _outcome(descent, max_steps)
    return OptimizationResult(
        optimizer=optimizer, status=status, steps=int(descent.steps[0]), path=tuple(path),
        loss=tuple(losses), hyperparameters=dict(descent.hyperparameters), message=message,
        trajectory=tuple(trajectory))


def _floats(values: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _number(value) -> float:
    """A number, or the one run's entry of a per-run array (a line search's step length)."""
    return float(np.ravel(value)[0])


def _state(state: dict) -> dict[str, tuple[float, ...] | float]:
    """Per-coordinate arrays of the one run as tuples, scalar diagnostics (and a line search's per-run counts)
    as floats."""
    return {key: _number(value) if np.ndim(value) <= 1 else _floats(value[0]) for key, value in state.items()}


_DIVERGED_BECAUSE = {
    codes.POINT_OVERFLOW: "the point overflowed ({too_far})",
    codes.UPDATE_UNDEFINED: "the update was not a number: 0/0 or inf - inf inside the optimizer (eps = 0 "
                            "where the gradient is 0, or a step so large that it overflowed)",
    codes.LOSS_UNDEFINED: "the step left the region where the loss is defined",
    codes.LOSS_INFINITE: "the loss overflowed ({too_far})",
    codes.LOSS_ABOVE_BOUND: "the loss grew past {bound:g} ({too_far})",
    codes.LOSS_BELOW_BOUND: "the loss fell below -{bound:g} (the function has no minimum in this direction)",
    codes.GRADIENT_UNDEFINED: "the gradient is undefined at {point} (a kink or a singularity of the function)",
}
_BAD_START = {
    codes.LOSS_UNDEFINED: "the loss is undefined at the start point {point}",
    codes.LOSS_INFINITE: "the loss is infinite at the start point {point}",
    codes.LOSS_ABOVE_BOUND: "the loss at the start point {point} is above the divergence bound {bound:g}",
    codes.LOSS_BELOW_BOUND: "the loss at the start point {point} is below -{bound:g}",
    codes.GRADIENT_UNDEFINED: "the gradient is undefined at the start point {point} "
                              "(a kink or a singularity of the function)",
}


def _outcome(descent: Descent, max_steps: int) -> tuple[str, str]:
    reason, steps = int(descent.reason[0]), int(descent.steps[0])
    norm = float(descent.gradient_norms()[0])
    if reason == codes.CONVERGED:
        return CONVERGED, (f"converged after {steps} step(s): the gradient norm {norm:.3g} "
                           f"is below tol={descent.tol:g}")
    if reason == codes.RUNNING:
        return MAX_STEPS, (f"stopped after {max_steps} step(s) without converging: "
                           f"the gradient norm is still {norm:.3g}")
    point = "(" + ", ".join(f"{v:.6g}" for v in descent.points[0]) + ")"
    if descent.iteration == 0:
        return DIVERGED, "stopped before the first step: " + _BAD_START[reason].format(
            bound=float(descent.bound[0]), point=point)
    why = descent.rule.failure if reason == codes.LINE_SEARCH_FAILED else _DIVERGED_BECAUSE[reason]
    because = why.format(bound=float(descent.bound[0]), point=point, too_far=descent.rule.too_far)
    at = f"after step {steps}" if reason == codes.GRADIENT_UNDEFINED else f"at step {descent.iteration}"
    return DIVERGED, f"diverged {at}: {because}"
