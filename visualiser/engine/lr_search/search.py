"""The two searches on log10(learning rate): bisection for the divergence threshold, golden section for the fastest rate.

Both are the classic sequential methods, one probe per iteration, and both yield one
:class:`~.steps.SearchStep` per probe so that a GUI can animate them as the root lab animates
bisection. The threshold's starting bracket is grown from a rate (``low``, or the race rate of
:func:`~visualiser.engine.optim.race_learning_rate`, without a view) by factors of 10, up while
rates are stable or down while they diverge, at most ``MAX_DECADES`` each way.

Each probe is a whole optimizer run, and most of a small run's time is numpy's cost per call,
not per number: a step of 127 runs costs about 1.6 times a step of one (Rosenbrock, 2 cores). So
the probes are computed ahead: every rate the next ``LOOKAHEAD`` iterations might probe,
whatever their outcomes (the states of :mod:`.iterations` list them), goes into one batch, and
the iterations are then replayed from its results. The steps are exactly those of the
one-at-a-time search; the rates it did not need are dropped. A search of 16 probes (a bracket of
one decade bisected to 1e-4 decades) is three batches, where one probe at a time makes 16 runs.
(Six to eight iterations a batch cost about the same; seven was the quickest on the benchmark's
searches, ``benchmarks/bench_lr_search.py``.)

A probe stops where the engine's run stops: when it blew up (diverged for good) or converged
(the gradient is below ``tol``: the single run ends there too). Its verdict, "the loss ends
above where it started", is not known any earlier: a run whose loss is above its start may
still come back (the heavy ball overshoots and returns), and one below it may still leave (just
above 2/λ_max on a quadratic the loss first falls with the flat directions, then grows with the
steep one), and nothing bounds the curvature a run meets ahead of it on a typed loss.

Bisection needs only a stable rate below a diverging one; on a loss where divergence is not
monotone in the rate (a large rate that jumps into another basin) it still ends on a boundary
between the two, the one its bracket held.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Generator

import numpy as np

from ..errors import ExpressionError
from ..generators import run_to_end
from ..optim import OPTIMIZER_LABELS, local_curvature, race_learning_rate
from .iterations import GoldenSection, GoldenStart, Growth, NoBracket, rates_ahead
from .probes import Probe, ProbeSetup, ProbeTable
from .steps import FASTEST, GOALS, GOLDEN, STABLE, SearchResult, SearchStep
from .theory import theory

LOOKAHEAD = 7  # iterations computed per batch: up to 127 rates
LOOKAHEAD_BYTES = 64 * 1024**2  # the paths a batch may hold: probes of many steps look fewer iterations ahead
DEFAULT_XTOL = {STABLE: 1e-4, FASTEST: 1e-3}  # decades: 0.023% and 0.23% in the rate
FASTEST_DECADES = 2.0  # goal fastest searches [threshold / 100, threshold] unless given a bracket
MAX_ITERATIONS = 200


class _Search:
    """The probes and steps of one search, and the probe table they are replayed from."""

    def __init__(self, setup: ProbeSetup):
        self.setup = setup
        self.table = ProbeTable(setup)
        self.steps: list[SearchStep] = []
        self.probes: list[Probe] = []
        run_bytes = (setup.max_steps + 1) * (len(setup.start) + 1) * 8
        self.lookahead = max(1, min(LOOKAHEAD, int(math.log2(LOOKAHEAD_BYTES / run_bytes + 1))))

    def record(self, phase: str, rate: float, low: float, high: float) -> SearchStep:
        found = self.table[rate]
        self.probes.append(found)
        step = SearchStep(iteration=len(self.steps) + 1, phase=phase, low=low, high=high, mid=found.lr,
                          diverged=found.diverged, steps_to_tolerance=found.steps_to_tolerance,
                          final_loss=found.final_loss, probe=len(self.probes) - 1)
        self.steps.append(step)
        return step

    def walk(self, state):
        """Probe from ``state`` on until it is final: one step per probe, LOOKAHEAD iterations per batch."""
        while not state.final and len(self.steps) < MAX_ITERATIONS:
            if state.rate not in self.table:
                self.table.compute(rates_ahead(state, self.lookahead))
            probed, state = state, state.next(self.table)
            yield self.record(probed.phase, probed.rate, *state.shown)
        return state

    def result(self, goal: str, found: bool, message: str, bracket=(None, None), threshold=None, best=None):
        eigenvalues = self._eigenvalues()
        expected = theory(goal, self.setup.optimizer, eigenvalues, self.setup.hyperparameters) \
            if eigenvalues is not None else None
        return SearchResult(goal=goal, found=found, threshold=threshold, best=best, low=bracket[0], high=bracket[1],
                            iterations=len(self.steps), steps=tuple(self.steps), theory=expected,
                            message=message, probes=tuple(self.probes),
                            eigenvalues=tuple(map(float, eigenvalues)) if eigenvalues is not None else None)

    def _eigenvalues(self):
        """The Hessian's eigenvalues at the minimum reached: the end of the stable probe with the lowest loss."""
        stable = [found for found in self.probes if not found.diverged]
        if not stable:
            return None
        lowest = min(stable, key=lambda found: found.final_loss)
        eigenvalues, _ = local_curvature(self.setup.compiled, dict(self.setup.params), lowest.path[-1][None])
        return eigenvalues[0] if np.all(np.isfinite(eigenvalues[0])) else None


def iterate_search(setup: ProbeSetup, goal: str = STABLE, low: float | None = None, high: float | None = None,
                   xtol: float | None = None) -> Generator[SearchStep, None, SearchResult]:
    """Yield one step per probe of the ``goal`` search and return its :class:`SearchResult`.

    ``low`` and ``high`` (either may be None) are where the threshold's bracket search starts;
    for goal fastest, both given are the bracket searched, else it is [threshold / 100, threshold].
    ``xtol`` is the final bracket's width in decades (default :data:`DEFAULT_XTOL` of the goal).
    Bad input raises :class:`ExpressionError` now, not at the first ``next()``.
    """
    if goal not in GOALS:
        raise ExpressionError(f"unknown goal '{goal}' (choose from {', '.join(GOALS)})")
    xtol = DEFAULT_XTOL[goal] if xtol is None else xtol
    if not (isinstance(xtol, (int, float)) and math.isfinite(xtol) and xtol > 0):
        raise ExpressionError(f"the bracket tolerance must be a positive number of decades, not {xtol}")
    for name, value in (("low", low), ("high", high)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise ExpressionError(f"the {name} learning rate must be a positive number, not {value:g}")
    if low is not None and high is not None and not low < high:
        raise ExpressionError(f"the low learning rate {low:g} must be below the high one {high:g}")
    search = _Search(setup)
    if goal == STABLE:
        return _threshold(search, low, high, xtol)
    return _fastest(search, low, high, xtol)


def search_rate(setup: ProbeSetup, goal: str = STABLE, **options) -> SearchResult:
    """The whole search at once (see :func:`iterate_search`)."""
    return run_to_end(iterate_search(setup, goal, **options))


def _threshold(search: _Search, low, high, xtol, goal: str = STABLE):
    setup = search.setup
    if low is None and high is None:
        low = high = race_learning_rate(setup.compiled, setup.optimizer, setup.start, params=setup.params,
                                        hyperparameters=setup.hyperparameters)
    low, high = (high if low is None else low), (low if high is None else high)
    state = yield from search.walk(Growth(low, high, xtol))
    if isinstance(state, NoBracket):
        return search.result(goal, False, state.message(setup.max_steps))
    threshold, above = state.rate_a, state.rate_b
    result = search.result(goal, True, "", (threshold, above), threshold=threshold)
    if goal != STABLE:
        return result
    return _with_message(result, f"the largest stable rate is {threshold:.6g} (it diverges at {above:.6g}, "
                                 f"{state.b - state.a:.2g} decades above) after {result.iterations} probes"
                                 + _compared(result, threshold, setup.optimizer, "threshold"))


def _fastest(search: _Search, low, high, xtol):
    setup = search.setup
    threshold = None
    if low is None or high is None:
        stable = yield from _threshold(search, low, high, xtol, goal=FASTEST)
        if not stable.found:
            return stable
        threshold = stable.threshold
        low, high = threshold / 10.0**FASTEST_DECADES, threshold
    state = yield from search.walk(GoldenStart(GoldenSection.on(low, high, xtol)))
    golden = [search.probes[step.probe] for step in search.steps if step.phase == GOLDEN]
    best = min(golden, key=Probe.cost)
    bracket = state.shown
    if best.steps_to_tolerance is None:
        result = search.result(FASTEST, False, "", bracket, threshold=threshold)
        return _with_message(result, f"no rate in [{low:.3g}, {high:.3g}] reached the tolerance tol={setup.tol:g} "
                                     f"in {setup.max_steps} steps: allow more steps or a larger tol")
    result = search.result(FASTEST, True, "", bracket, threshold=threshold, best=best.lr)
    return _with_message(result, f"the fastest rate is {best.lr:.6g}: {best.steps_to_tolerance} steps to "
                                 f"tol={setup.tol:g}, after {result.iterations} probes"
                                 + _compared(result, best.lr, setup.optimizer, "fastest rate"))


def _compared(result: SearchResult, value: float, optimizer: str, what: str) -> str:
    if result.theory is None:
        return f"; {OPTIMIZER_LABELS[optimizer]} has no closed-form {what} here: it is measured only"
    expected = result.theory
    return f"; theory {expected.formula} = {expected.value:.6g} ({value / expected.value:.4f} of it)"


def _with_message(result: SearchResult, message: str) -> SearchResult:
    return replace(result, message=message)
