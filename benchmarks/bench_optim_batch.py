"""Batch sweep speed: 10,000 Adam runs x 1,000 steps on Rosenbrock, against a plain loop of single runs.

Target (issue 4): under 2 s on a 2-core machine. Every run makes all 1,000 steps (``tol=0``) and
each has its own start point and its own learning rate. The baseline runs the same runs one
after another with ``run_optimizer``; it is timed on a subset and extrapolated, because the full
loop takes minutes. Run with ``python benchmarks/bench_optim_batch.py``.
"""

from __future__ import annotations

import os
import time

import numpy as np

from visualiser.engine import compile_expression
from visualiser.engine.optim import run_batch, run_optimizer

RUNS = 10_000
STEPS = 1_000
LOOP_SUBSET = 20
REPEATS = 3
TARGET_SECONDS = 2.0


def main() -> None:
    rosenbrock = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    rng = np.random.default_rng(4)
    starts = np.column_stack([rng.uniform(-2, 2, RUNS), rng.uniform(-1, 3, RUNS)])
    lrs = np.geomspace(1e-3, 1e-1, RUNS)

    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        batch = run_batch(rosenbrock, "adam", starts, hyperparameters={"lr": lrs}, max_steps=STEPS, tol=0)
        times.append(time.perf_counter() - began)
    batch_seconds = min(times)

    subset = np.linspace(0, RUNS - 1, LOOP_SUBSET).astype(int)
    began = time.perf_counter()
    singles = [run_optimizer(rosenbrock, "adam", tuple(starts[i]), hyperparameters={"lr": float(lrs[i])},
                             max_steps=STEPS, tol=0) for i in subset]
    loop_seconds = (time.perf_counter() - began) * RUNS / LOOP_SUBSET
    difference = max(np.max(np.abs(batch.paths[:, i] - np.array(single.path)))
                     for i, single in zip(subset, singles))

    print(f"machine: {os.cpu_count()} CPU(s), numpy {np.__version__}")
    print(f"workload: {RUNS} Adam runs x {STEPS} steps on Rosenbrock, one start and one lr per run, tol=0")
    print(f"batch (run_batch): best {batch_seconds:.3f} s of {REPEATS} "
          f"({', '.join(f'{t:.3f}' for t in times)}); target < {TARGET_SECONDS:g} s: "
          f"{'met' if batch_seconds < TARGET_SECONDS else 'NOT met'}")
    print(f"plain loop (run_optimizer per run): {loop_seconds:.1f} s, "
          f"extrapolated from {LOOP_SUBSET} of the {RUNS} runs")
    print(f"speed-up: {loop_seconds / batch_seconds:.0f}x")
    print(f"largest difference between the batch and the single runs on the subset: {difference:.1e}")
    names, counts = np.unique(batch.status, return_counts=True)
    print("statuses: " + ", ".join(f"{name} {count}" for name, count in zip(names, counts)))


if __name__ == "__main__":
    main()
