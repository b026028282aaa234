"""Helpers for the engine's step generators (root finders and optimizers)."""

from __future__ import annotations

from typing import Generator, TypeVar

Result = TypeVar("Result")


def run_to_end(run: Generator[object, None, Result]) -> Result:
    """Drive a generator of steps to its end and return what it returns (its result)."""
    while True:
        try:
            next(run)
        except StopIteration as stop:
            return stop.value
