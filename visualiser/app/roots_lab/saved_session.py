"""The root lab's state between runs of the app, as one checked JSON string in the settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ...engine.roots import METHODS
from ...engine.syntax import MAX_LENGTH
from ..expression_editor import HISTORY_LENGTH
from ..saved_values import (SAVED_VALUE_ERRORS, checked_list, expression_text, finite, finite_pair,
                            load_versioned, parameter_values, whole_number)
from .settings import RootSettings

VERSION = 1
MAXITER_RANGE = (1, 1000)  # the method panel's box


@dataclass(frozen=True)
class SavedRootLab:
    expression: str  # the last expression that compiled, never half-typed text
    settings: RootSettings
    parameters: dict[str, float]
    auto_zoom: bool
    history: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **asdict(self)})


def session_from_json(text: object) -> SavedRootLab | None:
    """The state saved by ``to_json``, or None when ``text`` is anything else."""
    try:
        data = load_versioned(text, VERSION)
        return SavedRootLab(expression_text(data["expression"]), _settings(data["settings"]),
                            parameter_values(data["parameters"]), _flag(data["auto_zoom"]),
                            _history(data["history"]))
    except SAVED_VALUE_ERRORS:
        return None


def _settings(value: dict) -> RootSettings:
    if value["method"] not in METHODS:
        raise ValueError(f"unknown method {value['method']!r}")
    a, b = finite_pair(value["bracket"])
    xtol, rtol = finite(value["xtol"]), finite(value["rtol"])
    if not (a < b and xtol > 0 and rtol >= 0):
        raise ValueError("not a bracket and tolerances the panel could have shown")
    x0 = None if value["x0"] is None else finite(value["x0"])
    return RootSettings(value["method"], (a, b), x0, xtol, rtol, whole_number(value["maxiter"], *MAXITER_RANGE),
                        _flag(value["race"]))


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"not true or false: {value!r}")
    return value


def _history(value) -> tuple[str, ...]:
    entries = checked_list(value)[-HISTORY_LENGTH:]
    if not all(isinstance(entry, str) and 0 < len(entry) <= MAX_LENGTH for entry in entries):
        raise ValueError("not a list of expressions")
    return tuple(entries)
