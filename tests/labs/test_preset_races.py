"""Every built-in surface's default race shows what its note says (issue 12, item 3).

Each race is the app's own: ``preset_scene`` (all seven optimizers from the default start at their
default rates) computed by ``compute_runs`` for the scene's 500 steps. Minima, saddles and local
minima are the surfaces' stated ones or solved here independently (Newton on the hand-written gradient).
"""

from __future__ import annotations

import functools
import math

import msgspec
import numpy as np
import pytest
import scipy.optimize

from visualiser.engine.optim import OPTIMIZERS, PRESETS, run_optimizer
from visualiser.labs.descent.presets import preset_scene, race_rate
from visualiser.labs.descent.runs import compute_runs

SGD_FAMILY = ("gd", "momentum", "nesterov")
ADAPTIVE = ("adagrad", "rmsprop", "adam", "adamw")


@functools.cache
def race(name: str, start=None) -> dict:
    """optimizer -> trace of the preset's default race (from ``start`` instead, at the rates from there)."""
    scene = preset_scene(PRESETS[name])
    if start is not None:
        scene = msgspec.structs.replace(scene, starts=(start,))
        scene = msgspec.structs.replace(scene, runs=tuple(
            msgspec.structs.replace(run, hyperparameters={"lr": race_rate(scene, run.optimizer)})
            for run in scene.runs))
    assert scene.max_steps == 500
    return {trace.run.optimizer: trace for trace in compute_runs(scene).traces}


def distance(point, target) -> float:
    return float(math.hypot(point[0] - target[0], point[1] - target[1]))


def status(trace) -> str:
    return trace.result.status


def test_the_default_races_are_the_seven_at_their_default_rates():
    for name, surface in PRESETS.items():
        scene, compiled = preset_scene(surface), surface.compile()
        assert [run.optimizer for run in scene.runs] == list(OPTIMIZERS)
        assert [run.lr for run in scene.runs] == [surface.learning_rate(o, compiled=compiled) for o in OPTIMIZERS], name


def test_quadratic_bowl_plain_descent_and_momentum_go_straight_the_adaptive_methods_curve():
    traces = race("quadratic")
    start = np.array(PRESETS["quadratic"].default_start)
    direction = start / np.linalg.norm(start)
    for name, trace in traces.items():
        assert status(trace) == "converged", name
        off_line = np.abs(trace.path[:, 0] * direction[1] - trace.path[:, 1] * direction[0])  # distance to the line
        if name in SGD_FAMILY:
            assert off_line.max() < 1e-12, name
        else:
            assert off_line.max() > 0.1, name
    assert traces["gd"].result.steps == 1  # lr = 1/λ on a round bowl is Newton's step


def test_ill_conditioned_plain_descent_crawls_momentum_and_adam_cope():
    traces = race("ill-conditioned")
    assert not any(trace.diverged for trace in traces.values())
    gd = traces["gd"]
    assert status(gd) == "max_steps" and distance(gd.path[-1], (0, 0)) > 1e-2
    # it crawls along the shallow x-axis: the steep y is long settled
    assert abs(gd.path[-1][1]) < 1e-12 and abs(gd.path[-1][0]) > 1e-2
    for name in ("momentum", "nesterov", "adam", "adamw", "rmsprop"):
        assert status(traces[name]) == "converged", name
        assert traces[name].result.steps < 450, name


def test_rosenbrock_everyone_falls_into_the_valley_then_crawls_and_momentum_arrives_later():
    traces = race("rosenbrock")
    for name, trace in traces.items():
        assert not trace.diverged, name
        x, y = trace.path[50]
        assert abs(y - x * x) < 0.05, name  # on the valley floor y = x^2 within 50 steps...
        assert distance(trace.path[-1], (1, 1)) > 1e-3, name  # ...and not yet at the minimum after 500
    nearest = min(traces, key=lambda name: distance(traces[name].path[-1], (1, 1)))
    assert nearest == "momentum" and distance(traces["momentum"].path[-1], (1, 1)) < 0.1
    surface = PRESETS["rosenbrock"]
    longer = run_optimizer(surface.compile(), "momentum", surface.default_start, max_steps=1500, keep_trajectory=False,
                           hyperparameters={"lr": traces["momentum"].lr})
    arrived = np.hypot(*(np.array(longer.path) - 1).T) < 1e-3
    first = int(np.argmax(arrived))
    assert arrived.any() and 1000 < first < 1400 and arrived[first:].all()


def test_himmelblau_the_start_decides_the_minimum():
    surface = PRESETS["himmelblau"]
    for trace in race("himmelblau").values():
        assert distance(trace.path[-1], (3.0, 2.0)) < 0.01
    reached, compiled = set(), surface.compile()
    for start in ((2.0, 3.0), (-2.0, 2.0), (-3.0, -3.0), (2.0, -2.0)):
        gd = run_optimizer(compiled, "gd", start, max_steps=500,
                           hyperparameters={"lr": surface.learning_rate("gd", start=start, compiled=compiled)})
        assert gd.status == "converged"
        reached.add(min(range(4), key=lambda i: distance(gd.path[-1], surface.minima[i])))
    assert reached == {0, 1, 2, 3}


def test_beale_gradients_range_over_many_orders_of_magnitude():
    traces = race("beale")
    norms = {name: np.hypot(*trace.gradient.T) for name, trace in traces.items()}
    for name, norm in norms.items():
        assert norm.max() / norm.min() > 300, name
    everything = np.concatenate(list(norms.values()))
    assert everything.max() / everything.min() > 1e6


def test_booth_is_a_gentle_warm_up():
    for name, trace in race("booth").items():
        # AdamW's decoupled weight decay pulls its minimum a little towards the origin
        assert distance(trace.path[-1], (1.0, 3.0)) < (0.02 if name == "adamw" else 1e-6), name


def test_matyas_plain_descent_crawls_twice_as_long_as_nesterov():
    traces = race("matyas")
    gd, nesterov = traces["gd"], traces["nesterov"]
    assert status(gd) == status(nesterov) == "converged"
    assert gd.result.steps > 1.9 * nesterov.result.steps
    steps = np.hypot(*np.diff(gd.path, axis=0).T)
    assert steps[-100:].max() < 1e-3 * steps[0]  # down the trough its steps are tiny


def test_three_hump_camel_a_start_on_a_side_hump_stays_there():
    side = (-1.7475523, 0.8737761)  # the side minimum: where the gradient (4x - 4.2x^3 + x^5 + y, x + 2y) vanishes
    assert abs(4 * side[0] - 4.2 * side[0] ** 3 + side[0] ** 5 + side[1]) < 1e-5 and abs(side[0] + 2 * side[1]) < 1e-6
    for name, trace in race("three-hump-camel").items():
        assert distance(trace.path[-1], side) < 0.05, name


def test_saddle_on_the_axis_stalls_and_a_tiny_tilt_escapes():
    for name, trace in race("saddle").items():  # the default start is tilted by 0.01
        assert abs(trace.path[-1][1]) > 10 and abs(trace.path[-1][0]) < 1.5, name
        if name in SGD_FAMILY:
            assert "no minimum in this direction" in trace.message
    for name, trace in race("saddle", start=(2.5, 0.0)).items():  # on the axis: nothing pushes it off
        assert np.all(trace.path[:, 1] == 0.0), name
        assert distance(trace.path[-1], (0.0, 0.0)) < 1e-3, name


def test_monkey_saddle_is_flat_at_the_meeting_point_and_every_run_slides_into_a_valley():
    compiled = PRESETS["monkey-saddle"].compile()
    assert np.all(compiled.gradient_value(0.0, 0.0) == 0) and np.all(compiled.hessian_value(0.0, 0.0) == 0)
    for name, trace in race("monkey-saddle").items():
        x, y = trace.path[-1]
        assert np.all(np.diff(trace.loss[:4]) < 0) and math.hypot(x, y) > 10, name
        if name != "momentum":  # the heavy ball overshoots the valley's far wall at its last step
            # the valleys of r^3 cos(3θ) are at θ = 60°, 180°, 300°; from (1, 0.4) the runs take the one at 60°
            assert abs(math.degrees(math.atan2(y, x)) - 60) < (2 if name in SGD_FAMILY else 15), name


def test_rastrigin_every_run_is_trapped_in_the_local_minimum_nearest_the_start():
    def rastrigin(p):
        return 20 + p[0] ** 2 - 10 * np.cos(2 * np.pi * p[0]) + p[1] ** 2 - 10 * np.cos(2 * np.pi * p[1])

    start = PRESETS["rastrigin"].default_start
    point = scipy.optimize.minimize(rastrigin, start, method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-12}).x
    assert distance(point, start) < 0.5 and distance(point, (0.0, 0.0)) > 4
    for name, trace in race("rastrigin").items():
        assert distance(trace.path[-1], point) < 0.05, name


def test_ackley_the_ripples_catch_every_run_before_the_hole():
    for name, trace in race("ackley").items():
        assert not trace.diverged and distance(trace.path[-1], (0.0, 0.0)) > 0.9, name
    compiled = PRESETS["ackley"].compile()
    refused = run_optimizer(compiled, "gd", (0.0, 0.0))
    assert "gradient is undefined at the start point" in refused.message


def test_goldstein_price_one_rate_cannot_serve_walls_and_basin_and_momentum_gets_through():
    surface = PRESETS["goldstein-price"]
    traces = race("goldstein-price")
    for name, trace in traces.items():
        at_minimum = distance(trace.path[-1], (0.0, -1.0)) < 1e-4
        assert at_minimum == (name in ("momentum", "nesterov")), name
        if not at_minimum:
            assert 29 < trace.loss[-1] < 31, name  # in the side basin
    # the rate that suits the basin (half its own bound there) diverges on the wall where the race starts
    basin_rate = surface.learning_rate("gd", start=(0.0, -1.0))
    assert basin_rate > 100 * traces["gd"].lr
    wall = run_optimizer(surface.compile(), "gd", surface.default_start, hyperparameters={"lr": basin_rate})
    assert wall.status == "diverged"


def test_styblinski_tang_most_settle_nearby_and_momentum_reaches_the_deepest():
    surface = PRESETS["styblinski-tang"]
    for name, trace in race("styblinski-tang").items():
        if name == "momentum":
            assert distance(trace.path[-1], surface.minima[0]) < 1e-6
        else:
            assert distance(trace.path[-1], (2.7468, 2.7468)) < 0.01, name  # the upper-right basin's minimum


def test_plateau_plain_descent_stalls_while_adam_keeps_moving():
    traces = race("plateau")
    gd = traces["gd"]
    assert distance(gd.path[-1], gd.path[0]) < 0.1 and status(gd) == "max_steps"
    for name in ("adam", "adamw", "momentum"):
        assert status(traces[name]) == "converged" and distance(traces[name].path[-1], (0, 0)) < 1e-6, name


@pytest.mark.parametrize("name", [name for name, surface in PRESETS.items() if surface.minima])  # bounded below
def test_no_run_of_a_bounded_surface_diverges(name):
    for optimizer, trace in race(name).items():
        assert not trace.diverged, (optimizer, trace.message)
