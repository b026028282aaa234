"""The local quadratic of a loss: exact Hessian eigenvalues, the condition number, each method's stability bound.

Near a point the loss is about f + g·d + d·H·d/2. Along an eigen-direction with eigenvalue λ,
with h = lr λ, the error e_t of each method on that quadratic follows

==========  =======================================================  ===========================
gd          e_{t+1} = (1 − h) e_t                                    stable iff 0 < h < 2
momentum    z² − (1 + μ − h) z + μ = 0 (Polyak's heavy ball)          0 < h < 2(1 + μ), μ < 1
nesterov    z² − (1 + μ)(1 − h) z + μ (1 − h) = 0                     0 < h < 2(1 + μ)/(1 + 2μ)
==========  =======================================================  ===========================

(z the roots of the two-step recursion; stable iff both lie inside the unit circle). Both
momentum bounds follow from the Jury (Schur-Cohn) conditions for z² + a z + b: |b| < 1 and
1 ± a + b > 0. For the heavy ball, 1 − a + b > 0 is Polyak's classical range h < 2(1 + μ)
(B. T. Polyak 1964; G. Goh, "Why Momentum Really Works", Distill 2017). Nesterov's method in
PyTorch's form (b_t = μ b_{t-1} + g_t, θ −= lr (g_t + μ b_t), Sutskever et al. 2013) has on a
quadratic the characteristic polynomial above (as in O'Donoghue and Candès 2015, "Adaptive
restart for accelerated gradient schemes", section 4), and 1 − a + b = 1 + (1 + 2μ)(1 − h) > 0
gives h < 2(1 + μ)/(1 + 2μ): the look-ahead gradient makes it less tolerant of a large rate than
the heavy ball and even than plain descent, from 2 at μ = 0 down to 1.36 at μ = 0.9.
tests/engine/optim/test_stability_bounds.py checks each bound against the update rules themselves.

So each method is locally stable while lr < bound / λ_max, with L2 weight decay adding its value
to every eigenvalue (the rules add weight_decay · θ to the gradient). A heavy ball with μ ≥ 1
never settles (|b| = μ). The adaptive methods rescale each step by the gradients they have seen
and have no bound of this kind.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from ..compiled import CompiledExpression

BOUND_FORMULAS = {"gd": "2/λ_max", "momentum": "2(1+μ)/λ_max", "nesterov": "2(1+μ)/((1+2μ)λ_max)"}
BOUNDED_OPTIMIZERS = tuple(BOUND_FORMULAS)


def local_curvature(compiled: CompiledExpression, params: dict, points: np.ndarray):
    """Eigenvalues (ascending) and eigenvectors of the exact Hessian at each of ``points`` (n, dimensions).

    Where the Hessian is undefined (a kink, a pole) both are NaN.
    """
    dimensions = len(compiled.variables)
    points = np.asarray(points, dtype=np.float64).reshape(-1, dimensions)
    hessian = compiled.hessian_value(*points.T, params=params).transpose(2, 0, 1)  # (n, dimensions, dimensions)
    good = np.all(np.isfinite(hessian), axis=(1, 2))
    eigenvalues = np.full((len(points), dimensions), np.nan)
    eigenvectors = np.full((len(points), dimensions, dimensions), np.nan)
    if np.any(good):
        eigenvalues[good], eigenvectors[good] = np.linalg.eigh(hessian[good])
    return eigenvalues, eigenvectors


def stability_factor(optimizer: str, hyperparameters: Mapping | None = None) -> float:
    """c in "stable while lr < c / λ_max" (see the module's table); NaN for a method without such a bound."""
    momentum = float((hyperparameters or {}).get("momentum", 0.9))
    if optimizer == "gd":
        return 2.0
    if optimizer == "momentum":
        return 2.0 * (1.0 + momentum) if momentum < 1 else 0.0
    if optimizer == "nesterov":
        return 2.0 * (1.0 + momentum) / (1.0 + 2.0 * momentum)
    return float("nan")


def stability_bound(eigenvalues: np.ndarray, optimizer: str = "gd", hyperparameters: Mapping | None = None):
    """The largest locally stable learning rate: 2/λ_max for plain gradient descent, each momentum method its own.

    ``hyperparameters`` are the run's (μ, weight decay; momentum 0.9 if not given). Where no
    direction curves up (λ_max + weight decay <= 0) any rate is stable: inf. NaN where the
    Hessian is undefined, and for the adaptive methods, which have no such bound.
    """
    weight_decay = float((hyperparameters or {}).get("weight_decay", 0.0))
    curvature = np.asarray(eigenvalues, dtype=np.float64)[..., -1] + weight_decay
    factor = stability_factor(optimizer, hyperparameters)
    if np.isnan(factor):
        return np.full(np.shape(curvature), np.nan)
    with np.errstate(all="ignore"):
        return np.where(curvature > 0, factor / curvature, np.where(np.isnan(curvature), np.nan, np.inf))


def condition_number(eigenvalues: np.ndarray) -> float:
    """|λ|_max / |λ|_min: how much steeper the local bowl is across than along (inf if flat or undefined)."""
    magnitudes = np.abs(np.asarray(eigenvalues, dtype=np.float64))
    if not np.all(np.isfinite(magnitudes)) or magnitudes.min() == 0:
        return float("inf")
    return float(magnitudes.max() / magnitudes.min())


def explain_divergence(message: str, lr: float, eigenvalues: np.ndarray, optimizer: str,
                       hyperparameters: Mapping | None = None) -> str:
    """The engine's divergence message, with why when the learning rate was above the method's local bound."""
    if optimizer not in BOUNDED_OPTIMIZERS:
        return message
    bound = float(stability_bound(eigenvalues, optimizer, hyperparameters))
    if np.isfinite(bound) and lr > bound:
        formula = BOUND_FORMULAS[optimizer]
        if optimizer != "gd" and bound == 0:
            why = "a momentum of 1 or more never lets the steps die down"
        else:
            why = (f"the learning rate {lr:g} is above {formula} = {bound:.3g} here, so each step overshoots "
                   f"the valley by more than it descends")
        return f"{message}. Why: {why}."
    return message
