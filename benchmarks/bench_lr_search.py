"""Learning-rate search speed: the threshold bisection, the sweep and the 40 x 40 heatmap, against plain loops.

Targets (issue 10): a full threshold bisection (about 20 probes of 1,000 steps) in under 0.2 s, and
the 40 x 40 heatmap at 500 steps in under 1 s (it runs off the GUI thread). The baselines are the
same work written as a plain Python loop over ``run_optimizer``, one run per probe, timed in the same
run: one full run at each rate the search probed, in its order (what a one-probe-at-a-time search
runs, checked to give the same verdicts), and the heatmap's loop on a subset of its cells,
extrapolated. Run with ``python benchmarks/bench_lr_search.py``.
"""

from __future__ import annotations

import os
import time

import numpy as np

from visualiser.engine import compile_expression
from visualiser.engine.lr_search import STABLE, ProbeSetup, search_rate
from visualiser.engine.lr_search.search import LOOKAHEAD
from visualiser.engine.lr_search.sweep import heatmap, sweep_rates
from visualiser.engine.optim import run_optimizer

ROSENBROCK = "(1-x)^2 + 100(y-x^2)^2"
START = (-1.2, 1.0)
STEPS = 1000
HEATMAP_STEPS = 500
HEATMAP_SUBSET = 16
REPEATS = 3


def best_of(work) -> tuple[float, object]:
    times, value = [], None
    for _ in range(REPEATS):
        began = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - began)
    return min(times), value


def diverged(run) -> bool:
    return run.status == "diverged" or run.loss[-1] > run.loss[0]


def plain_probes(f, rates) -> list[bool]:
    """One full run_optimizer run per rate, one after another: whether each diverged."""
    return [diverged(run_optimizer(f, "gd", START, hyperparameters={"lr": rate}, max_steps=STEPS,
                                   keep_trajectory=False)) for rate in rates]


def counting_batches(setup: ProbeSetup) -> int:
    """How many batches one search computes."""
    batches = 0
    run = ProbeSetup.run

    def counted(self, rates, **sweeps):
        nonlocal batches
        batches += 1
        return run(self, rates, **sweeps)

    ProbeSetup.run = counted
    try:
        search_rate(setup, STABLE)
    finally:
        ProbeSetup.run = run
    return batches


def main() -> None:
    f = compile_expression(ROSENBROCK)
    setup = ProbeSetup(f, "gd", START, max_steps=STEPS)
    search_seconds, result = best_of(lambda: search_rate(setup, STABLE))
    rates = [step.mid for step in result.steps]
    plain_seconds, verdicts = best_of(lambda: plain_probes(f, rates))
    plain_probe_seconds = plain_seconds / len(rates)

    sweep_seconds, _ = best_of(lambda: sweep_rates(setup, result.threshold / 1000, result.threshold * 10))

    momentum = ProbeSetup(f, "momentum", START, max_steps=HEATMAP_STEPS)
    low, high = result.threshold / 1000, result.threshold * 10
    heatmap_seconds, grid = best_of(lambda: heatmap(momentum, low, high))
    cells = [(int(r), int(c)) for r, c in zip(*np.unravel_index(np.linspace(0, 1599, HEATMAP_SUBSET).astype(int),
                                                              (40, 40)))]
    began = time.perf_counter()
    for row, column in cells:
        run_optimizer(f, "momentum", START, hyperparameters=grid.hyperparameters(row, column),
                      max_steps=HEATMAP_STEPS, keep_trajectory=False)
    heatmap_loop_seconds = (time.perf_counter() - began) * 1600 / HEATMAP_SUBSET

    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}, numpy {np.__version__}")
    print(f"workload: gradient descent on Rosenbrock from {START}, {STEPS} steps a probe")
    print(f"threshold search (search_rate, {LOOKAHEAD} probes computed ahead a batch): best {search_seconds:.3f} s of "
          f"{REPEATS}, {result.iterations} probes in {counting_batches(setup)} batches, threshold "
          f"{result.threshold:.9g}; target < 0.2 s: {'met' if search_seconds < 0.2 else 'NOT met'}")
    print(f"  plain loop over run_optimizer at the same {len(rates)} rates: best {plain_seconds:.3f} s; "
          f"speed-up {plain_seconds / search_seconds:.1f}x; same verdicts: "
          f"{verdicts == [step.diverged for step in result.steps]}")
    print(f"sweep of 60 rates (one batch): best {sweep_seconds:.3f} s; a plain loop would take about "
          f"{60 * plain_probe_seconds:.2f} s ({60 * plain_probe_seconds / sweep_seconds:.0f}x)")
    print(f"heatmap 40 x 40 at {HEATMAP_STEPS} steps (heavy ball, one batch): best {heatmap_seconds:.3f} s; "
          f"target < 1 s: {'met' if heatmap_seconds < 1 else 'NOT met'}")
    print(f"  plain loop over run_optimizer: {heatmap_loop_seconds:.1f} s, extrapolated from {HEATMAP_SUBSET} cells; "
          f"speed-up {heatmap_loop_seconds / heatmap_seconds:.0f}x")


if __name__ == "__main__":
    main()
