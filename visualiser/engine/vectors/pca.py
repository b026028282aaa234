"""Principal component analysis from numpy's SVD of the centred data.

The components are the right singular vectors; the variance along each is its singular value
squared over n - 1, as scikit-learn reports it. Each component's sign is chosen so that its
largest loading is positive, which makes the projection the same from run to run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .vector_set import VectorDataError


@dataclass(frozen=True)
class PcaResult:
    mean: np.ndarray                      # (d,)
    components: np.ndarray                # (k, d): unit rows, the principal axes
    explained_variance: np.ndarray        # (min(n, d),): the variance along every axis, largest first
    explained_variance_ratio: np.ndarray  # the same as shares of the total
    projection: np.ndarray                # (n, k): the centred data in the first k axes


def pca(data: np.ndarray, components: int = 2) -> PcaResult:
    data = np.asarray(data, dtype=np.float64)
    n, d = data.shape
    if n < 2:
        raise VectorDataError(f"PCA needs at least 2 points, not {n}")
    if not 1 <= components <= min(n, d):
        raise VectorDataError(f"PCA of {n:,} points in {d} dimensions has from 1 to {min(n, d)} components, "
                              f"not {components}")
    mean = data.mean(axis=0)
    centred = data - mean
    _, singular, axes = np.linalg.svd(centred, full_matrices=False)
    signs = np.sign(axes[np.arange(len(axes)), np.argmax(np.abs(axes), axis=1)])
    axes *= np.where(signs == 0, 1.0, signs)[:, None]
    variance = singular**2 / (n - 1)
    total = variance.sum()
    ratio = variance / total if total > 0 else np.zeros_like(variance)
    return PcaResult(mean, axes[:components], variance, ratio, centred @ axes[:components].T)
