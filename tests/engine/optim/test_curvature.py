"""The local quadratic: the exact Hessian's eigenvalues, the condition number and 2/λ_max, against numpy."""

import numpy as np

from visualiser.engine import compile_expression
from visualiser.engine.optim import condition_number, explain_divergence, local_curvature, stability_bound


def test_the_eigen_decomposition_is_numpys_of_the_hand_derived_hessian():
    compiled = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    points = np.array([[-1.2, 1.0], [1.0, 1.0], [0.3, -0.7]])
    eigenvalues, eigenvectors = local_curvature(compiled, {}, points)
    for (x, y), values, vectors in zip(points, eigenvalues, eigenvectors):
        hessian = np.array([[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200.0]])
        expected, _ = np.linalg.eigh(hessian)
        np.testing.assert_allclose(values, expected, rtol=1e-12)
        np.testing.assert_allclose(hessian @ vectors, vectors * values, atol=1e-9)


def test_an_undefined_hessian_is_nan_not_an_error():
    eigenvalues, eigenvectors = local_curvature(compile_expression("sqrt(x^2 + y^2)"), {}, np.array([[0.0, 0.0]]))
    assert np.all(np.isnan(eigenvalues)) and np.all(np.isnan(eigenvectors))


def test_gradient_descent_on_a_quadratic_is_stable_exactly_below_two_over_lambda_max():
    eigenvalues = np.array([1.0, 20.0])
    bound = float(stability_bound(eigenvalues))
    assert bound == 0.1 and condition_number(eigenvalues) == 20.0
    for lr, grows in ((0.0999, False), (0.1001, True)):
        error = 1.0
        for _ in range(2000):
            error *= 1 - lr * 20.0  # the error along the steep direction
        assert (abs(error) > 1) == grows
    assert stability_bound(np.array([-1.0, 0.0])) == np.inf and condition_number(np.array([0.0, 1.0])) == np.inf


def test_a_divergence_is_explained_by_the_bound_only_when_the_rate_was_above_it():
    assert explain_divergence("diverged at step 2", 0.5, np.array([1.0, 20.0]), "gd") == (
        "diverged at step 2. Why: the learning rate 0.5 is above 2/λ_max = 0.1 here, so each step overshoots "
        "the valley by more than it descends.")
    # each momentum method by its own bound; the adaptive methods have none, so 2/λ_max explains nothing there
    assert "2(1+μ)/λ_max = 0.19" in explain_divergence("d", 0.5, np.array([1.0, 20.0]), "momentum")
    assert explain_divergence("d", 0.5, np.array([1.0, 20.0]), "adam") == "d"
    assert explain_divergence("diverged", 0.01, np.array([1.0, 20.0]), "gd") == "diverged"
