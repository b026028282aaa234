"""The race rates: from the curvature where each run starts (issue 12, item 3), the same in both labs (issue 10)."""

from __future__ import annotations

import msgspec
import pytest

import visualiser.labs.descent.presets as presets_module
from visualiser.engine import ExpressionError
from visualiser.engine.lr_search import BRACKETING
from visualiser.engine.optim import OPTIMIZERS, PRESETS, default_hyperparameters
from visualiser.labs.descent import edits
from visualiser.labs.descent.presets import preset_scene, race_rate
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.descent.scene import DescentScene
from visualiser.labs.lr_search.compute import compute_search
from visualiser.labs.lr_search.compute import race_rate as lr_race_rate
from visualiser.labs.lr_search.scene import LrSearchScene

TYPED = DescentScene(expression="x^2 + 10y^2", view=((-3.0, 3.0), (-3.0, 3.0)))


def test_a_typed_surface_races_at_rates_from_its_curvature_and_plain_descent_arrives():
    scene = edits.race_all(TYPED)
    rates = {run.optimizer: run.lr for run in scene.runs}
    assert rates["gd"] == 0.05 and rates["momentum"] == 0.095 and rates["nesterov"] == 0.033  # λ_max = 20
    assert rates["adam"] == rates["adamw"] == 0.06  # a hundredth of the 6-wide view
    traces = {trace.run.optimizer: trace for trace in compute_runs(scene).traces}
    for name in ("gd", "momentum", "nesterov", "adam", "rmsprop"):
        assert traces[name].result.status == "converged", name


def test_each_run_is_rated_where_it_starts():
    scene = DescentScene(expression="x^4 + y^2", view=((-3.0, 3.0), (-3.0, 3.0)))
    near, far = edits.add_start(scene, (0.5, 0.0)), edits.add_start(scene, (2.0, 0.0))
    # λ_max = 12 x^2 (x-direction) or 2 (y-direction): 1/3 at x = 0.5, 1/48 at x = 2
    assert near.runs[0].lr == 0.33 and far.runs[0].lr == 0.02
    raced = edits.race_all(edits.add_start(edits.add_start(scene, (2.0, 0.0)), (0.5, 0.0)))
    assert raced.runs[0].lr == 0.02  # the race is from the first start


def test_the_rate_follows_the_parameters_of_the_scene():
    scene = preset_scene(PRESETS["ill-conditioned"])
    assert race_rate(scene, "gd") == 0.01  # (x^2 + kappa y^2)/2: λ_max = kappa = 100
    gentler = scene.with_parameter("kappa", msgspec.structs.replace(scene.parameters["kappa"], value=4.0))
    assert race_rate(gentler, "gd") == 0.25


def test_changing_the_optimizer_rates_the_new_one_from_the_runs_start():
    scene = edits.race_all(TYPED)
    changed = edits.change_optimizer(scene, 0, "nesterov")
    assert changed.runs[0].lr == 0.033 and changed.runs[0].hyperparameters["momentum"] == 0.9


def test_an_expression_that_does_not_compile_races_at_pytorchs_defaults(monkeypatch):
    class TimingOut:  # a parse that succeeds and a compile that gives up (too large to differentiate in time)
        def get(self, text, variables):
            raise ExpressionError("the expression is too large to compile in time")

    monkeypatch.setattr(presets_module, "COMPILED", TimingOut())
    assert [race_rate(TYPED, name) for name in OPTIMIZERS] == [default_hyperparameters(name)["lr"]
                                                               for name in OPTIMIZERS]


# The learning-rate lab grows its bracket from the same race rate (issue 10): same loss, start, optimizer and view.
PRESET_RACES = [("rosenbrock", "adam"), ("rosenbrock", "gd"), ("ill-conditioned", "momentum"), ("booth", "nesterov"),
                ("himmelblau", "rmsprop"), ("plateau", "gd"), ("saddle", "adagrad"), ("goldstein-price", "adamw")]


def lr_search_scene_of(scene: DescentScene, optimizer: str, **fields) -> LrSearchScene:
    """The learning-rate lab on what the descent scene shows: its loss, parameters, first start and view."""
    return LrSearchScene(expression=scene.expression, parameters=scene.parameters, start=scene.starts[0],
                         optimizer=optimizer, view=scene.view, **fields)


@pytest.mark.parametrize("name, optimizer", PRESET_RACES)
def test_the_learning_rate_lab_starts_from_the_descent_labs_race_rate(name, optimizer):
    scene = preset_scene(PRESETS[name])
    raced = {run.optimizer: run.lr for run in scene.runs}[optimizer]
    assert lr_race_rate(lr_search_scene_of(scene, optimizer)) == raced == race_rate(scene, optimizer)


def test_adam_on_rosenbrock_searches_from_the_descent_labs_rate():
    scene = preset_scene(PRESETS["rosenbrock"])
    run = compute_search(lr_search_scene_of(scene, "adam", max_steps=100))
    first = run.search.steps[0]
    assert first.phase == BRACKETING and first.mid == race_rate(scene, "adam") == 0.04  # the 4-wide view / 100
    # A zoomed view steps a hundredth of its own width in both labs.
    zoomed = msgspec.structs.replace(scene, view=((-1.0, 1.0), (0.0, 2.0)))
    assert lr_race_rate(lr_search_scene_of(zoomed, "adam")) == race_rate(zoomed, "adam") == 0.02
    # Given ends are the person's, not the race rate.
    given = compute_search(lr_search_scene_of(scene, "adam", max_steps=100, low=0.3))
    assert given.search.steps[0].mid == 0.3
