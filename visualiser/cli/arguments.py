"""Argument types and output helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import sys
from typing import Any

from ..engine.errors import ExpressionError


class CommandLineParser(argparse.ArgumentParser):
    """argparse that reports a mistake as one ``error:`` line (no usage dump) and exits 2.

    Every option here is long (``--bracket``) except ``-h``, so any other word that starts with
    a single ``-`` is a value: ``-1e-3`` (which argparse alone mistakes for an option) and an
    expression such as ``-x^2 + 2``. argparse has no public switch for this; its private
    ``_negative_number_matcher`` decides what counts as a value rather than an option.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-(?!h$)[^-]")

    def error(self, message: str):  # noqa: D401 - argparse's name
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def parameter_assignment(text: str) -> tuple[str, float]:
    """``a=2.5`` -> ``("a", 2.5)``, for ``--param``."""
    name, separator, value = text.partition("=")
    if not separator or not name.strip():
        raise argparse.ArgumentTypeError(f"'{text}' should look like NAME=VALUE")
    try:
        return name.strip(), finite_float(value)
    except argparse.ArgumentTypeError as error:
        raise argparse.ArgumentTypeError(f"the value of '{name.strip()}': {error}") from None


def add_parameter_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--param", metavar="NAME=VALUE", type=parameter_assignment, action="append",
                        default=[], help="value of a parameter of the expression (repeatable)")


def parameters_from(args: argparse.Namespace) -> dict[str, float]:
    return dict(args.param)


def finite_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return value


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return _jsonable(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    return value


def print_json(value: Any) -> None:
    """Print a dataclass (through ``asdict``) or plain data as JSON, non-finite numbers as null."""
    json.dump(_jsonable(value), sys.stdout, indent=2)
    sys.stdout.write("\n")


def fail(error: ExpressionError | str) -> int:
    print(f"error: {error}", file=sys.stderr)
    return 2
