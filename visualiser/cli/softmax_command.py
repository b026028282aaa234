"""``visualiser softmax LOGIT...``: the probabilities, and the cross-entropy of a target class."""

from __future__ import annotations

import argparse

from ..engine.vectors import softmax_result
from .arguments import finite_float, print_json
from .vector_arguments import reports_vector_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("logits", nargs="+", type=finite_float, metavar="LOGIT", help="the logits, e.g. 2 1 0.1")
    parser.add_argument("--temperature", type=finite_float, default=1.0, help="T > 0 (default: 1)")
    parser.add_argument("--target", type=int, metavar="K", help="the true class, counting from 0")
    parser.add_argument("--json", action="store_true", help="print JSON: 'probabilities' and 'cross_entropy'")


@reports_vector_errors
def run(args: argparse.Namespace) -> int:
    result = softmax_result(args.logits, args.temperature, args.target)
    if args.json:
        print_json(result)
        return 0
    for k, (logit, p) in enumerate(zip(args.logits, result.probabilities)):
        print(f"{k:>3}  logit {logit:>12.6g}  p {p:.6g}")
    if result.cross_entropy is not None:
        print(f"cross-entropy -log p[{result.target}] = {result.cross_entropy:.6g}")
    return 0
