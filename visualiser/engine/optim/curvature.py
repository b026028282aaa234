"""The local quadratic of a loss: exact Hessian eigenvalues, the condition number, the stability bound.

Near a point the loss is about f + g·d + d·H·d/2; plain gradient descent with learning rate lr
multiplies the error along an eigen-direction with eigenvalue λ by (1 - lr λ) each step, so it is
locally stable only while lr < 2/λ_max.
"""

from __future__ import annotations

import numpy as np

from ..compiled import CompiledExpression


def local_curvature(compiled: CompiledExpression, params: dict, points: np.ndarray):
    """Eigenvalues (ascending) and eigenvectors of the exact Hessian at each of ``points`` (n, 2).

    Where the Hessian is undefined (a kink, a pole) both are NaN.
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    hessian = compiled.hessian_value(points[:, 0], points[:, 1], params=params).transpose(2, 0, 1)  # (n, 2, 2)
    good = np.all(np.isfinite(hessian), axis=(1, 2))
    eigenvalues = np.full((len(points), 2), np.nan)
    eigenvectors = np.full((len(points), 2, 2), np.nan)
    if np.any(good):
        eigenvalues[good], eigenvectors[good] = np.linalg.eigh(hessian[good])
    return eigenvalues, eigenvectors


def stability_bound(eigenvalues: np.ndarray) -> np.ndarray:
    """2 / lambda_max: plain gradient descent is locally stable with a learning rate below this."""
    lambda_max = np.asarray(eigenvalues)[..., -1]
    with np.errstate(all="ignore"):
        return np.where(lambda_max > 0, 2.0 / lambda_max, np.inf)


def condition_number(eigenvalues: np.ndarray) -> float:
    """|λ|_max / |λ|_min: how much steeper the local bowl is across than along (inf if flat or undefined)."""
    magnitudes = np.abs(np.asarray(eigenvalues, dtype=np.float64))
    if not np.all(np.isfinite(magnitudes)) or magnitudes.min() == 0:
        return float("inf")
    return float(magnitudes.max() / magnitudes.min())


def explain_divergence(message: str, lr: float, eigenvalues: np.ndarray, optimizer: str) -> str:
    """The engine's divergence message, with why when the learning rate was above the local bound."""
    bound = float(stability_bound(eigenvalues))
    if np.isfinite(bound) and lr > bound:
        why = (f"the learning rate {lr:g} is above 2/λ_max = {bound:.3g} here, so each step overshoots "
               f"the valley by more than it descends")
        if optimizer != "gd":
            why += " (the bound is exact for plain gradient descent)"
        return f"{message}. Why: {why}."
    return message
