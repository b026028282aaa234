"""The one exception the expression engine raises for anything a user typed."""

from __future__ import annotations


class ExpressionError(ValueError):
    """Bad user input, explained in one sentence.

    ``column`` is 1-based and points at the offending character when the problem has a place
    in the text (syntax errors, forbidden names); it is ``None`` for whole-expression problems
    such as "expression too large".
    """

    def __init__(self, message: str, column: int | None = None):
        if column is not None:
            message = f"{message} at column {column}"
        super().__init__(message)
        self.message = message
        self.column = column
