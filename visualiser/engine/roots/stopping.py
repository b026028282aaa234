"""When to stop: scipy's ``xtol``, ``rtol`` and ``maxiter``, checked once, shared by every method."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ExpressionError

MACHINE_EPSILON = float(np.finfo(float).eps)
DEFAULT_XTOL = 2e-12
DEFAULT_RTOL = 4 * MACHINE_EPSILON
DEFAULT_MAXITER = 100


@dataclass(frozen=True)
class StoppingRule:
    """A run has converged once its uncertainty about x is below ``xtol + rtol * |x|``.

    For bracketing methods the uncertainty is the bracket's width; for open methods it is the
    length of the last step. ``rtol`` may be 0 (unlike scipy, which asks for 4 eps): a bracket
    whose midpoint rounds to one of its ends stops the run anyway, so it always ends.
    """

    xtol: float = DEFAULT_XTOL
    rtol: float = DEFAULT_RTOL
    maxiter: int = DEFAULT_MAXITER

    def __post_init__(self) -> None:
        if not is_number(self.xtol) or not math.isfinite(self.xtol) or self.xtol <= 0:
            raise ExpressionError(f"xtol must be a positive number, not {self.xtol}")
        if not is_number(self.rtol) or not math.isfinite(self.rtol) or self.rtol < 0:
            raise ExpressionError(f"rtol must be a number of at least 0, not {self.rtol}")
        if isinstance(self.maxiter, bool) or not isinstance(self.maxiter, (int, np.integer)) or self.maxiter < 1:
            raise ExpressionError(f"maxiter must be a whole number of at least 1, not {self.maxiter}")

    def tolerance(self, x: float) -> float:
        return self.xtol + self.rtol * abs(x)

    def close_enough(self, uncertainty: float, x: float) -> bool:
        return uncertainty < self.tolerance(x)


def is_number(value) -> bool:
    """A real number of Python or numpy (not a bool, a string or None)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
