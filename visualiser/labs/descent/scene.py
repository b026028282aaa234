"""Everything a person sets up in the gradient-descent lab, as one checked value."""

from __future__ import annotations

import re
from typing import ClassVar

import msgspec

from ...engine import ExpressionError
from ...engine.optim import ALL_OPTIMIZERS, LINE_SEARCHES, OPTIMIZERS, PRESETS, ConstantRate, Schedule
from ...engine.optim.gradients import checked_clip, checked_seeds, checked_sigma
from ...engine.optim.hyperparameters import resolve_hyperparameters
from ...engine.optim.line_search_rules import refused_option
from ...engine.optim.schedules import checked_schedule
from .. import palette
from ..scene import Parameter, Scene, SceneError, check_choice, check_finite, check_interval

MAX_STEPS_RANGE = (1, 5000)
MAX_RUNS = 64
# Hues only: black, white and grey are the overlays' (arrows, curvature, markers), and no yellow, the
# colour map's plateau. Each run is drawn outlined in black or white (palette.outline_colour), so that
# it reads on every colour of the map.
RUN_COLOURS = (palette.BLUE, palette.ORANGE, palette.GREEN, palette.VERMILLION, palette.PURPLE, palette.SKY,
               palette.BROWN, palette.WINE)
# The line searches share the eighth: a race of the seven leaves it free for the first of them.
OPTIMIZER_COLOURS = {**dict(zip(OPTIMIZERS, RUN_COLOURS)), **dict.fromkeys(LINE_SEARCHES, RUN_COLOURS[len(OPTIMIZERS)])}
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")  # the only colours a run takes: they are put into HTML

Point = tuple[float, float]
# A string is let through to the engine's own check, which names the hyperparameter ("lr must be a number").
Hyperparameters = dict[str, float | tuple[float, float] | str]

class RunSetup(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One run: an optimizer from one of the scene's start points.

    ``hyperparameters`` are named as ``torch.optim`` names them; any left out take PyTorch's
    defaults, and the struct holds them all once built. ``colour`` None gets one when the scene
    is built: the optimizer's own if no other run has it, else one not in use.

    As in a PyTorch training loop, ``schedule`` sets each update's learning rate from lr (a
    ``torch.optim.lr_scheduler`` in closed form, written ``{"kind": "cosine", "T_max": 500}``),
    ``noise`` is the σ of Gaussian noise added to each gradient coordinate (0: none) drawn from
    ``numpy.random.default_rng(seed)``, and ``clip`` is ``clip_grad_norm_``'s max_norm (None: no
    clipping). See :mod:`visualiser.engine.optim.gradients` and ``.schedules``. The line searches
    ("exact_line_search", "armijo") have no lr and take none of these three
    (:func:`~visualiser.engine.optim.line_search_rules.refused_option` says why).
    """

    optimizer: str
    start: int = 0  # index into DescentScene.starts
    hyperparameters: Hyperparameters = {}
    colour: str | None = None
    schedule: Schedule = ConstantRate()
    noise: float = 0.0
    seed: int = 0
    clip: float | None = None

    def __post_init__(self) -> None:
        check_choice("optimizer", self.optimizer, ALL_OPTIMIZERS, "optimizer")
        try:
            resolved = resolve_hyperparameters(self.optimizer, self.hyperparameters)
        except ExpressionError as error:
            raise SceneError("hyperparameters", str(error)) from None
        msgspec.structs.force_setattr(self, "hyperparameters", resolved)
        if self.colour is not None and not _HEX_COLOUR.fullmatch(self.colour):
            raise SceneError("colour", f"not a colour like #0072B2: {self.colour!r}")
        for field, check in (("schedule", lambda: checked_schedule(self.schedule)),
                             ("noise", lambda: checked_sigma(self.noise, None)),
                             ("seed", lambda: checked_seeds(self.seed, None)),
                             ("clip", lambda: checked_clip(self.clip, None))):
            try:
                check()
            except ExpressionError as error:
                raise SceneError(field, str(error)) from None
        refused = refused_option(self.optimizer, self.schedule, self.noise != 0, self.clip)
        if refused is not None:
            raise SceneError(*refused)

    @property
    def options(self) -> dict:
        """The schedule, noise and clipping as :func:`~visualiser.engine.optim.run_optimizer` takes them."""
        return {"schedule": self.schedule, "noise": self.noise, "seed": self.seed, "clip": self.clip}

    @property
    def lr(self) -> float | None:
        """The learning rate; None for a line search, which searches each step's length instead."""
        return self.hyperparameters.get("lr")

    @property
    def searches_line(self) -> bool:
        return self.optimizer in LINE_SEARCHES


class Arrows(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Which arrows are drawn at each run's current point (all in step units, from the point)."""

    gradient: bool = True   # −lr × gradient: where plain gradient descent would step
    momentum: bool = True   # −lr × the momentum buffer (Adam's first moment)
    step: bool = True       # the step the optimizer actually takes


ROSENBROCK = PRESETS["rosenbrock"]
# What the loss plot's height shows: the loss above the lowest loss known, on a log scale, or the loss
# itself (a log scale, symmetric about zero where the loss is zero or negative).
LOSS_AXES = ("above_minimum", "loss")


class DescentScene(Scene, tag="descent"):
    """The loss surface, the start points and runs, and what the plots show.

    ``view`` is the framed range, x and y; a window of another shape shows more along one axis
    (the axes keep one scale), so the view, not the window, decides learning rates and defaults.
    """

    # What the runs do not depend on: two scenes that differ only in these run to the same traces.
    DISPLAY_FIELDS: ClassVar[tuple[str, ...]] = ("view", "click_adds", "log_scale", "loss_axis", "arrows", "curvature",
                                                 "show_3d", "selected_run", "frame")

    VARIABLES: ClassVar[tuple[str, ...]] = ("x", "y")

    expression: str = ROSENBROCK.expression
    parameters: dict[str, Parameter] = {}
    starts: tuple[Point, ...] = ()
    runs: tuple[RunSetup, ...] = ()
    max_steps: int = 500
    view: tuple[tuple[float, float], tuple[float, float]] = ROSENBROCK.bounds
    click_adds: str = "gd"  # the optimizer of the run a click on the surface adds
    log_scale: bool = True
    loss_axis: str = "above_minimum"
    arrows: Arrows = Arrows()
    curvature: bool = True  # the Hessian's eigen-directions and numbers at the selected run
    show_3d: bool = False
    selected_run: int = 0
    frame: int | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if any(run.colour is None for run in self.runs):
            msgspec.structs.force_setattr(self, "runs", _coloured(self.runs))

    def check(self) -> None:
        check_choice("click_adds", self.click_adds, ALL_OPTIMIZERS, "optimizer")
        check_choice("loss_axis", self.loss_axis, LOSS_AXES, "loss axis")
        check_interval("view.x", self.view[0])
        check_interval("view.y", self.view[1])
        for index, (x, y) in enumerate(self.starts):
            check_finite(f"starts[{index}]", x)
            check_finite(f"starts[{index}]", y)
        if len(self.runs) > MAX_RUNS:
            raise SceneError("runs", f"{len(self.runs)} runs; the limit is {MAX_RUNS}")
        for index, run in enumerate(self.runs):
            if not 0 <= run.start < len(self.starts):
                raise SceneError(f"runs[{index}].start", f"there is no start point {run.start} "
                                                         f"({len(self.starts)} start point(s))")
        low, high = MAX_STEPS_RANGE
        if not low <= self.max_steps <= high:
            raise SceneError("max_steps", f"not a whole number from {low} to {high}: {self.max_steps}")
        if not 0 <= self.selected_run < max(len(self.runs), 1):
            raise SceneError("selected_run", f"there is no run {self.selected_run}")


def _coloured(runs: tuple[RunSetup, ...]) -> tuple[RunSetup, ...]:
    used = {run.colour for run in runs if run.colour is not None}
    coloured = []
    for run in runs:
        if run.colour is None:
            own = OPTIMIZER_COLOURS[run.optimizer]
            colour = own if own not in used else next((c for c in RUN_COLOURS if c not in used),
                                                      RUN_COLOURS[len(coloured) % len(RUN_COLOURS)])
            used.add(colour)
            run = msgspec.structs.replace(run, colour=colour)
        coloured.append(run)
    return tuple(coloured)
