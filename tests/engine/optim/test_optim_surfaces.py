"""The built-in loss surfaces: their minima really are minima, and their suggestions are sound."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualiser.engine import ExpressionError
from visualiser.engine.optim import PRESETS, preset, run_optimizer

BOUNDED_BELOW = [name for name, surface in PRESETS.items() if surface.minima]
UNBOUNDED = [name for name, surface in PRESETS.items() if not surface.minima]
# Ackley's minimum is the tip of a cone: the gradient is undefined there (NaN, silently).
KINKED = {"ackley"}


def test_all_fifteen_surfaces_are_there():
    assert set(PRESETS) == {
        "quadratic", "ill-conditioned", "rosenbrock", "himmelblau", "beale", "booth", "matyas",
        "three-hump-camel", "saddle", "monkey-saddle", "rastrigin", "ackley", "goldstein-price",
        "styblinski-tang", "plateau"}
    assert UNBOUNDED == ["saddle", "monkey-saddle"]
    assert len(PRESETS["himmelblau"].minima) == 4


@pytest.mark.parametrize("name", PRESETS)
def test_the_description_is_complete_and_inside_the_bounds(name):
    surface = PRESETS[name]
    compiled = surface.compile()
    assert compiled.variables == ("x", "y")
    assert set(compiled.parameters) == set(surface.parameters)
    assert surface.title and surface.note and "\n" not in surface.note
    (x0, x1), (y0, y1) = surface.bounds
    for x, y in (*surface.minima, *surface.saddle_points, surface.default_start):
        assert x0 <= x <= x1 and y0 <= y <= y1
    assert surface.learning_rate("gd", compiled=compiled) > 0


@pytest.mark.parametrize("name", BOUNDED_BELOW)
def test_each_minimum_has_the_stated_value_and_zero_gradient(name):
    surface = PRESETS[name]
    compiled, params = surface.compile(), surface.params()
    for x, y in surface.minima:
        assert compiled.value(x, y, params=params) == pytest.approx(surface.minimum_value, abs=1e-12)
        gradient = compiled.gradient_value(x, y, params=params)
        if name in KINKED:
            assert np.all(np.isnan(gradient))
        else:
            assert np.linalg.norm(gradient) < 1e-9 * max(1.0, abs(surface.minimum_value))
            assert np.all(np.linalg.eigvalsh(compiled.hessian_value(x, y, params=params)) > 0)


@pytest.mark.parametrize("name", BOUNDED_BELOW)
def test_no_point_of_a_fine_grid_is_below_the_stated_minimum(name):
    surface = PRESETS[name]
    (x0, x1), (y0, y1) = surface.bounds
    x, y = np.meshgrid(np.linspace(x0, x1, 601), np.linspace(y0, y1, 601))
    values = surface.compile().value(x, y, params=surface.params())
    assert np.nanmin(values) >= surface.minimum_value - 1e-12
    # ... and the grid does come close to it (the minimum is not a value the surface never takes).
    assert np.nanmin(values) - surface.minimum_value < 0.05 * (np.nanmax(values) - surface.minimum_value)


@pytest.mark.parametrize("name", KINKED)
def test_a_kinked_minimum_is_lower_than_every_point_around_it(name):
    surface = PRESETS[name]
    angles = np.linspace(0, 2 * math.pi, 64, endpoint=False)
    for x, y in surface.minima:
        ring = surface.compile().value(x + 1e-6 * np.cos(angles), y + 1e-6 * np.sin(angles))
        assert np.all(ring > surface.minimum_value)


@pytest.mark.parametrize("name", UNBOUNDED)
def test_saddle_points_are_flat_with_lower_and_higher_points_nearby(name):
    surface = PRESETS[name]
    compiled = surface.compile()
    assert surface.minimum_value == -math.inf
    angles = np.linspace(0, 2 * math.pi, 64, endpoint=False)
    for x, y in surface.saddle_points:
        assert np.linalg.norm(compiled.gradient_value(x, y)) == 0
        centre = compiled.value(x, y)
        ring = compiled.value(x + 0.1 * np.cos(angles), y + 0.1 * np.sin(angles))
        assert ring.min() < centre < ring.max()


def test_the_condition_number_is_a_parameter():
    surface = PRESETS["ill-conditioned"]
    hessian = surface.compile().hessian_value(0.0, 0.0, params=surface.params({"kappa": 40.0}))
    eigenvalues = np.linalg.eigvalsh(hessian)
    assert eigenvalues.max() / eigenvalues.min() == pytest.approx(40.0)
    assert surface.params() == {"kappa": 100.0}


@pytest.mark.parametrize("name", PRESETS)
def test_gradient_descent_at_its_default_rate_makes_progress(name):
    surface = PRESETS[name]
    compiled = surface.compile()
    result = run_optimizer(compiled, "gd", surface.default_start, params=surface.params(),
                           hyperparameters={"lr": surface.learning_rate("gd", compiled=compiled)}, max_steps=300)
    assert result.loss[-1] < result.loss[0]
    if surface.minima:
        assert result.status != "diverged", result.message


def test_an_unknown_preset_lists_the_names():
    with pytest.raises(ExpressionError, match=r"unknown preset 'rosenbrok' \(choose from quadratic, "):
        preset("rosenbrok")
    assert preset("booth") is PRESETS["booth"]
