"""A single run: the steps it yields, how it stops, and what it says about bad input."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.optim import (
    ALL_OPTIMIZERS,
    LINE_SEARCHES,
    OPTIMIZER_LABELS,
    OPTIMIZERS,
    PRESETS,
    default_hyperparameters,
    iterate_optimizer,
    run_optimizer,
)

ROSENBROCK = compile_expression("(1-x)^2 + 100(y-x^2)^2")
BOWL = compile_expression("x^2 + y^2")


def _assert_finite_path(result):
    assert len(result.path) == result.steps + 1 == len(result.loss)
    assert np.all(np.isfinite(result.path))


def test_the_optimizer_names_and_labels():
    assert OPTIMIZERS == ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
    assert LINE_SEARCHES == ("exact_line_search", "armijo") and ALL_OPTIMIZERS == OPTIMIZERS + LINE_SEARCHES
    assert set(OPTIMIZER_LABELS) == set(ALL_OPTIMIZERS)
    assert OPTIMIZER_LABELS["gd"] == "Gradient descent" and OPTIMIZER_LABELS["adamw"] == "AdamW"
    assert OPTIMIZER_LABELS["armijo"] == "GD with Armijo backtracking"


def test_default_hyperparameters_are_fresh_copies():
    defaults = default_hyperparameters("adam")
    assert defaults == {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0}
    defaults["lr"] = 5.0
    assert default_hyperparameters("adam")["lr"] == 1e-3
    assert default_hyperparameters("adamw")["weight_decay"] == 0.01


def test_steps_are_frozen_and_consistent_with_the_path():
    steps = iterate_optimizer(BOWL, "momentum", (2.0, -1.0), hyperparameters={"lr": 0.1}, max_steps=5, tol=0)
    collected = list(steps)
    assert [s.iteration for s in collected] == [1, 2, 3, 4, 5]
    previous = (2.0, -1.0)
    for step in collected:
        np.testing.assert_allclose(step.update, np.subtract(step.point, previous), rtol=1e-15)
        np.testing.assert_allclose(step.gradient, 2 * np.array(previous), rtol=1e-15)  # grad of x^2 + y^2
        assert step.loss == pytest.approx(step.point[0] ** 2 + step.point[1] ** 2, rel=1e-15)
        previous = step.point
    with pytest.raises(dataclasses.FrozenInstanceError):
        collected[0].loss = 0.0


def test_the_generator_returns_the_same_result_as_run_optimizer():
    steps = iterate_optimizer(ROSENBROCK, "adam", (-1.2, 1.0), hyperparameters={"lr": 0.02}, max_steps=50)
    yielded = []
    while True:
        try:
            yielded.append(next(steps))
        except StopIteration as finished:
            result = finished.value
            break
    assert result == run_optimizer(ROSENBROCK, "adam", (-1.2, 1.0), hyperparameters={"lr": 0.02}, max_steps=50)
    assert result.trajectory == tuple(yielded)
    assert result.path == ((-1.2, 1.0), *(s.point for s in yielded))
    assert result.hyperparameters == {"lr": 0.02, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0}


def test_gd_on_a_bowl_converges_when_the_gradient_norm_drops_below_tol():
    result = run_optimizer(BOWL, "gd", (2.0, -1.0), hyperparameters={"lr": 0.1}, tol=1e-6)
    assert result.status == "converged"
    # gd on x^2 + y^2 multiplies the point by 0.8 each step: the gradient norm is 2|p| 0.8^n.
    expected = math.ceil(math.log(1e-6 / (2 * math.hypot(2.0, -1.0))) / math.log(0.8))
    assert result.steps == expected
    assert 2 * math.hypot(*result.path[-1]) < 1e-6 <= 2 * math.hypot(*result.path[-2])
    assert result.message.startswith(f"converged after {expected} step(s)")


def test_a_start_at_the_minimum_converges_without_a_step_unless_tol_is_zero():
    assert run_optimizer(BOWL, "adam", (0.0, 0.0)).steps == 0
    assert run_optimizer(BOWL, "adam", (0.0, 0.0)).status == "converged"
    result = run_optimizer(BOWL, "adam", (0.0, 0.0), tol=0, max_steps=7)
    assert (result.status, result.steps, len(result.path)) == ("max_steps", 7, 8)


def test_max_steps():
    result = run_optimizer(ROSENBROCK, "gd", (-1.2, 1.0), max_steps=30)
    assert (result.status, result.steps) == ("max_steps", 30)
    assert result.message.startswith("stopped after 30 step(s) without converging")
    assert run_optimizer(ROSENBROCK, "gd", (-1.2, 1.0), max_steps=0).path == ((-1.2, 1.0),)


def test_gd_with_lr_1_on_rosenbrock_diverges_and_keeps_a_finite_path():
    result = run_optimizer(ROSENBROCK, "gd", (-1.2, 1.0), hyperparameters={"lr": 1.0})
    assert result.status == "diverged"
    _assert_finite_path(result)
    # Step 1 lands at (214.4, 89) by hand; step 2 from there overshoots past the loss bound.
    assert result.path == ((-1.2, 1.0), (-1.2 + 215.6, 1.0 + 88.0))
    # the bound is relative to the starting loss, (1 + 1.2)^2 + 100 (1 - 1.44)^2 = 24.2
    assert result.message == (f"diverged at step 2: the loss grew past {1e12 * 24.2:g} "
                              "(the learning rate is too large here)")


def test_a_large_learning_rate_overflowing_to_infinity_is_caught_without_warnings():
    result = run_optimizer(compile_expression("x^4 + y^4"), "gd", (3.0, 3.0), hyperparameters={"lr": 1e6},
                           divergence_bound=math.inf)
    assert result.status == "diverged"
    _assert_finite_path(result)
    assert "overflowed" in result.message


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_survives_divergence(optimizer):
    # Adaptive methods move about lr per coordinate, so lr itself has to be huge for them.
    result = run_optimizer(ROSENBROCK, optimizer, (-1.2, 1.0), hyperparameters={"lr": 1e4})
    assert result.status == "diverged"
    _assert_finite_path(result)


def test_a_surface_unbounded_below_diverges_downwards():
    saddle = PRESETS["saddle"]
    result = run_optimizer(saddle.compile(), "gd", saddle.default_start, hyperparameters={"lr": 0.1})
    bound = 1e12 * max(1.0, abs(result.loss[0]))  # relative to the starting loss
    assert result.status == "diverged"
    assert result.loss[-1] >= -bound and result.loss[-1] < -bound / 100
    assert f"the loss fell below -{bound:g}" in result.message


def test_a_large_constant_in_the_loss_is_not_divergence():
    # x^2 + 1e13 starts far above 1e12; only growth relative to the start counts.
    result = run_optimizer(compile_expression("x^2 + 1e13"), "gd", (1.0,), hyperparameters={"lr": 0.1})
    assert result.status == "converged" and abs(result.path[-1][0]) < 1e-8


def test_stepping_out_of_the_domain_stops_at_the_last_defined_point():
    # log(x) + x^2 is defined for x > 0 only; a big step from x = 1 lands at x < 0.
    result = run_optimizer(compile_expression("x^2 - log(x)"), "gd", (1.0,), hyperparameters={"lr": 2.0})
    assert result.status == "diverged"
    assert result.path == ((1.0,),)
    assert result.message == "diverged at step 1: the step left the region where the loss is defined"


def test_ackley_at_its_kink_stops_cleanly():
    ackley = PRESETS["ackley"]
    result = run_optimizer(ackley.compile(), "adam", (0.0, 0.0))
    assert (result.status, result.steps, result.path) == ("diverged", 0, ((0.0, 0.0),))
    assert result.loss[0] == pytest.approx(0.0, abs=1e-12)
    assert "the gradient is undefined at the start point (0, 0)" in result.message


def test_a_start_where_the_loss_is_undefined():
    result = run_optimizer(compile_expression("log(x) + y^2"), "gd", (-1.0, 0.5))
    assert (result.status, result.steps) == ("diverged", 0)
    assert "the loss is undefined at the start point (-1, 0.5)" in result.message


def test_parameters_of_the_expression_are_used():
    bowl = compile_expression("a x^2 + y^2")
    steps = list(iterate_optimizer(bowl, "gd", (1.0, 1.0), hyperparameters={"lr": 0.1}, params={"a": 3.0},
                                   max_steps=1, tol=0))
    assert steps[0].gradient == (6.0, 2.0)


def test_one_dimensional_functions_work():
    result = run_optimizer(compile_expression("(x - 3)^2"), "nesterov", (0.0,), hyperparameters={"lr": 0.05})
    assert result.status == "converged"
    assert result.path[-1][0] == pytest.approx(3.0, abs=1e-8)


@pytest.mark.parametrize("call, message", [
    (dict(optimizer="sgd"), "unknown optimizer 'sgd' (choose from gd, momentum"),
    (dict(hyperparameters={"lr": 0}), "lr must be positive, not 0"),
    (dict(hyperparameters={"lr": -0.1}), "lr must be positive, not -0.1"),
    (dict(hyperparameters={"lr": math.nan}), "lr must be positive, not nan"),
    (dict(hyperparameters={"lr": "fast"}), "lr must be a number, not 'fast'"),
    (dict(hyperparameters={"lr": [0.1, 0.2]}), "lr must be a single number"),
    (dict(hyperparameters={"betas": (0.9, 1.0)}), "betas[1] must be in [0, 1), not 1"),
    (dict(hyperparameters={"betas": (-0.1, 0.9)}), "betas[0] must be in [0, 1), not -0.1"),
    (dict(hyperparameters={"betas": 0.9}), "betas must be a pair of numbers"),
    (dict(hyperparameters={"eps": -1e-8}), "eps must be zero or positive"),
    (dict(hyperparameters={"weight_decay": -1}), "weight_decay must be zero or positive"),
    (dict(optimizer="rmsprop", hyperparameters={"alpha": 1.0}), "alpha must be in [0, 1), not 1"),
    (dict(optimizer="gd", hyperparameters={"momentum": 0.9}),
     "gd has no hyperparameter 'momentum' (it takes lr, weight_decay)"),
    (dict(optimizer="momentum", hyperparameters={"momentum": -0.5}), "momentum must be zero or positive"),
    (dict(optimizer="nesterov", hyperparameters={"momentum": 0}), "nesterov needs a momentum above 0"),
    (dict(start=(1.0,)), "the start point needs 2 coordinate(s) (x, y), got 1"),
    (dict(start=(1.0, 2.0, 3.0)), "the start point needs 2 coordinate(s)"),
    (dict(start=(1.0, math.inf)), "the start point must be finite"),
    (dict(start=("a", 1)), "the start point must be numbers"),
    (dict(start=[(1.0, 1.0), (2.0, 2.0)]), "one start point is needed, not 2"),
    (dict(params={"k": 2.0}), "the expression has no parameter 'k'"),
    (dict(max_steps=-1), "the number of steps must be a whole number from 0 to 1000000"),
    (dict(max_steps=2.5), "the number of steps must be a whole number"),
    (dict(tol=-1e-3), "tol must be zero (never stop early) or a positive number"),
    (dict(divergence_bound=0), "the divergence bound must be positive"),
])
def test_bad_input_is_one_sentence_raised_at_the_call(call, message):
    arguments = {"optimizer": "adam", "start": (1.0, 2.0), **call}
    optimizer, start = arguments.pop("optimizer"), arguments.pop("start")
    with pytest.raises(ExpressionError) as error:
        iterate_optimizer(ROSENBROCK, optimizer, start, **arguments)  # no next(): checked eagerly
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_adam_with_eps_zero_at_a_zero_gradient_says_the_update_was_not_a_number():
    # m / sqrt(v) with m = v = 0: PyTorch allows eps = 0, and then the first step is 0/0.
    result = run_optimizer(compile_expression("x^2"), "adam", (0.0,), hyperparameters={"eps": 0.0}, tol=0)
    assert result.status == "diverged" and result.path == ((0.0,),)
    assert result.message.startswith("diverged at step 1: the update was not a number: 0/0 or inf - inf")


def test_a_run_without_its_trajectory_has_the_same_path():
    surface = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    full = run_optimizer(surface, "adam", (-1.2, 1.0), hyperparameters={"lr": 0.01}, max_steps=300)
    light = run_optimizer(surface, "adam", (-1.2, 1.0), hyperparameters={"lr": 0.01}, max_steps=300,
                          keep_trajectory=False)
    assert light.path == full.path and light.loss == full.loss and light.status == full.status
    assert light.trajectory == () and len(full.trajectory) == 300
