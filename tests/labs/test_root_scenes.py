"""The root lab without a window: its scene's checks, its edits, its method table, and solving a scene."""

from __future__ import annotations

import math

import msgspec
import pytest
from scipy.optimize import brentq

from visualiser.engine.roots import METHOD_LABELS, METHODS
from visualiser.engine.roots.methods import BRACKETING_METHODS
from visualiser.labs.compiled_cache import COMPILED
from visualiser.labs.roots.compute import solve_scene
from visualiser.labs.roots.examples import EXAMPLES, start_scene
from visualiser.labs.roots.methods import ROOT_METHODS
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.scene import Parameter, SceneError


def test_a_bracket_keeps_full_precision():
    scene = msgspec.structs.replace(RootScene(), bracket=(1.2599210, 1.2599214))
    assert scene.bracket == (1.2599210, 1.2599214)
    run = solve_scene(scene)
    assert run.bracket == (1.2599210, 1.2599214) and run.primary_result.converged
    assert run.primary_result.root == pytest.approx(2 ** (1 / 3), abs=1e-12)


@pytest.mark.parametrize("changes, field", [
    ({"bracket": (2.0, 1.0)}, "bracket"), ({"bracket": (1.0, 1.0)}, "bracket"),
    ({"bracket": (0.0, math.inf)}, "bracket"), ({"xtol": 0.0}, "xtol"), ({"rtol": -1e-9}, "rtol"),
    ({"maxiter": 0}, "maxiter"), ({"x0": math.nan}, "x0"), ({"view_x": (3.0, 3.0)}, "view_x"),
    ({"frame": -1}, "frame"), ({"expression": "sin(x"}, "expression"),
])
def test_an_edit_the_scene_cannot_take_is_refused_naming_the_field(changes, field):
    with pytest.raises(SceneError) as refused:
        msgspec.structs.replace(RootScene(), **changes)
    assert refused.value.field == field


def test_a_syntax_error_keeps_its_column_for_the_caret():
    with pytest.raises(SceneError) as refused:
        RootScene().with_expression("x^2 + (x")
    assert refused.value.field == "expression" and refused.value.column == 9
    assert refused.value.problem == "missing ')' at column 9"


def test_a_new_expression_keeps_the_settings_of_the_parameters_it_keeps():
    scene = RootScene(expression="a x + b", parameters={"a": Parameter(value=3.0), "b": Parameter(value=-2.0)})
    edited = scene.with_expression("a x^2 - 1")
    assert edited.parameters == {"a": Parameter(value=3.0)}  # b is gone with the term that had it
    assert edited.parameter_values() == {"a": 3.0}
    assert edited.with_expression("a x^2 - 1") is edited  # the same text is no change
    assert RootScene(expression="c x").parameter_values() == {"c": 1.0}  # left out: the default


def test_an_example_keeps_the_persons_tolerances():
    mine = RootScene(xtol=1e-6, rtol=0.0, maxiter=50, auto_zoom=True, view_x=(5.0, 6.0))
    shown = EXAMPLES[1].applied_to(mine)
    assert (shown.expression, shown.bracket, shown.race) == ("cos(x) - x", (0.0, 1.0), True)
    assert (shown.xtol, shown.rtol, shown.maxiter, shown.auto_zoom) == (1e-6, 0.0, 50, True)
    assert shown.view_x is None  # framed afresh on the example's bracket


def test_one_table_names_every_method_in_the_engines_order():
    assert tuple(ROOT_METHODS) == METHODS
    for name, row in ROOT_METHODS.items():
        assert row.label == METHOD_LABELS[name]
        assert row.bracketing == (name in BRACKETING_METHODS)
    assert len({row.colour for row in ROOT_METHODS.values()}) == len(METHODS)


def test_solving_uses_the_scenes_parameter_values():
    scene = RootScene(expression="a x^2 - 3", parameters={"a": Parameter(value=3.0)}, bracket=(0.0, 4.0),
                      method="false-position")
    run = solve_scene(scene)
    assert run.params == {"a": 3.0}
    assert run.primary_result.root == pytest.approx(brentq(lambda x: 3 * x**2 - 3, 0, 4), abs=1e-11)


def test_a_race_runs_all_five_methods_on_the_same_function():
    run = solve_scene(EXAMPLES[1].applied_to(start_scene()))
    reference = brentq(lambda x: math.cos(x) - x, 0, 1, xtol=1e-14)
    assert set(run.results) == set(METHODS)
    for result in run.results.values():
        assert result.converged and result.root == pytest.approx(reference, abs=1e-9)
    assert run.frame_count == run.results["bisect"].iterations + 1


def test_an_expression_is_compiled_once_for_every_scene_on_it():
    first = solve_scene(RootScene(expression="x^3 - 2.5", bracket=(0.0, 2.0)))
    second = solve_scene(RootScene(expression="x^3 - 2.5", bracket=(1.0, 3.0), method="brent"))
    assert second.compiled is first.compiled
    assert ("x^3 - 2.5", ("x",)) in COMPILED
