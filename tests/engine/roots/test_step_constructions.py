"""Each bracketing step records how it chose its point, and the record is the line or parabola it followed.

Checked against formulas written out here (the chord's zero, Lagrange's inverse quadratic), not
against the engine's own helpers.
"""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from visualiser.engine.roots import DEFAULT_RTOL, DEFAULT_XTOL, solve_root
from visualiser.engine.roots.steps import CHORD, INVERSE_QUADRATIC, MIDPOINT, SECANT_LINE

FUNCTIONS = {
    "cubic": (lambda x: x**3 - 2 * x - 5, (2.0, 3.0)),
    "cos": (lambda x: math.cos(x) - x, (0.0, 1.0)),
    "exp": (lambda x: math.exp(x) - 5, (0.0, 4.0)),
    "flat": (lambda x: (x - 1) ** 9 + 1e-3 * (x - 1), (0.0, 1.7)),
    "tan": (math.tan, (1.0, 2.0)),  # a pole, which the bracket closes in on like a root
}


def evaluated_point(step) -> float:
    """The end of the bracket the step moved: the point where it evaluated f."""
    return step.a if step.a != step.previous_a else step.b


def line_zero(p, q) -> float:
    (x0, f0), (x1, f1) = p, q
    return x0 - f0 * (x1 - x0) / (f1 - f0)


def lagrange_inverse_quadratic_at_zero(points) -> float:
    (x0, f0), (x1, f1), (x2, f2) = points
    return (x0 * f1 * f2 / ((f0 - f1) * (f0 - f2)) + x1 * f0 * f2 / ((f1 - f0) * (f1 - f2))
            + x2 * f0 * f1 / ((f2 - f0) * (f2 - f1)))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_bisection_step_takes_the_midpoint_of_the_bracket_it_started_from(name):
    f, bracket = FUNCTIONS[name]
    for step in solve_root("bisect", f, bracket).steps:
        assert step.construction.kind == MIDPOINT and step.construction.through == ()
        assert evaluated_point(step) == step.previous_a / 2 + step.previous_b / 2


@pytest.mark.parametrize("name", FUNCTIONS)
def test_false_positions_chord_runs_between_the_ends_it_started_from_and_its_zero_is_the_new_point(name):
    f, bracket = FUNCTIONS[name]
    steps = solve_root("false-position", f, bracket).steps
    first = steps[0].construction
    assert first.kind == CHORD and first.through == ((bracket[0], f(bracket[0])), (bracket[1], f(bracket[1])))
    chords = 0
    for step in steps:
        if step.construction.kind == MIDPOINT:  # the chord's cut fell on an end: the engine bisected
            assert evaluated_point(step) == step.previous_a / 2 + step.previous_b / 2
            continue
        chords += 1
        (a, wa), (b, wb) = step.construction.through
        assert (a, b) == (step.previous_a, step.previous_b)
        # Each end's value is f there, or f there halved by the Illinois rule (a few times at most).
        for x, w in ((a, wa), (b, wb)):
            assert w != 0 and math.log2(f(x) / w) == pytest.approx(round(math.log2(f(x) / w)))
        assert evaluated_point(step) == pytest.approx(line_zero((a, wa), (b, wb)), rel=1e-12, abs=1e-300)
        assert step.x == evaluated_point(step)
    assert chords >= 2


@pytest.mark.parametrize("name", FUNCTIONS)
def test_brents_interpolations_go_through_points_it_evaluated_and_reach_zero_at_its_new_point(name):
    f, bracket = FUNCTIONS[name]
    steps = solve_root("brent", f, bracket).steps
    evaluated = {bracket[0]: f(bracket[0]), bracket[1]: f(bracket[1])}
    kinds = set()
    for step in steps:
        kind, through = step.construction.kind, step.construction.through
        kinds.add(kind)
        for x, fx in through:
            assert evaluated[x] == fx  # through points f was evaluated at, with f's own values
        point = evaluated_point(step)
        if kind == MIDPOINT:
            assert point == pytest.approx(step.previous_a / 2 + step.previous_b / 2, rel=1e-15)
        else:
            zero = line_zero(*through) if kind == SECANT_LINE else lagrange_inverse_quadratic_at_zero(through)
            assert len(through) == (2 if kind == SECANT_LINE else 3)
            # Brent moves at least half its tolerance from its estimate, so the point may differ by that
            assert abs(point - zero) <= 1.01 * (DEFAULT_XTOL + DEFAULT_RTOL * abs(point)) + 1e-15 * abs(zero)
        evaluated[point] = f(point)
    assert kinds <= {MIDPOINT, SECANT_LINE, INVERSE_QUADRATIC}
    if name != "tan":
        assert INVERSE_QUADRATIC in kinds or SECANT_LINE in kinds


def test_a_pole_makes_brent_bisect():
    f, bracket = FUNCTIONS["tan"]
    assert MIDPOINT in {step.construction.kind for step in solve_root("brent", f, bracket).steps}


def test_the_construction_is_part_of_a_steps_json():
    step = solve_root("false-position", *FUNCTIONS["cubic"]).steps[0]
    data = json.loads(json.dumps(dataclasses.asdict(step)))
    assert data["construction"] == {"kind": "chord", "through": [[2.0, -1.0], [3.0, 16.0]]}


def test_open_methods_keep_their_line_in_previous_x_and_slope():
    newton = solve_root("newton", FUNCTIONS["cubic"][0], (2.0, 3.0), fprime=lambda x: 3 * x**2 - 2)
    assert all(step.construction is None and step.slope is not None for step in newton.steps)
