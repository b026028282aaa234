"""The learning-rate range test of Leslie Smith (2015, "Cyclical learning rates") and fastai's ``lr_find``.

One run whose rate grows exponentially every step, from ``start_lr`` to ``end_lr`` in ``steps``
steps (PyTorch's ExponentialLR), stopped once the loss exceeds ``STOP_FACTOR`` (4) times the best
loss so far, as fastai stops it. The loss against the rate falls while the rate is useful and
shoots up once it is too large. The suggestion is fastai's "steep" rule: the rate where the loss
falls fastest against log10(lr); the rate of the lowest loss divided by 10 (fastai's older
"min/10") is given too. On a quadratic the loss cannot rise while lr < 2/λ_max (a step of such a
rate always descends), so the test stops only above the threshold.

On a smooth deterministic loss there is no minibatch noise to smooth, so the losses are used as
they are (fastai smooths them with β = 0.98).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ExpressionError
from ..optim import ExponentialLR, run_optimizer
from .probes import ProbeSetup

STOP_FACTOR = 4.0
RANGE_STEPS = 100


@dataclass(frozen=True)
class RangeTest:
    """``rates[i]`` is the rate of update i + 1 and ``losses[i]`` the loss after it (``losses`` starts with the start's)."""

    rates: np.ndarray
    losses: np.ndarray
    stopped: bool           # the loss passed STOP_FACTOR x its best (or the run diverged) before end_lr
    suggestion: float | None  # the steepest fall of the loss against log10(lr)
    minimum_rate: float | None  # the rate of the lowest loss

    @property
    def min_over_ten(self) -> float | None:
        return None if self.minimum_rate is None else self.minimum_rate / 10


def range_test(setup: ProbeSetup, start_lr: float, end_lr: float, steps: int = RANGE_STEPS) -> RangeTest:
    """The range test of ``setup``'s optimizer from its start, with rates from ``start_lr`` to ``end_lr``."""
    if not (math.isfinite(start_lr) and math.isfinite(end_lr) and 0 < start_lr < end_lr):
        raise ExpressionError(f"a range test needs 0 < start_lr < end_lr, not {start_lr:g} and {end_lr:g}")
    if not (isinstance(steps, int) and steps >= 2):
        raise ExpressionError("a range test needs at least 2 steps")
    gamma = (end_lr / start_lr) ** (1 / (steps - 1))
    run = run_optimizer(setup.compiled, setup.optimizer, setup.start,
                        hyperparameters={**setup.hyperparameters, "lr": start_lr}, params=setup.params,
                        max_steps=steps, tol=0.0, schedule=ExponentialLR(gamma=gamma), keep_trajectory=False)
    losses = np.array(run.loss, dtype=np.float64)
    rates = start_lr * gamma ** np.arange(len(losses) - 1)
    best = np.minimum.accumulate(losses)
    over = np.flatnonzero(losses[1:] > STOP_FACTOR * best[:-1])  # the loss after an update vs the best before it
    end = int(over[0]) + 1 if len(over) else len(rates)
    stopped = bool(len(over)) or run.steps < steps
    rates, losses = rates[:end], losses[: end + 1]
    if len(rates) < 2:
        return RangeTest(rates, losses, stopped, None, None)
    after = losses[1:]
    minimum_rate = float(rates[int(np.argmin(after))])
    slope = np.gradient(after, np.log10(rates))
    return RangeTest(rates, losses, stopped, float(rates[int(np.argmin(slope))]), minimum_rate)
