"""The built-in loss surfaces as scenes, and the defaults a surface takes from its curvature and its view."""

from __future__ import annotations

import msgspec

from ...engine import ExpressionError
from ...engine.optim import (LINE_SEARCHES, OPTIMIZERS, PRESETS, LossSurface, built_in_surface, default_hyperparameters,
                             race_learning_rate)
from ..compiled_cache import COMPILED
from ..scene import Parameter
from .scene import DescentScene, Point, RunSetup

START_PRESET = PRESETS["rosenbrock"]


def preset_of(scene: DescentScene) -> LossSurface | None:
    """The built-in surface the scene shows, if its expression is one (it then has known minima)."""
    return built_in_surface(scene.expression)


def race_rate(scene: DescentScene, optimizer: str, start: Point | None = None) -> float:
    """``optimizer``'s default learning rate from ``start`` (default: the first start, else the default start).

    The engine's race rate (:func:`~visualiser.engine.optim.race_learning_rate`): the SGD family takes
    half its own stability bound at the start's curvature (and, on a built-in surface, at its known
    stationary points), the adaptive methods a step that crosses the framed view (never the window's
    shape) in about a hundred steps. An expression that does not compile gets PyTorch's default.
    """
    if start is None:
        start = scene.starts[0] if scene.starts else default_start(scene)
    try:
        compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    except ExpressionError:
        return default_hyperparameters(optimizer)["lr"]
    return race_learning_rate(compiled, optimizer, start, params=scene.parameter_values(), view=scene.view)


def race_hyperparameters(scene: DescentScene, optimizer: str, start: Point | None = None) -> dict:
    """What a new run of ``optimizer`` sets: its race rate (:func:`race_rate`), or nothing for a line search,
    which has no rate and starts from its own defaults."""
    return {} if optimizer in LINE_SEARCHES else {"lr": race_rate(scene, optimizer, start)}


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
