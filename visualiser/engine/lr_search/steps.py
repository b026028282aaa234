"""What a learning-rate search produces: one frozen step per probe, then one result."""

from __future__ import annotations

from dataclasses import dataclass

from .probes import Probe

STABLE = "stable"    # the largest rate that does not diverge: bisection
FASTEST = "fastest"  # the rate that converges in the fewest steps: golden-section search
GOALS = (STABLE, FASTEST)

# How a step chose its rate.
BRACKETING = "bracket"  # growing (or shrinking) a rate by factors of 10 until the bracket holds the answer
BISECTING = "bisect"    # the midpoint of the bracket on log10(lr)
GOLDEN = "golden"       # a golden-section point of the bracket on log10(lr)


@dataclass(frozen=True)
class SearchStep:
    """The probe of ``iteration`` (1-based) at rate ``mid``, and the bracket [low, high] after it.

    For the threshold ``low`` is the largest rate known to be stable and ``high`` the smallest known
    to diverge (NaN while there is none yet); for the fastest rate they are the golden-section
    bracket. ``probe`` indexes the result's probes (its path and losses).
    """

    iteration: int
    phase: str
    low: float
    high: float
    mid: float
    diverged: bool
    steps_to_tolerance: int | None
    final_loss: float
    probe: int


@dataclass(frozen=True)
class Theory:
    """A closed-form value to set beside the measured one, from the Hessian at the minimum reached."""

    value: float
    formula: str
    note: str  # what it assumes or adds (λ values, Polyak's momentum)


@dataclass(frozen=True)
class SearchResult:
    """How a search ended. ``found`` False: no rate diverged, or none converged (``message`` says which).

    ``threshold`` is the largest stable rate found (both goals search it; the fastest rate lies
    below it) and ``best`` the fastest rate (goal fastest only). ``probes`` hold every probe's
    path and losses for drawing; they are left out of the command line's JSON.
    """

    goal: str
    found: bool
    threshold: float | None
    best: float | None
    low: float | None
    high: float | None
    iterations: int
    steps: tuple[SearchStep, ...]
    theory: Theory | None
    message: str
    probes: tuple[Probe, ...]
    eigenvalues: tuple[float, ...] | None  # of the Hessian at the minimum reached (None: undefined)
