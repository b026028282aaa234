"""Neighbours and analogies against a brute-force cosine written out here, loop by loop."""

import math

import numpy as np
import pytest

from visualiser.engine.vectors import VectorSet, analogy, builtin_set, neighbours


def brute_force_cosines(vectors, query):
    def cosine(u, v):
        dot = sum(float(a) * float(b) for a, b in zip(u, v))
        return dot / (math.sqrt(sum(float(a) ** 2 for a in u)) * math.sqrt(sum(float(b) ** 2 for b in v)))
    return [cosine(row, query) for row in vectors]


def brute_force_best(vectors, labels, query, excluded, k):
    scored = sorted(((-s, row) for row, s in enumerate(brute_force_cosines(vectors, query)) if row not in excluded))
    return [(labels[row], -negative) for negative, row in scored[:k]]


@pytest.mark.parametrize("word", ["cat", "paris", "seven", "running"])
def test_neighbours_match_a_brute_force_cosine(word):
    words = builtin_set("words")
    row = words.row_of(word)
    expected = brute_force_best(words.vectors, words.labels, words.vectors[row], {row}, 12)
    found = neighbours(words, word, k=12).neighbours
    assert [n.word for n in found] == [label for label, _ in expected]
    np.testing.assert_allclose([n.similarity for n in found], [s for _, s in expected], rtol=1e-9)


def test_an_analogy_is_the_brute_force_neighbour_of_the_unit_vectors_sum():
    words = builtin_set("words")
    rows = [words.row_of(w) for w in ("paris", "france", "italy")]
    unit = [row / np.linalg.norm(row) for row in words.vectors[rows].astype(np.float64)]
    expected = brute_force_best(words.vectors, words.labels, unit[0] - unit[1] + unit[2], set(rows), 5)
    found = analogy(words, "paris", "france", "italy", k=5).neighbours
    assert [n.word for n in found] == [word for word, _ in expected]
    np.testing.assert_allclose([n.similarity for n in found], [s for _, s in expected], rtol=1e-9)


def test_repeated_labels_keep_their_rows_and_the_query_row_alone_is_left_out():
    vectors = np.array([[1, 0], [1, 0.1], [0, 1], [1, 0]], dtype=np.float32)
    data = VectorSet("tiny", vectors, ("a", "b", "c", "a"), ("",) * 4)
    found = neighbours(data, "a", k=5).neighbours
    assert [(n.word, n.row) for n in found] == [("a", 3), ("b", 1), ("c", 2)]
    assert found[0].similarity == pytest.approx(1.0)
