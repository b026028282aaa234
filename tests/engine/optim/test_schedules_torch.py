"""Schedules, gradient noise and clipping against torch itself, in float64, when PyTorch is installed."""

from __future__ import annotations

import numpy as np
import pytest

from optim_reference import case_hyperparameters
from visualiser.engine import compile_expression
from visualiser.engine.optim import (OPTIMIZERS, ConstantRate, CosineAnnealingLR, ExponentialLR, LinearLR, StepLR,
                                     run_optimizer)

torch = pytest.importorskip("torch")

STEPS = 150
SCHEDULES = {
    "constant": (ConstantRate(), None),
    "step": (StepLR(step_size=20, gamma=0.5), lambda opt: torch.optim.lr_scheduler.StepLR(opt, 20, gamma=0.5)),
    "exponential": (ExponentialLR(gamma=0.98), lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, 0.98)),
    # T_max below STEPS: the cosine turns and comes back up, which PyTorch's recursive form does too
    "cosine": (CosineAnnealingLR(T_max=60, eta_min=1e-4),
               lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=60, eta_min=1e-4)),
    "warm-up": (LinearLR(start_factor=0.05, end_factor=1.0, total_iters=40),
                lambda opt: torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.05, end_factor=1.0, total_iters=40)),
    "torch's LinearLR defaults": (LinearLR(), lambda opt: torch.optim.lr_scheduler.LinearLR(opt)),
}
ROSENBROCK = "(1-x)^2 + 100(y-x^2)^2"


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _torch_optimizer(name, parameters, hp):
    if name in ("gd", "momentum", "nesterov"):
        return torch.optim.SGD(parameters, lr=hp["lr"], momentum=hp.get("momentum", 0.0),
                               nesterov=name == "nesterov", weight_decay=hp.get("weight_decay", 0.0))
    cls = {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[name]
    return cls(parameters, **hp)


def torch_training_loop(optimizer, start, hp, scheduler, noise=None, max_norm=None):
    """The points after each update, and the lr of each update, from an ordinary PyTorch loop."""
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = _torch_optimizer(optimizer, [point], hp)
    schedule = scheduler(opt) if scheduler is not None else None
    path, rates = [], []
    for step in range(STEPS):
        opt.zero_grad()
        rosenbrock(point[0], point[1]).backward()
        if noise is not None:
            point.grad += torch.from_numpy(noise[step])
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_([point], max_norm)
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        if schedule is not None:
            schedule.step()
        path.append(point.detach().numpy().copy())
    return np.array(path), np.array(rates)


@pytest.mark.parametrize("name", SCHEDULES)
def test_the_rates_are_torchs_schedulers(name):
    schedule, scheduler = SCHEDULES[name]
    _, rates = torch_training_loop("gd", (-1.2, 1.0), {"lr": 1e-3}, scheduler)
    np.testing.assert_allclose(schedule.learning_rates(1e-3, np.arange(1, STEPS + 1)), rates, rtol=1e-12)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("name", ["step", "cosine", "warm-up"])
def test_a_scheduled_noisy_clipped_run_is_torchs_training_loop(optimizer, name):
    schedule, scheduler = SCHEDULES[name]
    hp = case_hyperparameters(optimizer, 1e-3, 0.1)
    start, sigma, seed, max_norm = (-1.2, 1.0), 3.0, 2024, 50.0
    result = run_optimizer(compile_expression(ROSENBROCK), optimizer, start, hyperparameters=hp, schedule=schedule,
                           noise=sigma, seed=seed, clip=max_norm, max_steps=STEPS, tol=0)
    noise = sigma * np.random.default_rng(seed).standard_normal((STEPS, 2))
    path, rates = torch_training_loop(optimizer, start, hp, scheduler, noise, max_norm)
    assert result.steps == STEPS
    np.testing.assert_allclose([step.lr for step in result.trajectory], rates, rtol=1e-12)
    np.testing.assert_allclose(np.array(result.path[1:]), path, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("max_norm", [1e-3, 1.0, 232.0, 1e4])
def test_clipping_is_clip_grad_norm_at_and_around_the_gradients_norm(max_norm):
    # The gradient at (-1.2, 1) has norm 232.87: 232 clips by a hair, 1e4 not at all.
    result = run_optimizer(compile_expression(ROSENBROCK), "gd", (-1.2, 1.0), hyperparameters={"lr": 1e-4},
                           clip=max_norm, max_steps=STEPS, tol=0)
    path, _ = torch_training_loop("gd", (-1.2, 1.0), {"lr": 1e-4}, None, max_norm=max_norm)
    np.testing.assert_allclose(np.array(result.path[1:]), path, rtol=1e-12)
