"""Line searches along the negative gradient at one point: the slice φ(t) = f(x − t ∇f(x)), its exact step and
Armijo's trial steps, as the learning-rate lab draws them.

The steps are those the optimizers "GD with exact line search" and "GD with Armijo backtracking" take
from the point (:mod:`visualiser.engine.optim.line_search_rules`, at their default settings unless given):

* The exact step minimises φ: it is where φ'(t) = −∇f(x − t g)·g crosses 0, found by bisection on φ'
  until |φ'(t)| ≤ slope_tol · |g|². On a quadratic it is t = gᵀg / gᵀHg.
* Armijo backtracking starts at ``t0`` and multiplies t by ``shrink`` (ρ) until the sufficient-decrease
  condition φ(t) ≤ φ(0) + c t φ'(0) holds: the acceptance line is φ(0) + c t φ'(0), c = 1e-4 as in
  Nocedal and Wright (Numerical Optimization, 2nd ed., section 3.1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from ..optim.gradients import vector_norms
from ..optim.hyperparameters import resolve_hyperparameters
from ..optim.line_search_rules import LINE_SEARCH_RULES, Objective, armijo_step_lengths, exact_step_lengths

ARMIJO = LINE_SEARCH_RULES["armijo"].defaults  # the optimizer's t0, c and ρ, which the slice shows


@dataclass(frozen=True)
class LineSlice:
    """The loss along −∇f from ``point``: φ(t) and φ'(t) for a step length t ≥ 0."""

    compiled: CompiledExpression
    params: Mapping
    point: np.ndarray
    gradient: np.ndarray

    @property
    def value(self) -> float:
        return float(self.phi(0.0))

    @property
    def slope(self) -> float:
        """φ'(0) = −|∇f|² (squared as the searches square it, so that their acceptance line is this one)."""
        return -float(vector_norms(self.gradient)) ** 2

    def phi(self, t):
        points = self.point[:, None] - np.outer(self.gradient, np.atleast_1d(t))
        values = self.compiled.value(*points, params=self.params)
        return values if np.ndim(t) else float(values[0])

    def dphi(self, t: float) -> float:
        point = self.point - t * self.gradient
        return float(-self.compiled.gradient_value(*point, params=self.params) @ self.gradient)

    def search(self, optimizer: str, hyperparameters: Mapping | None) -> tuple[float, int]:
        """The step length the line-search ``optimizer`` takes from the point (NaN: none), and its count."""
        rule_hyperparameters = resolve_hyperparameters(optimizer, hyperparameters)
        search = exact_step_lengths if optimizer == "exact_line_search" else armijo_step_lengths
        functions = self.compiled.bind(self.params)
        objective = Objective(functions.value, functions.gradient, np.array([self.value]), np.array([True]))
        with np.errstate(all="ignore"):
            t, counts = search(objective, self.point[None], self.gradient[None], rule_hyperparameters)
        return float(t[0]), int(counts[0])


def line_slice(compiled: CompiledExpression, point: Sequence[float], params: Mapping | None = None) -> LineSlice:
    point = np.asarray(point, dtype=np.float64)
    gradient = np.asarray(compiled.gradient_value(*point, params=params), dtype=np.float64)
    if not np.all(np.isfinite(gradient)):
        raise ExpressionError("the gradient is undefined here, so there is no line to search along")
    return LineSlice(compiled, dict(params or {}), point, gradient)


@dataclass(frozen=True)
class ExactStep:
    """Where bisection on φ' stopped: the step length t, the bisections it took, and φ'(t) there."""

    t: float
    bisections: int
    slope: float


STATIONARY = "the gradient is 0 here: the point is already stationary"


def exact_line_search(line: LineSlice, hyperparameters: Mapping | None = None) -> ExactStep:
    """The step that minimises φ along the line, as "GD with exact line search" finds it (its
    ``hyperparameters``: slope_tol, max_bisections, growth; default: its defaults)."""
    if line.slope == 0:
        raise ExpressionError(STATIONARY)
    t, bisections = line.search("exact_line_search", hyperparameters)
    if not math.isfinite(t):
        raise ExpressionError("φ still falls however far the bracket grows: the loss has no minimum along this line "
                              "(or the line leaves the loss's domain first)")
    return ExactStep(t, bisections, line.dphi(t))


@dataclass(frozen=True)
class ArmijoStep:
    t: float
    phi: float
    bound: float      # φ(0) + c t φ'(0): the acceptance line at t
    accepted: bool


def armijo_backtracking(line: LineSlice, t0: float = ARMIJO["t0"], c: float = ARMIJO["c"],
                        shrink: float = ARMIJO["rho"]) -> tuple[ArmijoStep, ...]:
    """Each trial step from ``t0`` down by ``shrink``, the last one accepted (φ(t) ≤ φ(0) + c t φ'(0)), as
    "GD with Armijo backtracking" tries them."""
    if line.slope == 0:
        raise ExpressionError(STATIONARY)
    accepted, trials = line.search("armijo", {"t0": t0, "c": c, "rho": shrink})
    if not math.isfinite(accepted):
        raise ExpressionError(f"no step down to t = {t0 * shrink ** (trials - 1):g} decreases the loss enough "
                              "(is the gradient 0 here?)")
    phi0, slope = line.value, line.slope
    steps, t = [], t0
    for trial in range(trials):  # t as the search multiplied it, to the last bit
        value = line.phi(t)
        steps.append(ArmijoStep(t, value, phi0 + c * t * slope, trial == trials - 1))
        t *= shrink
    return tuple(steps)


@dataclass(frozen=True)
class LineSearches:
    """Both searches from one point: the slice, the exact step and Armijo's trials."""

    line: LineSlice
    exact: ExactStep | None   # None: no minimum along the line (``problem`` says why)
    armijo: tuple[ArmijoStep, ...]
    problem: str = ""


def line_searches(compiled: CompiledExpression, point: Sequence[float], params: Mapping | None = None,
                  t0: float = 1.0) -> LineSearches:
    """The exact and the Armijo step along −∇f from ``point`` (raises :class:`ExpressionError` if neither exists)."""
    line = line_slice(compiled, point, params)
    try:
        exact, problem = exact_line_search(line), ""
    except ExpressionError as error:
        exact, problem = None, str(error)
    return LineSearches(line, exact, armijo_backtracking(line, t0), problem)
