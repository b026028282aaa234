"""What a root finder produces: one frozen step per iteration, then one result.

The fields follow scipy's ``RootResults`` (``root``, ``iterations``, ``function_calls``,
``converged``, ``flag``, ``method``) so that people who know ``scipy.optimize`` read them
without a glossary; ``reason``, ``message``, ``steps`` and the brackets are what a student needs on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

CONVERGED = "converged"
SIGN_ERROR = "sign error"
CONVERGENCE_ERROR = "convergence error"
VALUE_ERROR = "value error"
DISCONTINUITY = "discontinuity"
FLAGS = (CONVERGED, SIGN_ERROR, CONVERGENCE_ERROR, VALUE_ERROR, DISCONTINUITY)

# Why a run stopped: finer than its flag, so that a list of methods can say it in a few words
# (the message says it in full). Each reason belongs to one flag.
ROOT_AT_END = "root at an end"        # f(a) or f(b) is exactly 0, so no step is needed
EXACT_ZERO = "exact zero"             # f(x) is exactly 0 at a point the method evaluated
WITHIN_TOLERANCE = "within tolerance"  # the bracket or the last step is shorter than the tolerance
NO_SIGN_CHANGE = "no sign change"     # f(a) and f(b) have the same sign
POLE = "pole"                         # f changes sign, or the steps settle, where |f| grows without bound
JUMP = "jump"                         # ... where f jumps without passing through 0
LEFT_BRACKET = "left the bracket"     # an open method stepped outside the bracket it was given
ITERATION_LIMIT = "iteration limit"   # maxiter iterations without converging
FLAT_LINE = "flat line"               # the tangent or secant line is horizontal and never crosses 0
STALLED = "stalled"                   # the steps got short where f is not near 0 (the lines are too steep)
UNDEFINED_VALUE = "undefined value"   # f is NaN or infinite where the method evaluated it
UNDEFINED_SLOPE = "undefined slope"   # the slope of the line to follow is NaN
VERTICAL_TANGENT = "vertical tangent"  # the slope is infinite: the step would be 0 at a point that is no root
REASON_FLAGS = MappingProxyType({
    ROOT_AT_END: CONVERGED, EXACT_ZERO: CONVERGED, WITHIN_TOLERANCE: CONVERGED,
    NO_SIGN_CHANGE: SIGN_ERROR,
    POLE: DISCONTINUITY, JUMP: DISCONTINUITY,
    LEFT_BRACKET: CONVERGENCE_ERROR, ITERATION_LIMIT: CONVERGENCE_ERROR, FLAT_LINE: CONVERGENCE_ERROR,
    STALLED: CONVERGENCE_ERROR,
    UNDEFINED_VALUE: VALUE_ERROR, UNDEFINED_SLOPE: VALUE_ERROR, VERTICAL_TANGENT: VALUE_ERROR,
})
REASONS = tuple(REASON_FLAGS)


@dataclass(frozen=True)
class RootStep:
    """The state after ``iteration`` iterations (1-based).

    Bracketing methods fill ``a``, ``b`` (the bracket after the step), ``width`` and
    ``error_bound``, and ``previous_a``/``previous_b`` (the bracket the step started from).
    Open methods (secant, Newton) leave those ``None`` and instead fill ``previous_x``,
    ``previous_fx`` and ``slope``: the step followed the line through ``(previous_x,
    previous_fx)`` with that slope (the tangent for Newton, the secant line for secant) to
    where it crosses zero, which is ``x``. Bracketing methods say in ``construction`` how they
    chose ``x`` inside the bracket they started from.
    """

    iteration: int
    x: float
    fx: float
    a: float | None
    b: float | None
    fa: float | None
    fb: float | None
    width: float | None
    error_bound: float | None
    previous_a: float | None
    previous_b: float | None
    previous_x: float | None = None
    previous_fx: float | None = None
    slope: float | None = None
    construction: Construction | None = None


@dataclass(frozen=True)
class Construction:
    """How a bracketing step chose its point in the bracket it started from, as drawn on a board.

    ``kind`` is :data:`MIDPOINT` (bisection, and Brent's bisection steps: no points), :data:`CHORD`
    (false position: the line from (a, w_a) to (b, w_b), where w is f at that end, or a fraction
    of it once the Illinois rule has halved it), :data:`SECANT_LINE` (Brent: the line through two
    points) or :data:`INVERSE_QUADRATIC` (Brent: x as the quadratic in f through three points).
    ``through`` holds those points (x, w). The step's point is where the line or parabola crosses
    0; Brent moves at least half its tolerance from its estimate, so its point may differ from
    that crossing by up to the tolerance.
    """

    kind: str
    through: tuple[tuple[float, float], ...] = ()


MIDPOINT = "midpoint"
CHORD = "chord"
SECANT_LINE = "secant line"
INVERSE_QUADRATIC = "inverse quadratic"
BISECTING = Construction(MIDPOINT)


@dataclass(frozen=True)
class RootResult:
    """How a run ended. ``converged`` and ``iterations`` are derived from ``flag`` and ``steps``.

    ``reason`` says why the run stopped, one of :data:`REASONS`, and must belong to ``flag``. For a
    pole or a jump ``root`` is where f changes sign (or the steps settled), which is not a root.
    """

    method: str
    root: float
    function_calls: int
    flag: str
    reason: str
    message: str
    steps: tuple[RootStep, ...]
    bracket: tuple[float, float] | None
    suggested_brackets: tuple[tuple[float, float], ...] = ()
    iterations: int = field(init=False)
    converged: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.flag not in FLAGS:
            raise ValueError(f"unknown flag {self.flag!r}")
        if REASON_FLAGS.get(self.reason) != self.flag:
            raise ValueError(f"{self.reason!r} is not a reason for the flag {self.flag!r}")
        object.__setattr__(self, "iterations", len(self.steps))
        object.__setattr__(self, "converged", self.flag == CONVERGED)
