"""A solved root scene: one method or five racing, and what each shows at a given frame."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ...engine import CompiledExpression
from ...engine.roots import RootResult, RootStep
from .construction import StepConstruction, step_construction
from .methods import ROOT_METHODS
from .scene import RootScene


@dataclass(frozen=True)
class RootRun:
    """The results of solving ``scene``; frame n is the state after n iterations."""

    scene: RootScene
    compiled: CompiledExpression
    results: dict[str, RootResult]

    @property
    def primary(self) -> str:
        return self.scene.method

    @property
    def bracket(self) -> tuple[float, float]:
        return self.scene.bracket

    @property
    def params(self) -> dict[str, float]:
        return self.scene.parameter_values()

    @property
    def primary_result(self) -> RootResult:
        return self.results[self.primary]

    @property
    def frame_count(self) -> int:
        return max(len(result.steps) for result in self.results.values()) + 1

    @functools.cached_property
    def function(self) -> Callable[[float], float]:
        """f(x) with the scene's parameters bound."""
        return self.compiled.scalar_function(self.params)

    def curve(self, xs: np.ndarray) -> np.ndarray:
        """f at the points ``xs`` (NaN where undefined), for the plot."""
        return self.compiled.value(xs, params=self.params)

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

    def construction_at(self, method: str, frame: int) -> StepConstruction | None:
        """How ``method``'s step shown at ``frame`` chose its point (None before the first step)."""
        steps = self.results[method].steps
        if frame <= 0 or not steps:
            return None
        return step_construction(steps, min(frame, len(steps)) - 1, tangent=method == "newton")

    def bracket_at(self, method: str, frame: int) -> tuple[float | None, float | None]:
        step = self.step_at(method, frame)
        if step is None:
            return self.bracket if ROOT_METHODS[method].bracketing else (None, None)
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
        return [p for p in points if math.isfinite(p[0]) and math.isfinite(p[1])]
