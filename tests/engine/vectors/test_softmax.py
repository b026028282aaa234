"""Softmax and cross-entropy against scipy.special, extreme logits included."""

import math

import numpy as np
import pytest
from scipy import special

from visualiser.engine.vectors import SoftmaxError, softmax, softmax_result

LOGITS = [
    [2.0, 1.0, 0.1],
    [1000.0, -1000.0, 0.0],
    [1000.0, 1000.0, 999.0],
    [-1000.0, -1000.0, -1001.0],
    [0.0],
    [1e-300, -1e-300],
]


@pytest.mark.parametrize("logits", LOGITS)
@pytest.mark.parametrize("temperature", [1.0, 0.1, 7.5])
def test_softmax_matches_scipy(logits, temperature):
    expected = special.softmax(np.array(logits) / temperature)
    found = softmax(logits, temperature)
    assert np.all(np.isfinite(found))
    np.testing.assert_allclose(found, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("logits", LOGITS)
def test_cross_entropy_is_minus_scipys_log_softmax_even_where_p_underflows(logits):
    for target in range(len(logits)):
        result = softmax_result(logits, 2.0, target)
        expected = -special.log_softmax(np.array(logits) / 2.0)[target]
        assert result.cross_entropy == pytest.approx(expected, rel=1e-12, abs=1e-12)
        assert math.isfinite(result.cross_entropy)


def test_bad_inputs_are_one_sentence():
    with pytest.raises(SoftmaxError, match="the temperature must be a positive number, not 0"):
        softmax([1, 2], 0)
    with pytest.raises(SoftmaxError, match="the target class must be from 0 to 1, not 2"):
        softmax_result([1, 2], 1, 2)
    with pytest.raises(SoftmaxError, match="at least one logit"):
        softmax([])
    with pytest.raises(SoftmaxError, match="too small for these logits"):
        softmax([1e300, 0], 1e-300)
