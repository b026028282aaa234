"""``visualiser neighbours WORD``: the words nearest WORD by cosine similarity, the word itself left out."""

from __future__ import annotations

import argparse

from ..engine.vectors import neighbours
from .vector_arguments import add_neighbour_options, loaded_data, print_neighbours, reports_vector_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("word", help="a word (or label) of the data set")
    add_neighbour_options(parser)


@reports_vector_errors
def run(args: argparse.Namespace) -> int:
    print_neighbours(neighbours(loaded_data(args), args.word, args.k), args.json)
    return 0
