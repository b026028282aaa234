"""The engine's trajectories against ``torch.optim`` itself, in float64, when PyTorch is installed."""

from __future__ import annotations

import numpy as np
import pytest

from optim_reference import case_hyperparameters

from visualiser.engine import compile_expression
from visualiser.engine.optim import OPTIMIZERS, default_hyperparameters, run_optimizer

torch = pytest.importorskip("torch")

STEPS = 200

# The same surfaces written with torch operations, so autograd supplies torch's own gradient.
SURFACES = {
    "rosenbrock": ("(1-x)^2 + 100(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
                   (-1.2, 1.0), 1e-3),
    "himmelblau": ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                   lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2, (0.5, -1.5), 5e-3),
    "beale": ("(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2",
              lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2,
              (1.0, 1.4), 1e-3),
    "rastrigin": ("20 + x^2 - 10cos(2pi x) + y^2 - 10cos(2pi y)",
                  lambda x, y: 20 + x**2 - 10 * torch.cos(2 * np.pi * x) + y**2 - 10 * torch.cos(2 * np.pi * y),
                  (2.2, -1.3), 1e-3),
}


def _torch_optimizer(name, parameters, hp):
    if name in ("gd", "momentum", "nesterov"):
        return torch.optim.SGD(parameters, lr=hp["lr"], momentum=hp.get("momentum", 0.0),
                               nesterov=name == "nesterov", weight_decay=hp.get("weight_decay", 0.0))
    cls = {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[name]
    return cls(parameters, **hp)


def _torch_path(function, optimizer, start, hp):
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = _torch_optimizer(optimizer, [point], hp)
    path = []
    for _ in range(STEPS):
        opt.zero_grad()
        function(point[0], point[1]).backward()
        opt.step()
        path.append(point.detach().numpy().copy())
    return np.array(path)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("weight_decay", [None, 0.1])
def test_trajectory_matches_torch_optim(optimizer, surface, weight_decay):
    text, function, start, base_lr = SURFACES[surface]
    hp = case_hyperparameters(optimizer, base_lr, weight_decay)
    result = run_optimizer(compile_expression(text), optimizer, start, hyperparameters=hp,
                           max_steps=STEPS, tol=0)
    assert result.steps == STEPS
    expected = _torch_path(function, optimizer, start, hp)
    np.testing.assert_allclose(np.array(result.path[1:]), expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_default_hyperparameters_are_torchs(optimizer):
    point = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    theirs = {"gd": torch.optim.SGD([point]), "momentum": torch.optim.SGD([point]),
              "nesterov": torch.optim.SGD([point]), "adagrad": torch.optim.Adagrad([point]),
              "rmsprop": torch.optim.RMSprop([point]), "adam": torch.optim.Adam([point]),
              "adamw": torch.optim.AdamW([point])}[optimizer].defaults
    ours = default_hyperparameters(optimizer)
    # PyTorch's SGD defaults momentum to 0; our momentum methods choose 0.9 (documented in rules.py).
    ours.pop("momentum", None)
    assert {name: theirs[name] for name in ours} == ours
