"""``visualiser inspect EXPR``: the parsed expression, its variables, gradient and Hessian."""

from __future__ import annotations

import argparse

from ..engine import compile_expression
from ..engine.summary import summarize
from .arguments import print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expression", help="the expression, e.g. '(1-x)^2 + 100(y-x^2)^2'")
    parser.add_argument("--vars", metavar="x,y", help="the variables, comma-separated (default: x, and y if used)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    variables = args.vars.split(",") if args.vars else None
    summary = summarize(compile_expression(args.expression, variables))
    if args.json:
        print_json(summary)
        return 0
    print(f"expression: {summary.expression}")
    print(f"latex:      {summary.latex}")
    print(f"variables:  {', '.join(summary.variables)}")
    print(f"parameters: {', '.join(summary.parameters) or '(none)'}")
    print("gradient:")
    for variable, component, latex in zip(summary.variables, summary.gradient, summary.gradient_latex):
        print(f"  d/d{variable}: {component}")
        print(f"  {'':{len(variable) + 4}}  latex: {latex}")
    print("hessian:")
    for row, latex_row in zip(summary.hessian, summary.hessian_latex):
        print(f"  [{', '.join(row)}]")
        print(f"  latex: [{', '.join(latex_row)}]")
    return 0
