"""The closed-form rates to compare a search with, from the Hessian's eigenvalues at the minimum reached.

On a quadratic with Hessian eigenvalues λ_min … λ_max (κ = λ_max/λ_min), exactly:

=========  ==================================  ==========================================================
goal       gradient descent                    heavy-ball momentum
=========  ==================================  ==========================================================
stable     lr < 2/λ_max                        lr < 2(1+μ)/λ_max
fastest    lr = 2/(λ_min+λ_max), contraction   Polyak: lr = 4/(√λ_max+√λ_min)² with μ = ((√κ−1)/(√κ+1))²
           (κ−1)/(κ+1) per step
=========  ==================================  ==========================================================

(Nesterov's bound is :mod:`visualiser.engine.optim.curvature`'s.) Weight decay adds its value to
every eigenvalue. Elsewhere these hold near the minimum, where the loss is nearly its quadratic.
The adaptive methods rescale every step by the gradients seen, so their rates are measured only.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np

from ..optim.curvature import BOUND_FORMULAS, stability_bound
from .steps import FASTEST, STABLE, Theory


def theory(goal: str, optimizer: str, eigenvalues, hyperparameters: Mapping) -> Theory | None:
    """The theory value for ``goal``, or None where none applies (no curvature, or an adaptive method)."""
    eigenvalues = np.asarray(eigenvalues, dtype=np.float64) + float(hyperparameters.get("weight_decay", 0.0))
    if eigenvalues.size == 0 or not np.all(np.isfinite(eigenvalues)):
        return None
    low, high = float(eigenvalues[0]), float(eigenvalues[-1])
    spectrum = f"λ_min = {low:.6g}, λ_max = {high:.6g} at the minimum reached"
    if goal == STABLE:
        if optimizer not in BOUND_FORMULAS or not high > 0:
            return None
        bound = float(stability_bound(eigenvalues, optimizer, hyperparameters))
        return Theory(bound, BOUND_FORMULAS[optimizer], spectrum) if math.isfinite(bound) and bound > 0 else None
    if goal == FASTEST and low > 0:
        kappa = high / low
        if optimizer == "gd":
            return Theory(2 / (low + high), "2/(λ_min+λ_max)",
                          f"{spectrum}; contraction (κ−1)/(κ+1) = {(kappa - 1) / (kappa + 1):.4g} per step")
        if optimizer == "momentum":
            lr, mu = polyak_optimum(eigenvalues)  # finite, and low > 0: checked above
            return Theory(lr, "4/(√λ_max+√λ_min)²",
                          f"{spectrum}; Polyak's optimum, with momentum μ = ((√κ−1)/(√κ+1))² = {mu:.4g}")
    return None


def polyak_optimum(eigenvalues) -> tuple[float, float] | None:
    """Polyak's heavy-ball optimum (lr, μ) for these eigenvalues, or None unless every one is positive."""
    eigenvalues = np.asarray(eigenvalues, dtype=np.float64)
    if eigenvalues.size == 0 or not np.all(np.isfinite(eigenvalues)) or not eigenvalues[0] > 0:
        return None
    low, high = float(eigenvalues[0]), float(eigenvalues[-1])
    root = math.sqrt(high / low)
    return 4 / (math.sqrt(high) + math.sqrt(low)) ** 2, ((root - 1) / (root + 1)) ** 2
