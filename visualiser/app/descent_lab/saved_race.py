"""The race a user set up (surface, start points, runs), as one JSON string for the settings file.

The settings file is outside the app's control (an older version, a hand edit, a disk error), so
reading it checks every value: anything that is not a race this version could have written comes
back as ``None`` and the lab starts from its default race instead of showing a traceback.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ...engine.optim import OPTIMIZERS
from ...engine.optim.hyperparameters import resolve_hyperparameters
from ..saved_values import (SAVED_VALUE_ERRORS, checked_list, expression_text, finite_pair, load_versioned,
                            parameter_values, whole_number)
from .runs_panel import RUN_COLOURS

VERSION = 1
MAX_STEPS_RANGE = (1, 5000)  # the runs panel's "steps" box

Range = tuple[float, float]


@dataclass(frozen=True)
class SavedRun:
    optimizer: str
    start_index: int        # into SavedRace.starts
    hyperparameters: dict   # as run_optimizer takes them
    colour: str | None = None  # None: the runs panel picks one


@dataclass(frozen=True)
class SavedRace:
    expression: str
    parameters: dict[str, float]
    starts: tuple[tuple[float, float], ...]
    runs: tuple[SavedRun, ...]
    max_steps: int
    view: tuple[Range, Range]

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **asdict(self)})


def race_from_json(text: object) -> SavedRace | None:
    """The race saved by ``to_json``, or None when ``text`` is anything else."""
    try:
        data = load_versioned(text, VERSION)
        starts = tuple(finite_pair(start) for start in checked_list(data["starts"]))
        return SavedRace(expression_text(data["expression"]), parameter_values(data["parameters"]),
                         starts, tuple(_run(run, len(starts)) for run in checked_list(data["runs"])),
                         _steps(data["max_steps"]), _view(data["view"]))
    except SAVED_VALUE_ERRORS:
        return None


def _steps(value) -> int:
    return whole_number(value, *MAX_STEPS_RANGE)


def _view(value) -> tuple[Range, Range]:
    x_range, y_range = (finite_pair(pair) for pair in checked_list(value))
    if not (x_range[0] < x_range[1] and y_range[0] < y_range[1]):
        raise ValueError("an empty view")
    return x_range, y_range


def _run(value, start_count: int) -> SavedRun:
    optimizer, start_index = value["optimizer"], value["start_index"]
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}")
    whole_number(start_index, 0, start_count - 1)
    colour = value.get("colour")
    if colour is not None and colour not in RUN_COLOURS:
        raise ValueError(f"not a run colour: {colour!r}")
    # The engine's own check: a refused value would only come back as a diverged run with an error.
    return SavedRun(optimizer, start_index, resolve_hyperparameters(optimizer, dict(value["hyperparameters"])),
                    colour)
