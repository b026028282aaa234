"""The race a user set up (surface, start points, runs), as one JSON string for the settings file.

The settings file is outside the app's control (an older version, a hand edit, a disk error), so
reading it checks every value: anything that is not a race this version could have written comes
back as ``None`` and the lab starts from its default race instead of showing a traceback.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

from ...engine import ExpressionError
from ...engine.optim import OPTIMIZERS
from ...engine.optim.hyperparameters import resolve_hyperparameters
from .runs_panel import RUN_COLOURS

VERSION = 1
MAX_EXPRESSION_LENGTH = 10_000
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
    if not isinstance(text, str):
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        starts = tuple(_pair(start) for start in _list(data["starts"]))
        race = SavedRace(_expression(data["expression"]),
                         {str(name): _finite(value) for name, value in dict(data["parameters"]).items()},
                         starts, tuple(_run(run, len(starts)) for run in _list(data["runs"])),
                         _steps(data["max_steps"]), _view(data["view"]))
    except (ValueError, TypeError, KeyError, AttributeError, ExpressionError, RecursionError):
        return None
    return race


def _list(value) -> list:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def _finite(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return float(value)


def _pair(value) -> tuple[float, float]:
    first, second = _list(value)
    return _finite(first), _finite(second)


def _expression(value) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_EXPRESSION_LENGTH:
        raise ValueError("not an expression")
    return value


def _steps(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MAX_STEPS_RANGE[0] <= value <= MAX_STEPS_RANGE[1]:
        raise ValueError(f"not a step count: {value!r}")
    return value


def _view(value) -> tuple[Range, Range]:
    x_range, y_range = (_pair(pair) for pair in _list(value))
    if not (x_range[0] < x_range[1] and y_range[0] < y_range[1]):
        raise ValueError("an empty view")
    return x_range, y_range


def _run(value, start_count: int) -> SavedRun:
    optimizer, start_index = value["optimizer"], value["start_index"]
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}")
    if isinstance(start_index, bool) or not isinstance(start_index, int) or not 0 <= start_index < start_count:
        raise ValueError(f"no start point {start_index!r}")
    colour = value.get("colour")
    if colour is not None and colour not in RUN_COLOURS:
        raise ValueError(f"not a run colour: {colour!r}")
    # The engine's own check: a refused value would only come back as a diverged run with an error.
    return SavedRun(optimizer, start_index, resolve_hyperparameters(optimizer, dict(value["hyperparameters"])),
                    colour)
