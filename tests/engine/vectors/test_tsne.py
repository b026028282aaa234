"""Exact t-SNE against scikit-learn: the same P, an exact gradient, and a layout as good as Barnes-Hut's."""

import itertools

import numpy as np
import pytest
import threadpoolctl
from sklearn import manifold

from visualiser.engine.vectors import TsneError, TsneSettings, builtin_set, iterate_tsne
from visualiser.engine.vectors.tsne import KlGradient, joint_probabilities, kl_constant, squared_distances

ITERATIONS = 400  # the exaggeration's 250 and 150 more: modest, so that the comparison takes seconds


def small_set(points=40, dimensions=5, seed=3):
    return np.random.default_rng(seed).standard_normal((points, dimensions))


def test_p_matches_scikit_learns_binary_search():
    from scipy.spatial.distance import squareform
    from sklearn.manifold._t_sne import _joint_probabilities  # scikit-learn's own P, row by row by bisection

    data = builtin_set("digits").vectors[:300].astype(np.float64)
    expected = squareform(_joint_probabilities(squared_distances(data).astype(np.float32), 30.0, 0))
    np.testing.assert_allclose(joint_probabilities(data, 30.0), expected, rtol=2e-3, atol=1e-9)


def kl_divergence(joint, embedding):
    """KL(P || Q) written out in float64, for the finite differences."""
    distances = squared_distances(embedding)
    kernel = 1 / (1 + distances)
    np.fill_diagonal(kernel, 0)
    q = kernel / kernel.sum()
    mask = ~np.eye(len(joint), dtype=bool)
    return float(np.sum(joint[mask] * np.log(joint[mask] / q[mask])))


def test_the_gradient_and_kl_match_finite_differences_of_kl():
    joint = joint_probabilities(small_set(), 10.0)
    embedding = np.random.default_rng(0).standard_normal((40, 2)).astype(np.float32)
    gradient, kl = KlGradient(joint.astype(np.float32), kl_constant(joint))(embedding, joint.astype(np.float32))
    assert kl == pytest.approx(kl_divergence(joint, embedding.astype(np.float64)), rel=1e-5)
    numeric = np.zeros_like(gradient, dtype=np.float64)
    for i, j in itertools.product(range(40), range(2)):
        step = np.zeros((40, 2))
        step[i, j] = 1e-5
        base = embedding.astype(np.float64)
        numeric[i, j] = (kl_divergence(joint, base + step) - kl_divergence(joint, base - step)) / 2e-5
    np.testing.assert_allclose(gradient, numeric, rtol=2e-3, atol=2e-4 * np.abs(numeric).max())


def test_steps_come_one_at_a_time_and_a_seed_repeats_its_run():
    data = small_set(60)
    settings = TsneSettings(perplexity=10, seed=4, exaggeration_iterations=5)
    first = iterate_tsne(data, settings, tracked=np.array([0, 7]))
    step0, step1 = next(first), next(first)
    assert (step0.iteration, step1.iteration) == (0, 1)
    assert step0.exaggerated and step0.gradient.shape == (2, 2)
    np.testing.assert_allclose(step1.embedding[[0, 7]], step0.embedding[[0, 7]] + step0.update, rtol=1e-6)
    again = list(itertools.islice(iterate_tsne(data, settings), 30))[-1]
    later = list(itertools.islice(first, 28))[-1]
    assert later.iteration == again.iteration == 29
    np.testing.assert_array_equal(later.embedding, again.embedding)
    assert not later.exaggerated


@pytest.fixture(scope="module")
def digits_layouts():
    """Ours and scikit-learn's Barnes-Hut t-SNE of the digits, with the same settings (its defaults but the start)."""
    data = builtin_set("digits").vectors.astype(np.float64)
    with threadpoolctl.threadpool_limits(1):  # one thread each: on a shared machine, threads only contend
        ours = list(itertools.islice(iterate_tsne(data, TsneSettings(perplexity=30)), ITERATIONS + 1))[-1]
        reference = manifold.TSNE(perplexity=30, learning_rate="auto", early_exaggeration=12, max_iter=ITERATIONS,
                                  init="random", method="barnes_hut", random_state=0).fit(data)
    return data, ours, reference


SLOW = pytest.mark.timeout(600)  # the layouts take about 15 s on an idle 2-core machine; minutes when it is shared


@SLOW
def test_tsne_on_the_digits_is_trustworthy(digits_layouts):
    data, ours, _ = digits_layouts
    assert manifold.trustworthiness(data, ours.embedding, n_neighbors=10) >= 0.98


@SLOW
def test_tsne_on_the_digits_reaches_scikit_learns_kl_divergence(digits_layouts):
    _, ours, reference = digits_layouts
    assert ours.iteration == reference.n_iter_ + 1 == ITERATIONS
    assert ours.kl_divergence <= 1.10 * reference.kl_divergence_


@pytest.mark.parametrize("settings, message", [
    (TsneSettings(perplexity=50), "the perplexity must be from 1 to a third of the other points, 13 here, not 50"),
    (TsneSettings(perplexity=10, learning_rate=0), "the learning rate must be positive, not 0"),
    (TsneSettings(perplexity=10, early_exaggeration=0.5), "the early exaggeration must be at least 1, not 0.5"),
    (TsneSettings(perplexity=10, momentum=1), "the momentum must be from 0 up to (not including) 1, not 1"),
])
def test_settings_tsne_cannot_use_are_one_sentence(settings, message):
    with pytest.raises(TsneError) as error:
        iterate_tsne(small_set(40), settings)
    assert str(error.value) == message
