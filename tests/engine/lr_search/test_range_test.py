"""The LR range test (Smith; fastai's lr_find): one run with an exponentially growing rate."""

from __future__ import annotations

import numpy as np
import pytest

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.lr_search import ProbeSetup
from visualiser.engine.lr_search.range_test import STOP_FACTOR, range_test


def test_on_a_quadratic_the_loss_rises_only_above_two_over_lambda_max():
    """A gradient step of rate lr on ½xᵀHx lowers the loss whenever lr < 2/λ_max: the test stops above it."""
    test = range_test(ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", (-2.5, 1.5)), 1e-4, 1.0)
    assert test.stopped
    rises = np.flatnonzero(np.diff(test.losses) > 0)
    assert len(rises) and test.rates[rises[0]] > 0.1  # the first update that raised the loss
    assert test.losses[-1] > STOP_FACTOR * test.losses[:-1].min()  # stopped at 4x the best, as fastai does
    assert np.all(test.losses[1:-1] <= STOP_FACTOR * np.minimum.accumulate(test.losses[:-2]))
    assert test.suggestion < 0.1 and test.min_over_ten == pytest.approx(test.minimum_rate / 10)


def test_the_rates_grow_geometrically_from_start_to_end_as_exponential_lr():
    test = range_test(ProbeSetup(compile_expression("exp(-x)"), "gd", (0.0,)), 1e-3, 1e1, steps=50)
    assert not test.stopped and len(test.rates) == 50 and len(test.losses) == 51
    assert test.rates[0] == pytest.approx(1e-3) and test.rates[-1] == pytest.approx(10.0)
    np.testing.assert_allclose(np.diff(np.log10(test.rates)), 4 / 49)
    # Checked step by step: x += lr e^{-x} with the test's rates.
    x = 0.0
    for rate, loss in zip(test.rates, test.losses[1:]):
        x += rate * np.exp(-x)
        assert loss == pytest.approx(np.exp(-x), rel=1e-12)


def test_a_bad_range_is_one_sentence():
    with pytest.raises(ExpressionError, match="0 < start_lr < end_lr"):
        range_test(ProbeSetup(compile_expression("x^2"), "gd", (1.0,)), 1.0, 0.1)
