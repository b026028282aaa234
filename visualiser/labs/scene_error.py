"""The error for a value no scene may hold.

Apart from :mod:`visualiser.labs.scene`, which imports msgspec and the expression parser (sympy),
so that the command line can catch it without importing either before a command runs.
"""

from __future__ import annotations


class SceneError(ValueError):
    """A value no scene may hold; ``str()`` is ``"field: problem"``, ``column`` a place in the expression."""

    def __init__(self, field: str, problem: str, column: int | None = None):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.column = column
