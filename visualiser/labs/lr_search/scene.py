"""Everything a person sets up in the learning-rate lab, as one checked value."""

from __future__ import annotations

import math
from typing import ClassVar

import msgspec

from ...engine import ExpressionError
from ...engine.lr_search import GOALS, STABLE
from ...engine.lr_search.sweep import HEATMAP_AXES, HEATMAP_SIZE
from ...engine.optim import OPTIMIZERS
from ...engine.optim.hyperparameters import resolve_hyperparameters
from ..descent.scene import MAX_STEPS_RANGE, Hyperparameters, Point
from ..scene import Parameter, Scene, SceneError, check_choice, check_finite, check_interval


class LrSearchScene(Scene, tag="lr_search"):
    """The loss, the start point and the optimizer whose learning rate is searched, and what the plots show.

    ``hyperparameters`` are the optimizer's others, named as ``torch.optim`` names them (an ``lr`` is
    refused: it is what the search finds); the struct holds them all once built. ``low`` and
    ``high`` start the bracket (None: the descent lab's race rate), ``xtol`` is the final
    bracket's width in decades (None: the goal's default). ``frame`` k shows the search after k
    probes (None: the end). ``show_heatmap`` computes the rate x momentum heatmap, and ``cell``
    (row, column) is the heatmap cell whose run is drawn on the surface. ``line_search`` shows the slice
    of the loss along −∇f with the exact and the Armijo step, at the iterate x_k the frame shows: the
    shown probe's point after ``line_step`` = k of its steps (its last point if it stopped sooner; the
    start before the first probe, and at k = 0).
    """

    # What only changes the picture: two scenes that differ only in these search alike.
    DISPLAY_FIELDS: ClassVar[tuple[str, ...]] = ("view", "log_scale", "show_heatmap", "cell", "line_search", "line_step", "frame")

    VARIABLES: ClassVar[tuple[str, ...]] = ("x", "y")

    expression: str = "x^2 + 10y^2"
    parameters: dict[str, Parameter] = {}
    start: Point = (-2.5, 1.5)
    optimizer: str = "gd"
    hyperparameters: Hyperparameters = {}
    max_steps: int = 1000
    tol: float = 1e-8
    goal: str = STABLE
    low: float | None = None
    high: float | None = None
    xtol: float | None = None
    view: tuple[tuple[float, float], tuple[float, float]] = ((-3.0, 3.0), (-3.0, 3.0))
    log_scale: bool = True
    show_heatmap: bool = False
    cell: tuple[int, int] | None = None
    line_search: bool = False
    line_step: int = 0
    frame: int | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if "lr" in self.hyperparameters:
            raise SceneError("hyperparameters", "the learning rate is what the search finds: leave lr out")
        try:
            resolved = resolve_hyperparameters(self.optimizer, self.hyperparameters)
        except ExpressionError as error:
            raise SceneError("hyperparameters", str(error)) from None
        msgspec.structs.force_setattr(self, "hyperparameters",
                                      {name: value for name, value in resolved.items() if name != "lr"})

    def check(self) -> None:
        check_choice("optimizer", self.optimizer, OPTIMIZERS, "optimizer")
        check_choice("goal", self.goal, GOALS, "goal")
        check_finite("start", self.start[0])
        check_finite("start", self.start[1])
        check_interval("view.x", self.view[0])
        check_interval("view.y", self.view[1])
        low, high = MAX_STEPS_RANGE
        if not low <= self.max_steps <= high:
            raise SceneError("max_steps", f"not a whole number from {low} to {high}: {self.max_steps}")
        if not (math.isfinite(self.tol) and self.tol > 0):
            raise SceneError("tol", f"the tolerance must be a positive number, not {self.tol:g}")
        for name in ("low", "high", "xtol"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                raise SceneError(name, f"{name} must be a positive number, not {value:g}")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise SceneError("high", f"the bracket needs low < high, but low = {self.low:g} and high = {self.high:g}")
        if not 0 <= self.line_step <= high:
            raise SceneError("line_step", f"not a whole number of steps from 0 to {high}: {self.line_step}")
        if self.show_heatmap and self.optimizer not in HEATMAP_AXES:
            raise SceneError("show_heatmap", f"{self.optimizer} has no momentum-like hyperparameter for a heatmap")
        if self.cell is not None and not all(0 <= index < HEATMAP_SIZE for index in self.cell):
            raise SceneError("cell", f"there is no heatmap cell {self.cell} ({HEATMAP_SIZE} x {HEATMAP_SIZE} cells)")
