"""The shipped data sets: what they hold, read without pickle, and the analogies the issue measured on them."""

import numpy as np
import pytest
from sklearn import datasets

from visualiser.engine.vectors import analogy, builtin_set
from visualiser.engine.vectors.vector_set import VectorDataError


def test_the_words_are_2000_glove_vectors_in_lesson_groups():
    words = builtin_set("words")
    assert words.vectors.shape == (2000, 50) and words.vectors.dtype == np.float32
    assert len(set(words.labels)) == 2000
    groups = set(words.groups)
    assert {"animals", "countries", "capitals", "colours", "numbers", "family", "verbs", "comparatives"} < groups
    assert words.groups[words.row_of("paris")] == "capitals"


def test_the_digits_are_scikit_learns_with_their_labels():
    digits = builtin_set("digits")
    reference = datasets.load_digits()
    np.testing.assert_array_equal(digits.vectors, reference.data)
    assert digits.labels == tuple(str(label) for label in reference.target)


@pytest.mark.parametrize("a, b, c, answer, rank", [
    ("king", "man", "woman", "queen", 1),
    ("paris", "france", "italy", "rome", 1),
    ("berlin", "germany", "japan", "tokyo", 1),
    ("walking", "walk", "swim", "swimming", 1),
    ("bigger", "big", "small", "smaller", 2),
    ("brother", "man", "woman", "sister", 8),
])
def test_analogies_rank_their_answers_as_the_issue_measured(a, b, c, answer, rank):
    found = [neighbour.word for neighbour in analogy(builtin_set("words"), a, b, c, k=10).neighbours]
    assert found.index(answer) + 1 == rank
    assert not {a, b, c} & set(found)


def test_an_unknown_name_or_word_is_one_sentence():
    with pytest.raises(VectorDataError, match="no built-in data set 'glove' \\(there are words, digits\\)"):
        builtin_set("glove")
    with pytest.raises(VectorDataError, match="'qwertyuiop' is not one of the 2,000 labels of words"):
        builtin_set("words").row_of("qwertyuiop")
