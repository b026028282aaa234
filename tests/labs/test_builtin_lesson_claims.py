"""What the built-in lessons' notes tell a class is what the app computes (a teacher reads them aloud).

Each number a note states is checked here against the lab's own compute and, where there is one,
an independent reference (scipy, a closed form). If the engine changes, the notes must change too.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from visualiser.engine import compile_expression
from visualiser.engine.optim import local_curvature, stability_bound
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.lessons import builtin_lesson
from visualiser.labs.roots.compute import solve_scene


def scene(name: str, index: int):
    return builtin_lesson(name).scenes[index].scene


def iterations(run) -> dict[str, int]:
    return {method: result.iterations for method, result in run.results.items()}


def test_bisection_basics():
    first = scene("bisection-basics", 0)
    f = compile_expression(first.expression).scalar_function()
    assert f(0.0) == -2 and f(2.0) == 6
    run = solve_scene(scene("bisection-basics", 1))
    step = run.step_at("bisect", 3)
    assert (step.a, step.b) == (1.25, 1.5) and step.b - step.a == 2 / 2**3
    result = solve_scene(scene("bisection-basics", 2)).primary_result
    assert result.iterations == 40 == math.ceil(math.log2(2 / 2e-12))
    assert f"{result.root:.12g}" == "1.25992104989" and result.root == pytest.approx(2 ** (1 / 3), abs=2e-12)


def test_five_methods():
    run = solve_scene(scene("five-methods", 0))
    assert iterations(run) == {"bisect": 39, "false-position": 7, "secant": 6, "newton": 4, "brent": 6}
    assert all(result.root == pytest.approx(brentq(lambda x: math.cos(x) - x, 0, 1), abs=1e-11)
               for result in run.results.values())
    flat = solve_scene(scene("five-methods", 1))
    assert flat.results["bisect"].converged and flat.results["bisect"].iterations == 40
    newton = flat.results["newton"]
    assert not newton.converged and newton.iterations == 100 and 1e-7 < abs(newton.root - 1) < 2e-6
    assert not any(flat.results[m].converged for m in ("false-position", "secant", "newton"))


@pytest.mark.parametrize("index, where", [(0, 1.0), (1, math.pi / 2)])
def test_pole_not_root(index, where):
    result = solve_scene(scene("pole-not-root", index)).primary_result
    assert not result.converged and result.flag == "discontinuity"
    assert result.root == pytest.approx(where, abs=1e-9)
    assert abs(result.steps[-1].fx) > 1e10  # |f| grew as the bracket shrank


def test_newton_cycles():
    cycle = solve_scene(scene("newton-cycles", 0)).primary_result
    assert [step.x for step in cycle.steps[:6]] == [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
    assert not cycle.converged and cycle.iterations == 100
    real_root = brentq(lambda x: x**3 - 2 * x + 2, -3, 3)
    near = solve_scene(scene("newton-cycles", 1)).primary_result
    assert near.converged and near.iterations == 5 and f"{near.root:.12g}" == "-1.76929235424"
    assert near.root == pytest.approx(real_root, abs=1e-12)
    race = solve_scene(scene("newton-cycles", 2)).results
    for method in ("bisect", "false-position", "brent"):
        assert race[method].converged and race[method].root == pytest.approx(real_root, abs=1e-10), method
    assert not race["secant"].converged and not race["newton"].converged


def test_conditioning():
    (round_bowl,) = compute_runs(scene("conditioning", 0)).traces
    assert round_bowl.result.status == "converged" and round_bowl.result.steps == 91
    path = round_bowl.path - round_bowl.path[-1]
    directions = path[:-1] / np.linalg.norm(path[:-1], axis=1)[:, None]
    assert np.allclose(directions, directions[0], atol=1e-6)  # a straight line in
    stretched = scene("conditioning", 1)
    (zigzag,) = compute_runs(stretched).traces
    compiled = compile_expression(stretched.expression, ("x", "y"))
    eigenvalues, _ = local_curvature(compiled, stretched.parameter_values(), np.array([[0.0, 0.0]]))
    assert float(stability_bound(eigenvalues[0])) == pytest.approx(0.1)
    assert zigzag.result.status == "converged" and zigzag.result.steps == 206
    assert np.all(np.sign(zigzag.path[1:21, 1]) != np.sign(zigzag.path[:20, 1]))  # y changes sign every step
    gd, momentum, adam = compute_runs(scene("conditioning", 2)).traces
    kappa = 20.0
    assert momentum.run.hyperparameters["lr"] == pytest.approx(4 / (math.sqrt(kappa) + 1) ** 2, abs=1e-4)
    assert momentum.run.hyperparameters["momentum"] == pytest.approx(((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2,
                                                                      abs=1e-4)
    assert [t.result.steps for t in (gd, momentum, adam)] == [206, 58, 386]
    assert all(t.result.status == "converged" for t in (gd, momentum, adam))
    gd, exact, armijo = compute_runs(scene("conditioning", 3)).traces
    assert [t.result.steps for t in (gd, exact, armijo)] == [206, 27, 152]
    assert all(t.result.status == "converged" for t in (gd, exact, armijo))
    # the exact step in closed form, gᵀg / gᵀHg with H = diag(1, κ): 0.051 and 0.77 in turn
    g = exact.gradient[:-1]
    np.testing.assert_allclose(exact.learning_rates[:-1], np.sum(g * g, 1) / (g[:, 0] ** 2 + kappa * g[:, 1] ** 2),
                               rtol=1e-12)
    assert (f"{exact.learning_rates[0]:.2g}", f"{exact.learning_rates[1]:.2g}") == ("0.051", "0.77")
    assert np.allclose(exact.learning_rates[2:-1], exact.learning_rates[:-3])
    assert np.all(np.abs(np.sum(g[1:] * g[:-1], 1)) < 1e-12 * np.sum(g[:-1] ** 2, 1))  # each gradient ⟂ the last
    assert np.allclose(exact.loss[1:20] / exact.loss[:19], 0.215, atol=5e-4)
    assert np.all(np.sign(exact.path[1:21, 1]) != np.sign(exact.path[:20, 1]))  # it zig-zags: y changes sign
    # Armijo's first trials: 1, 1/2, ..., each step the first that lowers the loss by c t |∇f|²
    assert armijo.learning_rates[0] == 0.5 ** (armijo.searches[0] - 1) and armijo.searches.max() > 1


def test_rosenbrock():
    gd, momentum, adam = compute_runs(scene("rosenbrock", 0)).traces
    assert gd.result.steps == 3000 and tuple(np.round(gd.path[-1], 2)) == (0.84, 0.71)
    assert np.allclose(momentum.path[-1], (1.0, 1.0), atol=1e-5) and momentum.run.lr == gd.run.lr
    assert adam.result.status == "converged" and adam.result.steps == 2821


def test_saddle():
    (stalls,) = compute_runs(scene("saddle", 0)).traces
    assert stalls.result.status == "converged" and np.allclose(stalls.path[-1], (0.0, 0.0), atol=1e-8)
    on_axis, off_axis, momentum = compute_runs(scene("saddle", 1)).traces
    assert off_axis.path[1, 1] == pytest.approx(1.2 * off_axis.path[0, 1])  # y grows by a fifth a step
    assert off_axis.result.status == momentum.result.status == "diverged"
    assert (off_axis.result.steps, momentum.result.steps) == (106, 48)
    assert "no minimum" in off_axis.message


def test_learning_rate():
    stable_scene = scene("learning-rate", 0)
    compiled = compile_expression(stable_scene.expression, ("x", "y"))
    eigenvalues, _ = local_curvature(compiled, {}, np.array(stable_scene.starts))
    assert float(stability_bound(eigenvalues[0])) == pytest.approx(0.1)
    (stable,) = compute_runs(stable_scene).traces
    assert stable.result.status == "converged" and stable.result.steps == 208
    (unstable,) = compute_runs(scene("learning-rate", 1)).traces
    assert unstable.result.status == "diverged" and unstable.result.steps == 146
    assert 1 - 0.105 * 20 == pytest.approx(-1.1)
    assert unstable.unstable[:-1].all()  # every step was taken with lr above 2/λ_max: drawn red


def test_learning_rate_by_bisection():
    from visualiser.labs.lr_search.compute import compute_search

    stable = compute_search(scene("learning-rate", 2)).search
    growth = [step for step in stable.steps if step.phase == "bracket"]
    assert [(step.mid, step.diverged) for step in growth] == [(pytest.approx(0.05), False), (pytest.approx(0.5), True)]
    assert sum(step.phase == "bisect" for step in stable.steps) == 14
    assert (round(stable.low, 6), round(stable.high, 6)) == (0.099999, 0.100013)
    assert stable.low < 2 / 20 < stable.high
    fastest = compute_search(scene("learning-rate", 3)).search
    assert fastest.best == pytest.approx(0.0898, abs=5e-5)
    assert abs(fastest.best / (2 / 22) - 1) < 0.015
    kappa = 20 / 2
    assert (kappa - 1) / (kappa + 1) == pytest.approx(0.818, abs=5e-4)
    assert "λ_min = 2, λ_max = 20" in fastest.theory.note and "(κ−1)/(κ+1) = 0.8182" in fastest.theory.note


def test_word_vectors():
    from visualiser.labs.vectors.compute import compute_scene

    def best(index: int, count: int = 2):
        answer = compute_scene(scene("word-vectors", index)).analogy
        return [(near.word, round(near.similarity, 3)) for near in answer.neighbours[:count]]

    assert best(0) == [("queen", 0.852), ("prince", 0.759)]
    pca = compute_scene(scene("word-vectors", 0)).pca
    assert [round(float(share), 3) for share in pca.explained_variance_ratio[:2]] == [0.080, 0.073]
    assert best(1) == [("rome", 0.847), ("madrid", 0.757)]
    tsne = compute_scene(scene("word-vectors", 2)).tsne
    kl = {step.iteration: round(step.kl_divergence, 2) for step in tsne}
    assert all(step.exaggerated == (step.iteration < 250) for step in tsne)
    assert (kl[0], kl[250], kl[300]) == (3.98, 2.70, 1.33)
