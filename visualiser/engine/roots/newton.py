"""Newton's method: follow the tangent at x, whose slope is the exact f'(x) from sympy."""

from __future__ import annotations

from typing import Callable, Generator

from .evaluation import Evaluations
from .open_methods import iterate_line_steps
from .steps import RootResult, RootStep
from .stopping import StoppingRule


def iterate_newton(f: Callable[[float], float], fprime: Callable[[float], float], x0: float,
                   region: tuple[float, float] | None,
                   stopping: StoppingRule) -> Generator[RootStep, None, RootResult]:
    """Newton from ``x0``; ``function_calls`` counts calls of f and of f', as scipy does."""
    evaluations = Evaluations()
    f, fprime = evaluations.counted(f), evaluations.counted(fprime)
    return iterate_line_steps(
        "newton", evaluations, f, x0, f(x0), lambda x, fx: fprime(x),
        "f'(x) = 0 at x = {x}, so the tangent there is flat and never crosses zero", region, stopping)
