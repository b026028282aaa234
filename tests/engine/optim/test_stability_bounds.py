"""Each method's own stability bound on a quadratic, against the two-step recursion's roots and the rules themselves."""

from __future__ import annotations

import numpy as np
import pytest

from visualiser.engine import compile_expression
from visualiser.engine.optim import run_optimizer, stability_bound
from visualiser.engine.optim.curvature import BOUND_FORMULAS

LINE = compile_expression("x^2/2")  # one eigen-direction, λ = 1


def spectral_radius(optimizer: str, h: float, mu: float) -> float:
    """The largest |root| of the method's iteration matrix on e'' = λ e with h = lr λ (from the update rule)."""
    # state (e_t, lr b_{t-1}); b_t = mu b_{t-1} + λ e_t; gd: e_{t+1} = e_t - h e_t
    if optimizer == "gd":
        return abs(1 - h)
    if optimizer == "momentum":  # e_{t+1} = e_t - (mu lr b_{t-1} + h e_t)
        matrix = np.array([[1 - h, -mu], [h, mu]])
    else:  # nesterov: e_{t+1} = e_t - lr (λ e_t + mu b_t) = e_t - h e_t - mu (mu lr b_{t-1} + h e_t)
        matrix = np.array([[1 - h - mu * h, -mu * mu], [h, mu]])
    return float(np.max(np.abs(np.linalg.eigvals(matrix))))


@pytest.mark.parametrize("optimizer, mu", [("gd", 0.0), *((name, mu) for name in ("momentum", "nesterov")
                                                           for mu in (0.5, 0.9, 0.99)), ("momentum", 0.0)])
def test_the_bound_is_where_the_iteration_stops_contracting(optimizer, mu):
    hyperparameters = {"momentum": mu} if optimizer != "gd" else {}
    bound = float(stability_bound(np.array([0.2, 1.0]), optimizer, hyperparameters))
    expected = {"gd": 2.0, "momentum": 2 * (1 + mu), "nesterov": 2 * (1 + mu) / (1 + 2 * mu)}[optimizer]
    assert bound == pytest.approx(expected, rel=1e-15)
    assert spectral_radius(optimizer, 0.999 * bound, mu) < 1 < spectral_radius(optimizer, 1.001 * bound, mu)
    for factor, status in ((0.99, "max_steps"), (1.01, "diverged")):  # the engine's own rules agree
        run = run_optimizer(LINE, optimizer, (1.0,), hyperparameters={"lr": factor * bound, **hyperparameters},
                            max_steps=2000, tol=0, keep_trajectory=False)
        assert run.status == status, (factor, run.message)


def test_nesterov_tolerates_less_than_the_heavy_ball_and_than_plain_descent():
    eigenvalues = np.array([1.0, 20.0])
    gd, momentum, nesterov = (float(stability_bound(eigenvalues, name)) for name in ("gd", "momentum", "nesterov"))
    assert (gd, momentum) == (0.1, pytest.approx(0.19)) and nesterov == pytest.approx(3.8 / 2.8 / 20)
    assert nesterov < gd < momentum
    assert BOUND_FORMULAS == {"gd": "2/λ_max", "momentum": "2(1+μ)/λ_max", "nesterov": "2(1+μ)/((1+2μ)λ_max)"}


def test_weight_decay_adds_to_the_curvature():
    bound = float(stability_bound(np.array([1.0, 20.0]), "gd", {"weight_decay": 5.0}))
    assert bound == pytest.approx(2 / 25)
    run = run_optimizer(LINE, "gd", (1.0,), hyperparameters={"lr": 1.01 * 2 / 1.5, "weight_decay": 0.5}, max_steps=3000)
    assert run.status == "diverged"  # λ = 1 + 0.5: the bound is 2/1.5, not 2


def test_a_heavy_ball_with_momentum_one_or_more_never_settles():
    assert float(stability_bound(np.array([1.0, 2.0]), "momentum", {"momentum": 1.0})) == 0.0
    run = run_optimizer(LINE, "momentum", (1.0,), hyperparameters={"lr": 1e-2, "momentum": 1.0}, max_steps=3000,
                        tol=0, keep_trajectory=False)
    assert max(abs(point[0]) for point in run.path[-500:]) > 0.5  # still swinging at full amplitude


def test_no_bound_where_nothing_curves_up_or_the_method_rescales_its_steps():
    assert stability_bound(np.array([-2.0, -1.0]), "momentum") == np.inf
    assert np.isnan(stability_bound(np.array([np.nan, np.nan]), "gd"))
    for optimizer in ("adagrad", "rmsprop", "adam", "adamw"):
        assert np.all(np.isnan(stability_bound(np.array([[1.0, 2.0], [-1.0, 3.0]]), optimizer)))
    np.testing.assert_allclose(stability_bound(np.array([[1.0, 4.0], [-1.0, 0.0]])), [0.5, np.inf])
