"""Run histories as CSV, for a spreadsheet or a script: the root lab's iterations, the descent lab's steps."""

from __future__ import annotations

import csv
import io

from ..engine.lr_search import SearchResult
from .descent.runs import DescentRuns
from .roots.methods import ROOT_METHODS
from .roots.run import RootRun


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _number(value) -> str:
    return "" if value is None else repr(float(value))  # every digit: a CSV is for computing with


def root_run_csv(run: RootRun) -> str:
    """One row per method and iteration: the bracket after it (bracketing methods), the estimate, f there."""
    rows = []
    for method, result in run.results.items():
        a, b = run.bracket if ROOT_METHODS[method].bracketing else (None, None)  # open methods have no bracket
        rows.append([method, 0, _number(a), _number(b), "", "", "" if a is None else _number(b - a), ""])
        for step in result.steps:
            rows.append([method, step.iteration, _number(step.a), _number(step.b), _number(step.x), _number(step.fx),
                         _number(step.width), _number(step.error_bound)])
    return _csv(["method", "n", "a_n", "b_n", "x_n", "f(x_n)", "width", "error_bound"], rows)


def descent_runs_csv(runs: DescentRuns) -> str:
    """One row per run and step: the point, the loss, the gradient there and the step taken from it."""
    rows = []
    for index, trace in enumerate(runs.traces):
        for step, (point, loss, gradient, update) in enumerate(zip(trace.path, trace.loss, trace.gradient, trace.step)):
            rows.append([index, trace.run.optimizer, _number(trace.lr), step, _number(point[0]), _number(point[1]),
                         _number(loss), _number(gradient[0]), _number(gradient[1]), _number(update[0]),
                         _number(update[1])])
    return _csv(["run", "optimizer", "lr", "step", "x", "y", "loss", "gradient_x", "gradient_y", "step_x", "step_y"],
                rows)


def lr_search_csv(search: SearchResult) -> str:
    """One row per probe of a learning-rate search: the bracket after it, the rate probed, how the run ended."""
    rows = [[step.iteration, step.phase, _number(step.low), _number(step.high), _number(step.mid), int(step.diverged),
             "" if step.steps_to_tolerance is None else step.steps_to_tolerance, _number(step.final_loss)]
            for step in search.steps]
    return _csv(["n", "phase", "low", "high", "lr", "diverged", "steps_to_tolerance", "final_loss"], rows)
