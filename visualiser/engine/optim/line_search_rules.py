"""Gradient descent that searches its step length along −∇f at every iterate, for many runs at once.

Both methods step x_{k+1} = x_k − t_k g_k with g_k = ∇f(x_k), and choose t_k on the slice
φ(t) = f(x_k − t g_k), whose slope is φ'(t) = −∇f(x_k − t g_k)·g_k (so φ'(0) = −|g_k|²):

``exact_line_search``
    t_k minimises φ: the bracket [0, T] starts with T where the straight line through φ'(0) and
    φ'(1/|g|) crosses 0 (1/|g|, a step of unit length, if that line does not rise), grows by
    ``growth`` until φ'(T) > 0 (where φ' is undefined, the line has left the loss's domain, and T
    backs off halfway to the last T where φ' was negative), and bisection on φ' then halves it until
    |φ'(t)| ≤ ``slope_tol`` · |g|², or ``max_bisections`` halvings, or until floating point cannot
    halve it again. Only the gradient is evaluated. On a quadratic φ' is that straight line, so the
    first T is already the exact step t_k = gᵀg / gᵀHg.
``armijo``
    Backtracking (Nocedal and Wright, *Numerical Optimization*, 2nd ed., Algorithm 3.1): the trial
    steps ``t0``, ``t0`` ρ, ``t0`` ρ², … until the first that satisfies Armijo's sufficient-decrease
    condition φ(t) ≤ φ(0) − c t |g|², c = 1e-4 and ρ = 0.5 by default. Only the loss is evaluated.

Each search iteration evaluates the loss or its gradient once, at the trial points of every run whose
search goes on, so a batch of runs searches as one array. A run whose search finds no step (φ' < 0
along the whole bracket: the loss falls without bound along the line; or no trial decreases the loss
enough) gets NaN for its step length, and :class:`~.descent.Descent` stops it there.

The step length replaces the learning rate, so these methods take none, nor a learning-rate schedule;
they search along the loss's own gradient, so they take no gradient noise (a noisy direction need not
go downhill) and no clipping (which changes only the length a search replaces): :func:`refused_option`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from .gradients import vector_norms
from .schedules import ConstantRate

MAX_BRACKET_STEPS = 200  # growths and back-offs of the exact search's bracket, per step
MAX_BACKTRACKS = 200     # Armijo's trial steps, per step (t0 ρ^199: 1.2e-60 t0 at ρ = 0.5)

Points = np.ndarray  # (runs, dimensions)


@dataclass(frozen=True)
class Objective:
    """The loss ``(m, dimensions) -> (m,)`` and its gradient ``(m, dimensions) -> (m, dimensions)`` at any points,
    the loss at each run's current point, and which runs search (the others keep their point)."""

    loss: Callable[[Points], np.ndarray]
    gradient: Callable[[Points], Points]
    losses: np.ndarray
    active: np.ndarray


@dataclass(frozen=True)
class LineSearchRule:
    """One line-search method: its key, display name, default hyperparameters and step-length search.

    ``search(objective, points, gradients, hyperparameters) -> (t, counts)`` gives each run's step
    length (NaN: none found; 0 for a run that does not search) and how many trials or bisections it
    took. It is called with floating-point warnings off: an undefined trial point is NaN, which the
    searches handle.
    """

    name: str
    label: str
    defaults: Mapping[str, float]
    search: Callable
    counted: str  # what ``counts`` counts, the key of the optimizer state it is recorded under
    failure: str  # why a run stopped when its search found no step, after "diverged at step k: " ({point})
    too_far: str = "the searched step went past the loss's domain or off to infinity"  # as UpdateRule's


def _per_run(value, runs: int) -> np.ndarray:
    """A hyperparameter (a number, or a batch's ``(runs, 1)`` array) as one number per run."""
    return np.broadcast_to(np.asarray(value, dtype=np.float64).reshape(-1), (runs,)).copy()


def _searching(objective: Objective, gradients: Points) -> tuple[np.ndarray, np.ndarray]:
    """|g|² of each run, and which runs search (active, with a finite gradient that is not zero).

    A gradient longer than 1e154 has an infinite |g|²: no Armijo trial can then decrease the loss by
    c t |g|², nor can the exact search's bracket start at 1/|g| = 0, so its search finds no step.
    """
    norms = vector_norms(gradients)
    return norms**2, objective.active & np.isfinite(norms) & (norms > 0)


def _rows(going: np.ndarray):
    """The runs whose search goes on: all of them as a slice (views, not copies: a single run's search is
    mostly this overhead), else their indices; None when none is left."""
    if going.all():
        return slice(None)
    rows = np.flatnonzero(going)
    return rows if rows.size else None


def exact_step_lengths(objective: Objective, points: Points, gradients: Points, hp: Mapping):
    """Each run's exact step by bisection on φ'(t) = 0 (see the module), and the bisections it took.

    The bracket depends on the point alone, never on the previous step: starting it at the previous
    step's length saves a few bisections, but on a loss with several minima along the line it
    brackets another one than a search from the point does (Rosenbrock's third step then jumps
    across the valley), and the learning-rate lab's slice at that point would show another step.
    """
    runs = len(points)
    growth, tolerance = _per_run(hp["growth"], runs), _per_run(hp["slope_tol"], runs)
    most = _per_run(hp["max_bisections"], runs)
    squared, searching = _searching(objective, gradients)
    t = np.where(searching, np.nan, 0.0)  # NaN stays where no bracket is found
    bisections = np.zeros(runs)

    def slopes(rows, at: np.ndarray) -> np.ndarray:
        direction = gradients[rows]
        return -np.sum(objective.gradient(points[rows] - at[:, None] * direction) * direction, axis=1)

    # The bracket's first end: where φ' would cross 0 if it were the straight line through φ'(0) = −|g|²
    # and φ'(1/|g|) (exact on a quadratic); 1/|g| itself where that line does not rise.
    low, high = np.zeros(runs), np.where(searching, 1 / np.sqrt(squared), 0.0)
    if (rows := _rows(searching)) is not None:
        unit = high[rows]
        rise = slopes(rows, unit) + squared[rows]
        guess = unit * squared[rows] / rise
        high[rows] = np.where((rise > 0) & np.isfinite(guess), guess, unit)
    growing, bisecting = searching.copy(), np.zeros(runs, dtype=bool)
    for _ in range(MAX_BRACKET_STEPS):
        if (rows := _rows(growing)) is None:
            break
        below, above = low[rows].copy(), high[rows].copy()  # copies: a slice's views change with the assignments
        slope = slopes(rows, above)
        flat = np.abs(slope) <= tolerance[rows] * squared[rows]
        falling, undefined = (slope <= 0) & ~flat, np.isnan(slope)
        t[rows] = np.where(flat, above, t[rows])  # the bracket's end is the minimum already
        bisecting[rows] = (slope > 0) & ~flat
        growing[rows] = falling | undefined
        low[rows] = np.where(falling, above, below)
        # Growing past the minimum; or, where φ' is undefined, back halfway to where the line was defined.
        high[rows] = np.where(falling, above * growth[rows], np.where(undefined, (below + above) / 2, above))

    while (rows := _rows(bisecting)) is not None:
        below, above = low[rows].copy(), high[rows].copy()
        middle = (below + above) / 2
        slope = slopes(rows, middle)
        bisections[rows] += 1
        t[rows] = middle
        beyond = ~(slope <= 0)  # rising, or undefined: the minimum is below the middle
        high[rows] = np.where(beyond, middle, above)
        low[rows] = np.where(beyond, below, middle)
        done = ((np.abs(slope) <= tolerance[rows] * squared[rows]) | (bisections[rows] >= most[rows])
                | (middle == below) | (middle == above))  # the last: floating point cannot halve it again
        bisecting[rows] = ~done
    # φ' alone cannot see the edge of the loss's domain where the gradient is defined past it (1/x beyond
    # log(x)'s x = 0): a step to where the loss is not finite is no step.
    if (rows := _rows(np.isfinite(t) & (t > 0))) is not None:
        t[rows] = np.where(np.isfinite(objective.loss(points[rows] - t[rows, None] * gradients[rows])), t[rows], np.nan)
    return t, bisections


def armijo_step_lengths(objective: Objective, points: Points, gradients: Points, hp: Mapping):
    """Each run's first trial step t0 ρ^i with φ(t) ≤ φ(0) − c t |g|², and the trials it took."""
    runs = len(points)
    t, c, rho = _per_run(hp["t0"], runs), _per_run(hp["c"], runs), _per_run(hp["rho"], runs)
    squared, going = _searching(objective, gradients)
    t[~going] = 0.0
    trials = np.zeros(runs)
    for _ in range(MAX_BACKTRACKS):
        if (rows := _rows(going)) is None:
            break
        step = t[rows]
        values = objective.loss(points[rows] - step[:, None] * gradients[rows])
        # NaN is refused by the comparison; -inf (past the edge of log's domain) is not, so refused here.
        accepted = np.isfinite(values) & (values <= objective.losses[rows] - c[rows] * step * squared[rows])
        trials[rows] += 1
        going[rows] = ~accepted
        t[rows] = np.where(accepted, step, step * rho[rows])
    t[going] = np.nan  # no trial was accepted
    return t, trials


def _rule(name: str, label: str, search: Callable, counted: str, failure: str, **defaults) -> LineSearchRule:
    return LineSearchRule(name, label, MappingProxyType(defaults), search, counted, failure)


LINE_SEARCH_RULES: Mapping[str, LineSearchRule] = MappingProxyType({rule.name: rule for rule in (
    _rule("exact_line_search", "GD with exact line search", exact_step_lengths, "bisections",
          "the exact line search found no minimum along −∇f from {point}: the loss still fell where the bracket "
          "stopped growing (it falls without bound along this line), or the line left the loss's domain first",
          slope_tol=1e-6, max_bisections=100.0, growth=2.0),
    _rule("armijo", "GD with Armijo backtracking", armijo_step_lengths, "trials",
          f"Armijo backtracking found no step along −∇f from {{point}}, down to t0·ρ^{MAX_BACKTRACKS - 1}, that "
          "lowers the loss by c·t·|∇f|² (the loss is undefined or rises along the whole line)",
          t0=1.0, c=1e-4, rho=0.5),
)})


def refused_option(optimizer: str, schedule, noisy: bool, clip) -> tuple[str, str] | None:
    """(the run option, one sentence why) for the first option a line search cannot take, of checked options
    (``noisy``: the gradient noise is not 0); None if it takes them all."""
    if optimizer not in LINE_SEARCH_RULES:
        return None
    label = LINE_SEARCH_RULES[optimizer].label
    if schedule is not None and not isinstance(schedule, ConstantRate):
        return "schedule", f"{label} chooses every step length itself, so it takes no learning-rate schedule"
    if noisy:
        return "noise", (f"{label} searches along the loss's own gradient, so it takes no gradient noise "
                         f"(a noisy direction need not go downhill)")
    if clip is not None:
        return "clip", f"{label} sets each step's length itself, so it takes no gradient clipping"
    return None
