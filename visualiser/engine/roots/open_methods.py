"""The loop Newton's method and the secant method share: follow a line down to zero.

Both replace f near the current point by a straight line through (x, f(x)) and jump to where
that line crosses 0: x_new = x - f(x) / slope. Newton takes the tangent's slope f'(x), the secant
method the slope through the last two points. Neither keeps a bracket, so neither is guaranteed
to converge: the loop stops with a flag when the line is flat, when a value is not finite, or
when a step leaves the interval the user is looking at. Nor do short steps prove a root: next to
a pole the steps are as short as f/f' is small, and across a jump the secant bisects its way onto
the jump, so the loop checks that f shrinks towards where the steps settled (``discontinuities``).
"""

from __future__ import annotations

import math
from typing import Callable, Generator

from .discontinuities import GROWS, REFERENCE_RATIO, SHRINKS, STAYS, size_change
from .evaluation import Evaluations, describe_value, number
from .signs import opposite_signs
from .steps import (EXACT_ZERO, FLAT_LINE, ITERATION_LIMIT, JUMP, LEFT_BRACKET, POLE, REASON_FLAGS, STALLED,
                    UNDEFINED_SLOPE, UNDEFINED_VALUE, VERTICAL_TANGENT, WITHIN_TOLERANCE, RootResult, RootStep)
from .stopping import StoppingRule


def iterate_line_steps(method: str, evaluations: Evaluations, f: Callable[[float], float], x: float,
                       fx: float, slope_at: Callable[[float, float], float], flat_message: str,
                       region: tuple[float, float] | None,
                       stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    """Iterate from ``(x, fx)``; ``slope_at(x, fx)`` gives the line's slope at each point.

    ``flat_message`` (formatted with ``x``) explains a zero slope. ``region`` is the bracket the
    user gave, if any: a step outside it has usually run off to another root or to infinity,
    and it would be off the plot, so the run stops there.
    """
    steps: list[RootStep] = []

    def finish(reason: str, root: float, message: str) -> RootResult:
        return RootResult(method=method, root=root, function_calls=evaluations.count, flag=REASON_FLAGS[reason],
                          reason=reason, message=message, steps=tuple(steps), bracket=region)

    if not math.isfinite(fx):
        return finish(UNDEFINED_VALUE, math.nan, f"f({number(x)}) is {describe_value(fx)} at the starting point, "
                                                 f"so the method cannot start there")
    while fx != 0 and len(steps) < stopping.maxiter:
        slope = slope_at(x, fx)
        if math.isnan(slope):
            return finish(UNDEFINED_SLOPE, math.nan,
                          f"the slope at x = {number(x)} is not a number, so no line can be drawn there")
        if math.isinf(slope):
            # The step -f/slope would be 0 and pass for convergence at a point that is no root.
            return finish(VERTICAL_TANGENT, math.nan,
                          f"the tangent at x = {number(x)} is vertical (the slope is infinite), so it never "
                          f"crosses zero: start somewhere else")
        if slope == 0:
            return finish(FLAT_LINE, math.nan, flat_message.format(x=number(x)))
        x_new = x - fx / slope
        fx_new = f(x_new)
        steps.append(RootStep(iteration=len(steps) + 1, x=x_new, fx=fx_new, a=None, b=None, fa=None, fb=None,
                              width=None, error_bound=None, previous_a=None, previous_b=None,
                              previous_x=x, previous_fx=fx, slope=slope))
        yield steps[-1]
        if region is not None and not region[0] <= x_new <= region[1]:
            return finish(LEFT_BRACKET, math.nan,
                          f"the step went to x = {number(x_new)}, outside [{number(region[0])}, "
                          f"{number(region[1])}], at step {len(steps)} from x = {number(steps[0].previous_x)}")
        if not math.isfinite(fx_new):
            return finish(UNDEFINED_VALUE, math.nan,
                          f"f({number(x_new)}) is {describe_value(fx_new)}, so the method cannot go on from there")
        step_length = abs(x_new - x)
        x, fx = x_new, fx_new
        if stopping.close_enough(step_length, x):
            return finish(*_settled(f, steps, step_length, stopping))
    if fx == 0:
        return finish(EXACT_ZERO, x, f"f({number(x)}) is exactly 0, so x = {number(x)} is a root")
    return finish(ITERATION_LIMIT, x,
                  f"after {stopping.maxiter} iterations the method has not settled (the last step was "
                  f"{abs(steps[-1].x - steps[-1].previous_x):.2g} long): allow more iterations or start closer to the root")


def _settled(f: Callable[[float], float], steps: list[RootStep], step_length: float,
             stopping: StoppingRule) -> tuple[str, float, str]:
    """The last step is as short as asked: (reason, root, message) for a root, a pole, a jump or a stall.

    Unless f is exactly 0 there, f is evaluated once more, ``REFERENCE_RATIO`` last steps back
    along the path (one evaluation more than scipy makes), to see whether it shrinks on the way in.
    """
    last = steps[-1]
    x, fx = last.x, last.fx
    shortness = f"the last step was {step_length:.2g} long, less than the tolerance {stopping.tolerance(x):.2g}"
    settled = (WITHIN_TOLERANCE, x, f"{shortness}, so the iteration has settled at x = {number(x)}")
    if fx == 0:
        return settled
    distance = REFERENCE_RATIO * max(step_length, math.ulp(x))
    x_far = x + math.copysign(distance, last.previous_x - x)
    f_far = f(x_far)
    if not math.isfinite(f_far) or f_far == 0:  # nothing to compare with: take scipy's word for it
        return settled
    change = size_change(abs(fx), abs(f_far))
    # f may also stay the size it is this close in when the last step was much shorter than the way
    # to the root (a secant line through a far point is a poor guide): then the chord to x_far,
    # which is nearly the tangent, puts the root within the tolerance.
    if change == SHRINKS or change == STAYS and abs(fx) * distance <= stopping.tolerance(x) * abs(f_far - fx):
        return settled
    values = f"f = {number(fx)} there and {number(f_far)} at x = {number(x_far)}, {REFERENCE_RATIO:g} last steps away"
    if change == GROWS:
        return POLE, x, (f"{shortness}, but f is not 0 at x = {number(x)}: |f| grows towards it ({values}), "
                         f"so this is a pole, not a root")
    nearby = [(x_far, f_far)] + [(step.previous_x, step.previous_fx) for step in steps
                                 if abs(step.previous_x - x) <= distance]
    if any(opposite_signs(fx, f_near) for _, f_near in nearby):
        return JUMP, x, (f"{shortness}, but f does not approach 0 at x = {number(x)} ({values}): f jumps there "
                         f"without passing through 0, so this is a discontinuity, not a root")
    return STALLED, x, (f"{shortness}, but f is not 0 at x = {number(x)} and comes no closer to 0 there ({values}): "
                        f"the lines the method follows are so steep that its steps got short before f got small; "
                        f"start somewhere else")
