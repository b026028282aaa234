"""Batch sweeps: every run of a batch is the run the single-run API makes, stopped runs hold still."""

from __future__ import annotations

import numpy as np
import pytest
from optim_reference import reference_trajectory, rosenbrock_gradient

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.optim import run_batch, run_optimizer

ROSENBROCK = compile_expression("(1-x)^2 + 100(y-x^2)^2")
BOWL = compile_expression("x^2 + y^2")


def _assert_run_matches(batch, index, single):
    assert batch.status[index] == single.status
    assert batch.steps[index] == single.steps
    n = single.steps
    np.testing.assert_array_equal(batch.paths[: n + 1, index], np.array(single.path))
    np.testing.assert_array_equal(batch.losses[: n + 1, index], np.array(single.loss))
    # After the run stopped, its rows repeat its last finite point.
    rest = batch.paths[n + 1:, index]
    np.testing.assert_array_equal(rest, np.broadcast_to(single.path[-1], rest.shape))


def test_a_mixed_batch_equals_the_single_runs():
    starts = np.array([[-1.2, 1.0], [1.0, 1.0], [-1.2, 1.0], [0.5, 0.5], [2.0, -1.0]])
    lrs = np.array([1e-3, 1e-3, 1.0, 2e-3, 1e-4])  # runs 1 (at the minimum) and 2 (lr=1) stop early
    batch = run_batch(ROSENBROCK, "momentum", starts, hyperparameters={"lr": lrs, "momentum": 0.5},
                      max_steps=300, tol=1e-6)
    assert batch.paths.shape == (301, 5, 2) and batch.losses.shape == (301, 5)
    assert list(batch.status) == ["max_steps", "converged", "diverged", "max_steps", "max_steps"]
    for index, (start, lr) in enumerate(zip(starts, lrs)):
        single = run_optimizer(ROSENBROCK, "momentum", tuple(start), max_steps=300, tol=1e-6,
                               hyperparameters={"lr": float(lr), "momentum": 0.5})
        _assert_run_matches(batch, index, single)
    assert np.all(np.isfinite(batch.paths))


def test_a_run_that_blows_up_while_every_other_run_goes_on_stays_stopped():
    """The batch's shortcut for steps where every run moves must end at the first run to stop.

    Adagrad at 1e7 blows up at its first step; its sum keeps growing, so about 40 updates later the
    same update from its last point would be small enough to take: it must not be taken. (tol=0:
    no other run stops meanwhile.)
    """
    lrs = np.array([0.1, 1e7, 0.5, 2.0])
    starts = np.repeat([[1.0, -2.0]], len(lrs), axis=0)
    batch = run_batch(BOWL, "adagrad", starts, hyperparameters={"lr": lrs}, max_steps=100, tol=0)
    assert list(batch.status) == ["max_steps", "diverged", "max_steps", "max_steps"] and batch.steps[1] == 0
    for index, lr in enumerate(lrs):
        single = run_optimizer(BOWL, "adagrad", (1.0, -2.0), hyperparameters={"lr": float(lr)}, max_steps=100, tol=0)
        _assert_run_matches(batch, index, single)


def test_a_sweep_of_betas_from_one_start_matches_the_plain_reference():
    beta1 = np.array([0.0, 0.5, 0.9, 0.99])
    starts = np.repeat([[-1.2, 1.0]], len(beta1), axis=0)
    batch = run_batch(ROSENBROCK, "adam", starts, hyperparameters={"lr": 0.01, "betas": (beta1, 0.99)},
                      max_steps=100, tol=0)
    for index, b1 in enumerate(beta1):
        expected = [p for p, _ in reference_trajectory("adam", rosenbrock_gradient, (-1.2, 1.0),
                                                      {"lr": 0.01, "betas": (b1, 0.99)}, 100)]
        np.testing.assert_allclose(batch.paths[1:, index], expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(batch.hyperparameters["betas"][0], beta1)
    assert batch.hyperparameters["betas"][1] == 0.99


def test_the_sweep_ends_early_once_every_run_stopped_but_keeps_its_shape():
    batch = run_batch(BOWL, "gd", [[1.0, 1.0], [-2.0, 0.5]], hyperparameters={"lr": 0.5},
                      max_steps=1000, tol=1e-8)
    # lr = 0.5 on x^2 + y^2 jumps to the minimum in one step.
    assert list(batch.steps) == [1, 1] and list(batch.status) == ["converged", "converged"]
    assert batch.paths.shape == (1001, 2, 2)
    np.testing.assert_array_equal(batch.paths[1:], 0.0)


def test_many_runs_that_diverge_in_different_ways_raise_no_warnings():
    grid = np.stack(np.meshgrid(np.linspace(-3, 3, 30), np.linspace(-3, 3, 30)), axis=-1).reshape(-1, 2)
    batch = run_batch(compile_expression("log(x) + y^2 + 1/x"), "adam", grid,
                      hyperparameters={"lr": 0.5}, max_steps=200)
    assert set(batch.status) <= {"converged", "diverged", "max_steps"}
    assert "diverged" in set(batch.status)
    assert np.all(np.isfinite(batch.paths))
    # Starts at x <= 0 are outside the domain: stopped before the first step.
    assert np.all(batch.steps[grid[:, 0] <= 0] == 0)


@pytest.mark.parametrize("call, message", [
    (dict(starts=np.zeros((3, 3))), "the start point needs 2 coordinate(s) (x, y), got an array of shape (3, 3)"),
    (dict(starts=np.zeros((0, 2))), "the start point needs 2 coordinate(s)"),
    (dict(hyperparameters={"lr": np.array([0.1, 0.2])}), "lr must be a number or one number per run (3 runs)"),
    (dict(hyperparameters={"lr": np.ones((3, 1))}), "lr must be a number or one number per run"),
    (dict(hyperparameters={"lr": np.array([0.1, -1.0, 0.2])}), "lr must be positive, not -1"),
    (dict(hyperparameters={"betas": (np.array([0.9, 0.9, 1.5]), 0.9)}), "betas[0] must be in [0, 1), not 1.5"),
    (dict(starts=np.zeros((1000, 2)), max_steps=1_000_000), "1000 runs of 1000000 steps need 22.4 GB"),
    (dict(optimizer="lbfgs"), "unknown optimizer 'lbfgs'"),
])
def test_bad_batch_input(call, message):
    arguments = {"optimizer": "adam", "starts": np.zeros((3, 2)), **call}
    optimizer, starts = arguments.pop("optimizer"), arguments.pop("starts")
    with pytest.raises(ExpressionError) as error:
        run_batch(ROSENBROCK, optimizer, starts, **arguments)
    assert str(error.value).startswith(message)
