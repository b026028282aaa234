"""What a lab's computation returns when the person's input is refused: shown next to its cause, never raised."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import ExpressionError


@dataclass(frozen=True)
class Rejected:
    stage: str  # which input was refused: "expression", "solve", "surface", "runs"
    message: str
    column: int | None = None  # 1-based place in the expression text, for a caret

    @classmethod
    def from_error(cls, stage: str, error: ExpressionError) -> "Rejected":
        return cls(stage, str(error), error.column)
