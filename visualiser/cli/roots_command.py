"""``visualiser roots EXPR --bracket A B``: find a root step by step and print every iteration.

The arguments become a root scene, solved as the app solves it (``visualiser.labs.roots.compute``).
"""

from __future__ import annotations

import argparse
import dataclasses

from ..engine import ExpressionError, parse_expression
from ..engine.roots import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL, METHOD_LABELS, METHODS, RootResult
from ..labs.rejection import Rejected
from ..labs.roots.compute import solve_scene
from ..labs.roots.scene import RootScene
from ..labs.scene import Parameter
from .arguments import add_parameter_option, finite_float, parameters_from, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expression", help="f(x), e.g. 'x^3 - 2' or 'sin(3x) - x/2'")
    parser.add_argument("--bracket", nargs=2, type=finite_float, metavar=("A", "B"), required=True,
                        help="an interval where f changes sign (for newton and secant: the region to stay in)")
    parser.add_argument("--method", choices=METHODS, default="bisect", help="the method (default: bisect)")
    parser.add_argument("--x0", type=finite_float,
                        help="start of newton and secant (default: the bracket's midpoint for newton, "
                             "its ends for secant)")
    parser.add_argument("--xtol", type=finite_float, default=DEFAULT_XTOL,
                        help=f"absolute tolerance on x (default: {DEFAULT_XTOL:g})")
    parser.add_argument("--rtol", type=finite_float, default=DEFAULT_RTOL,
                        help=f"relative tolerance on x (default: 4 machine epsilons, {DEFAULT_RTOL:.3g})")
    parser.add_argument("--maxiter", type=int, default=DEFAULT_MAXITER,
                        help=f"most iterations (default: {DEFAULT_MAXITER})")
    add_parameter_option(parser)
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: the result's fields and every step")


def run(args: argparse.Namespace) -> int:
    if args.x0 is not None and args.method not in ("newton", "secant"):
        raise ExpressionError(f"--x0 is only used by newton and secant, not by {args.method}")
    variables = parse_expression(args.expression).variables
    if variables != ("x",):  # in the app a y would be a parameter; typed here it is more likely a slip
        raise ExpressionError(f"expected a function of one variable, not of {', '.join(variables)}")
    scene = RootScene(expression=args.expression, method=args.method, bracket=tuple(args.bracket), x0=args.x0,
                      xtol=args.xtol, rtol=args.rtol, maxiter=args.maxiter,
                      parameters={name: Parameter.around(value) for name, value in parameters_from(args).items()})
    run = solve_scene(scene)
    if isinstance(run, Rejected):
        raise ExpressionError(run.message)
    result, compiled = run.primary_result, run.compiled
    if args.json:
        # what was solved, with every parameter's value (defaults included), then the result
        print_json({"expression": compiled.text, "params": run.params, **dataclasses.asdict(result)})
    else:
        print_table(result)
    return 0 if result.converged else 1


def print_table(result: RootResult) -> None:
    print(f"{METHOD_LABELS[result.method]} on [{result.bracket[0]:.15g}, {result.bracket[1]:.15g}]")
    print(f"{'n':>4}  {'a':>22}  {'b':>22}  {'x':>22}  {'f(x)':>11}  {'width':>9}")
    for step in result.steps:
        print(f"{step.iteration:>4}  {_cell(step.a, '22.15g')}  {_cell(step.b, '22.15g')}  {step.x:>22.15g}  "
              f"{step.fx:>11.3e}  {_cell(step.width, '9.2e')}")
    print(f"flag: {result.flag}")
    print(f"root: {result.root:.17g}")
    print(f"iterations: {result.iterations}, function calls: {result.function_calls}")
    print(f"why: {result.message}")
    if result.suggested_brackets:
        print("f changes sign in: " + ", ".join(f"[{a:.6g}, {b:.6g}]" for a, b in result.suggested_brackets))


def _cell(value: float | None, spec: str) -> str:
    width = spec.split(".")[0]
    return f"{'-':>{width}}" if value is None else format(value, spec)
