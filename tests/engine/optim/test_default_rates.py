"""Default learning rates from the curvature at the start and a distance scale (issue 12, item 3)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualiser.engine import compile_expression
from visualiser.engine.optim import default_hyperparameters, default_learning_rate, run_optimizer, stability_bound

BOWL = compile_expression("x^2 + 10y^2")  # λ = 2 and 20 everywhere: 2/λ_max = 0.1


def test_plain_descent_takes_half_its_bound_and_gets_somewhere_in_500_steps():
    # The case: 2/λ_max = 0.1 on screen, lr 0.001 in the race, and after 500 steps GD was nowhere.
    lr = default_learning_rate(BOWL, "gd", (2.0, -1.0))
    assert lr == 0.05 == float(stability_bound(np.array([2.0, 20.0]))) / 2
    assert run_optimizer(BOWL, "gd", (2.0, -1.0), hyperparameters={"lr": lr}, max_steps=500).status == "converged"
    slow = run_optimizer(BOWL, "gd", (2.0, -1.0), hyperparameters={"lr": 1e-3}, max_steps=500)
    assert slow.status == "max_steps" and math.hypot(*slow.path[-1]) > 0.5


@pytest.mark.parametrize("mu", [0.5, 0.9])
def test_each_momentum_method_takes_half_its_own_bound(mu):
    momentum = default_learning_rate(BOWL, "momentum", (2.0, -1.0), hyperparameters={"momentum": mu})
    nesterov = default_learning_rate(BOWL, "nesterov", (2.0, -1.0), hyperparameters={"momentum": mu})
    assert momentum == pytest.approx((1 + mu) / 20, rel=0.05) and momentum <= (1 + mu) / 20
    half_bound = (1 + mu) / (1 + 2 * mu) / 20
    assert nesterov == pytest.approx(half_bound, rel=0.05) and nesterov <= half_bound
    for name, lr in (("momentum", momentum), ("nesterov", nesterov)):
        run = run_optimizer(BOWL, name, (2.0, -1.0), hyperparameters={"lr": lr, "momentum": mu}, max_steps=500)
        assert run.status == "converged", name


def test_the_rate_is_rounded_down_to_two_digits():
    rosenbrock = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    eigenvalues = np.linalg.eigvalsh(rosenbrock.hessian_value(-1.2, 1.0))
    assert 1 / eigenvalues.max() == pytest.approx(6.6386e-4, rel=1e-4)
    assert default_learning_rate(rosenbrock, "gd", (-1.2, 1.0)) == 0.00066


def test_weight_decay_is_curvature_too():
    assert default_learning_rate(BOWL, "gd", (1.0, 1.0), hyperparameters={"weight_decay": 5.0}) == 0.04  # 1/25


def test_known_points_join_the_start():
    # On a plateau the start is nearly flat; the well at the origin (λ = 2) decides the rate.
    plateau = compile_expression("1 - exp(-(x^2 + y^2))")
    assert default_learning_rate(plateau, "gd", (2.5, 2.0), known_points=[(0.0, 0.0)]) == 0.5
    assert default_learning_rate(plateau, "gd", (2.5, 2.0)) > 1000  # the start alone would say 1/7e-5


@pytest.mark.parametrize("expression, start", [
    ("-(x^2 + y^2)", (1.0, 0.5)),     # a hilltop: every direction curves down
    ("x + 2y", (0.3, 0.3)),           # a plane: no curvature at all
    ("abs(x) + abs(y)", (1.0, -2.0)),  # flat on both sides of its kinks
])
def test_with_no_upward_curvature_the_first_step_is_a_hundredth_of_the_distance(expression, start):
    compiled = compile_expression(expression)
    lr = default_learning_rate(compiled, "gd", start, distance=6.0)
    first = run_optimizer(compiled, "gd", start, hyperparameters={"lr": lr}, max_steps=1).trajectory[0]
    assert math.hypot(*first.update) == pytest.approx(0.06, rel=0.05) and math.hypot(*first.update) <= 0.06
    # with no distance to go by (the command line on a typed expression): PyTorch's default
    assert default_learning_rate(compiled, "gd", start) == default_hyperparameters("gd")["lr"]


def test_an_undefined_gradient_or_hessian_at_the_start_falls_back_to_pytorchs_default():
    cone = compile_expression("sqrt(x^2 + y^2)")
    for optimizer in ("gd", "momentum", "nesterov"):
        assert default_learning_rate(cone, optimizer, (0.0, 0.0), distance=4.0) == 1e-3


def test_a_saddle_uses_the_direction_that_curves_up():
    assert default_learning_rate(compile_expression("x^2 - y^2"), "gd", (2.5, 0.01)) == 0.5


def test_a_heavy_ball_that_can_never_settle_gets_the_distance_rule():
    lr = default_learning_rate(BOWL, "momentum", (2.0, -1.0), hyperparameters={"momentum": 1.0}, distance=8.0)
    gradient = math.hypot(4.0, -20.0)
    assert lr == pytest.approx(8.0 / 100 / gradient, rel=0.05)


@pytest.mark.parametrize("optimizer, settings", [
    ("adam", {}), ("adamw", {}), ("rmsprop", {}), ("rmsprop", {"alpha": 0.9}), ("adagrad", {}),
])
def test_an_adaptive_method_crosses_the_distance_in_about_a_hundred_steps_on_a_slope(optimizer, settings):
    # On a plane the gradient is constant: the run itself measures how far 100 steps go per coordinate.
    plane = compile_expression("3x + 0.5y")
    lr = default_learning_rate(plane, optimizer, (0.0, 0.0), hyperparameters=settings, distance=10.0)
    run = run_optimizer(plane, optimizer, (0.0, 0.0), hyperparameters={**settings, "lr": lr}, max_steps=100,
                        divergence_bound=1e30)
    travelled = -np.array(run.path[-1])
    assert np.all(travelled <= 10.0 * (1 + 1e-9)) and np.all(travelled > 9.0), travelled
    assert default_learning_rate(plane, optimizer, (0.0, 0.0), hyperparameters=settings) == \
        default_hyperparameters(optimizer)["lr"]  # no distance: PyTorch's default


def test_every_rate_is_below_its_methods_bound_on_a_steep_typed_surface():
    steep = compile_expression("1e6 (x^2 + 3 y^2) + x y")
    eigenvalues = np.linalg.eigvalsh(steep.hessian_value(0.5, 0.5))
    for optimizer in ("gd", "momentum", "nesterov"):
        lr = default_learning_rate(steep, optimizer, (0.5, 0.5))
        assert lr <= float(stability_bound(eigenvalues, optimizer)) / 2
        run = run_optimizer(steep, optimizer, (0.5, 0.5), hyperparameters={"lr": lr}, max_steps=500)
        assert run.status != "diverged"
