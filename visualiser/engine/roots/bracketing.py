"""The loop every bracketing method shares (bisection, false position, Brent).

A bracketing method keeps an interval [a, b] on which f changes sign. Each iteration it picks a
point x strictly inside, evaluates f(x), and keeps the half whose ends still have opposite
signs. The methods differ only in how they pick x (:class:`BracketingRule`); the start checks,
the sign test, the stopping rule, the step records and the discontinuity check live here, once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable, Generator, Protocol

from .discontinuities import GROWS, REFERENCE_RATIO, SHRINKS, size_change
from .evaluation import Evaluations, describe_value, number
from .steps import Construction
from .signs import opposite_signs, sign
from .steps import (EXACT_ZERO, ITERATION_LIMIT, JUMP, NO_SIGN_CHANGE, POLE, REASON_FLAGS, ROOT_AT_END, UNDEFINED_VALUE,
                    WITHIN_TOLERANCE, RootResult, RootStep)
from .stopping import MACHINE_EPSILON, StoppingRule


@dataclass(frozen=True)
class Bracket:
    """An interval with f at both ends, which have opposite signs (or one of them is 0)."""

    a: float
    fa: float
    b: float
    fb: float

    @property
    def width(self) -> float:
        return self.b - self.a

    @property
    def jump(self) -> float:
        """How much f changes across the bracket: it shrinks to 0 with the width if f is continuous."""
        return abs(self.fb - self.fa)

    def keep_sign_change(self, x: float, fx: float) -> "Bracket":
        """Replace the end where f has the sign of f(x), so the sign change stays inside."""
        if sign(fx) == sign(self.fa):
            return Bracket(x, fx, self.b, self.fb)
        return Bracket(self.a, self.fa, x, fx)

    def best_end(self) -> tuple[float, float]:
        """The end where |f| is smaller, with f there."""
        return (self.a, self.fa) if abs(self.fa) < abs(self.fb) else (self.b, self.fb)

    def other_end(self, x: float) -> tuple[float, float]:
        return (self.b, self.fb) if x == self.a else (self.a, self.fa)


class BracketingRule(Protocol):
    """How one bracketing method picks its points. Built from the starting bracket."""

    construction: Construction  # how the last point it gave was chosen (recorded in the step)

    def next_point(self, bracket: Bracket, tolerance: float) -> float:
        """The next x to evaluate; anything not strictly inside the bracket ends the run."""

    def observe(self, x: float, fx: float, bracket: Bracket) -> tuple[float, float]:
        """Record f(x) (``bracket`` is already updated) and return the estimate of the root and f there."""


def iterate_bracketing(method: str, function: Callable[[float], float], a: float, b: float,
                       stopping: StoppingRule, make_rule: Callable[[Bracket], BracketingRule],
                       ) -> Generator[RootStep, None, RootResult]:
    """Yield one :class:`RootStep` per evaluation of f and return the :class:`RootResult`."""
    evaluations = Evaluations()
    f = evaluations.counted(function)
    start = Bracket(a, f(a), b, f(b))
    steps: list[RootStep] = []

    def finish(reason: str, root: float, message: str) -> RootResult:
        return RootResult(method=method, root=root, function_calls=evaluations.count, flag=REASON_FLAGS[reason],
                          reason=reason, message=message, steps=tuple(steps), bracket=(a, b))

    problem = _check_start(start)
    if problem is not None:
        return finish(*problem)

    rule = make_rule(start)
    bracket = start
    x, fx = start.best_end()
    while len(steps) < stopping.maxiter:
        point = rule.next_point(bracket, stopping.tolerance(x))
        if not bracket.a < point < bracket.b:
            return _converged_or_discontinuous(
                finish, start, bracket, steps, x,
                f"a = {number(bracket.a)} and b = {number(bracket.b)} are neighbouring floating-point "
                f"numbers, so the bracket cannot be split any further and x = {number(x)} is as close "
                f"as double precision gets")
        f_point = f(point)
        if not math.isfinite(f_point):
            steps.append(replace(_step(len(steps) + 1, point, f_point, bracket, bracket), construction=rule.construction))
            yield steps[-1]
            return finish(UNDEFINED_VALUE, math.nan,
                          f"f({number(point)}) is {describe_value(f_point)}, so the method cannot tell which "
                          f"side of x = {number(point)} holds the root: f is undefined or has a pole there")
        previous, bracket = bracket, bracket.keep_sign_change(point, f_point)
        x, fx = rule.observe(point, f_point, bracket)
        steps.append(replace(_step(len(steps) + 1, x, fx, bracket, previous), construction=rule.construction))
        yield steps[-1]
        if fx == 0:
            return finish(EXACT_ZERO, x, f"f({number(x)}) is exactly 0, so x = {number(x)} is a root")
        if stopping.close_enough(bracket.width, x):
            return _converged_or_discontinuous(
                finish, start, bracket, steps, x,
                f"the bracket is {bracket.width:.2g} wide, less than the tolerance "
                f"{stopping.tolerance(x):.2g}, so x = {number(x)} is within {bracket.width:.2g} of a root")
    return finish(ITERATION_LIMIT, x,
                  f"after {stopping.maxiter} iterations the bracket is still {bracket.width:.2g} wide, "
                  f"more than the tolerance {stopping.tolerance(x):.2g}: allow more iterations or a larger xtol")


def _check_start(start: Bracket) -> tuple[str, float, str] | None:
    """Why the run cannot start, or need not (reason, root, message), or None if it can."""
    for end, x, fx in (("a", start.a, start.fa), ("b", start.b, start.fb)):
        if not math.isfinite(fx):
            return (UNDEFINED_VALUE, math.nan,
                    f"f({end}) is {describe_value(fx)} at {end} = {number(x)}, where f is undefined or has a "
                    f"pole, so the bracket has to {'start' if end == 'a' else 'end'} somewhere else")
    for end, x, fx in (("a", start.a, start.fa), ("b", start.b, start.fb)):
        if fx == 0:
            return (ROOT_AT_END, x,
                    f"f({end}) = 0: {end} = {number(x)} is already a root, so the method stops before its first step")
    if not opposite_signs(start.fa, start.fb):
        return NO_SIGN_CHANGE, math.nan, no_sign_change_message(start.a, start.fa, start.b, start.fb)
    return None


def no_sign_change_message(a: float, fa: float, b: float, fb: float) -> str:
    """Why [a, b] with f(a) = ``fa`` and f(b) = ``fb`` of the same sign may hold no root."""
    return (f"f(a) = {number(fa)} and f(b) = {number(fb)} have the same sign, so [{number(a)}, {number(b)}] "
            f"may not contain a root (or holds an even number of them)")


def _step(iteration: int, x: float, fx: float, bracket: Bracket, previous: Bracket) -> RootStep:
    # x is inside the bracket, so the root is no farther from x than the bracket's far end.
    return RootStep(
        iteration=iteration, x=x, fx=fx, a=bracket.a, b=bracket.b, fa=bracket.fa, fb=bracket.fb,
        width=bracket.width, error_bound=max(x - bracket.a, bracket.b - x),
        previous_a=previous.a, previous_b=previous.b)


def _converged_or_discontinuous(finish, start: Bracket, bracket: Bracket, steps: list[RootStep], x: float,
                                converged_message: str) -> RootResult:
    """The bracket is as small as asked; make sure it closed on a root and not on a pole or a jump."""
    kind = _discontinuity_kind(start, bracket, steps)
    if kind is None:
        return finish(WITHIN_TOLERANCE, x, converged_message)
    if kind == POLE:
        message = (f"f changes sign at x = {number(x)} but is not 0 there: |f| grows as the bracket shrinks "
                   f"(f = {number(bracket.fa)} and {number(bracket.fb)} at its ends), so this is a pole, not a root")
    else:
        message = (f"f jumps from {number(bracket.fa)} to {number(bracket.fb)} at x = {number(x)} without "
                   f"passing through 0, so this is a discontinuity, not a root")
    return finish(kind, x, message)


def _discontinuity_kind(start: Bracket, bracket: Bracket, steps: list[RootStep]) -> str | None:
    """:data:`POLE`, :data:`JUMP`, or None when f looks continuous across the final bracket.

    For a continuous f, the change of f across the bracket (its *jump*) shrinks to 0 with the
    width; across a jump it stays the size of the jump, and across a pole it grows. So the final
    jump is compared with the jump across a bracket ~1000 times wider (ten halvings earlier, or
    the start). A final jump below sqrt(machine epsilon) (~1.5e-8) times the starting one is
    rounding noise around a root, and counts as 0.
    """
    if bracket.jump <= math.sqrt(MACHINE_EPSILON) * start.jump:
        return None
    reference = start
    for step in reversed(steps):
        if step.width >= REFERENCE_RATIO * bracket.width:
            reference = Bracket(step.a, step.fa, step.b, step.fb)
            break
    change = size_change(bracket.jump, reference.jump)
    if change == SHRINKS:
        return None
    return POLE if change == GROWS else JUMP
