"""``visualiser presets``: the built-in loss surfaces that ``descend --preset`` accepts."""

from __future__ import annotations

import argparse
import math

from ..engine.optim import PRESETS
from .arguments import print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of the surfaces (an unbounded minimum value is null)")


def run(args: argparse.Namespace) -> int:
    if args.json:
        print_json(list(PRESETS.values()))
        return 0
    for surface in PRESETS.values():
        print(f"{surface.name}: {surface.title}")
        print(f"  f = {surface.expression}")
        if surface.parameters:
            print("  parameters: " + ", ".join(f"{k}={v:g}" for k, v in surface.parameters.items()))
        if math.isinf(surface.minimum_value):
            print("  no minimum: unbounded below")
        else:
            minima = ", ".join(f"({x:.6g}, {y:.6g})" for x, y in surface.minima)
            print(f"  minimum {surface.minimum_value:.10g} at {minima}")
        print(f"  {surface.note}")
    return 0
