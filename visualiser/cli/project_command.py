"""``visualiser project --method pca|tsne``: every vector's place in 2-D, with its label, as CSV or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

from ..engine.vectors import TsneSettings, VectorDataError
from ..engine.vectors.projection import DEFAULT_TSNE_ITERATIONS, pca_projection, tsne_projection
from ..labs.vectors.points_csv import points_csv
from ..labs.vectors.scene import MAX_ITERATIONS
from .arguments import finite_float, print_json
from .vector_arguments import add_data_options, loaded_data, positive_int, reports_vector_errors

DEFAULTS = TsneSettings()


def _iterations(text: str) -> int:
    value = positive_int(text)
    if value > MAX_ITERATIONS:
        raise argparse.ArgumentTypeError(f"t-SNE runs at most {MAX_ITERATIONS:,} iterations, not {value:,}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_options(parser, "digits")
    parser.add_argument("--method", choices=("pca", "tsne"), required=True, help="PCA (fast, linear) or t-SNE")
    parser.add_argument("--perplexity", type=finite_float, default=DEFAULTS.perplexity,
                        help=f"t-SNE: the effective number of neighbours (default: {DEFAULTS.perplexity:g})")
    parser.add_argument("--iterations", type=_iterations, default=DEFAULT_TSNE_ITERATIONS,
                        help=f"t-SNE: gradient steps, at most {MAX_ITERATIONS:,} as in the lab "
                             f"(default: {DEFAULT_TSNE_ITERATIONS})")
    parser.add_argument("--seed", type=int, default=DEFAULTS.seed, help="t-SNE: the start layout's seed (default: 0)")
    parser.add_argument("--out", metavar="FILE.csv", help="write label, group, x, y to this CSV file")
    parser.add_argument("--json", action="store_true",
                        help="print JSON: 'points' (label, x, y) and 'explained_variance_ratio' (PCA) or "
                             "'kl_divergence' (t-SNE)")


@reports_vector_errors
def run(args: argparse.Namespace) -> int:
    data = loaded_data(args)
    if args.method == "pca":
        projection = pca_projection(data)
    else:
        settings = TsneSettings(perplexity=args.perplexity, seed=args.seed)
        projection = tsne_projection(data, settings, args.iterations)
    table = points_csv(data, np.array([(point.x, point.y) for point in projection.points]))
    if args.out:
        try:
            Path(args.out).write_text(table, encoding="utf-8")
        except OSError as error:
            raise VectorDataError(f"{args.out} could not be written ({error.strerror or error})") from None
    if args.json:
        print_json({key: value for key, value in dataclasses.asdict(projection).items() if value is not None})
    elif not args.out:
        sys.stdout.write(table)
    return 0
