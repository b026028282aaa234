"""``visualiser lr-search EXPR|--preset NAME --start X Y``: search the learning rate by bisection and print every probe.

Goal ``stable`` bisects on log10(lr) for the divergence threshold (a probe diverged when its loss
ends above its start, or blows up); goal ``fastest`` then searches below it, by golden section, for
the rate that reaches the tolerance in the fewest steps. The JSON is the engine's
:class:`~visualiser.engine.lr_search.SearchResult` without its ``probes`` (every probe's path and
losses, which the app draws), plus what was searched: ``expression``, ``variables``, ``params``,
``optimizer``, ``hyperparameters``, ``start``, ``max_steps`` and ``tol``.
"""

from __future__ import annotations

import argparse
import dataclasses
import math

from ..engine.lr_search import DEFAULT_XTOL, FASTEST, GOALS, STABLE, ProbeSetup, SearchResult, search_rate
from ..engine.optim import OPTIMIZER_LABELS, OPTIMIZERS, race_learning_rate
from .arguments import add_parameter_option, finite_float, print_json
from .descend_command import add_hyperparameter_arguments, add_loss_arguments, hyperparameters_from, loss_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_loss_arguments(parser)
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="gd", help="the optimizer (default: gd)")
    add_hyperparameter_arguments(parser)
    parser.add_argument("--steps", type=int, default=1000, help="updates per probe (default: 1000)")
    parser.add_argument("--low", type=finite_float, metavar="L",
                        help="a rate to start the bracket from (default: the race rate of `descend`); grown or "
                             "shrunk by factors of 10 until it holds the threshold")
    parser.add_argument("--high", type=finite_float, metavar="H",
                        help="the bracket's other end (goal fastest with --low: the range searched, else "
                             "[threshold/100, threshold])")
    parser.add_argument("--goal", choices=GOALS, default=STABLE,
                        help="stable: the largest rate that does not diverge; fastest: the rate reaching --tol in "
                             "the fewest steps (default: stable)")
    parser.add_argument("--tol", type=finite_float, default=1e-8,
                        help="a probe converged when its gradient norm is below this (default: 1e-8)")
    parser.add_argument("--xtol", type=finite_float,
                        help=f"stop when the bracket is this many decades wide (default: {DEFAULT_XTOL[STABLE]:g} "
                             f"for stable, {DEFAULT_XTOL[FASTEST]:g} for fastest)")
    add_parameter_option(parser)
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: goal, threshold or best, iterations, steps, theory, ...")


def run(args: argparse.Namespace) -> int:
    compiled, params, start, surface = loss_from(args)
    hyperparameters = hyperparameters_from(args)
    setup = ProbeSetup(compiled, args.optimizer, tuple(start), hyperparameters, params, args.steps, args.tol)
    low = args.low
    if low is None and args.high is None:  # the race rate of `descend`: in a preset's view, a typed expression has none
        view = surface.bounds if surface is not None else None
        low = race_learning_rate(compiled, args.optimizer, setup.start, params=params,
                                 hyperparameters=setup.hyperparameters, view=view)
    result = search_rate(setup, args.goal, low=low, high=args.high, xtol=args.xtol)
    if args.json:
        fields = {field.name: getattr(result, field.name) for field in dataclasses.fields(result)
                  if field.name != "probes"}  # not kept: see the module docstring
        every_param = dict(zip(compiled.parameters, compiled.parameter_values(params)))
        print_json({**fields, "expression": compiled.text, "variables": compiled.variables, "params": every_param,
                    "optimizer": args.optimizer, "hyperparameters": hyperparameters, "start": setup.start,
                    "max_steps": args.steps, "tol": args.tol})
    else:
        print_table(result, setup)
    return 0 if result.found else 1


def print_table(result: SearchResult, setup: ProbeSetup) -> None:
    settings = "".join(f", {name}={value}" for name, value in setup.hyperparameters.items())
    goal = "the largest stable rate" if result.goal == STABLE else "the fastest rate"
    print(f"{OPTIMIZER_LABELS[setup.optimizer]}{settings} on {setup.compiled.text} from "
          f"({', '.join(f'{v:g}' for v in setup.start)}), {setup.max_steps} steps a probe: {goal}")
    print(f"{'n':>3}  {'phase':<7}  {'low':>12}  {'high':>12}  {'mid (probed)':>12}  {'diverged':>8}  "
          f"{'steps to tol':>12}  {'final loss':>11}")
    for step in result.steps:
        steps = "-" if step.steps_to_tolerance is None else str(step.steps_to_tolerance)
        print(f"{step.iteration:>3}  {step.phase:<7}  {_rate(step.low)}  {_rate(step.high)}  {_rate(step.mid)}  "
              f"{'yes' if step.diverged else 'no':>8}  {steps:>12}  {step.final_loss:>11.4g}")
    if result.goal == STABLE:
        print(f"threshold: {_plain(result.threshold)}")
    else:
        print(f"best: {_plain(result.best)}")
    if result.theory is not None:
        print(f"theory: {result.theory.formula} = {result.theory.value:.9g} ({result.theory.note})")
    else:
        print("theory: none for this optimizer or this curvature: the rate is measured only")
    print(f"why: {result.message}")


def _rate(value: float) -> str:
    return f"{'-':>12}" if math.isnan(value) else f"{value:>12.7g}"


def _plain(value: float | None) -> str:
    return "none found" if value is None else f"{value:.9g}"
