"""The two searches on log10(learning rate): bisection for the divergence threshold, golden section for the fastest rate.

Both are the classic sequential methods, one probe per iteration, and both yield one
:class:`~.steps.SearchStep` per probe so that a GUI can animate them as the root lab animates
bisection. Each probe is a whole optimizer run, though, and a batch of runs costs little more
than one (:func:`~visualiser.engine.optim.run_batch`), so the probes are computed ahead: every
rate the next ``LOOKAHEAD`` iterations might probe (both outcomes of each, 2^LOOKAHEAD − 1 rates)
goes into one batch, and then the iterations are replayed from those results. The steps are
exactly those of the one-at-a-time search; the rates it did not need are dropped.

The starting bracket of the threshold is found the same way: from a rate (``low``, or the
curvature-based default rate of :func:`~visualiser.engine.optim.default_learning_rate`), rates
10, 100, ... times larger are probed until one diverges (or 10, 100, ... times smaller until one
is stable), at most ``MAX_DECADES`` each way, all in one batch.

Bisection needs only a stable rate below a diverging one; on a loss where divergence is not
monotone in the rate (a large rate that jumps into another basin) it still ends on a boundary
between the two, the one its bracket held.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Generator

import numpy as np

from ..errors import ExpressionError
from ..generators import run_to_end
from ..optim import OPTIMIZER_LABELS, default_learning_rate, local_curvature
from .probes import Probe, ProbeSetup, probe
from .steps import BISECTING, BRACKETING, FASTEST, GOALS, GOLDEN, STABLE, SearchResult, SearchStep
from .theory import theory

MAX_DECADES = 12   # the bracket grows (or shrinks) by at most 10^12 from its first rate
LOOKAHEAD = 4      # iterations computed per batch: 15 rates
DEFAULT_XTOL = {STABLE: 1e-4, FASTEST: 1e-3}  # decades: 0.023% and 0.23% in the rate
FASTEST_DECADES = 2.0  # goal fastest searches [threshold / 100, threshold] unless given a bracket
MAX_ITERATIONS = 200
INVERSE_PHI = (math.sqrt(5) - 1) / 2


@dataclass(frozen=True)
class _Bisection:
    """[a, b] on log10(lr): a is stable, b diverged; the next probe is the midpoint."""

    a: float
    b: float

    @property
    def point(self) -> float:
        return self.a / 2 + self.b / 2

    def children(self):
        return (_Bisection(self.a, self.point), _Bisection(self.point, self.b))

    def next(self, table: dict[float, Probe]) -> "_Bisection":
        return self.children()[0 if table[self.point].diverged else 1]


@dataclass(frozen=True)
class _GoldenSection:
    """[a, b] on log10(lr) with interior points c < d; ``point`` (c or d) is the one to probe now."""

    a: float
    b: float
    c: float
    d: float
    point: float

    @classmethod
    def on(cls, a: float, b: float) -> "_GoldenSection":
        c, d = b - INVERSE_PHI * (b - a), a + INVERSE_PHI * (b - a)
        return cls(a, b, c, d, d)  # c is probed first, on its own

    def children(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        new_c = d - INVERSE_PHI * (d - a)  # c is better: the minimum is in [a, d], and c is its new d
        new_d = c + INVERSE_PHI * (b - c)  # d is better: the minimum is in [c, b], and d is its new c
        return (_GoldenSection(a, d, new_c, c, new_c), _GoldenSection(c, b, d, new_d, new_d))

    def next(self, table: dict[float, Probe]) -> "_GoldenSection":
        return self.children()[0 if table[self.c].cost() <= table[self.d].cost() else 1]


class _Search:
    """The probes and steps of one search, and the probe table they are replayed from."""

    def __init__(self, setup: ProbeSetup):
        self.setup = setup
        self.table: dict[float, Probe] = {}
        self.steps: list[SearchStep] = []
        self.probes: list[Probe] = []

    def compute(self, points: dict[float, float]) -> None:
        """Probe ``{log10 point: rate}`` not yet in the table, in one batch."""
        todo = {point: rate for point, rate in points.items() if point not in self.table}
        self.table.update(zip(todo, probe(self.setup, list(todo.values()))))

    def record(self, phase: str, point: float, low: float, high: float) -> SearchStep:
        found = self.table[point]
        self.probes.append(found)
        step = SearchStep(iteration=len(self.steps) + 1, phase=phase, low=low, high=high, mid=found.lr,
                          diverged=found.diverged, steps_to_tolerance=found.steps_to_tolerance,
                          final_loss=found.final_loss, probe=len(self.probes) - 1)
        self.steps.append(step)
        return step

    def rate(self, point: float) -> float:
        return self.table[point].lr if point in self.table else 10.0**point

    def replay(self, state, phase: str, xtol: float):
        """Iterate ``state`` to a bracket narrower than ``xtol``, LOOKAHEAD iterations per batch."""
        while state.b - state.a > xtol and len(self.steps) < MAX_ITERATIONS:
            self.compute({point: 10.0**point for point in _ahead(state, xtol)})
            for _ in range(LOOKAHEAD):
                if not (state.b - state.a > xtol and len(self.steps) < MAX_ITERATIONS):
                    break
                point, state = state.point, state.next(self.table)
                yield self.record(phase, point, self.rate(state.a), self.rate(state.b))
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


def _ahead(state, xtol: float) -> list[float]:
    """The points the next LOOKAHEAD iterations from ``state`` may probe, whatever their outcomes."""
    points, frontier = [], [state]
    for _ in range(LOOKAHEAD):
        frontier = [s for s in frontier if s.b - s.a > xtol]
        points += [s.point for s in frontier]
        frontier = [child for s in frontier for child in s.children()]
    return points


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
    bracket = yield from _bracket(search, low, high)
    if isinstance(bracket, str):
        return search.result(goal, False, bracket)
    state = yield from search.replay(_Bisection(*bracket), BISECTING, xtol)
    threshold, above = search.rate(state.a), search.rate(state.b)
    result = search.result(goal, True, "", (threshold, above), threshold=threshold)
    if goal != STABLE:
        return result
    return _with_message(result, f"the largest stable rate is {threshold:.6g} (it diverges at {above:.6g}, "
                                 f"{state.b - state.a:.2g} decades above) after {result.iterations} probes"
                                 + _compared(result, threshold, search.setup.optimizer, "threshold"))


def _bracket(search: _Search, low, high):
    """Probe rates 10x apart from ``low`` down and ``high`` up, all at once; replay the sequential search.

    Returns (log10 stable, log10 diverged), or one sentence on why there is no bracket.
    """
    setup = search.setup
    if low is None and high is None:
        low = high = default_learning_rate(setup.compiled, setup.optimizer, setup.start, params=setup.params,
                                           hyperparameters=setup.hyperparameters)
    low, high = (high if low is None else low), (low if high is None else high)
    downs = [(math.log10(low) - k, low / 10.0**k) for k in range(MAX_DECADES + 1)]
    ups = [(math.log10(high) + k, high * 10.0**k) for k in range(MAX_DECADES + 1)]
    search.compute(dict(downs + ups))
    stable = diverged = None  # log10 points
    for point, _ in downs:
        yield search.record(BRACKETING, point, *_ends(search, point, stable, diverged))
        if not search.table[point].diverged:
            stable = point
            break
        diverged = point
    if stable is None:
        return (f"every rate from {low:.3g} down to {downs[-1][1]:.3g} diverged: none keeps the loss below its "
                f"start for {setup.max_steps} steps (is the start on a slope that falls forever?)")
    if diverged is None:
        for point, _ in ups:
            if point != stable:
                yield search.record(BRACKETING, point, *_ends(search, point, stable, diverged))
            if search.table[point].diverged:
                diverged = point
                break
            stable = point
        if diverged is None:
            return (f"no rate diverged: every rate up to {ups[-1][1]:.3g} kept the loss below its start for "
                    f"{setup.max_steps} steps, so there is no threshold to find here")
    return stable, diverged


def _ends(search: _Search, point: float, stable, diverged) -> tuple[float, float]:
    """The bracket after probing ``point``: the largest stable and smallest diverged rate known (NaN: none yet)."""
    if search.table[point].diverged:
        diverged = point
    else:
        stable = point
    return (search.rate(stable) if stable is not None else math.nan,
            search.rate(diverged) if diverged is not None else math.nan)


def _fastest(search: _Search, low, high, xtol):
    setup = search.setup
    threshold = None
    if low is None or high is None:
        stable = yield from _threshold(search, low, high, xtol, goal=FASTEST)
        if not stable.found:
            return _with_message(stable, stable.message)
        threshold = stable.threshold
        low, high = threshold / 10.0**FASTEST_DECADES, threshold
    a, b = math.log10(low), math.log10(high)
    state = _GoldenSection.on(a, b)
    search.compute({state.c: 10.0**state.c})
    yield search.record(GOLDEN, state.c, low, high)
    state = yield from search.replay(state, GOLDEN, xtol)
    golden = [search.probes[step.probe] for step in search.steps if step.phase == GOLDEN]
    best = min(golden, key=Probe.cost)
    bracket = (search.rate(state.a), search.rate(state.b))
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
