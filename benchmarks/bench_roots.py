"""Bisection speed: the engine's generator against ``scipy.optimize.bisect`` on the same function.

Both solve f(x) = 0 to xtol = 1e-12 calling the same compiled expression (the numpy function
sympy generates for a typed expression), so the ratio measures what the engine adds per step:
a frozen RootStep per iteration, the generator, the stopping and discontinuity checks.
Target: within 3x of scipy. Run: ``python benchmarks/bench_roots.py``.
"""

from __future__ import annotations

import timeit

from scipy import optimize

from visualiser.engine import compile_expression
from visualiser.engine.roots import solve_root

PROBLEMS = (("x^3 - 2x - 5", (2.0, 3.0)), ("sin(3x) - x/2", (0.5, 1.5)), ("exp(-x) - x", (0.0, 1.0)))
XTOL = 1e-12
REPEATS = 7


def best_time_per_call(function, number: int) -> float:
    return min(timeit.repeat(function, number=number, repeat=REPEATS)) / number


def main() -> None:
    print(f"bisection to xtol={XTOL:g}: best of {REPEATS} repeats, time per solve")
    print(f"{'expression':<16} {'steps':>5} {'engine':>10} {'scipy':>10} {'ratio':>6}")
    ratios = []
    for text, (a, b) in PROBLEMS:
        f = compile_expression(text).scalar_function()
        result = solve_root("bisect", f, (a, b), xtol=XTOL)
        reference = optimize.bisect(f, a, b, xtol=XTOL)
        assert abs(result.root - reference) < 2 * XTOL, (result.root, reference)  # same problem solved
        number = 200
        engine = best_time_per_call(lambda: solve_root("bisect", f, (a, b), xtol=XTOL), number)
        scipy_time = best_time_per_call(lambda: optimize.bisect(f, a, b, xtol=XTOL), number)
        ratios.append(engine / scipy_time)
        print(f"{text:<16} {result.iterations:>5} {engine * 1e6:>8.1f}us {scipy_time * 1e6:>8.1f}us "
              f"{ratios[-1]:>5.2f}x")
    worst = max(ratios)
    print(f"worst ratio {worst:.2f}x (target: within 3x): {'met' if worst <= 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
