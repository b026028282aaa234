"""Calling f as the methods see it: always a Python float, and every call counted."""

from __future__ import annotations

import math
from typing import Callable


class Evaluations:
    """Counts calls of f (and of f' for Newton, as scipy does) for ``function_calls``.

    Values are converted to Python floats so that the methods' arithmetic never goes through
    numpy scalars, which would emit RuntimeWarnings on overflow or division by zero.
    """

    def __init__(self) -> None:
        self.count = 0

    def counted(self, function: Callable[[float], float]) -> Callable[[float], float]:
        def call(x: float) -> float:
            self.count += 1
            return float(function(x))

        return call


def describe_value(value: float) -> str:
    """How to say what is wrong with a value that is not a finite number."""
    return "not a number (NaN)" if math.isnan(value) else "infinite"


def number(value: float) -> str:
    """A number as the messages print it: 12 significant digits, as many as a 2e-12 tolerance makes true."""
    return f"{value:.12g}"
