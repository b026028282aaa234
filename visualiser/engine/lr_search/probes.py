"""Probing learning rates: one optimizer run per rate, all from one start, advanced together as a batch.

A probe **diverged** when its loss ends above its starting loss, or it blew up (a non-finite value,
or a loss beyond the engine's divergence bound, 1e12 times the start). The first rule keeps the
threshold sharp: a blow-up bound alone lets a rate just above 2/λ_max pass, since its error grows
only by |1 − lr λ_max| per step (after 1000 steps gradient descent on a quadratic passes 1e12 only
from about 1.4% above the threshold), while its loss is above the start within a few steps.

A probe that **converged** (the gradient norm fell below ``tol``, the engine's own test) did so after
``steps_to_tolerance`` updates; that count, not the final loss (which underflows to exactly 0 over a
range of rates on a well-conditioned quadratic), is what the fastest rate minimises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from ..optim import CONVERGED, DIVERGED, run_batch, run_optimizer, vector_norms
from ..optim.hyperparameters import resolve_hyperparameters


@dataclass(frozen=True)
class ProbeSetup:
    """Everything about a probe but its learning rate: the run a search repeats at many rates.

    ``hyperparameters`` are the optimizer's others (an ``lr`` there is ignored). Checked when built:
    a bad optimizer, hyperparameter, start point or limit raises :class:`ExpressionError`.
    """

    compiled: CompiledExpression
    optimizer: str
    start: tuple[float, ...]
    hyperparameters: Mapping = field(default_factory=dict)
    params: Mapping = field(default_factory=dict)
    max_steps: int = 1000
    tol: float = 1e-8

    def __post_init__(self) -> None:
        others = {name: value for name, value in dict(self.hyperparameters).items() if name != "lr"}
        resolve_hyperparameters(self.optimizer, others)  # one sentence on a bad value, now
        object.__setattr__(self, "hyperparameters", others)
        object.__setattr__(self, "start", tuple(float(v) for v in self.start))
        # Zero steps: checks the start point and the limits, and refuses a start where the loss is undefined.
        first = run_optimizer(self.compiled, self.optimizer, self.start, hyperparameters=others,
                              params=self.params, max_steps=0, tol=self.tol, keep_trajectory=False)
        if first.status == DIVERGED:
            raise ExpressionError(first.message)

    def run(self, rates, **sweeps):
        """The batch of one run per rate (``sweeps``: other hyperparameters, one value per run)."""
        rates = np.asarray(rates, dtype=np.float64)
        starts = np.repeat(np.array(self.start, dtype=np.float64)[None], len(rates), axis=0)
        hyperparameters = {**self.hyperparameters, **sweeps, "lr": rates}
        return run_batch(self.compiled, self.optimizer, starts, hyperparameters=hyperparameters,
                         params=self.params, max_steps=self.max_steps, tol=self.tol)


@dataclass(frozen=True)
class Probe:
    """One run at rate ``lr``: how it ended, and its path and losses (``steps + 1`` points) to draw."""

    lr: float
    status: str                     # the engine's: converged, diverged (blew up) or max_steps
    steps: int                      # updates made
    start_loss: float
    final_loss: float
    diverged: bool                  # blew up, or its loss ended above its starting loss
    steps_to_tolerance: int | None  # updates to converge (None: it did not)
    final_gradient_norm: float
    path: np.ndarray = field(repr=False, compare=False)  # (steps + 1, dimensions)
    loss: np.ndarray = field(repr=False, compare=False)  # (steps + 1,)

    def cost(self) -> tuple:
        """What the fastest rate minimises: converged runs by steps (then by how far past ``tol``), then the rest."""
        if self.steps_to_tolerance is not None:
            return (0, self.steps_to_tolerance, self.final_gradient_norm)
        if not self.diverged:
            return (1, self.final_loss)
        return (2, 0.0)


def probe(setup: ProbeSetup, rates: Sequence[float]) -> list[Probe]:
    """One :class:`Probe` per rate, computed in one batch."""
    rates = [float(rate) for rate in rates]
    if not rates:
        return []
    if not all(math.isfinite(rate) and rate > 0 for rate in rates):
        raise ExpressionError("learning rates must be positive numbers")
    return probes_of(setup, setup.run(rates), rates)


def probes_of(setup: ProbeSetup, batch, rates: Sequence[float]) -> list[Probe]:
    """The probes of a batch of runs (one per rate)."""
    ends = Outcomes.of(setup, batch)
    return [_probe_of(batch, ends, index, rate) for index, rate in enumerate(rates)]


class ProbeTable:
    """Probes by rate, computed a batch at a time; each is taken out of its batch (its path copied) when first read.

    A search computes a hundred rates ahead and reads a few of them.
    """

    def __init__(self, setup: ProbeSetup):
        self.setup = setup
        self._probes: dict[float, Probe] = {}
        self._in_batches: dict[float, tuple] = {}  # rate -> (batch, its outcomes, index)

    def compute(self, rates: Sequence[float]) -> None:
        """Probe the ``rates`` not probed yet, in one batch."""
        todo = [float(rate) for rate in rates if rate not in self]
        if todo:
            batch = self.setup.run(todo)
            ends = Outcomes.of(self.setup, batch)
            self._in_batches.update((rate, (batch, ends, index)) for index, rate in enumerate(todo))

    def __contains__(self, rate: float) -> bool:
        return rate in self._probes or rate in self._in_batches

    def __getitem__(self, rate: float) -> Probe:
        if rate not in self._probes:
            self._probes[rate] = _probe_of(*self._in_batches.pop(rate), rate)
        return self._probes[rate]


def _probe_of(batch, ends: "Outcomes", index: int, rate: float) -> Probe:
    steps = int(batch.steps[index])
    converged = ends.steps_to_tolerance[index]
    return Probe(
        lr=float(rate), status=str(batch.status[index]), steps=steps, start_loss=float(batch.losses[0, index]),
        final_loss=float(ends.final_loss[index]), diverged=bool(ends.diverged[index]),
        steps_to_tolerance=int(converged) if np.isfinite(converged) else None,
        final_gradient_norm=float(ends.final_gradient_norm[index]),
        path=batch.paths[: steps + 1, index].copy(), loss=batch.losses[: steps + 1, index].copy())


@dataclass(frozen=True)
class Outcomes:
    """How each run of a batch ended, as arrays: the criteria of this module, for sweeps of thousands of runs."""

    final_loss: np.ndarray
    diverged: np.ndarray            # bool
    steps_to_tolerance: np.ndarray  # float: NaN where the run did not converge
    final_gradient_norm: np.ndarray

    @classmethod
    def of(cls, setup: ProbeSetup, batch) -> "Outcomes":
        final_loss = batch.losses[-1]  # a stopped run's rows repeat its last finite point
        diverged = (batch.status == DIVERGED) | (final_loss > batch.losses[0])
        converged = (batch.status == CONVERGED) & ~diverged
        final = batch.paths[-1]
        norms = vector_norms(setup.compiled.gradient_value(*final.T, params=setup.params).T)
        return cls(final_loss.copy(), diverged, np.where(converged, batch.steps, np.nan), norms)
