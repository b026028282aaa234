"""Every rate at once: final loss and steps to tolerance against the rate, and a rate x momentum heatmap.

Each is one :func:`~visualiser.engine.optim.run_batch` (one rate, and one momentum, per run), with
the divergence and convergence criteria of :mod:`.probes`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ExpressionError
from .probes import Outcomes, Probe, ProbeSetup, probes_of

SWEEP_RATES = 60
HEATMAP_SIZE = 40
# The hyperparameter each optimizer's heatmap sweeps against the rate: its momentum, or Adam's β1
# (plain descent is the heavy ball at μ = 0, so its heatmap is the heavy ball's).
HEATMAP_AXES = {"gd": ("momentum", "momentum"), "momentum": ("momentum", "momentum"),
                "nesterov": ("nesterov", "momentum"), "adam": ("adam", "beta1"), "adamw": ("adamw", "beta1"),
                "rmsprop": ("rmsprop", "alpha")}
_SWEPT = ("momentum", "betas", "alpha")  # what a heatmap's rows set


def geometric_rates(low: float, high: float, count: int) -> np.ndarray:
    if not (math.isfinite(low) and math.isfinite(high) and 0 < low < high):
        raise ExpressionError(f"a sweep needs 0 < low < high, not [{low:g}, {high:g}]")
    return np.geomspace(low, high, count)


@dataclass(frozen=True)
class Sweep:
    """One run per rate (``rates`` ascending) and how each ended."""

    rates: np.ndarray
    outcomes: Outcomes

    @property
    def final_loss(self) -> np.ndarray:
        return self.outcomes.final_loss

    @property
    def steps_to_tolerance(self) -> np.ndarray:
        return self.outcomes.steps_to_tolerance

    @property
    def diverged(self) -> np.ndarray:
        return self.outcomes.diverged


def sweep_rates(setup: ProbeSetup, low: float, high: float, count: int = SWEEP_RATES) -> Sweep:
    """``count`` rates spaced evenly on log10 from ``low`` to ``high``, run as one batch."""
    rates = geometric_rates(low, high, count)
    return Sweep(rates, Outcomes.of(setup, setup.run(rates)))


@dataclass(frozen=True)
class Heatmap:
    """Runs on a grid of rates (columns) x a second hyperparameter (rows); arrays are (rows, columns)."""

    optimizer: str  # the optimizer run (gd's heatmap is the heavy ball's)
    axis: str       # "momentum", "beta1" or "alpha"
    rates: np.ndarray
    values: np.ndarray
    outcomes: Outcomes  # flat, row-major

    def grid(self, array: np.ndarray) -> np.ndarray:
        return np.asarray(array).reshape(len(self.values), len(self.rates))

    def hyperparameters(self, row: int, column: int, beta2: float = 0.999) -> dict:
        """The hyperparameters of one cell's run (with its lr), as the optimizer takes them."""
        value = float(self.values[row])
        second = {"betas": (value, beta2)} if self.axis == "beta1" else {self.axis: value}
        return {"lr": float(self.rates[column]), **second}


def heatmap(setup: ProbeSetup, low: float, high: float, size: int = HEATMAP_SIZE) -> Heatmap:
    """``size`` x ``size`` runs: rates from ``low`` to ``high`` against the optimizer's momentum (or β1, α) in (0, 1)."""
    if setup.optimizer not in HEATMAP_AXES:
        raise ExpressionError(f"{setup.optimizer} has no momentum-like hyperparameter to sweep against the rate")
    optimizer, axis = HEATMAP_AXES[setup.optimizer]
    rates = geometric_rates(low, high, size)
    values = (np.arange(size) + 0.5) / size  # cell centres: nesterov refuses a momentum of 0
    lr_grid, value_grid = np.meshgrid(rates, values)
    if axis == "beta1":
        sweeps = {"betas": (value_grid.ravel(), np.full(value_grid.size, _beta2(setup)))}
    else:
        sweeps = {axis: value_grid.ravel()}
    runner = _cell_setup(setup, optimizer, {})
    return Heatmap(optimizer, axis, rates, values, Outcomes.of(runner, runner.run(lr_grid.ravel(), **sweeps)))


def heatmap_cell(setup: ProbeSetup, grid: Heatmap, row: int, column: int) -> Probe:
    """The run of one cell of ``grid`` (a heatmap of ``setup``), with its path, as a probe."""
    hyperparameters = grid.hyperparameters(row, column, _beta2(setup))
    rate = hyperparameters.pop("lr")
    runner = _cell_setup(setup, grid.optimizer, hyperparameters)
    return probes_of(runner, runner.run([rate]), [rate])[0]


def _cell_setup(setup: ProbeSetup, optimizer: str, swept: dict) -> ProbeSetup:
    """``setup`` run with ``optimizer``, the heatmap's second hyperparameter set to ``swept`` (or left out)."""
    others = {name: value for name, value in setup.hyperparameters.items() if name not in _SWEPT}
    return ProbeSetup(setup.compiled, optimizer, setup.start, {**others, **swept}, setup.params, setup.max_steps,
                      setup.tol)


def _beta2(setup: ProbeSetup) -> float:
    return float(dict(setup.hyperparameters).get("betas", (0.9, 0.999))[1])
