"""The searches' methods as frozen states: the log10 rate each probes next, and the state each outcome leads to.

Each state has a ``point`` (log10 of the rate it probes) and its ``rate``, ``children()`` (every
state the probe's outcome may lead to) and ``next(table)`` (the one it does lead to, from the
probes made, by rate); ``shown`` is the bracket's rates as the person sees it in that state, and
``final`` says the search (or its phase) is over. Because ``children()`` lists every possible next
state, the rates the next few iterations may probe can be listed before any probe is made (see
:func:`rates_ahead`) and computed together in one batch.

The threshold's bracket grows from a rate by factors of 10 (:class:`Growth`), then bisection
halves it (:class:`Bisection`); the fastest rate is a golden-section search (:class:`GoldenStart`
probes c on its own, then :class:`GoldenSection` one new point per iteration).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Mapping

from .probes import Probe
from .steps import BISECTING, BRACKETING, GOLDEN

MAX_DECADES = 12   # the bracket grows (or shrinks) by at most 10^12 from its first rate
INVERSE_PHI = (math.sqrt(5) - 1) / 2

Known = tuple[float, float]  # (log10 point, rate) of a probe made


@dataclass(frozen=True)
class Growth:
    """Growing the threshold's bracket: next the rate ``low / 10^k`` (shrinking) or ``high * 10^k`` (growing).

    The search shrinks from ``low`` while rates diverge; if ``low`` itself is stable it grows from
    ``high`` until a rate diverges. ``stable`` and ``diverged`` are the largest stable and the
    smallest diverged probe so far.
    """

    low: float
    high: float
    xtol: float  # of the bisection that follows
    growing: bool = False
    k: int = 0
    stable: Known | None = None
    diverged: Known | None = None
    phase = BRACKETING
    final = False

    @property
    def point(self) -> float:
        return math.log10(self.high) + self.k if self.growing else math.log10(self.low) - self.k

    @property
    def rate(self) -> float:
        return self.high * 10.0**self.k if self.growing else self.low / 10.0**self.k

    @property
    def shown(self) -> tuple[float, float]:
        """The largest stable and the smallest diverged rate known (NaN: none yet)."""
        return (self.stable[1] if self.stable else math.nan, self.diverged[1] if self.diverged else math.nan)

    def after(self, diverged: bool):
        """The state once this probe is stable or ``diverged``."""
        probed = (self.point, self.rate)
        if self.growing:
            if diverged:
                return Bisection(*self.stable, *probed, self.xtol)
            if self.k == MAX_DECADES:
                return NoBracket(self.low, probed[1], (probed[1], math.nan), grew=True)
            return replace(self, k=self.k + 1, stable=probed)
        if diverged:
            if self.k == MAX_DECADES:
                return NoBracket(self.low, probed[1], (math.nan, probed[1]), grew=False)
            return replace(self, k=self.k + 1, diverged=probed)
        if self.diverged is not None:
            return Bisection(*probed, *self.diverged, self.xtol)
        grown = replace(self, growing=True, k=0, stable=probed)
        return replace(grown, k=1) if grown.point == probed[0] else grown  # high = low: made already

    def children(self):
        return (self.after(True), self.after(False))

    def next(self, table: Mapping[float, Probe]):
        return self.after(table[self.rate].diverged)


@dataclass(frozen=True)
class NoBracket:
    """The growth ran out of decades from ``low`` to ``reached``: every rate diverged, or (``grew``) none did."""

    low: float
    reached: float
    shown: tuple[float, float]
    grew: bool
    final = True

    def message(self, max_steps: int) -> str:
        if self.grew:
            return (f"no rate diverged: every rate up to {self.reached:.3g} kept the loss below its start for "
                    f"{max_steps} steps, so there is no threshold to find here")
        return (f"every rate from {self.low:.3g} down to {self.reached:.3g} diverged: none keeps the loss below its "
                f"start for {max_steps} steps (is the start on a slope that falls forever?)")


@dataclass(frozen=True)
class Bisection:
    """[a, b] on log10(lr): a is stable, b diverged (their rates ``rate_a``, ``rate_b``); the midpoint is next."""

    a: float
    rate_a: float
    b: float
    rate_b: float
    xtol: float
    phase = BISECTING

    @property
    def final(self) -> bool:
        return not self.b - self.a > self.xtol

    @property
    def point(self) -> float:
        return self.a / 2 + self.b / 2

    @property
    def rate(self) -> float:
        return 10.0**self.point

    @property
    def shown(self) -> tuple[float, float]:
        return (self.rate_a, self.rate_b)

    def children(self):
        return (replace(self, b=self.point, rate_b=self.rate), replace(self, a=self.point, rate_a=self.rate))

    def next(self, table: Mapping[float, Probe]) -> "Bisection":
        return self.children()[0 if table[self.rate].diverged else 1]


@dataclass(frozen=True)
class GoldenSection:
    """[a, b] on log10(lr) with interior points c < d; ``point`` (c or d) is the one to probe now."""

    a: float
    b: float
    c: float
    d: float
    point: float
    xtol: float
    shown: tuple[float, float]
    phase = GOLDEN

    @classmethod
    def on(cls, low: float, high: float, xtol: float) -> "GoldenSection":
        a, b = math.log10(low), math.log10(high)
        c, d = b - INVERSE_PHI * (b - a), a + INVERSE_PHI * (b - a)
        return cls(a, b, c, d, d, xtol, (low, high))  # c is probed first, on its own (GoldenStart)

    @property
    def final(self) -> bool:
        return not self.b - self.a > self.xtol

    @property
    def rate(self) -> float:
        return 10.0**self.point

    def children(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        new_c = d - INVERSE_PHI * (d - a)  # c is better: the minimum is in [a, d], and c is its new d
        new_d = c + INVERSE_PHI * (b - c)  # d is better: the minimum is in [c, b], and d is its new c
        return (GoldenSection(a, d, new_c, c, new_c, self.xtol, (10.0**a, 10.0**d)),
                GoldenSection(c, b, d, new_d, new_d, self.xtol, (10.0**c, 10.0**b)))

    def next(self, table: Mapping[float, Probe]) -> "GoldenSection":
        return self.children()[0 if table[10.0**self.c].cost() <= table[10.0**self.d].cost() else 1]


@dataclass(frozen=True)
class GoldenStart:
    """The golden section's first probe, c alone: whatever it gives, ``section`` (which probes d) follows."""

    section: GoldenSection
    phase = GOLDEN
    final = False

    @property
    def point(self) -> float:
        return self.section.c

    @property
    def rate(self) -> float:
        return 10.0**self.point

    @property
    def shown(self) -> tuple[float, float]:
        return self.section.shown

    def children(self):
        return (self.section,)

    def next(self, table: Mapping[float, Probe]) -> GoldenSection:
        return self.section


def rates_ahead(state, depth: int) -> list[float]:
    """Every rate the next ``depth`` iterations from ``state`` may probe, whatever their outcomes."""
    rates, frontier = {}, [state]
    for _ in range(depth):
        frontier = [s for s in frontier if not s.final]
        rates.update(dict.fromkeys(s.rate for s in frontier))
        frontier = [child for s in frontier for child in s.children()]
    return list(rates)
