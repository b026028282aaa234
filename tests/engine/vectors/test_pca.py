"""PCA from numpy's SVD against scikit-learn's PCA."""

import numpy as np
import pytest
from sklearn import decomposition

from visualiser.engine.vectors import builtin_set, pca


@pytest.mark.parametrize("name", ["words", "digits"])
def test_pca_matches_scikit_learn(name):
    data = builtin_set(name).vectors.astype(np.float64)
    ours = pca(data, components=3)
    reference = decomposition.PCA(n_components=3, svd_solver="full").fit(data)
    np.testing.assert_allclose(ours.explained_variance_ratio[:3], reference.explained_variance_ratio_, rtol=1e-9)
    np.testing.assert_allclose(ours.explained_variance[:3], reference.explained_variance_, rtol=1e-9)
    projection = reference.transform(data)
    signs = np.sign(np.sum(ours.projection * projection, axis=0))  # up to each axis's sign
    np.testing.assert_allclose(ours.projection, projection * signs, atol=1e-9 * np.abs(projection).max())
    assert ours.explained_variance_ratio.sum() == pytest.approx(1.0)


def test_on_a_stretched_cloud_the_first_axis_is_the_stretch():
    rng = np.random.default_rng(1)
    angle = 0.5
    axis = np.array([np.cos(angle), np.sin(angle)])
    cloud = rng.standard_normal((4000, 1)) * 3 * axis + rng.standard_normal((4000, 1)) * 0.5 * axis[::-1] * [-1, 1]
    result = pca(cloud, components=2)
    assert abs(result.components[0] @ axis) == pytest.approx(1.0, abs=1e-3)
    assert result.explained_variance[:2] == pytest.approx([9.0, 0.25], rel=0.08)
