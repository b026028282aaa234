"""What a step of a root finder looks like on the board: the line or parabola it followed down to
zero, the points it was drawn through, and for a bracketing method the part of the bracket it dropped.

Newton follows the tangent at x_{n-1}; the secant method the line through x_{n-2} and x_{n-1};
false position the chord across the bracket it started from; Brent a secant line, an inverse
quadratic (x as a quadratic in f) or a bisection, as its step records; bisection takes the
midpoint. Qt-free: the figure only puts these numbers into its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ...engine.roots import RootStep
from ...engine.roots.steps import CHORD, INVERSE_QUADRATIC, MIDPOINT, SECANT_LINE

TANGENT = "tangent"
SECANT = "secant"
PARABOLA_SAMPLES = 64
LINE_OVERHANG = 0.12  # a tangent or secant line is drawn this fraction of its length past its ends, as on a board

Point = tuple[float, float]


@dataclass(frozen=True, eq=False)
class StepConstruction:
    """One step's construction. ``xs``, ``ys`` trace its line or parabola (empty for a midpoint);
    ``through`` are the points it was drawn through; ``point`` is the x it chose, where the line or
    parabola meets the axis; ``dropped`` is the part of the bracket the step threw away."""

    kind: str
    point: float
    through: tuple[Point, ...] = ()
    xs: np.ndarray = field(default_factory=lambda: np.empty(0))
    ys: np.ndarray = field(default_factory=lambda: np.empty(0))
    dropped: tuple[float, float] | None = None
    bracket: tuple[float, float] | None = None  # the bracket a bracketing step started from

    def description(self, iteration: int) -> str:
        """A few words for the label of step ``iteration`` (which found x_iteration): "tangent at x₂"."""
        if self.kind == TANGENT:
            return f"tangent at x{subscript(iteration - 1)}"
        if self.kind == SECANT:
            if iteration == 1:
                return "secant through the two starting points"
            return f"secant through x{subscript(iteration - 2)}, x{subscript(iteration - 1)}"
        a, b = self.bracket
        return DESCRIPTIONS[self.kind].format(bracket=f"[{a:.6g}, {b:.6g}]")


DESCRIPTIONS = {
    CHORD: "chord across {bracket}",
    SECANT_LINE: "secant line in {bracket}",
    INVERSE_QUADRATIC: "inverse quadratic in {bracket}",
    MIDPOINT: "midpoint of {bracket}",
}


def subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def step_construction(steps: tuple[RootStep, ...], index: int, tangent: bool) -> StepConstruction:
    """The construction of ``steps[index]``; ``tangent`` says an open method's line is Newton's tangent."""
    step = steps[index]
    if step.construction is None:
        return _open_construction(steps, index, tangent)
    return _bracketing_construction(step)


def _open_construction(steps: tuple[RootStep, ...], index: int, tangent: bool) -> StepConstruction:
    step = steps[index]
    start = (step.previous_x, step.previous_fx)
    zero = step.previous_x - step.previous_fx / step.slope  # as the engine computes the step
    if tangent:
        through = (start,)
    else:
        # The secant line's other point is the one the step before started from (for the first
        # step, scipy's second start, 1e-4 away and indistinguishable on the plot).
        through = ((steps[index - 1].previous_x, steps[index - 1].previous_fx), start) if index else (start,)
    xs = _overhung(np.array([*(x for x, _ in through), zero]))
    ys = step.previous_fx + step.slope * (xs - step.previous_x)
    return StepConstruction(TANGENT if tangent else SECANT, zero, through, xs, ys)


def _bracketing_construction(step: RootStep) -> StepConstruction:
    kind, through = step.construction.kind, step.construction.through
    point = evaluated_point(step)
    around = {"dropped": _dropped_part(step), "bracket": (step.previous_a, step.previous_b)}
    if kind == MIDPOINT:
        return StepConstruction(kind, point, **around)
    if kind == INVERSE_QUADRATIC:
        fs = np.array([f for _, f in through])
        ys = np.linspace(min(fs.min(), 0.0), max(fs.max(), 0.0), PARABOLA_SAMPLES)
        return StepConstruction(kind, point, through, inverse_quadratic(through, ys), ys, **around)
    (x0, f0), (x1, f1) = through
    slope = (f1 - f0) / (x1 - x0)
    zero = x0 - f0 / slope
    xs = np.array([x0, x1]) if kind == CHORD else _overhung(np.array([x0, x1, zero]))
    return StepConstruction(kind, point, through, xs, f0 + slope * (xs - x0), **around)


def evaluated_point(step: RootStep) -> float:
    """The x a bracketing step evaluated f at: the end of the bracket it moved.

    (Brent's estimate ``x`` is the end where |f| is smaller, which may be the end it kept.)
    """
    if step.a != step.previous_a:
        return step.a
    if step.b != step.previous_b:
        return step.b
    return step.x  # f was undefined there and the bracket stayed


def _dropped_part(step: RootStep) -> tuple[float, float] | None:
    if step.a != step.previous_a:
        return step.previous_a, step.a
    if step.b != step.previous_b:
        return step.b, step.previous_b
    return None


def inverse_quadratic(through: tuple[Point, Point, Point], fs: np.ndarray) -> np.ndarray:
    """x at the values ``fs`` on the quadratic x(f) through three points (x, f) (Lagrange's form)."""
    (x0, f0), (x1, f1), (x2, f2) = through
    return (x0 * (fs - f1) * (fs - f2) / ((f0 - f1) * (f0 - f2))
            + x1 * (fs - f0) * (fs - f2) / ((f1 - f0) * (f1 - f2))
            + x2 * (fs - f0) * (fs - f1) / ((f2 - f0) * (f2 - f1)))


def _overhung(xs: np.ndarray) -> np.ndarray:
    """The two ends of a line drawn from the least to the greatest of ``xs``, a little past both."""
    low, high = float(xs.min()), float(xs.max())
    overhang = LINE_OVERHANG * (high - low)
    return np.array([low - overhang, high + overhang])
