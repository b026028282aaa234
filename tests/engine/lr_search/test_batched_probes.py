"""The search's batched, computed-ahead probes give exactly the steps of the plain one-probe-at-a-time search.

The reference is the threshold search written out as loops over ``run_optimizer``, one full run
per probe: grow the bracket from the first rate by factors of 10 (down while rates diverge, else
up until one does), then bisect on log10(lr) to the tolerance. Every step's rate, verdict and
bracket must match the search's to the last bit.
"""

from __future__ import annotations

import math

import pytest

from visualiser.engine import compile_expression
from visualiser.engine.lr_search import DEFAULT_XTOL, MAX_DECADES, STABLE, ProbeSetup, search_rate
from visualiser.engine.optim import run_optimizer

NONE = math.nan


def reference_threshold_steps(setup: ProbeSetup, low: float) -> list[tuple[float, bool, float, float]]:
    """(rate, diverged, largest stable rate, smallest diverged rate) per probe, from ``low``, one run_optimizer each."""
    def diverged(rate: float) -> bool:
        run = run_optimizer(setup.compiled, setup.optimizer, setup.start,
                            hyperparameters={**setup.hyperparameters, "lr": rate}, params=setup.params,
                            max_steps=setup.max_steps, tol=setup.tol, keep_trajectory=False)
        return run.status == "diverged" or run.loss[-1] > run.loss[0]

    steps = []
    stable = bad = None  # the largest stable and the smallest diverged probe: (log10 point, rate)

    def probe(point: float, rate: float) -> bool:
        nonlocal stable, bad
        verdict = diverged(rate)
        if verdict:
            bad = (point, rate)
        else:
            stable = (point, rate)
        steps.append((rate, verdict, stable[1] if stable else NONE, bad[1] if bad else NONE))
        return verdict

    for k in range(MAX_DECADES + 1):  # shrink while the rates diverge
        if not probe(math.log10(low) - k, low / 10.0**k):
            break
    else:
        return steps
    if bad is None:
        for k in range(1, MAX_DECADES + 1):  # grow until a rate diverges
            if probe(math.log10(low) + k, low * 10.0**k):
                break
        else:
            return steps
    while bad[0] - stable[0] > DEFAULT_XTOL[STABLE]:
        mid = stable[0] / 2 + bad[0] / 2
        probe(mid, 10.0**mid)
    return steps


def shown(value: float):
    return None if math.isnan(value) else value


CASES = [  # expression, optimizer, start, hyperparameters, steps, the first rate (None: the search's own)
    ("x^2 + 10y^2", "gd", (-2.5, 1.5), {}, 300, None),
    ("x^2 + 10y^2", "gd", (1.0, 1.0), {}, 300, 50.0),  # shrinks first
    ("(1-x)^2 + 100(y-x^2)^2", "gd", (-1.2, 1.0), {}, 400, None),
    ("(1-x)^2 + 100(y-x^2)^2", "momentum", (-1.2, 1.0), {"momentum": 0.5}, 300, None),
    ("(1-x)^2 + 100(y-x^2)^2", "adam", (-1.2, 1.0), {}, 300, 1e-3),
    ("sin(3x) + 0.1x^2 + cos(2y) + y^2", "rmsprop", (1.0, 1.0), {}, 200, 1e-3),
    ("exp(-x)", "gd", (0.0,), {}, 100, None),  # no rate diverges: the growth runs out of decades
]


@pytest.mark.parametrize("expression, optimizer, start, hyperparameters, steps, low", CASES,
                         ids=[f"{case[1]} on {case[0]}" for case in CASES])
def test_the_search_makes_exactly_the_probes_of_the_one_at_a_time_search(expression, optimizer, start,
                                                                         hyperparameters, steps, low):
    setup = ProbeSetup(compile_expression(expression), optimizer, start, hyperparameters, max_steps=steps)
    result = search_rate(setup, STABLE, low=low)
    first = result.steps[0].mid
    assert low is None or first == low
    expected = reference_threshold_steps(setup, first)
    got = [(step.mid, step.diverged, shown(step.low), shown(step.high)) for step in result.steps]
    assert got == [(rate, verdict, shown(stable), shown(bad)) for rate, verdict, stable, bad in expected]
    assert len(got) > 2  # a bracket was grown and (but on exp(-x)) bisected
