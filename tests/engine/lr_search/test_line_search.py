"""Line searches along −∇f: the exact step by bisection on φ', Armijo backtracking and its acceptance line."""

from __future__ import annotations

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.lr_search.line_search import ARMIJO, armijo_backtracking, exact_line_search, line_slice
from visualiser.engine.optim import run_optimizer

ROSENBROCK = compile_expression("(1-x)^2 + 100(y-x^2)^2")


def test_the_exact_step_on_a_quadratic_is_g_dot_g_over_g_h_g():
    f = compile_expression("3x^2 + 2x y + y^2")
    line = line_slice(f, (1.0, -2.0))
    result = exact_line_search(line)
    hessian = np.array([[6.0, 2.0], [2.0, 2.0]])
    g = hessian @ np.array([1.0, -2.0])
    assert result.t == pytest.approx(g @ g / (g @ hessian @ g), rel=1e-13)
    assert abs(line.dphi(result.t)) < 1e-9 and result.slope == line.dphi(result.t)  # |φ'(t)| below tolerance


def test_the_exact_step_on_rosenbrock_zeroes_phi_prime_and_is_the_slices_minimum():
    line = line_slice(ROSENBROCK, (-1.2, 1.0))
    result = exact_line_search(line)
    assert result.bisections > 5 and abs(line.dphi(result.t)) <= 1e-6 * abs(line.slope)
    ts = np.linspace(0, 2 * result.t, 2001)
    assert line.phi(result.t) <= line.phi(ts).min() + 1e-9
    tighter = exact_line_search(line, {"slope_tol": 1e-12})
    assert abs(line.dphi(tighter.t)) <= 1e-12 * abs(line.slope) and tighter.bisections > result.bisections


def test_the_steps_are_the_line_search_optimizers_first_steps():
    line = line_slice(ROSENBROCK, (-1.2, 1.0))
    for optimizer, t in (("exact_line_search", exact_line_search(line).t),
                         ("armijo", armijo_backtracking(line)[-1].t)):
        first = run_optimizer(ROSENBROCK, optimizer, (-1.2, 1.0), max_steps=1).trajectory[0]
        assert first.lr == t and np.array_equal(first.point, line.point - t * line.gradient)


@pytest.mark.parametrize("point", [(-1.2, 1.0), (0.5, 2.0), (1.5, 1.5)])
def test_armijo_accepts_the_first_step_below_its_line_and_refused_every_earlier_one(point):
    line = line_slice(ROSENBROCK, point)
    steps = armijo_backtracking(line, t0=1.0)
    phi0, slope = line.value, line.slope
    last = steps[-1]
    assert last.accepted and last.phi <= phi0 + ARMIJO["c"] * last.t * slope  # the Armijo inequality
    assert len(steps) > 1  # refused trials to check
    for step in steps[:-1]:
        assert not step.accepted and not step.phi <= phi0 + ARMIJO["c"] * step.t * slope
    assert [step.t for step in steps] == [0.5**k for k in range(len(steps))]
    assert last.phi < phi0


def test_no_minimum_along_the_line_is_one_sentence():
    with pytest.raises(ExpressionError, match="no minimum along this line"):
        exact_line_search(line_slice(compile_expression("x - y"), (0.0, 0.0)))
    for search in (exact_line_search, armijo_backtracking):
        with pytest.raises(ExpressionError, match="already stationary"):
            search(line_slice(compile_expression("x^2 + y^2"), (0.0, 0.0)))
