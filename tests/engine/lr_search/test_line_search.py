"""Line searches along −∇f: the exact step by bisection on φ', Armijo backtracking and its acceptance line."""

from __future__ import annotations

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.lr_search.line_search import ARMIJO_C, armijo_backtracking, exact_line_search, line_slice

ROSENBROCK = compile_expression("(1-x)^2 + 100(y-x^2)^2")


def test_the_exact_step_on_a_quadratic_is_g_dot_g_over_g_h_g():
    f = compile_expression("3x^2 + 2x y + y^2")
    line = line_slice(f, (1.0, -2.0))
    result = exact_line_search(line)
    hessian = np.array([[6.0, 2.0], [2.0, 2.0]])
    g = hessian @ np.array([1.0, -2.0])
    assert result.converged and result.method == "bisect"
    assert result.root == pytest.approx(g @ g / (g @ hessian @ g), abs=1e-11)
    assert abs(line.dphi(result.root)) < 1e-9  # |φ'(t)| below tolerance at the exact step
    assert result.bracket[0] == 0.0 and result.steps[0].previous_a == 0.0  # from t = 0, where φ' < 0


def test_the_exact_step_on_rosenbrock_zeroes_phi_prime_and_is_the_slices_minimum():
    line = line_slice(ROSENBROCK, (-1.2, 1.0))
    t = exact_line_search(line).root
    assert abs(line.dphi(t)) < 1e-6 * abs(line.slope)
    ts = np.linspace(0, 2 * t, 2001)
    assert line.phi(t) <= line.phi(ts).min() + 1e-12


@pytest.mark.parametrize("point", [(-1.2, 1.0), (0.5, 2.0), (1.5, 1.5)])
def test_armijo_accepts_the_first_step_below_its_line_and_refused_every_earlier_one(point):
    line = line_slice(ROSENBROCK, point)
    steps = armijo_backtracking(line, t0=1.0)
    phi0, slope = line.value, line.slope
    last = steps[-1]
    assert last.accepted and last.phi <= phi0 + ARMIJO_C * last.t * slope  # the Armijo inequality
    for step in steps[:-1]:
        assert not step.accepted and not step.phi <= phi0 + ARMIJO_C * step.t * slope
    assert [step.t for step in steps] == [0.5**k for k in range(len(steps))]
    assert last.phi < phi0


def test_no_minimum_along_the_line_is_one_sentence():
    with pytest.raises(ExpressionError, match="no minimum along this line"):
        exact_line_search(line_slice(compile_expression("x - y"), (0.0, 0.0)))
    with pytest.raises(ExpressionError, match="already stationary"):
        exact_line_search(line_slice(compile_expression("x^2 + y^2"), (0.0, 0.0)))
