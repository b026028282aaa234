"""The results on screen: one method or five racing, and what each shows at a given frame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...engine.roots import RootResult, RootStep
from .. import palette

METHOD_COLOURS = {
    "bisect": palette.BLUE,
    "false-position": palette.ORANGE,
    "secant": palette.GREEN,
    "newton": palette.VERMILLION,
    "brent": palette.PURPLE,
}
BRACKETING_METHODS = ("bisect", "false-position", "brent")


@dataclass(frozen=True)
class RootRun:
    results: dict[str, RootResult]
    primary: str
    bracket: tuple[float, float]
    function: Callable[[float], float]

    @property
    def primary_result(self) -> RootResult:
        return self.results[self.primary]

    @property
    def frame_count(self) -> int:
        return max(len(result.steps) for result in self.results.values()) + 1

    @property
    def reference_root(self) -> float:
        """The most trustworthy root on screen, to measure every method's error against."""
        for method in ("brent", self.primary, *self.results):
            result = self.results.get(method)
            if result is not None and result.converged:
                return result.root
        # No method converged (a pole, say): measure the approach to where the primary ended up.
        return self.primary_result.root

    def step_at(self, method: str, frame: int) -> RootStep | None:
        steps = self.results[method].steps
        if frame <= 0 or not steps:
            return None
        return steps[min(frame, len(steps)) - 1]

    def bracket_at(self, method: str, frame: int) -> tuple[float | None, float | None]:
        step = self.step_at(method, frame)
        if step is None:
            return self.bracket if method in BRACKETING_METHODS else (None, None)
        return step.a, step.b

    def signed_points_at(self, frame: int) -> list[tuple[float, float, str]]:
        """(x, f(x), marker) for the primary method: the bracket ends as squares, the estimate as a dot."""
        points = []
        step = self.step_at(self.primary, frame)
        a, b = self.bracket_at(self.primary, frame)
        if a is not None:
            fa = step.fa if step is not None and step.fa is not None else self.function(a)
            fb = step.fb if step is not None and step.fb is not None else self.function(b)
            points += [(a, fa, "s"), (b, fb, "s")]
        if step is not None:
            points.append((step.x, step.fx, "o"))
        return [p for p in points if _finite(p[0]) and _finite(p[1])]


def _finite(value: float) -> bool:
    return value == value and abs(value) != float("inf")
