"""Every optimizer, step by step for 200 steps, against the plain reference in optim_reference.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
from optim_reference import (
    case_hyperparameters,
    beale_gradient,
    himmelblau_gradient,
    ill_conditioned_gradient,
    reference_trajectory,
    rosenbrock_gradient,
)

from visualiser.engine import compile_expression
from visualiser.engine.optim import OPTIMIZERS, iterate_optimizer, run_optimizer

STEPS = 200

# (expression, hand-written gradient, start, base learning rate at which 200 gd steps stay finite)
SURFACES = {
    "rosenbrock": ("(1-x)^2 + 100(y-x^2)^2", rosenbrock_gradient, (-1.2, 1.0), 1e-3),
    "himmelblau": ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", himmelblau_gradient, (0.5, -1.5), 5e-3),
    "beale": ("(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2", beale_gradient,
              (1.0, 1.4), 1e-3),
    "ill-conditioned": ("(x^2 + 50y^2)/2", ill_conditioned_gradient, (-2.5, 1.0), 1e-2),
}


def _close(actual, expected, what):
    np.testing.assert_allclose(actual, expected, rtol=1e-9, atol=1e-12, err_msg=what)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("weight_decay", [None, 0.1])
def test_each_step_matches_the_plain_reference(optimizer, surface, weight_decay):
    text, gradient, start, base_lr = SURFACES[surface]
    hyperparameters = case_hyperparameters(optimizer, base_lr, weight_decay)
    result = run_optimizer(compile_expression(text), optimizer, start,
                           hyperparameters=hyperparameters, max_steps=STEPS, tol=0)
    expected = reference_trajectory(optimizer, gradient, start, hyperparameters, STEPS)

    assert (result.status, result.steps) == ("max_steps", STEPS)
    for step, (point, state) in zip(result.trajectory, expected):
        _close(step.point, point, f"point at step {step.iteration}")
        assert set(step.state) == set(state)
        for key, value in state.items():
            _close(step.state[key], value, f"{key} at step {step.iteration}")
    # The comparison is only meaningful if the run went somewhere.
    assert math.dist(result.path[0], result.path[-1]) > 0.05


# --- first steps, derived by hand from the algorithm boxes ---------------------------------------

ROSENBROCK = "(1-x)^2 + 100(y-x^2)^2"
START = (-1.2, 1.0)
G = np.array([-215.6, -88.0])  # the Rosenbrock gradient at START, by hand


def _first_updates(optimizer, count=1, **hyperparameters):
    steps = iterate_optimizer(compile_expression(ROSENBROCK), optimizer, START,
                              hyperparameters=hyperparameters, tol=0)
    return [next(steps) for _ in range(count)]


def test_the_gradient_recorded_is_the_one_at_the_previous_point():
    first, second = _first_updates("gd", 2, lr=1e-3)
    np.testing.assert_allclose(first.gradient, G, rtol=1e-15)
    np.testing.assert_allclose(second.gradient, rosenbrock_gradient(*first.point), rtol=1e-12)


def test_gd_steps_against_the_gradient_with_l2_weight_decay_added():
    (step,) = _first_updates("gd", lr=0.01, weight_decay=0.5)
    np.testing.assert_allclose(step.update, -0.01 * (G + 0.5 * np.array(START)), rtol=1e-12)


def test_momentum_first_buffer_is_the_gradient_itself():
    first, second = _first_updates("momentum", 2, lr=1e-4, momentum=0.9)
    np.testing.assert_allclose(first.update, -1e-4 * G, rtol=1e-12)
    np.testing.assert_allclose(first.state["momentum_buffer"], G, rtol=1e-15)
    g2 = np.array(second.gradient)
    np.testing.assert_allclose(second.state["momentum_buffer"], 0.9 * G + g2, rtol=1e-12)
    np.testing.assert_allclose(second.update, -1e-4 * (0.9 * G + g2), rtol=1e-12)


def test_nesterov_looks_ahead_along_the_buffer():
    (step,) = _first_updates("nesterov", lr=1e-4, momentum=0.9)
    np.testing.assert_allclose(step.update, -1e-4 * (G + 0.9 * G), rtol=1e-12)


def test_adagrad_first_step_has_eps_after_the_square_root():
    (step,) = _first_updates("adagrad", lr=0.1, eps=0.5)
    np.testing.assert_allclose(step.update, -0.1 * G / (np.abs(G) + 0.5), rtol=1e-12)
    np.testing.assert_allclose(step.state["sum"], G**2, rtol=1e-15)


def test_rmsprop_first_step_starts_its_average_at_zero():
    (step,) = _first_updates("rmsprop", lr=0.01, alpha=0.9, eps=0.5)
    np.testing.assert_allclose(step.update, -0.01 * G / (np.sqrt(0.1) * np.abs(G) + 0.5), rtol=1e-12)


def test_adam_first_step_is_lr_times_the_sign_after_bias_correction():
    (step,) = _first_updates("adam", lr=0.01, betas=(0.8, 0.9), eps=1.0)
    # m_hat = g and v_hat = g^2 at t = 1, so the step is lr g / (|g| + eps).
    np.testing.assert_allclose(step.update, -0.01 * G / (np.abs(G) + 1.0), rtol=1e-12)
    assert step.state["bias_correction1"] == pytest.approx(0.2, rel=1e-15)
    assert step.state["bias_correction2"] == pytest.approx(0.1, rel=1e-15)


def test_adamw_shrinks_the_point_before_the_adam_step():
    (step,) = _first_updates("adamw", lr=0.01, weight_decay=2.0, eps=0.0)
    shrunk = np.array(START) * (1 - 0.01 * 2.0)
    np.testing.assert_allclose(np.add(START, step.update), shrunk - 0.01 * np.sign(G), rtol=1e-12)


def test_adam_l2_weight_decay_enters_the_gradient_not_the_point():
    (step,) = _first_updates("adam", lr=0.01, weight_decay=2.0, eps=0.0)
    g = G + 2.0 * np.array(START)
    np.testing.assert_allclose(step.update, -0.01 * np.sign(g), rtol=1e-12)
    np.testing.assert_allclose(step.state["exp_avg"], 0.1 * g, rtol=1e-12)
