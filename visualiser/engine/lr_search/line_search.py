"""Line searches along the negative gradient: the slice φ(t) = f(x − t ∇f(x)), exact and Armijo steps.

* The exact step minimises φ: it is where φ'(t) = −∇f(x − t g)·g crosses 0, found by the root
  engine's bisection on φ' (``iterate_root("bisect", ...)``, steps to animate), on a bracket [0, T]
  whose T doubles from 1/|g| until φ' > 0 there. On a quadratic it is t = gᵀg / gᵀHg.
* Armijo backtracking starts at ``t0`` and halves t (``shrink``) until the sufficient-decrease
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
from ..generators import run_to_end
from ..roots import RootResult, iterate_root

ARMIJO_C = 1e-4
SHRINK = 0.5
MAX_DOUBLINGS = 60
MAX_BACKTRACKS = 60


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
        """φ'(0) = −|∇f|²."""
        return float(-self.gradient @ self.gradient)

    def phi(self, t):
        points = self.point[:, None] - np.outer(self.gradient, np.atleast_1d(t))
        values = self.compiled.value(*points, params=self.params)
        return values if np.ndim(t) else float(values[0])

    def dphi(self, t: float) -> float:
        point = self.point - t * self.gradient
        return float(-self.compiled.gradient_value(*point, params=self.params) @ self.gradient)


def line_slice(compiled: CompiledExpression, point: Sequence[float], params: Mapping | None = None) -> LineSlice:
    point = np.asarray(point, dtype=np.float64)
    gradient = np.asarray(compiled.gradient_value(*point, params=params), dtype=np.float64)
    if not np.all(np.isfinite(gradient)):
        raise ExpressionError("the gradient is undefined here, so there is no line to search along")
    return LineSlice(compiled, dict(params or {}), point, gradient)


def exact_line_search(line: LineSlice, xtol: float = 1e-12) -> RootResult:
    """Bisection on φ'(t) = 0 over [0, T]: the step that minimises φ along the line (its steps animate)."""
    norm = math.sqrt(-line.slope)
    if norm == 0:
        raise ExpressionError("the gradient is 0 here: the point is already stationary")
    high = 1.0 / norm
    for _ in range(MAX_DOUBLINGS):
        slope = line.dphi(high)
        if not math.isfinite(slope):
            raise ExpressionError(f"φ' is undefined at t = {high:g}: the line leaves the loss's domain first")
        if slope > 0:
            return run_to_end(iterate_root("bisect", line.dphi, (0.0, high), xtol=xtol, rtol=0.0))
        high *= 2
    raise ExpressionError(f"φ still falls at t = {high:g}: the loss has no minimum along this line")


@dataclass(frozen=True)
class ArmijoStep:
    t: float
    phi: float
    bound: float      # φ(0) + c t φ'(0): the acceptance line at t
    accepted: bool


def armijo_backtracking(line: LineSlice, t0: float = 1.0, c: float = ARMIJO_C,
                        shrink: float = SHRINK) -> tuple[ArmijoStep, ...]:
    """Each trial step from ``t0`` down by ``shrink``, the last one accepted (φ(t) ≤ φ(0) + c t φ'(0))."""
    if not (0 < c < 1 and 0 < shrink < 1 and t0 > 0):
        raise ExpressionError("Armijo backtracking needs 0 < c < 1, 0 < shrink < 1 and t0 > 0")
    phi0, slope = line.value, line.slope
    steps, t = [], t0
    for _ in range(MAX_BACKTRACKS):
        value = line.phi(t)
        bound = phi0 + c * t * slope
        accepted = math.isfinite(value) and value <= bound
        steps.append(ArmijoStep(t, value, bound, accepted))
        if accepted:
            return tuple(steps)
        t *= shrink
    raise ExpressionError(f"no step down to t = {t:g} decreases the loss enough (is the gradient 0 here?)")


@dataclass(frozen=True)
class LineSearches:
    """Both searches from one point: the slice, the exact step's bisection and Armijo's trials."""

    line: LineSlice
    exact: RootResult | None   # None: no minimum along the line (``problem`` says why)
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
