"""What a person does to the runs, as functions from one scene to the next.

Start points are kept only while a run uses them: removing the last run from a start removes
the start, and the runs' indices follow.
"""

from __future__ import annotations

import msgspec

from ...engine.optim import LINE_SEARCHES, SCHEDULES, ConstantRate, CosineAnnealingLR, default_hyperparameters
from ..scene import SceneError
from .presets import default_start, race_hyperparameters, race_runs
from .scene import DescentScene, Point, RunSetup

replace = msgspec.structs.replace


def add_start(scene: DescentScene, point: Point) -> DescentScene:
    """A new start point with one run of the "click adds" optimizer, at its race rate."""
    start = (float(point[0]), float(point[1]))
    run = RunSetup(optimizer=scene.click_adds, start=len(scene.starts),
                   hyperparameters=race_hyperparameters(scene, scene.click_adds, start))
    return replace(scene, starts=(*scene.starts, start), runs=(*scene.runs, run))


def move_start(scene: DescentScene, index: int, point: Point) -> DescentScene:
    starts = list(scene.starts)
    starts[index] = (float(point[0]), float(point[1]))
    return replace(scene, starts=tuple(starts))


def replace_run(scene: DescentScene, index: int, run: RunSetup) -> DescentScene:
    runs = list(scene.runs)
    runs[index] = run
    return replace(scene, runs=tuple(runs))


def with_hyperparameter(values: dict, name: str, value: float) -> dict:
    """``values`` (a run's hyperparameters) with ``name`` set, ``beta1`` and ``beta2`` being the two halves of
    Adam's ``betas`` (Adam's defaults for the other half if ``values`` has none)."""
    values = dict(values)
    if name in ("beta1", "beta2"):
        betas = list(values.get("betas", default_hyperparameters("adam")["betas"]))
        betas[name == "beta2"] = value
        values["betas"] = tuple(betas)
    else:
        values[name] = value
    return values


def boxed_hyperparameters(values: dict) -> dict:
    """``values`` as a panel's boxes show them: ``betas`` as ``beta1`` and ``beta2``."""
    values = dict(values)
    if "betas" in values:
        values["beta1"], values["beta2"] = values.pop("betas")
    return values


def set_hyperparameter(scene: DescentScene, index: int, name: str, value: float) -> DescentScene:
    """Run ``index`` with one hyperparameter changed (checked as the engine checks it); the others stay exact."""
    values = with_hyperparameter(scene.runs[index].hyperparameters, name, value)
    return replace_run(scene, index, replace(scene.runs[index], hyperparameters=values))


def change_optimizer(scene: DescentScene, index: int, optimizer: str) -> DescentScene:
    """Run ``index`` with another optimizer: PyTorch's defaults at the optimizer's race rate from that start.

    Its colour stays, and so do its schedule, noise and clipping, which belong to the run, not to the method;
    but a line search takes none of them, so a run that becomes one goes without them.
    """
    run = scene.runs[index]
    hyperparameters = {**default_hyperparameters(optimizer),
                       **race_hyperparameters(scene, optimizer, scene.starts[run.start])}
    if optimizer in LINE_SEARCHES:
        run = replace(run, schedule=ConstantRate(), noise=0.0, clip=None)
    return replace_run(scene, index, replace(run, optimizer=optimizer, hyperparameters=hyperparameters))


def set_schedule(scene: DescentScene, index: int, kind: str) -> DescentScene:
    """Run ``index`` with a learning-rate schedule of ``kind`` (a key of SCHEDULES) at its defaults.

    The same kind keeps its settings; a cosine anneals over the scene's steps (T_max = max_steps).
    """
    if kind not in SCHEDULES:
        raise SceneError("schedule", f"unknown schedule '{kind}' (choose from {', '.join(SCHEDULES)})")
    run = scene.runs[index]
    if isinstance(run.schedule, SCHEDULES[kind]):
        return scene
    schedule = CosineAnnealingLR(T_max=scene.max_steps) if SCHEDULES[kind] is CosineAnnealingLR else SCHEDULES[kind]()
    return replace_run(scene, index, replace(run, schedule=schedule))


def set_schedule_setting(scene: DescentScene, index: int, name: str, value: float) -> DescentScene:
    """Run ``index``'s schedule with one argument changed (PyTorch's names: step_size, gamma, T_max, ...)."""
    run = scene.runs[index]
    if name not in run.schedule.__struct_fields__:
        raise SceneError("schedule", f"{type(run.schedule).__name__} has no argument '{name}'")
    return replace_run(scene, index, replace(run, schedule=replace(run.schedule, **{name: value})))


RUN_OPTIONS = ("noise", "seed", "clip")


def set_run_option(scene: DescentScene, index: int, name: str, value) -> DescentScene:
    """Run ``index`` with its gradient ``noise`` (σ), noise ``seed`` or ``clip`` (max norm, None: off) changed."""
    if name not in RUN_OPTIONS:
        raise SceneError(name, f"not a run option (they are {', '.join(RUN_OPTIONS)})")
    return replace_run(scene, index, replace(scene.runs[index], **{name: value}))


def remove_run(scene: DescentScene, index: int) -> DescentScene:
    runs = scene.runs[:index] + scene.runs[index + 1:]
    selected = scene.selected_run - (scene.selected_run > index)
    return _without_unused_starts(scene, runs, min(max(selected, 0), max(len(runs) - 1, 0)))


def clear_runs(scene: DescentScene) -> DescentScene:
    return replace(scene, starts=(), runs=(), selected_run=0)


def race_all(scene: DescentScene) -> DescentScene:
    """All seven optimizers from the first start point (the default start if there is none)."""
    start = scene.starts[0] if scene.starts else default_start(scene)
    shown = replace(scene, starts=(start,), runs=(), selected_run=0)
    return replace(shown, runs=race_runs(shown))


def _without_unused_starts(scene: DescentScene, runs: tuple[RunSetup, ...], selected: int) -> DescentScene:
    used = sorted({run.start for run in runs})
    renumber = {old: new for new, old in enumerate(used)}
    return replace(scene, starts=tuple(scene.starts[old] for old in used), selected_run=selected,
                   runs=tuple(replace(run, start=renumber[run.start]) for run in runs))
