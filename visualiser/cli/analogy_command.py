"""``visualiser analogy A B C``: the words nearest a - b + c (king - man + woman), a, b and c left out."""

from __future__ import annotations

import argparse

from ..engine.vectors import analogy
from .vector_arguments import add_neighbour_options, loaded_data, print_neighbours, reports_vector_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="e.g. king")
    parser.add_argument("b", help="e.g. man")
    parser.add_argument("c", help="e.g. woman")
    add_neighbour_options(parser)


@reports_vector_errors
def run(args: argparse.Namespace) -> int:
    print_neighbours(analogy(loaded_data(args), args.a, args.b, args.c, args.k), args.json)
    return 0
