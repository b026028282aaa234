"""``visualiser descend EXPR|--preset NAME --start X Y``: run an optimizer and print its path.

The JSON is the run's :class:`~visualiser.engine.optim.OptimizationResult` without its
``trajectory`` (the per-step gradients and optimizer state, which the GUI uses and which would
multiply the output's size), plus ``expression``, ``variables``, ``params`` and the run's
``schedule``, ``noise``, ``seed`` and ``clip`` so that a saved file says what was run.
"""

from __future__ import annotations

import argparse
import dataclasses

import msgspec
import numpy as np

from ..engine import ExpressionError, compile_expression
from ..engine.optim import (ALL_OPTIMIZERS, DIVERGED, LINE_SEARCHES, OPTIMIZER_LABELS, SCHEDULES, ConstantRate,
                            OptimizationResult, Schedule, preset, race_learning_rate, run_optimizer)
from .arguments import add_parameter_option, finite_float, parameters_from, print_json

# Options named as torch.optim names the hyperparameters, and the line searches' (engine/optim/line_search_rules.py).
HYPERPARAMETERS = ("lr", "momentum", "betas", "alpha", "eps", "weight_decay",
                   "t0", "c", "rho", "slope_tol", "max_bisections", "growth")
TABLE_ROWS = 11


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_loss_arguments(parser)
    parser.add_argument("--optimizer", choices=ALL_OPTIMIZERS, default="gd",
                        help="the optimizer (default: gd); exact_line_search and armijo are gradient descent that "
                             "searches each step's length along −∇f, and take no --lr, --schedule, --noise or --clip")
    parser.add_argument("--lr", type=finite_float,
                        help="learning rate (default: the app's race rate from the curvature at the start: half the "
                             "method's stability bound, e.g. 1/λ_max for gd; adam and the other adaptive methods "
                             "step a hundredth of a preset's view, or take PyTorch's default on a typed expression)")
    add_hyperparameter_arguments(parser)
    add_line_search_arguments(parser)
    parser.add_argument("--schedule", nargs="+", metavar=("KIND", "NAME=VALUE"),
                        help="a learning-rate schedule with torch.optim.lr_scheduler's arguments: "
                             f"{', '.join(SCHEDULES)} (e.g. 'cosine T_max=500 eta_min=0', 'step step_size=100 "
                             "gamma=0.5', 'exponential gamma=0.99', 'linear start_factor=0.1 total_iters=50')")
    parser.add_argument("--noise", type=finite_float, default=0.0,
                        help="σ of Gaussian noise added to each gradient coordinate (default: 0, none)")
    parser.add_argument("--seed", type=int, default=0, help="the noise's seed (numpy.random.default_rng; default: 0)")
    parser.add_argument("--clip", type=finite_float, metavar="MAX_NORM",
                        help="clip the gradient to this norm first, as torch.nn.utils.clip_grad_norm_ (default: off)")
    parser.add_argument("--steps", type=int, default=1000, help="most updates (default: 1000)")
    parser.add_argument("--tol", type=finite_float, default=1e-8,
                        help="stop when the gradient norm is below this; 0 never stops early (default: 1e-8)")
    add_parameter_option(parser)
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: status, steps, path, loss, hyperparameters, ...")


def add_loss_arguments(parser: argparse.ArgumentParser) -> None:
    """The loss and the start point (shared with ``lr-search``)."""
    parser.add_argument("expression", nargs="?", help="the loss, e.g. '(1-x)^2 + 100(y-x^2)^2'")
    parser.add_argument("--preset", metavar="NAME", help="a built-in loss surface instead (see 'visualiser presets')")
    parser.add_argument("--start", nargs="+", type=finite_float, metavar="X",
                        help="the start point, one number per variable (a preset has a default)")


def add_hyperparameter_arguments(parser: argparse.ArgumentParser) -> None:
    """The optimizers' hyperparameters but the rate, named as torch.optim names them (shared with ``lr-search``)."""
    parser.add_argument("--momentum", type=finite_float, help="momentum and nesterov: mu (default: 0.9)")
    parser.add_argument("--betas", nargs=2, type=finite_float, metavar=("B1", "B2"),
                        help="adam and adamw: the moving-average rates (default: 0.9 0.999)")
    parser.add_argument("--alpha", type=finite_float, help="rmsprop: smoothing constant (default: 0.99)")
    parser.add_argument("--eps", type=finite_float, help="adagrad, rmsprop, adam, adamw: added to the denominator")
    parser.add_argument("--weight-decay", dest="weight_decay", type=finite_float,
                        help="L2 penalty added to the gradient (adamw: decoupled, default 0.01)")


def add_line_search_arguments(parser: argparse.ArgumentParser) -> None:
    """The line searches' settings (``descend`` only: a learning-rate search has no line search)."""
    parser.add_argument("--t0", type=finite_float, help="armijo: the first trial step length (default: 1)")
    parser.add_argument("--c", type=finite_float,
                        help="armijo: sufficient decrease, f(x − t∇f) ≤ f(x) − c·t·|∇f|² (default: 1e-4)")
    parser.add_argument("--rho", type=finite_float, help="armijo: each refused trial step is rho times the last "
                                                         "(default: 0.5)")
    parser.add_argument("--slope-tol", dest="slope_tol", type=finite_float,
                        help="exact_line_search: bisect until |φ'(t)| ≤ slope_tol·|∇f|² (default: 1e-6)")
    parser.add_argument("--max-bisections", dest="max_bisections", type=finite_float,
                        help="exact_line_search: the most bisections a step (default: 100)")
    parser.add_argument("--growth", type=finite_float,
                        help="exact_line_search: the bracket [0, T] grows by this until φ'(T) > 0 (default: 2)")


def run(args: argparse.Namespace) -> int:
    compiled, params, start, surface = loss_from(args)
    hyperparameters = hyperparameters_from(args)
    if args.lr is None and args.optimizer not in LINE_SEARCHES and len(start) == len(compiled.variables):
        # (a wrong start is refused by the run below; a line search has no rate)
        view = surface.bounds if surface is not None else None  # a typed expression has none
        hyperparameters["lr"] = race_learning_rate(compiled, args.optimizer, start, params=params,
                                                   hyperparameters=hyperparameters, view=view)
    options = {"schedule": schedule_from(args.schedule), "noise": args.noise, "seed": args.seed, "clip": args.clip}
    result = run_optimizer(compiled, args.optimizer, start, hyperparameters=hyperparameters,
                           params=params, max_steps=args.steps, tol=args.tol, keep_trajectory=False, **options)
    if args.json:
        fields = {field.name: getattr(result, field.name) for field in dataclasses.fields(result)
                  if field.name != "trajectory"}  # not kept: see the module docstring
        every_param = dict(zip(compiled.parameters, compiled.parameter_values(params)))  # defaults included
        print_json({**fields, "expression": compiled.text, "variables": compiled.variables, "params": every_param,
                    **options, "schedule": msgspec.to_builtins(options["schedule"])})
    else:
        print_table(result, compiled.text, compiled.variables, options)
    return 1 if result.status == DIVERGED else 0


def loss_from(args: argparse.Namespace):
    """(compiled loss, parameter values, start point, preset surface or None) from the loss arguments."""
    if (args.expression is None) == (args.preset is None):
        raise ExpressionError("give either an expression or --preset NAME")
    params = parameters_from(args)
    start = args.start
    surface = None
    if args.preset is not None:
        surface = preset(args.preset)
        compiled, params = surface.compile(), surface.params(params)
        start = surface.default_start if start is None else start
    else:
        compiled = compile_expression(args.expression)
    if start is None:
        raise ExpressionError(f"give a start point with --start, one number per variable ({', '.join(compiled.variables)})")
    return compiled, params, start, surface


def hyperparameters_from(args: argparse.Namespace) -> dict:
    """The hyperparameters given on the command line (``lr`` among them only where the command has it)."""
    return {name: getattr(args, name) for name in HYPERPARAMETERS if getattr(args, name, None) is not None}


def schedule_from(words: list[str] | None) -> Schedule | None:
    """``['cosine', 'T_max=500']`` -> ``CosineAnnealingLR(T_max=500)``, or one sentence on what is wrong."""
    if not words:
        return None
    kind, *settings = words
    if kind not in SCHEDULES:
        raise ExpressionError(f"unknown schedule '{kind}' (choose from {', '.join(SCHEDULES)})")
    types = {field.name: field.type for field in msgspec.structs.fields(SCHEDULES[kind])}
    arguments = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        if not equals or name not in types:
            names = ", ".join(types) or "no arguments"
            raise ExpressionError(f"'{setting}' is not NAME=VALUE for the {kind} schedule (it takes {names})")
        try:
            arguments[name] = types[name](value)  # int or float, from the text and nothing else
        except ValueError:
            kind_of_number = "a whole number" if types[name] is int else "a number"
            raise ExpressionError(f"the {kind} schedule's {name} must be {kind_of_number}, not '{value}'") from None
    return SCHEDULES[kind](**arguments)


def print_table(result: OptimizationResult, expression: str, variables: tuple[str, ...], options: dict) -> None:
    """A few evenly spaced rows of the path, then the status and why."""
    settings = ", ".join(f"{name}={_number(value)}" for name, value in result.hyperparameters.items())
    print(f"{OPTIMIZER_LABELS[result.optimizer]} ({settings}) on {expression}")
    extras = []
    schedule = options["schedule"]
    if schedule is not None and not isinstance(schedule, ConstantRate):
        arguments = ", ".join(f"{name}={getattr(schedule, name):g}" for name in schedule.__struct_fields__)
        extras.append(f"lr schedule {type(schedule).__name__}({arguments})")
    if options["noise"]:
        extras.append(f"gradient noise σ={options['noise']:g} (seed {options['seed']})")
    if options["clip"] is not None:
        extras.append(f"gradients clipped to norm {options['clip']:g}")
    if extras:
        print("with " + ", ".join(extras))
    print(f"{'step':>6}  " + "  ".join(f"{v:>14}" for v in variables) + f"  {'loss':>14}")
    for row in sorted(set(np.linspace(0, result.steps, TABLE_ROWS).round().astype(int))):
        point = "  ".join(f"{v:>14.8g}" for v in result.path[row])
        print(f"{row:>6}  {point}  {result.loss[row]:>14.8g}")
    print(f"status: {result.status}")
    print(f"why: {result.message}")


def _number(value) -> str:
    return "(" + ", ".join(f"{v:g}" for v in value) + ")" if isinstance(value, tuple) else f"{value:g}"
