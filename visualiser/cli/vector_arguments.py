"""What the vector commands share: ``--data``/``--metadata``/``--k``, and printing a list of neighbours."""

from __future__ import annotations

import argparse
import functools
from typing import Callable

from ..engine.vectors import BUILTIN_SETS, VECTOR_ERRORS, NeighbourList, VectorSet, load_vector_set
from ..engine.vectors.similarity import DEFAULT_NEIGHBOURS
from .arguments import fail, print_json


def reports_vector_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A command's ``run`` that reports a bad vector file, an unknown word or a refused setting as one
    ``error:`` line and exit code 2 (the engine's errors, caught here so that the command line's entry
    point imports no numpy before a command runs)."""
    @functools.wraps(run)
    def reported(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except VECTOR_ERRORS as error:
            return fail(str(error))
    return reported


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def add_data_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--data", default=default, metavar="NAME|FILE",
                        help=f"a built-in set ({', '.join(BUILTIN_SETS)}; default: {default}), a Projector "
                             "vectors.tsv (its metadata.tsv beside it labels the rows) or a word2vec/GloVe text file")
    parser.add_argument("--metadata", metavar="FILE", help="the labels of a Projector .tsv, if not its metadata.tsv")


def loaded_data(args: argparse.Namespace) -> VectorSet:
    return load_vector_set(args.data, args.metadata)


def add_neighbour_options(parser: argparse.ArgumentParser) -> None:
    add_data_options(parser, "words")
    parser.add_argument("--k", type=positive_int, default=DEFAULT_NEIGHBOURS,
                        help=f"how many neighbours (default: {DEFAULT_NEIGHBOURS})")
    parser.add_argument("--json", action="store_true",
                        help="print JSON: 'neighbours', each with 'word' and 'similarity' (cosine), best first")


def print_neighbours(found: NeighbourList, as_json: bool) -> None:
    if as_json:
        print_json(found)
        return
    width = max((len(n.word) for n in found.neighbours), default=4)
    for rank, neighbour in enumerate(found.neighbours, start=1):
        print(f"{rank:>3}  {neighbour.word:<{width}}  {neighbour.similarity:.4f}")
