"""Checked reading of what the labs saved as JSON in the settings file.

The settings file is outside the app's control (an older version, a hand edit, a disk error).
Each reader returns the value if it is what this version could have written, and raises
``ValueError`` otherwise; a lab catches that once (``SAVED_VALUE_ERRORS``) and starts from its
default instead of showing a traceback.
"""

from __future__ import annotations

import json
import math

from ..engine import ExpressionError

MAX_EXPRESSION_LENGTH = 10_000

# Everything a checked read of json.loads output can raise.
SAVED_VALUE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, ExpressionError, RecursionError,
                      OverflowError)


def load_versioned(text: object, version: int) -> dict:
    """The JSON object in ``text`` if it carries ``version``."""
    if not isinstance(text, str):
        raise ValueError("nothing saved")
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != version:
        raise ValueError("saved by another version")
    return data


def checked_list(value) -> list:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def finite(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"not a number: {value!r}")
    number = float(value)  # OverflowError for a huge int: caught with the rest
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def finite_pair(value) -> tuple[float, float]:
    first, second = checked_list(value)
    return finite(first), finite(second)


def whole_number(value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"not a whole number in [{low}, {high}]: {value!r}")
    return value


def expression_text(value) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_EXPRESSION_LENGTH:
        raise ValueError("not an expression")
    return value


def parameter_values(value) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ValueError("not a mapping")
    return {str(name): finite(number) for name, number in value.items()}
