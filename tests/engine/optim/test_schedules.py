"""Learning-rate schedules, gradient noise and clipping in the lock-step loop (issue 12, item 23).

Checked against the closed forms of torch.optim.lr_scheduler written out in
training_loop_reference.py, against numpy's Generator for the noise, and against torch itself
(schedulers, clip_grad_norm_, a whole training loop) when it is installed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from training_loop_reference import (clip_grad_norm, cosine_annealing_lr, exponential_lr, linear_lr, step_lr,
                                     train)
from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.optim import (ConstantRate, CosineAnnealingLR, ExponentialLR, LinearLR, StepLR, run_batch,
                                     run_optimizer)

BOWL = compile_expression("x^2 + 10y^2")
START = (2.0, -1.0)


def bowl_gradient(x, y):
    return [2 * x, 20 * y]


# schedule, the reference's rate at last_epoch t (update t + 1) for base lr 0.08
CASES = {
    "constant": (ConstantRate(), lambda t: 0.08),
    "step": (StepLR(step_size=7, gamma=0.5), lambda t: step_lr(0.08, t, 7, 0.5)),
    "exponential": (ExponentialLR(gamma=0.97), lambda t: exponential_lr(0.08, t, 0.97)),
    "cosine": (CosineAnnealingLR(T_max=25, eta_min=0.004), lambda t: cosine_annealing_lr(0.08, t, 25, 0.004)),
    "warm-up": (LinearLR(start_factor=0.1, total_iters=20), lambda t: linear_lr(0.08, t, 0.1, 1.0, 20)),
    "linear decay": (LinearLR(start_factor=1.0, end_factor=0.25, total_iters=30),
                     lambda t: linear_lr(0.08, t, 1.0, 0.25, 30)),
}


@pytest.mark.parametrize("name", CASES)
def test_each_update_uses_the_schedulers_closed_form_rate(name):
    schedule, reference = CASES[name]
    steps = 80  # past every period, decay and warm-up above, and through the cosine's return (2 T_max = 50)
    expected = [reference(t) for t in range(steps)]
    np.testing.assert_allclose(schedule.learning_rates(0.08, np.arange(1, steps + 1)), expected, rtol=1e-14)
    result = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 0.08}, schedule=schedule, max_steps=steps, tol=0)
    np.testing.assert_allclose([step.lr for step in result.trajectory], expected, rtol=1e-14)
    assert result.hyperparameters["lr"] == 0.08  # the base rate, as PyTorch's base_lrs


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_a_scheduled_run_follows_a_plain_training_loop(name, optimizer):
    schedule, reference = CASES[name]
    result = run_optimizer(BOWL, optimizer, START, hyperparameters={"lr": 0.08}, schedule=schedule, max_steps=60,
                           tol=0)
    expected = train(optimizer, bowl_gradient, START, reference, 60)
    np.testing.assert_allclose(np.array(result.path[1:]), expected, rtol=1e-10, atol=1e-300)


def test_the_cosine_comes_back_up_after_t_max_as_in_pytorch():
    rates = CosineAnnealingLR(T_max=10, eta_min=0.0).learning_rates(1.0, np.array([1, 6, 11, 16, 21]))
    np.testing.assert_allclose(rates, [1.0, 0.5, 0.0, 0.5, 1.0], atol=1e-15)
    # An lr of exactly 0 is a standstill, not an error: the run goes on and then moves again.
    result = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 0.01},
                           schedule=CosineAnnealingLR(T_max=10), max_steps=15, tol=0)
    assert result.status == "max_steps" and result.path[11] == result.path[10] and result.path[12] != result.path[11]


def test_a_rate_that_grows_past_float_range_diverges_without_a_warning():
    # An LR range test's schedule (gamma > 1) taken too far: the run diverges and says so.
    result = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 1e-3}, schedule=ExponentialLR(gamma=10.0),
                           max_steps=400)
    assert result.status == "diverged" and result.steps < 20


def test_noise_is_the_seeded_generators_stream_times_sigma():
    # On a plane the gradient is constant (1, 2): each gd update is -lr (gradient + noise) exactly.
    plane = compile_expression("x + 2y")
    steps, sigma, lr = 30, 0.7, 0.01
    result = run_optimizer(plane, "gd", (0.0, 0.0), hyperparameters={"lr": lr}, noise=sigma, seed=1234,
                           max_steps=steps)
    noise = sigma * np.random.default_rng(1234).standard_normal((steps, 2))
    np.testing.assert_allclose(np.diff(np.array(result.path), axis=0), -lr * (np.array([1.0, 2.0]) + noise),
                               rtol=1e-12)
    # the recorded gradient is the loss's own, not the noisy one
    assert all(step.gradient == (1.0, 2.0) for step in result.trajectory)


def test_a_seed_reproduces_a_noisy_run_and_another_seed_does_not():
    def path(seed):
        return run_optimizer(BOWL, "adam", START, hyperparameters={"lr": 0.05}, noise=0.5, seed=seed,
                             max_steps=100).path
    assert path(7) == path(7)
    assert path(7) != path(8)
    quiet = run_optimizer(BOWL, "adam", START, hyperparameters={"lr": 0.05}, max_steps=100)
    assert run_optimizer(BOWL, "adam", START, hyperparameters={"lr": 0.05}, noise=0.0, seed=99,
                         max_steps=100).path == quiet.path


def test_noisy_sgd_hovers_around_the_minimum_and_the_true_gradient_decides_convergence():
    result = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 0.02}, noise=1.0, seed=0, max_steps=2000)
    assert result.status == "max_steps"  # the noisy steps never let the gradient fall below tol
    tail = np.array(result.path[1000:])
    assert np.all(np.abs(tail.mean(axis=0)) < 0.05) and 0.01 < tail[:, 0].std() < 1.0


@pytest.mark.parametrize("max_norm", [0.5, 3.0, 1e6])
def test_clipping_is_clip_grad_norm(max_norm):
    result = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 0.01}, clip=max_norm, max_steps=40, tol=0)
    expected = train("gd", lambda x, y: bowl_gradient(x, y), START, lambda t: 0.01, 40, max_norm=max_norm)
    np.testing.assert_allclose(np.array(result.path[1:]), expected, rtol=1e-12)
    first = np.array(result.trajectory[0].update) / -0.01
    assert math.hypot(*first) == pytest.approx(min(max_norm, math.hypot(4.0, -20.0)), rel=1e-6)


def test_clipping_applies_to_the_noisy_gradient_and_before_weight_decay():
    noise = 2.0 * np.random.default_rng(5).standard_normal((25, 2))
    result = run_optimizer(BOWL, "momentum", START, hyperparameters={"lr": 0.01}, noise=2.0, seed=5, clip=1.0,
                           max_steps=25, tol=0)
    expected = train("momentum", bowl_gradient, START, lambda t: 0.01, 25, noise=noise, max_norm=1.0)
    np.testing.assert_allclose(np.array(result.path[1:]), expected, rtol=1e-12)
    # weight decay is the optimizer's (added after clipping, inside step): gd's update is lr (clipped g + wd θ)
    decayed = run_optimizer(BOWL, "gd", START, hyperparameters={"lr": 0.01, "weight_decay": 0.5}, clip=1.0,
                            max_steps=1)
    g = clip_grad_norm(bowl_gradient(*START), 1.0)
    np.testing.assert_allclose(decayed.path[1], [START[i] - 0.01 * (g[i] + 0.5 * START[i]) for i in range(2)])


def test_a_batch_gives_each_run_what_it_gets_alone():
    starts = np.array([[2.0, -1.0], [-1.5, 0.5], [0.5, 1.0]])
    lrs, sigmas, seeds, clips = np.array([0.02, 0.05, 0.03]), np.array([0.0, 0.3, 1.0]), [11, 12, 13], [5.0, 1.0, 0.2]
    schedule = CosineAnnealingLR(T_max=40, eta_min=0.001)
    batch = run_batch(BOWL, "adam", starts, hyperparameters={"lr": lrs}, schedule=schedule, noise=sigmas, seed=seeds,
                      clip=clips, max_steps=60)
    for i in range(3):
        alone = run_optimizer(BOWL, "adam", starts[i], hyperparameters={"lr": float(lrs[i])}, schedule=schedule,
                              noise=float(sigmas[i]), seed=seeds[i], clip=clips[i], max_steps=60)
        np.testing.assert_array_equal(batch.paths[: alone.steps + 1, i], np.array(alone.path))
        assert batch.status[i] == alone.status
    # one seed for every run: the same noise in each (common random numbers for a sweep)
    same = run_batch(BOWL, "gd", np.repeat(starts[:1], 2, axis=0), hyperparameters={"lr": 0.01}, noise=0.5, seed=3,
                     max_steps=10)
    np.testing.assert_array_equal(same.paths[:, 0], same.paths[:, 1])


@pytest.mark.parametrize("options, message", [
    ({"noise": -0.1}, "the gradient noise σ must be zero (no noise) or positive, not -0.1"),
    ({"noise": float("nan")}, "the gradient noise σ must be zero (no noise) or positive, not nan"),
    ({"noise": "lots"}, "the gradient noise σ must be a number, not 'lots'"),
    ({"noise": 0.1, "seed": -1}, "the noise seed must be a whole number from 0 to 2147483647, not -1"),
    ({"noise": 0.1, "seed": 1.5}, "the noise seed must be a whole number from 0 to 2147483647, not 1.5"),
    ({"noise": 0.1, "seed": 2**31}, "the noise seed must be a whole number from 0 to 2147483647, not 2147483648"),
    ({"clip": 0.0}, "the clipping max norm must be positive (a max norm of 0 would zero every gradient), not 0"),
    ({"clip": -1.0}, "the clipping max norm must be positive"),
    ({"clip": float("inf")}, "the clipping max norm must be positive"),
    ({"schedule": CosineAnnealingLR(T_max=0)}, "CosineAnnealingLR's T_max must be a whole number of steps, 1 or more, "
                                               "not 0"),
    ({"schedule": CosineAnnealingLR(T_max=10, eta_min=-0.1)}, "CosineAnnealingLR's eta_min must be zero or positive"),
    ({"schedule": StepLR(step_size=0)}, "StepLR's step_size must be a whole number of steps, 1 or more, not 0"),
    ({"schedule": StepLR(step_size=2.5)}, "StepLR's step_size must be a whole number of steps, 1 or more, not 2.5"),
    ({"schedule": StepLR(gamma=0.0)}, "StepLR's gamma must be positive, not 0"),
    ({"schedule": ExponentialLR(gamma=-0.9)}, "ExponentialLR's gamma must be positive, not -0.9"),
    ({"schedule": ExponentialLR(gamma=float("nan"))}, "ExponentialLR's gamma must be a finite number, not nan"),
    ({"schedule": LinearLR(start_factor=0.0)}, "LinearLR's start_factor must be above 0 and at most 1, not 0"),
    ({"schedule": LinearLR(start_factor=1.5)}, "LinearLR's start_factor must be above 0 and at most 1, not 1.5"),
    ({"schedule": LinearLR(end_factor=2.0)}, "LinearLR's end_factor must be from 0 to 1, not 2"),
    ({"schedule": LinearLR(total_iters=0)}, "LinearLR's total_iters must be a whole number of steps, 1 or more, not 0"),
    ({"schedule": "cosine"}, "a learning-rate schedule must be one of ConstantRate, StepLR, ExponentialLR, "
                             "CosineAnnealingLR, LinearLR, not 'cosine'"),
])
def test_a_mistake_is_refused_in_one_sentence_naming_the_argument(options, message):
    with pytest.raises(ExpressionError) as refused:
        run_optimizer(BOWL, "gd", START, **options)
    assert str(refused.value).startswith(message)
    with pytest.raises(ExpressionError):
        run_batch(BOWL, "gd", [START], **options)


def test_per_run_values_must_match_the_number_of_runs():
    with pytest.raises(ExpressionError, match=r"one number per run \(2 runs\)"):
        run_batch(BOWL, "gd", [START, START], noise=[0.1, 0.2, 0.3])
    with pytest.raises(ExpressionError, match=r"the noise seed must be a whole number or one per run \(2 runs\)"):
        run_batch(BOWL, "gd", [START, START], noise=0.1, seed=[1, 2, 3])
    with pytest.raises(ExpressionError, match="the clipping max norm must be a number, not"):
        run_optimizer(BOWL, "gd", START, clip=[1.0, 2.0])
