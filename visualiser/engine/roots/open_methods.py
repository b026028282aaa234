"""The loop Newton's method and the secant method share: follow a line down to zero.

Both replace f near the current point by a straight line through (x, f(x)) and jump to where
that line crosses 0: x_new = x - f(x) / slope. Newton takes the tangent's slope f'(x), the secant
method the slope through the last two points. Neither keeps a bracket, so neither is guaranteed
to converge: the loop stops with a flag when the line is flat, when a value is not finite, or
when a step leaves the interval the user is looking at.
"""

from __future__ import annotations

import math
from typing import Callable, Generator

from .evaluation import Evaluations, describe_value, number
from .steps import CONVERGED, CONVERGENCE_ERROR, VALUE_ERROR, RootResult, RootStep
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

    def finish(flag: str, root: float, message: str) -> RootResult:
        return RootResult(method=method, root=root, function_calls=evaluations.count, flag=flag,
                          message=message, steps=tuple(steps), bracket=region)

    if not math.isfinite(fx):
        return finish(VALUE_ERROR, math.nan, f"f({number(x)}) is {describe_value(fx)} at the starting point, "
                                             f"so the method cannot start there")
    while fx != 0 and len(steps) < stopping.maxiter:
        slope = slope_at(x, fx)
        if math.isnan(slope):
            return finish(VALUE_ERROR, math.nan,
                          f"the slope at x = {number(x)} is not a number, so no line can be drawn there")
        if math.isinf(slope):
            # The step -f/slope would be 0 and pass for convergence at a point that is no root.
            return finish(VALUE_ERROR, math.nan,
                          f"the tangent at x = {number(x)} is vertical (the slope is infinite), so it never "
                          f"crosses zero: start somewhere else")
        if slope == 0:
            return finish(CONVERGENCE_ERROR, math.nan, flat_message.format(x=number(x)))
        x_new = x - fx / slope
        fx_new = f(x_new)
        steps.append(RootStep(iteration=len(steps) + 1, x=x_new, fx=fx_new, a=None, b=None, fa=None, fb=None,
                              width=None, error_bound=None, previous_a=None, previous_b=None,
                              previous_x=x, previous_fx=fx, slope=slope))
        yield steps[-1]
        if region is not None and not region[0] <= x_new <= region[1]:
            return finish(CONVERGENCE_ERROR, math.nan,
                          f"the step went to x = {number(x_new)}, outside [{number(region[0])}, "
                          f"{number(region[1])}], so it is heading away from the root you bracketed")
        if not math.isfinite(fx_new):
            return finish(VALUE_ERROR, math.nan,
                          f"f({number(x_new)}) is {describe_value(fx_new)}, so the method cannot go on from there")
        step_length = abs(x_new - x)
        x, fx = x_new, fx_new
        if stopping.close_enough(step_length, x):
            return finish(CONVERGED, x, f"the last step was {step_length:.2g} long, less than the tolerance "
                                        f"{stopping.tolerance(x):.2g}, so the iteration has settled at x = {number(x)}")
    if fx == 0:
        return finish(CONVERGED, x, f"f({number(x)}) is exactly 0, so x = {number(x)} is a root")
    return finish(CONVERGENCE_ERROR, x,
                  f"after {stopping.maxiter} iterations the method has not settled (the last step was "
                  f"{abs(steps[-1].x - steps[-1].previous_x):.2g} long): allow more iterations or start closer to the root")
