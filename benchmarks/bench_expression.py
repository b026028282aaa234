"""Expression engine speed, measured against hand-written numpy in the same run.

Run by hand: ``python benchmarks/bench_expression.py``. Prints, per expression:
  * grid evaluation of ``CompiledExpression.value`` on 1000x1000, as a ratio to the same formula
    written in numpy (target: within 1.5x);
  * typing-to-compiled latency: ``compile_expression`` (parse + gradient/Hessian in the worker +
    lambdify) after warm-up (target: under 50 ms).
Each timing is the best of several repeats, so one scheduler hiccup does not decide the verdict.
"""

from __future__ import annotations

import time

import numpy as np

from visualiser.engine import compile_expression
from visualiser.engine.symbolic_worker import SYMBOLIC_WORKER

GRID_RATIO_TARGET = 1.5
LATENCY_TARGET_S = 0.050

CASES = [
    ("Rosenbrock", "(1-x)^2 + 100(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2),
    ("wave bowl", "sin(x)*cos(y) + 0.1(x^2+y^2)", lambda x, y: np.sin(x) * np.cos(y) + 0.1 * (x**2 + y**2)),
]


def best_of(function, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def median_of(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return float(np.median(times))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    x, y = np.meshgrid(np.linspace(-2, 2, 1000), np.linspace(-1, 3, 1000))
    SYMBOLIC_WORKER.start()
    compile_expression("x^2 + y")  # warm-up: child process, sympy caches, first lambdify
    failures = 0
    print(f"{'expression':<12} {'numpy ms':>9} {'engine ms':>10} {'ratio':>6}  grid    "
          f"{'compile ms':>11}  latency")
    for name, text, reference in CASES:
        compiled = compile_expression(text)
        np.testing.assert_allclose(compiled.value(x, y), reference(x, y), rtol=1e-12, atol=1e-12)
        numpy_s = best_of(lambda: reference(x, y), 15)
        engine_s = best_of(lambda: compiled.value(x, y), 15)
        ratio = engine_s / numpy_s
        # sympy caches results, so recompiling the same text is flattering; each timed compile
        # gets a term it has never seen (as when the user keeps typing), and we take the median
        fresh = iter(range(1000, 2000))
        latency_s = median_of(lambda: compile_expression(f"{text} + {next(fresh)}/7 x"), 15)
        grid_ok, latency_ok = ratio <= GRID_RATIO_TARGET, latency_s < LATENCY_TARGET_S
        failures += (not grid_ok) + (not latency_ok)
        print(f"{name:<12} {numpy_s * 1e3:9.2f} {engine_s * 1e3:10.2f} {ratio:6.2f}  {verdict(grid_ok):<6}  "
              f"{latency_s * 1e3:11.1f}  {verdict(latency_ok)}")
    print(f"targets: grid ratio <= {GRID_RATIO_TARGET}x numpy on 1000x1000; "
          f"compile_expression < {LATENCY_TARGET_S * 1e3:.0f} ms after warm-up")
    print("overall:", verdict(failures == 0))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
