"""Finding brackets: scan an interval for sign changes that are roots, not poles or jumps."""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from ..errors import ExpressionError
from .bisection import iterate_bisection
from .signs import opposite_signs
from ..generators import run_to_end
from .steps import CONVERGED
from .stopping import StoppingRule

# A candidate bracket is bisected until it is this many times narrower, enough halvings for the
# discontinuity check to see whether |f| falls (a root) or not (a pole or a jump).
_REFINEMENT = 2.0**20


def find_sign_changes(f: Callable[[float], float], lo: float, hi: float,
                      samples: int = 400) -> tuple[tuple[float, float], ...]:
    """Brackets ``(a, b)`` between neighbouring samples where f changes sign, left to right.

    ``samples`` equally spaced points cover [lo, hi]. A sign change is only reported between two
    samples where f is finite and non-zero, with only zeros (never undefined points) between them,
    and only if bisecting it closes on a root: sign changes at poles (``tan(x)`` at pi/2) and jumps
    (``floor(x) - 0.5``) are left out. Roots where f touches 0 without changing sign (``x^2``) cannot
    be bracketed, and two roots between neighbouring samples cancel out; more samples help.
    """
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ExpressionError(f"the scan interval must be two finite numbers lo < hi, not [{lo}, {hi}]")
    if samples < 2:
        raise ExpressionError(f"a scan needs at least 2 samples, not {samples}")
    brackets = []
    last: tuple[float, float] | None = None  # the last finite, non-zero sample
    # Spaced by halves and doubled back (exact): hi - lo itself can overflow for huge intervals.
    for x in (2 * np.linspace(lo / 2, hi / 2, samples)).tolist():
        fx = float(f(x))
        if not math.isfinite(fx):
            last = None
        elif fx != 0:
            if last is not None and opposite_signs(last[1], fx) and _closes_on_root(f, last[0], x):
                brackets.append((last[0], x))
            last = (x, fx)
    return tuple(brackets)


def _closes_on_root(f: Callable[[float], float], a: float, b: float) -> bool:
    xtol = max((b - a) / _REFINEMENT, math.ulp(0.0))  # positive even for subnormal brackets
    return run_to_end(iterate_bisection(f, a, b, StoppingRule(xtol=xtol))).flag == CONVERGED
