"""Learning-rate schedules, as ``torch.optim.lr_scheduler`` defines them, in closed form.

A run's schedule sets the learning rate of each update from the optimizer's ``lr`` (PyTorch's
``base_lr``). PyTorch calls ``scheduler.step()`` after each ``optimizer.step()``, so update ``k``
(1-based) uses the scheduler's ``last_epoch = k - 1``; with ``t = k - 1``:

==============================  ===========================================================================
``ConstantRate()``              lr (no scheduler)
``StepLR(step_size, gamma)``    lr · gamma^floor(t / step_size)
``ExponentialLR(gamma)``        lr · gamma^t
``CosineAnnealingLR(T_max,      eta_min + (lr − eta_min) (1 + cos(π t / T_max)) / 2: down to eta_min at
eta_min)``                      t = T_max and, as in PyTorch, back up over the next T_max (period 2 T_max)
``LinearLR(start_factor,        lr · (start_factor + (end_factor − start_factor) min(t, total_iters) /
end_factor, total_iters)``      total_iters): a linear warm-up from start_factor · lr to end_factor · lr
==============================  ===========================================================================

These are PyTorch's ``_get_closed_form_lr``; PyTorch's chainable ``get_lr`` reaches the same numbers
recursively (tests/engine/optim/test_schedules.py compares both when torch is installed). The
schedules are frozen msgspec structs tagged by ``kind`` so that a scene file holds one as
``{"kind": "cosine", "T_max": 500, "eta_min": 0.0}``, with PyTorch's argument names and defaults
(the arguments PyTorch requires get defaults that suit a race of a few hundred steps).
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Mapping, Union

import msgspec
import numpy as np

from ..errors import ExpressionError

WHOLE_LIMIT = 10**15  # periods and step counts far beyond any run, still exact in float64


class _Schedule(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="kind"):
    """A schedule's ``learning_rates(lr, iterations)`` is the rate of each update in ``iterations`` (1-based),
    broadcast against ``lr`` (a number, or a ``(runs, 1)`` array in a batch)."""

    def check(self) -> None:
        """Raise :class:`ExpressionError` naming the argument that PyTorch would refuse or that makes no sense."""


class ConstantRate(_Schedule, frozen=True, tag="constant"):
    """No scheduler: every update uses the optimizer's lr."""

    def learning_rates(self, lr, iterations) -> np.ndarray:
        return lr + 0.0 * np.asarray(iterations, dtype=np.float64)


class StepLR(_Schedule, frozen=True, tag="step"):
    """``torch.optim.lr_scheduler.StepLR``: multiply by gamma every step_size updates."""

    step_size: int = 100
    gamma: float = 0.1

    def learning_rates(self, lr, iterations) -> np.ndarray:
        with np.errstate(over="ignore", under="ignore"):  # an overflowing rate diverges the run, it is not a warning
            return lr * self.gamma ** ((np.asarray(iterations) - 1) // self.step_size)

    def check(self) -> None:
        _whole("StepLR's step_size", self.step_size)
        _positive("StepLR's gamma", self.gamma)


class ExponentialLR(_Schedule, frozen=True, tag="exponential"):
    """``torch.optim.lr_scheduler.ExponentialLR``: multiply by gamma every update."""

    gamma: float = 0.99

    def learning_rates(self, lr, iterations) -> np.ndarray:
        with np.errstate(over="ignore", under="ignore"):
            return lr * self.gamma ** (np.asarray(iterations, dtype=np.float64) - 1)

    def check(self) -> None:
        _positive("ExponentialLR's gamma", self.gamma)


class CosineAnnealingLR(_Schedule, frozen=True, tag="cosine"):
    """``torch.optim.lr_scheduler.CosineAnnealingLR``: half a cosine from lr down to eta_min over T_max updates."""

    T_max: int = 500
    eta_min: float = 0.0

    def learning_rates(self, lr, iterations) -> np.ndarray:
        t = np.asarray(iterations, dtype=np.float64) - 1
        return self.eta_min + (lr - self.eta_min) * (1 + np.cos(math.pi * t / self.T_max)) / 2

    def check(self) -> None:
        _whole("CosineAnnealingLR's T_max", self.T_max)
        _finite("CosineAnnealingLR's eta_min", self.eta_min)
        if self.eta_min < 0:
            raise ExpressionError(f"CosineAnnealingLR's eta_min must be zero or positive, not {self.eta_min:g}")


class LinearLR(_Schedule, frozen=True, tag="linear"):
    """``torch.optim.lr_scheduler.LinearLR``: from start_factor · lr to end_factor · lr over total_iters updates."""

    start_factor: float = 1.0 / 3
    end_factor: float = 1.0
    total_iters: int = 5

    def learning_rates(self, lr, iterations) -> np.ndarray:
        t = np.minimum(np.asarray(iterations, dtype=np.float64) - 1, self.total_iters)
        return lr * (self.start_factor + (self.end_factor - self.start_factor) * t / self.total_iters)

    def check(self) -> None:
        _finite("LinearLR's start_factor", self.start_factor)
        _finite("LinearLR's end_factor", self.end_factor)
        if not 0 < self.start_factor <= 1:  # PyTorch's own checks
            raise ExpressionError(f"LinearLR's start_factor must be above 0 and at most 1, not {self.start_factor:g}")
        if not 0 <= self.end_factor <= 1:
            raise ExpressionError(f"LinearLR's end_factor must be from 0 to 1, not {self.end_factor:g}")
        _whole("LinearLR's total_iters", self.total_iters)


Schedule = Union[ConstantRate, StepLR, ExponentialLR, CosineAnnealingLR, LinearLR]  # noqa: UP007 - msgspec's union
SCHEDULES: Mapping[str, type] = MappingProxyType({
    kind.__struct_config__.tag: kind for kind in (ConstantRate, StepLR, ExponentialLR, CosineAnnealingLR, LinearLR)})


def checked_schedule(schedule) -> Schedule:
    """``schedule`` (None: constant) if it is one of :data:`SCHEDULES` with arguments PyTorch would take."""
    if schedule is None:
        return ConstantRate()
    if not isinstance(schedule, tuple(SCHEDULES.values())):
        names = ", ".join(kind.__name__ for kind in SCHEDULES.values())
        raise ExpressionError(f"a learning-rate schedule must be one of {names}, not {schedule!r}")
    schedule.check()
    return schedule


def _whole(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= value <= WHOLE_LIMIT:
        raise ExpressionError(f"{name} must be a whole number of steps, 1 or more, not {value!r}")


def _finite(name: str, value) -> None:
    is_number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not is_number or not math.isfinite(value):
        raise ExpressionError(f"{name} must be a finite number, not {value!r}")


def _positive(name: str, value) -> None:
    _finite(name, value)
    if not value > 0:
        raise ExpressionError(f"{name} must be positive, not {value:g}")
