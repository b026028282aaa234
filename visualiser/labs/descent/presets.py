"""The built-in loss surfaces as scenes, and the defaults a typed surface takes from its view."""

from __future__ import annotations

import msgspec

from ...engine.optim import OPTIMIZERS, PRESETS, LossSurface, default_hyperparameters, race_learning_rate
from ..scene import Parameter
from .scene import DescentScene, Point, RunSetup

DEFAULT_SGD_LR = default_hyperparameters("gd")["lr"]  # a typed surface has no suggested rate
START_PRESET = PRESETS["rosenbrock"]


def preset_of(scene: DescentScene) -> LossSurface | None:
    """The built-in surface the scene shows, if its expression is one (it then has known minima)."""
    text = scene.expression.strip()
    return next((surface for surface in PRESETS.values() if surface.expression == text), None)


def race_rate(scene: DescentScene, optimizer: str) -> float:
    """A learning rate at which ``optimizer`` makes visible progress on the scene's surface.

    A built-in surface has its own; a typed one takes the SGD family's default and, for the
    adaptive methods, a step of a hundredth of the framed view (never of the window's shape).
    """
    surface = preset_of(scene)
    if surface is not None:
        return surface.learning_rate(optimizer)
    (x0, x1), (y0, y1) = scene.view
    return race_learning_rate(optimizer, max(x1 - x0, y1 - y0), DEFAULT_SGD_LR)


def default_start(scene: DescentScene) -> Point:
    """The preset's start, or a point up and to the left of the framed view's centre."""
    surface = preset_of(scene)
    if surface is not None:
        return tuple(map(float, surface.default_start))
    (x0, x1), (y0, y1) = scene.view
    return (x0 + 0.2 * (x1 - x0), y0 + 0.8 * (y1 - y0))


def race_runs(scene: DescentScene) -> tuple[RunSetup, ...]:
    """All seven optimizers from the first start point, each at its race rate."""
    return tuple(RunSetup(optimizer=name, hyperparameters={"lr": race_rate(scene, name)}) for name in OPTIMIZERS)


def preset_scene(surface: LossSurface, scene: DescentScene | None = None) -> DescentScene:
    """``scene`` (default: a new one) showing ``surface`` with all seven optimizers racing from its start.

    The person's step limit and display choices stay.
    """
    scene = scene if scene is not None else DescentScene()
    shown = msgspec.structs.replace(
        scene, expression=surface.expression, view=surface.bounds, starts=(tuple(map(float, surface.default_start)),),
        runs=(), selected_run=0, frame=None,
        parameters={name: Parameter.around(float(value)) for name, value in surface.parameters.items()})
    return msgspec.structs.replace(shown, runs=race_runs(shown))


def start_scene() -> DescentScene:
    """What the lab opens on the first time: the Rosenbrock race."""
    return preset_scene(START_PRESET)
