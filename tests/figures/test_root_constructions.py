"""The root figure draws each step's construction as a teacher would, and the geometry is the method's own.

Each drawn line is checked against numbers computed here from f itself: the tangent's slope is
3x^2, its zero the next Newton iterate; the secant and the chord run through the points the
method used and cross zero at the point it took; Brent's parabola goes through its three points.
"""

from __future__ import annotations

import math

import msgspec
import numpy as np
import pytest

from root_markers import positions_of
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.roots.methods import ROOT_METHODS
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.scene_file import scene_from_json, scene_to_json

SIZE = (1000, 700)
CUBE = RootScene(expression="x^3 - 2", bracket=(0.0, 2.0))


def cube(x):
    return x**3 - 2


@pytest.fixture
def drawn():
    """``drawn(scene, frame)``: an offscreen figure of ``scene`` at ``frame``, closed after the test."""
    figures = []

    def draw(scene: RootScene, frame: int) -> OffscreenFigure:
        figure = OffscreenFigure(scene, SIZE)
        figure.draw(frame)
        figures.append(figure)
        return figure

    yield draw
    for figure in figures:
        figure.close()


def line_data(figure):
    xs, ys = figure.figure.construction_line.getData()
    return (np.empty(0), np.empty(0)) if xs is None else (np.asarray(xs), np.asarray(ys))


def points_through(figure) -> list[tuple[float, float]]:
    return positions_of(figure.figure, "through")


def zero_marker(figure) -> tuple[float, float]:
    (point,) = positions_of(figure.figure, "zero")
    return point


def crossing(xs, ys) -> float:
    """Where the straight line through the drawn ends crosses y = 0."""
    return float(xs[0] - ys[0] * (xs[-1] - xs[0]) / (ys[-1] - ys[0]))


def shown(figure) -> bool:
    return all(item.isVisible() for item in figure.figure.construction_items[2:])


@pytest.mark.parametrize("frame", [1, 2, 3, 4])
def test_newtons_tangent_at_x_n_meets_the_axis_at_the_next_iterate(drawn, frame):
    figure = drawn(msgspec.structs.replace(CUBE, method="newton", x0=1.8), frame)
    x = 1.8
    for _ in range(frame - 1):
        x = x - cube(x) / (3 * x**2)
    following = x - cube(x) / (3 * x**2)
    xs, ys = line_data(figure)
    assert (ys[-1] - ys[0]) / (xs[-1] - xs[0]) == pytest.approx(3 * x**2, rel=1e-9)  # the slope is f'(x_n)
    assert points_through(figure) == [pytest.approx((x, cube(x)), rel=1e-12)]
    assert np.interp(x, xs, ys) == pytest.approx(cube(x), rel=1e-9, abs=1e-12)  # it touches f at x_n
    assert crossing(xs, ys) == pytest.approx(following, rel=1e-12)
    assert zero_marker(figure) == pytest.approx((following, 0.0), rel=1e-12)
    assert xs.min() <= following <= xs.max() and xs.min() < x < xs.max()  # drawn past both ends
    assert figure.figure.estimate_lines["newton"].value() == pytest.approx(following, rel=1e-12)
    assert "tangent at x" in figure.figure.estimate_lines["newton"].label.format


def test_the_secant_runs_through_the_last_two_points_to_the_next_one(drawn):
    figure = drawn(RootScene(expression="cos(x) - x", bracket=(0.0, 1.0), method="secant"), 3)
    steps = figure.result.primary_result.steps
    before, last = steps[0].x, steps[1].x  # x_1, x_2: the third step follows the line through them
    (x1, f1), (x2, f2) = points_through(figure)
    assert (x1, x2) == (before, last)
    assert (f1, f2) == pytest.approx((math.cos(before) - before, math.cos(last) - last), rel=1e-12)
    xs, ys = line_data(figure)
    assert np.interp([x1, x2], xs, ys) == pytest.approx([f1, f2], rel=1e-9, abs=1e-12)
    expected = x2 - f2 * (x2 - x1) / (f2 - f1)
    assert crossing(xs, ys) == pytest.approx(expected, rel=1e-12)
    assert zero_marker(figure)[0] == pytest.approx(steps[2].x, rel=1e-15)
    assert not figure.figure.dropped_region.isVisible()  # an open method drops no bracket


def test_false_positions_chord_joins_the_ends_of_the_bracket_and_crosses_zero_at_its_x(drawn):
    figure = drawn(msgspec.structs.replace(CUBE, method="false-position"), 1)
    xs, ys = line_data(figure)
    assert list(zip(xs, ys)) == [(0.0, -2.0), (2.0, 6.0)]  # (a, f(a)) to (b, f(b)), no further
    chord_zero = 0.0 - (-2.0) * (2.0 - 0.0) / (6.0 - (-2.0))
    assert crossing(xs, ys) == pytest.approx(chord_zero, rel=1e-15)
    assert figure.result.primary_result.steps[0].x == pytest.approx(chord_zero, rel=1e-15)
    assert zero_marker(figure) == pytest.approx((chord_zero, 0.0))
    # f(0.5) < 0, so [0, 0.5] is dropped (faded) and [0.5, 2] kept (the current bracket)
    assert figure.figure.dropped_region.getRegion() == pytest.approx((0.0, 0.5))
    assert figure.figure.current_region.getRegion() == pytest.approx((0.5, 2.0))


def test_every_chord_of_a_false_position_run_crosses_zero_at_the_point_the_step_took(drawn):
    figure = drawn(msgspec.structs.replace(CUBE, method="false-position"), 0)
    for frame, step in enumerate(figure.result.primary_result.steps, start=1):
        figure.draw(frame)
        xs, ys = line_data(figure)
        if xs.size:  # (a step whose chord fell on an end bisects, and draws no line)
            assert crossing(xs, ys) == pytest.approx(step.x, rel=1e-12), frame


def test_bisection_marks_the_midpoint_and_fades_the_half_it_drops(drawn):
    figure = drawn(CUBE, 3)
    step = figure.result.primary_result.steps[2]  # from [1, 1.5]: f(1.25) < 0, so [1.25, 1.5] is kept
    assert (step.previous_a, step.previous_b) == (1.0, 1.5)
    assert zero_marker(figure) == (1.25, 0.0)
    assert figure.figure.dropped_region.getRegion() == (1.0, 1.25)
    assert figure.figure.current_region.getRegion() == (1.25, 1.5)
    assert line_data(figure)[0].size == 0 and points_through(figure) == []
    assert "midpoint of [1, 1.5]" in figure.figure.estimate_lines["bisect"].label.format


def test_brents_inverse_quadratic_goes_through_its_three_points_and_reaches_zero_at_its_point(drawn):
    scene = RootScene(expression="x^3 - 2x - 5", bracket=(2.0, 3.0), method="brent")
    figure = drawn(scene, 0)
    steps = figure.result.primary_result.steps
    frame = next(k for k, step in enumerate(steps, start=1) if step.construction.kind == "inverse quadratic")
    figure.draw(frame)
    xs, ys = line_data(figure)
    through = points_through(figure)
    assert len(through) == 3
    for x, fx in through:
        assert fx == pytest.approx(x**3 - 2 * x - 5, rel=1e-12)
    fs = [fx for _, fx in through]
    assert ys.min() == min(*fs, 0.0) and ys.max() == max(*fs, 0.0)  # from the points down to the axis
    sideways = np.polyfit(fs, [x for x, _ in through], 2)  # the one parabola x(f) through the three points
    np.testing.assert_allclose(xs, np.polyval(sideways, ys), rtol=1e-9)
    step = steps[frame - 1]
    point = step.a if step.a != step.previous_a else step.b
    assert zero_marker(figure)[0] == point
    assert np.polyval(sideways, 0.0) == pytest.approx(point, abs=2 * scene.xtol)
    assert "inverse quadratic" in figure.figure.estimate_lines["brent"].label.format


def test_brent_bisecting_at_a_pole_draws_the_midpoint(drawn):
    figure = drawn(RootScene(expression="tan(x)", bracket=(1.0, 2.0), method="brent"), 0)
    steps = figure.result.primary_result.steps
    frame = next(k for k, step in enumerate(steps, start=1) if step.construction.kind == "midpoint")
    figure.draw(frame)
    step = steps[frame - 1]
    assert zero_marker(figure)[0] == pytest.approx((step.previous_a + step.previous_b) / 2, rel=1e-15)
    assert line_data(figure)[0].size == 0 and figure.figure.dropped_region.isVisible()


def test_a_race_draws_the_primary_methods_construction_in_its_colour(drawn):
    figure = drawn(msgspec.structs.replace(CUBE, method="newton", x0=1.8, race=True), 2)
    steps = figure.result.results["newton"].steps
    assert zero_marker(figure)[0] == steps[1].x
    assert figure.figure.construction_line.opts["pen"].color().name() == ROOT_METHODS["newton"].colour.lower()
    assert "tangent" in figure.figure.estimate_lines["newton"].label.format
    assert "·" not in figure.figure.estimate_lines["bisect"].label.format  # only the primary's label says how
    assert "the step's construction" in figure.figure.legend_strip.texts()


def test_the_construction_toggle_is_part_of_the_scene_and_hides_everything_it_draws(drawn):
    off = msgspec.structs.replace(CUBE, construction=False)
    assert scene_from_json(scene_to_json(off)) == off and RootScene().construction
    figure = drawn(off, 3)
    assert not any(item.isVisible() for item in figure.figure.construction_items)
    assert "the step's construction" not in figure.figure.legend_strip.texts()
    assert "·" not in figure.figure.estimate_lines["bisect"].label.format
    figure.show(CUBE)
    figure.draw(3)
    assert shown(figure) and "the step's construction" in figure.figure.legend_strip.texts()


def test_frame_0_has_no_step_and_draws_no_construction(drawn):
    figure = drawn(CUBE, 0)
    assert not any(item.isVisible() for item in figure.figure.construction_items)
