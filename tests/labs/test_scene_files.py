"""Scene files: every lab's scene survives JSON exactly, and a damaged file is refused in one sentence naming the field."""

from __future__ import annotations

import json

import pytest

from visualiser.labs.descent.scene import OPTIMIZER_COLOURS, DescentScene, RunSetup
from visualiser.labs.registry import LABS
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.scene import Parameter
from visualiser.labs.scene_file import MAX_BYTES, SceneFileError, scene_from_json, scene_to_json

ROOT_SCENE = RootScene(expression="a x^3 - b", parameters={"a": Parameter(value=2.5, minimum=0.5, maximum=4.0)},
                       method="newton", bracket=(1.2599210, 1.2599214), x0=1.25992104989, xtol=1e-14, rtol=0.0,
                       maxiter=321, race=True, auto_zoom=True, view_x=(-0.1, 3.3), view_y=(-1e-3, 2e-3), frame=17)
DESCENT_SCENE = DescentScene(
    expression="(a - x)^2 + k (y - x^2)^2", parameters={"k": Parameter.around(100.0)},
    starts=((-1.5, 2.0), (0.25, -0.75)),
    runs=(RunSetup(optimizer="adamw", start=1, hyperparameters={"lr": 0.0125, "betas": (0.8, 0.95),
                                                                 "weight_decay": 0.2}),
          RunSetup(optimizer="momentum", start=0, hyperparameters={"lr": 2e-4, "momentum": 0.5}, colour="#123456")),
    max_steps=1234, view=((-2.5, 2.25), (-1.0, 3.5)), click_adds="rmsprop", log_scale=False, curvature=False,
    selected_run=1, frame=99)
LINE_SEARCH_SCENE = DescentScene(
    expression="x^2 + 10y^2", starts=((1.0, 1.0),), click_adds="armijo",
    runs=(RunSetup(optimizer="exact_line_search", hyperparameters={"slope_tol": 1e-9, "max_bisections": 40}),
          RunSetup(optimizer="armijo", hyperparameters={"t0": 0.25, "c": 0.3, "rho": 0.8})))


def wrapped(scene: dict) -> str:
    return json.dumps({"format": "visualiser-scene", "version": 1, "scene": scene})


@pytest.mark.parametrize("scene", [kind.start_scene() for kind in LABS.values()]
                         + [ROOT_SCENE, DESCENT_SCENE, LINE_SEARCH_SCENE],
                         ids=[f"{name} start" for name in LABS] + ["roots edited", "descent edited", "line searches"])
def test_a_scene_survives_json_exactly(scene):
    text = scene_to_json(scene)
    assert scene_from_json(text) == scene
    assert scene_to_json(scene_from_json(text)) == text


def test_floats_keep_every_bit():
    scene = scene_from_json(scene_to_json(ROOT_SCENE))
    assert scene.bracket == (1.2599210, 1.2599214)  # not rounded to 6 decimals, as the old spin boxes did
    assert scene.x0 == 1.25992104989


def test_a_scene_file_may_leave_out_what_takes_the_default():
    scene = scene_from_json(wrapped({"lab": "roots", "expression": "x^2 - 2", "bracket": [0, 2]}))
    assert scene == RootScene(expression="x^2 - 2", bracket=(0.0, 2.0))


def test_run_setups_are_completed_with_pytorch_defaults_and_colours():
    runs = DESCENT_SCENE.runs
    assert runs[0].hyperparameters == {"lr": 0.0125, "betas": (0.8, 0.95), "eps": 1e-8, "weight_decay": 0.2}
    assert runs[0].colour == OPTIMIZER_COLOURS["adamw"]  # its optimizer's own: no other run has it
    assert runs[1].colour == "#123456"  # given colours are kept
    exact, armijo = LINE_SEARCH_SCENE.runs
    assert exact.hyperparameters == {"slope_tol": 1e-9, "max_bisections": 40, "growth": 2.0} and exact.lr is None
    assert armijo.hyperparameters == {"t0": 0.25, "c": 0.3, "rho": 0.8}
    assert {exact.colour, armijo.colour} == {OPTIMIZER_COLOURS["exact_line_search"], OPTIMIZER_COLOURS["gd"]}


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    ("null", 'not a visualiser-scene file (no "format" and "version" fields)'),
    ("[1, 2]", 'no "format" and "version" fields'),
    ('{"format": "visualiser-lesson", "version": 1}', "not a visualiser-scene file (its format is 'visualiser-lesson')"),
    ('{"format": "visualiser-scene", "version": 7, "scene": {}}', "version 7 written by a newer visualiser"),
    ('{"format": "visualiser-scene", "version": 1}', "missing required field 'scene'"),
    (wrapped({"lab": "fourier"}), "scene.lab: unknown lab 'fourier' (this visualiser has roots, descent, lr_search, vectors)"),
    (wrapped({"lab": "roots", "bracket": [2, 1]}), "scene.bracket: the bracket [a, b] needs a < b, but a = 2 and b = 1"),
    (wrapped({"lab": "roots", "bracket": [1]}), "scene.bracket: expected 'array' of length 2"),
    (wrapped({"lab": "roots", "expression": "sin(x"}), "scene.expression: missing ')' at column 6"),
    (wrapped({"lab": "roots", "expression": "__import__('os')"}), "scene.expression:"),
    (wrapped({"lab": "roots", "expression": "x" * 5000}), "scene.expression: expression too long"),
    (wrapped({"lab": "roots", "xtol": -1}), "scene.xtol: xtol must be a positive number, not -1"),
    (wrapped({"lab": "roots", "maxiter": True}), "scene.maxiter: expected 'int', got 'bool'"),
    (wrapped({"lab": "roots", "maxiter": 10**9}), "scene.maxiter: maxiter must be a whole number from 1 to 10000, not 1000000000"),
    (wrapped({"lab": "roots", "method": "magic"}),
     "scene.method: unknown method 'magic' (choose from bisect, false-position, secant, newton, brent)"),
    (wrapped({"lab": "roots", "x0": 1.5}).replace("1.5", "1e999"), "scene.x0: number out of range"),
    (wrapped({"lab": "roots", "x0": 1.5}).replace("1.5", "NaN"), "not valid JSON"),
    (wrapped({"lab": "roots", "parameters": {"a": {"value": 1}}}), "scene.parameters: the expression has no parameter 'a'"),
    (wrapped({"lab": "roots", "expression": "a x", "parameters": {"a": {"value": 10**400}}}), "number out of range"),
    (wrapped({"lab": "roots", "expression": "a x", "parameters": {"a": {"value": 9}}}),
     "scene.parameters.a.value: 9 is outside the slider's range [-5, 5]"),
    (wrapped({"lab": "roots", "expression": "a x", "parameters": {"a": {"minimum": 2, "maximum": 1}}}),
     "scene.parameters.a: needs low < high"),
    (wrapped({"lab": "roots", "frame": -3}), "scene.frame: not a frame number"),
    (wrapped({"lab": "roots", "colour": "red"}), "scene: object contains unknown field 'colour'"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "adam", "hyperparameters": {"lr": -1}}]}),
     "scene.runs[0].hyperparameters: lr must be positive, not -1"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "hyperparameters": {"betas": [0.9, 0.9]}}]}),
     "scene.runs[0].hyperparameters: gd has no hyperparameter 'betas'"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "lbfgs"}]}),
     "scene.runs[0].optimizer: unknown optimizer 'lbfgs' (choose from gd, momentum, nesterov, adagrad, rmsprop, adam, "
     "adamw, exact_line_search, armijo)"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "hyperparameters": {"lr": "fast"}}]}),
     "scene.runs[0].hyperparameters: lr must be a number, not 'fast'"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "hyperparameters":
                                                               {"lr": [[[[1]]]]}}]}), "scene.runs[0].hyperparameters"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "armijo", "hyperparameters": {"lr": 0.1}}]}),
     "scene.runs[0].hyperparameters: armijo has no hyperparameter 'lr' (it takes t0, c, rho)"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "exact_line_search",
                                                              "schedule": {"kind": "exponential"}}]}),
     "scene.runs[0].schedule: GD with exact line search chooses every step length itself, so it takes no "
     "learning-rate schedule"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "armijo", "clip": 2.0}]}),
     "scene.runs[0].clip: GD with Armijo backtracking sets each step's length itself, so it takes no gradient "
     "clipping"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "start": 3}]}),
     "scene.runs[0].start: there is no start point 3 (1 start point(s))"),
    (wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "colour": "red; font-size:99px"}]}),
     "scene.runs[0].colour: not a colour like #0072B2"),
    (wrapped({"lab": "descent", "view": [[2, -2], [0, 1]]}), "scene.view.x: needs low < high, got [2, -2]"),
    (wrapped({"lab": "descent", "max_steps": "many"}), "scene.max_steps: expected 'int', got 'str'"),
    (wrapped({"lab": "descent", "starts": [[0.0]]}), "scene.starts[0]: expected 'array' of length 2"),
    (wrapped({"lab": "descent", "selected_run": 4}), "scene.selected_run: there is no run 4"),
], ids=lambda value: value[-40:])
def test_a_damaged_scene_is_refused_in_one_sentence_naming_the_field(text, message):
    with pytest.raises(SceneFileError) as refused:
        scene_from_json(text)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value) and "Traceback" not in str(refused.value)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", b"", "[" * 100_000, '{"format": "visualiser-scene", "version": 1,',
    wrapped({"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "gd", "hyperparameters": {"lr": 0.1}}]})
    .replace("0.1", "[" * 200_000 + "]" * 200_000),
    '{"format": "visualiser-scene", "version": 1, "junk": ' + "[" * 200_000 + "]" * 200_000 + ', "scene": {}}'],
    ids=["binary", "empty", "deeply nested", "truncated", "nested inside a value", "nested in an unknown field"])
def test_garbage_is_refused_not_crashed_on(data):
    with pytest.raises(SceneFileError):
        scene_from_json(data)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    padding = " " * (MAX_BYTES + 1)
    with pytest.raises(SceneFileError, match="too large"):
        scene_from_json(wrapped({"lab": "roots"}) + padding)


def test_a_scene_of_another_lab_is_refused_where_one_lab_is_expected():
    with pytest.raises(SceneFileError, match="a scene of the descent lab, not of the roots lab"):
        scene_from_json(scene_to_json(DESCENT_SCENE), lab="roots")
