"""Gradient descent with an exact line search and with Armijo backtracking: each step satisfies its search's
condition, checked with hand-written losses and gradients (no sympy), and a batch is a plain loop of single runs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from optim_reference import rosenbrock_gradient

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.optim import CosineAnnealingLR, default_hyperparameters, run_batch, run_optimizer

ROSENBROCK = compile_expression("(1-x)^2 + 100(y-x^2)^2")
QUADRATIC = compile_expression("10x^2 + 4x y + y^2 - x + 4y")  # H = [[20, 4], [4, 2]], κ = 18
HESSIAN = np.array([[20.0, 4.0], [4.0, 2.0]])
# Convex, not a quadratic (so the bisection works), with one minimum along every line.
QUARTIC = compile_expression("x^4/4 + x^2 + 2y^2 + x y + y")


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def quartic(x, y):
    return x**4 / 4 + x * x + 2 * y * y + x * y + y


def quartic_gradient(x, y):
    return [x**3 + 2 * x + y, 4 * y + x + 1]


def test_the_exact_step_on_a_quadratic_is_g_dot_g_over_g_h_g_at_every_iterate():
    result = run_optimizer(QUADRATIC, "exact_line_search", (-2.0, 3.0), max_steps=200)
    assert result.status == "converged" and result.steps > 10
    for step in result.trajectory:
        g = np.array(step.gradient)
        assert step.lr == pytest.approx(g @ g / (g @ HESSIAN @ g), rel=1e-12)
        assert np.allclose(step.update, -step.lr * g, rtol=0, atol=1e-15)
    # Each gradient is orthogonal to the one before: the zig-zag of steepest descent with exact steps.
    gradients = np.array([step.gradient for step in result.trajectory])
    lengths = np.linalg.norm(gradients, axis=1)
    cosines = np.sum(gradients[1:] * gradients[:-1], axis=1) / (lengths[1:] * lengths[:-1])
    assert np.all(np.abs(cosines[:10]) < 1e-9)


@pytest.mark.parametrize("loss, gradient, start", [(ROSENBROCK, rosenbrock_gradient, (-1.2, 1.0)),
                                                   (QUARTIC, quartic_gradient, (2.0, -2.0))])
def test_the_exact_step_zeroes_the_slope_of_the_slice_to_its_tolerance(loss, gradient, start):
    slope_tol = 1e-8
    result = run_optimizer(loss, "exact_line_search", start, max_steps=60,
                           hyperparameters={"slope_tol": slope_tol})
    assert sum(step.state["bisections"] for step in result.trajectory) > 100  # the bisection did the work
    previous = np.array(start)
    for step in result.trajectory:
        g = np.array(gradient(*previous))
        assert np.allclose(step.gradient, g, rtol=1e-12, atol=1e-12)
        slope = -np.dot(gradient(*(previous - step.lr * g)), g)  # φ'(t), independently of the engine
        assert abs(slope) <= slope_tol * (g @ g) * (1 + 1e-6)
        previous = np.array(step.point)


def test_armijo_accepts_the_first_trial_below_its_line_and_refused_the_one_before():
    c, rho, t0 = 1e-4, 0.5, 1.0
    result = run_optimizer(ROSENBROCK, "armijo", (-1.2, 1.0), max_steps=300)
    assert default_hyperparameters("armijo") == {"t0": t0, "c": c, "rho": rho}
    previous = np.array((-1.2, 1.0))
    backtracked = 0
    for step in result.trajectory:
        g = np.array(rosenbrock_gradient(*previous))
        t, trials = step.lr, int(step.state["trials"])
        assert t == pytest.approx(t0 * rho ** (trials - 1), rel=1e-14)
        assert rosenbrock(*(previous - t * g)) <= rosenbrock(*previous) - c * t * (g @ g) * (1 - 1e-12)
        if trials > 1:  # the trial before, t/ρ, did not decrease the loss enough
            backtracked += 1
            assert not rosenbrock(*(previous - t / rho * g)) <= rosenbrock(*previous) - c * t / rho * (g @ g)
        previous = np.array(step.point)
    assert backtracked > 0  # the refusals were checked, not skipped
    assert result.loss[-1] < 0.01 * result.loss[0]


def plain_armijo(f, gradient, start, steps, t0, c=1e-4, rho=0.5, tol=1e-8):
    """The algorithm box, one scalar run at a time."""
    x = list(start)
    path = [tuple(x)]
    for _ in range(steps):
        g = gradient(*x)
        if math.hypot(*g) < tol:
            break
        t, fx, squared = t0, f(*x), g[0] ** 2 + g[1] ** 2
        while not f(x[0] - t * g[0], x[1] - t * g[1]) <= fx - c * t * squared:
            t *= rho
        x = [x[0] - t * g[0], x[1] - t * g[1]]
        path.append(tuple(x))
    return path


def plain_exact(gradient, start, steps, slope_tol=1e-6, most=100, tol=1e-8):
    """Steepest descent with bisection on φ'(t) = −∇f(x − t g)·g, as the engine's module describes it,
    one scalar run at a time."""
    x = list(start)
    path = [tuple(x)]
    for _ in range(steps):
        g = gradient(*x)
        norm = math.hypot(*g)
        if norm < tol:
            break
        squared = norm * norm

        def slope(t):
            return -sum(a * b for a, b in zip(gradient(x[0] - t * g[0], x[1] - t * g[1]), g))
        low, high = 0.0, 1 / norm
        rise = slope(high) + squared
        if rise > 0:
            high = high * squared / rise  # where the secant through φ'(0) and φ'(1/|g|) crosses 0
        while True:  # grow the bracket
            s = slope(high)
            if abs(s) <= slope_tol * squared:
                t = high
                break
            if s > 0:
                for bisection in range(1, most + 1):
                    below, above = low, high
                    t = (low + high) / 2
                    s = slope(t)
                    low, high = (low, t) if s > 0 else (t, high)
                    if abs(s) <= slope_tol * squared or t in (below, above):
                        break
                break
            low, high = high, 2 * high
        x = [x[0] - t * g[0], x[1] - t * g[1]]
        path.append(tuple(x))
    return path


def test_a_batch_of_armijo_runs_is_a_plain_loop_of_single_runs():
    starts = np.array([[-1.2, 1.0], [0.5, 2.0], [1.0, 1.0], [2.0, -1.0]])  # run 2 starts at the minimum
    t0 = np.array([1.0, 0.1, 1.0, 0.01])
    batch = run_batch(ROSENBROCK, "armijo", starts, hyperparameters={"t0": t0}, max_steps=150)
    assert list(batch.status) == ["max_steps", "max_steps", "converged", "max_steps"]
    for index, start in enumerate(starts):
        path = np.array(plain_armijo(rosenbrock, rosenbrock_gradient, start, 150, t0[index]))
        assert batch.steps[index] == len(path) - 1
        np.testing.assert_allclose(batch.paths[: len(path), index], path, rtol=1e-9, atol=1e-12)
        assert np.all(batch.paths[len(path):, index] == path[-1])  # a stopped run holds still


def test_a_batch_of_exact_line_searches_is_a_plain_loop_of_single_runs():
    starts = np.array([[2.0, -2.0], [-3.0, 1.0], [0.5, 0.5], [-1.0, -2.5]])
    batch = run_batch(QUARTIC, "exact_line_search", starts, max_steps=40)
    for index, start in enumerate(starts):
        path = np.array(plain_exact(quartic_gradient, start, 40))
        assert batch.steps[index] == len(path) - 1
        np.testing.assert_allclose(batch.paths[: len(path), index], path, rtol=1e-12, atol=1e-14)
    assert set(batch.status) == {"converged"}


def test_a_line_along_which_the_loss_falls_for_ever_stops_that_run_alone():
    loss = compile_expression("x^2 - y^2")  # φ'' = 8(x² − y²): no minimum along −∇f where |y| ≥ |x|
    batch = run_batch(loss, "exact_line_search", np.array([[1.0, 0.5], [0.5, 1.0]]), max_steps=5)
    assert list(batch.status) == ["diverged", "diverged"] and list(batch.steps) == [1, 0]
    # From (x, y) with |x| > |y| the minimum is at t = (x² + y²) / (2(x² − y²)): (x, y) -> (−2/3, 4/3).
    np.testing.assert_allclose(batch.paths[1:, 0], np.broadcast_to([-2 / 3, 4 / 3], (5, 2)), rtol=1e-12)
    np.testing.assert_array_equal(batch.paths[:, 1], np.broadcast_to([0.5, 1.0], (6, 2)))
    single = run_optimizer(loss, "exact_line_search", (0.5, 1.0))
    assert single.message == ("diverged at step 1: the exact line search found no minimum along −∇f from (0.5, 1): "
                              "the loss still fell where the bracket stopped growing (it falls without bound along "
                              "this line), or the line left the loss's domain first")


def test_armijo_stops_where_every_trial_step_leaves_the_loss_s_domain():
    loss = compile_expression("sqrt(x) + y^2")  # −∇f points to x < 0, where sqrt is undefined, from x = 1e-100 on
    result = run_optimizer(loss, "armijo", (1e-100, 0.5), max_steps=3)
    assert result.status == "diverged" and result.steps == 0
    assert "Armijo backtracking found no step along −∇f from (1e-100, 0.5), down to t0·ρ^199" in result.message


@pytest.mark.parametrize("optimizer", ["exact_line_search", "armijo"])
@pytest.mark.parametrize("options, message", [
    ({"schedule": CosineAnnealingLR(T_max=10)}, "chooses every step length itself, so it takes no learning-rate "
                                                "schedule"),
    ({"noise": 0.1}, "searches along the loss's own gradient, so it takes no gradient noise"),
    ({"clip": 1.0}, "sets each step's length itself, so it takes no gradient clipping"),
])
def test_a_line_search_refuses_a_schedule_noise_and_clipping_in_one_sentence(optimizer, options, message):
    for run in (lambda: run_optimizer(ROSENBROCK, optimizer, (0.0, 0.0), **options),
                lambda: run_batch(ROSENBROCK, optimizer, np.zeros((2, 2)), **options)):
        with pytest.raises(ExpressionError, match=message):
            run()


@pytest.mark.parametrize("hyperparameters, message", [
    ({"lr": 0.1}, "armijo has no hyperparameter 'lr' (it takes t0, c, rho)"),
    ({"c": 1.5}, "c must be between 0 and 1, not 1.5"),
    ({"rho": 0.0}, "rho must be between 0 and 1, not 0"),
    ({"t0": -1.0}, "t0 must be positive"),
])
def test_bad_armijo_settings_are_one_sentence(hyperparameters, message):
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_optimizer(ROSENBROCK, "armijo", (0.0, 0.0), hyperparameters=hyperparameters)


@pytest.mark.parametrize("hyperparameters, message", [
    ({"max_bisections": 2.5}, "max_bisections must be a whole number from 1 to 1000, not 2.5"),
    ({"growth": 1.0}, "growth must be above 1, not 1"),
    ({"slope_tol": -1.0}, "slope_tol must be zero or positive"),
])
def test_bad_exact_search_settings_are_one_sentence(hyperparameters, message):
    with pytest.raises(ExpressionError, match=message):
        run_optimizer(ROSENBROCK, "exact_line_search", (0.0, 0.0), hyperparameters=hyperparameters)


def test_max_bisections_caps_each_search():
    result = run_optimizer(ROSENBROCK, "exact_line_search", (-1.2, 1.0), max_steps=20,
                           hyperparameters={"max_bisections": 3.0, "slope_tol": 0.0})
    assert {step.state["bisections"] for step in result.trajectory} == {3.0}


@pytest.mark.parametrize("optimizer", ["exact_line_search", "armijo"])
def test_a_line_search_never_steps_past_the_edge_of_the_losss_domain(optimizer):
    """log(x) + y²: its gradient 1/x is defined past x = 0, where the loss is not (-inf at the edge). The exact
    search, which sees only the gradient, stepped to t = 1 (x = 0, loss -inf), and Armijo took -inf as a
    sufficient decrease; both then blamed a learning rate these methods do not have."""
    compiled = compile_expression("log(x) + y^2")
    result = run_optimizer(compiled, optimizer, (1.0, 1.0))
    losses = [float(compiled.value(*point)) for point in result.path]
    assert np.all(np.isfinite(losses))
    assert all(point[0] > 0 for point in result.path)
    assert "learning rate" not in result.message
