"""Huge but finite gradients are gradients: their norm does not overflow into "undefined" (issue 12, item 2)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualiser.cli import main
from visualiser.engine import compile_expression
from visualiser.engine.optim import OPTIMIZERS, run_batch, run_optimizer, vector_norms


def test_the_norm_is_pythons_overflow_safe_hypot_at_every_scale():
    rng = np.random.default_rng(7)
    for scale in (1e-300, 1e-10, 1.0, 1e150, 1e300):
        vectors = rng.standard_normal((50, 3)) * scale
        expected = [math.hypot(*row) for row in vectors]  # the standard library's scaled hypot
        np.testing.assert_allclose(vector_norms(vectors), expected, rtol=1e-15)
    assert vector_norms([1e300, 1e300]) == pytest.approx(math.sqrt(2) * 1e300)
    assert vector_norms([-3.0]) == 3.0 and vector_norms([3.0, -4.0]) == 5.0 and vector_norms([0.0, 0.0]) == 0.0


def test_a_nan_component_is_undefined_and_an_infinite_one_infinite():
    norms = vector_norms(np.array([[np.nan, 1.0], [np.inf, 1.0], [np.inf, np.nan], [1.5e308, 1.5e308], [1e308, 1e308]]))
    assert np.isnan(norms[0]) and norms[1] == norms[2] == norms[3] == np.inf  # 2.1e308 is beyond float64
    assert norms[4] == pytest.approx(1.4142135623730951e308)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_a_run_on_a_steep_bowl_starts_instead_of_calling_its_gradient_undefined(optimizer):
    compiled = compile_expression("1e300 (x^2 + y^2)")
    result = run_optimizer(compiled, optimizer, (1.0, 1.0), hyperparameters={"lr": 1e-302}, max_steps=5)
    assert "undefined" not in result.message
    assert result.status == "max_steps" and result.steps == 5
    if optimizer == "gd":  # x and y shrink by 1 - 2e300 lr = 0.98 a step; the norm it reports is the true one
        assert f"{2e300 * math.sqrt(2) * 0.98**5:.3g}" in result.message


def test_plain_descent_on_1e300_x_squared_moves_as_the_formula_says():
    # gd multiplies x by (1 - lr 2e300): 0.8 at lr 1e-301, and the batch loop agrees with the single run.
    compiled = compile_expression("1e300 x^2")
    result = run_optimizer(compiled, "gd", (1.0,), hyperparameters={"lr": 1e-301}, max_steps=3)
    np.testing.assert_allclose([point[0] for point in result.path], [1.0, 0.8, 0.64, 0.512], rtol=1e-12)
    batch = run_batch(compiled, "gd", [[1.0], [-1.0]], hyperparameters={"lr": 1e-301}, max_steps=3)
    np.testing.assert_allclose(batch.paths[:, 0, 0], [1.0, 0.8, 0.64, 0.512], rtol=1e-12)
    assert list(batch.status) == ["max_steps", "max_steps"]


@pytest.mark.parametrize("expression", ["1e160 x^2", "1e300 x^2"])
def test_descend_on_a_steep_bowl_says_the_rate_is_too_large_without_a_warning(capsys, expression):
    # RuntimeWarnings are errors in this test session (pyproject), so a warning fails this test.
    assert main(["descend", expression, "--start", "1", "--lr", "1e-3"]) == 1
    out = capsys.readouterr().out
    assert "undefined" not in out
    assert "diverged at step 1: the loss overflowed (the learning rate is too large here)" in out
