"""The descent lab without a window: its scene, the edits a person makes, and computing a scene."""

from __future__ import annotations

import threading
import time

import msgspec
import numpy as np
import pytest

import visualiser.labs.compiled_cache as compiled_cache_module
from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.optim import OPTIMIZERS, PRESETS, default_hyperparameters, run_optimizer
from visualiser.labs.compiled_cache import CompiledCache
from visualiser.labs.descent import edits
from visualiser.labs.descent.compute import compute_scene, loss_reference
from visualiser.labs.descent.presets import default_start, preset_of, preset_scene, race_rate, start_scene
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.descent.scene import OPTIMIZER_COLOURS, RUN_COLOURS, DescentScene, RunSetup
from visualiser.labs.descent.surface import compute_surface
from visualiser.labs.rejection import Rejected
from visualiser.labs.scene import Parameter, SceneError

ROSENBROCK = PRESETS["rosenbrock"]
TYPED = DescentScene(expression="x^2 + 3y^2", view=((-4.0, 4.0), (-1.0, 1.0)))


def test_the_start_scene_races_all_seven_from_the_presets_start():
    scene = start_scene()
    assert scene.expression == ROSENBROCK.expression and scene.view == ROSENBROCK.bounds
    assert [run.optimizer for run in scene.runs] == list(OPTIMIZERS)
    assert scene.starts == (ROSENBROCK.default_start,)
    assert [run.lr for run in scene.runs] == [ROSENBROCK.learning_rate(name) for name in OPTIMIZERS]
    assert [run.colour for run in scene.runs] == [OPTIMIZER_COLOURS[name] for name in OPTIMIZERS]


def test_a_preset_with_a_parameter_gets_a_slider_range_around_its_value():
    scene = preset_scene(PRESETS["ill-conditioned"])
    assert scene.parameters == {"kappa": Parameter(value=100.0, minimum=-5.0, maximum=100.0)}
    assert preset_of(scene) is PRESETS["ill-conditioned"]
    assert preset_of(TYPED) is None


def test_rates_and_the_default_start_of_a_typed_surface_come_from_its_curvature_and_view():
    # The view's span, not a window's shape: Adam steps a hundredth of the framed width.
    assert race_rate(TYPED, "adam") == 8.0 / 100
    assert race_rate(TYPED, "gd") == 0.16  # 1/λ_max = 1/6, rounded down to two digits
    assert default_start(TYPED) == (-4.0 + 0.2 * 8.0, -1.0 + 0.8 * 2.0)
    assert race_rate(preset_scene(ROSENBROCK), "gd") == ROSENBROCK.learning_rate("gd")


def test_a_click_adds_a_start_and_one_run_of_the_chosen_optimizer():
    scene = edits.add_start(msgspec.structs.replace(TYPED, click_adds="adam"), (1.5, -0.5))
    assert scene.starts == ((1.5, -0.5),)
    (run,) = scene.runs
    assert (run.optimizer, run.start, run.lr) == ("adam", 0, race_rate(TYPED, "adam"))
    assert run.hyperparameters == {**default_hyperparameters("adam"), "lr": run.lr}


def test_removing_the_last_run_of_a_start_removes_the_start_and_renumbers():
    scene = edits.add_start(edits.add_start(edits.add_start(TYPED, (0.0, 0.5)), (1.0, 0.5)), (2.0, 0.5))
    scene = msgspec.structs.replace(scene, selected_run=2)
    scene = edits.remove_run(scene, 1)
    assert scene.starts == ((0.0, 0.5), (2.0, 0.5))
    assert [run.start for run in scene.runs] == [0, 1]
    assert scene.selected_run == 1  # still the run that was selected
    assert edits.remove_run(edits.remove_run(scene, 0), 0).runs == ()


def test_race_all_puts_the_seven_on_the_first_start():
    scene = edits.race_all(edits.add_start(edits.add_start(TYPED, (0.0, 0.5)), (1.0, 0.5)))
    assert scene.starts == ((0.0, 0.5),) and [run.optimizer for run in scene.runs] == list(OPTIMIZERS)
    assert edits.race_all(edits.clear_runs(scene)).starts == (default_start(TYPED),)


def test_a_new_optimizer_starts_from_its_pytorch_defaults_at_its_race_rate_and_keeps_its_colour():
    scene = start_scene()
    changed = edits.change_optimizer(scene, 6, "adam")
    assert changed.runs[6].optimizer == "adam" and changed.runs[6].colour == scene.runs[6].colour
    assert changed.runs[6].hyperparameters == {**default_hyperparameters("adam"), "lr": race_rate(scene, "adam")}


def test_each_run_gets_a_colour_of_its_own():
    runs = tuple(RunSetup(optimizer="gd") for _ in range(3))
    scene = DescentScene(starts=((0.0, 0.0),), runs=runs)
    colours = [run.colour for run in scene.runs]
    assert colours[0] == OPTIMIZER_COLOURS["gd"] and len(set(colours)) == 3 and set(colours) <= set(RUN_COLOURS)


@pytest.mark.parametrize("edit, field", [
    (lambda s: edits.set_hyperparameter(s, 0, "lr", -1.0), "hyperparameters"),
    (lambda s: edits.set_hyperparameter(s, 1, "momentum", -0.5), "hyperparameters"),
    (lambda s: edits.set_hyperparameter(s, 2, "momentum", 0.0), "hyperparameters"),  # nesterov needs one
    (lambda s: edits.set_hyperparameter(s, 5, "beta2", 1.0), "hyperparameters"),
    (lambda s: msgspec.structs.replace(s, max_steps=0), "max_steps"),
    (lambda s: msgspec.structs.replace(s, view=((1.0, 1.0), (0.0, 1.0))), "view.x"),
    (lambda s: msgspec.structs.replace(s, selected_run=7), "selected_run"),
    (lambda s: edits.move_start(s, 0, (np.nan, 0.0)), "starts[0]"),
])
def test_an_edit_the_scene_cannot_take_is_refused_naming_the_field(edit, field):
    with pytest.raises(SceneError) as refused:
        edit(start_scene())
    assert refused.value.field == field


def test_the_runs_are_the_engines_runs_from_the_scenes_starts():
    scene = edits.set_hyperparameter(edits.set_hyperparameter(start_scene(), 5, "lr", 0.03), 5, "beta1", 0.8)
    assert scene.runs[5].hyperparameters == {"lr": 0.03, "betas": (0.8, 0.999), "eps": 1e-8, "weight_decay": 0.0}
    runs = compute_runs(scene)
    compiled = compile_expression(ROSENBROCK.expression, ("x", "y"))
    for trace, run in zip(runs.traces, scene.runs):
        expected = run_optimizer(compiled, run.optimizer, ROSENBROCK.default_start,
                                 hyperparameters=run.hyperparameters, max_steps=scene.max_steps)
        np.testing.assert_array_equal(trace.path, np.array(expected.path))
        assert trace.colour == run.colour and trace.result.status == expected.status
    assert runs.frame_count == scene.max_steps + 1


def test_the_surface_grid_is_the_function_on_the_view():
    scene = msgspec.structs.replace(TYPED, parameters={})
    grid = compute_surface(scene, (-4.0, 4.0), (-2.0, 2.0), size=64)
    xs, ys = np.linspace(-4, 4, 64), np.linspace(-2, 2, 64)
    np.testing.assert_allclose(grid.values, xs[None, :] ** 2 + 3 * ys[:, None] ** 2, rtol=1e-14)
    np.testing.assert_allclose(grid.image, np.log10(grid.values - grid.minimum + 1e-3), rtol=1e-5)
    flat = compute_surface(msgspec.structs.replace(scene, log_scale=False), (-4.0, 4.0), (-2.0, 2.0), size=64)
    np.testing.assert_allclose(flat.image, flat.values, rtol=1e-6)
    assert flat.colour_label == "loss" and grid.colour_label == "loss above its minimum, log scale"  # in words


def test_a_surface_undefined_everywhere_is_rejected_in_one_sentence():
    scene = DescentScene(expression="log(-1 - x^2) + y")
    result = compute_surface(scene, (-1.0, 1.0), (-1.0, 1.0), size=16)
    assert isinstance(result, Rejected) and result.message == "the loss is undefined everywhere in this view"
    both = compute_scene(scene, (-1.0, 1.0), (-1.0, 1.0), size=16)
    assert both.grid is None and both.traces == ()


def test_the_loss_plots_zero_is_the_lowest_loss_known():
    scene = start_scene()
    result = compute_scene(scene, *ROSENBROCK.bounds, size=32)
    assert loss_reference(scene, result) == 0.0  # Rosenbrock's known minimum
    typed = edits.add_start(msgspec.structs.replace(TYPED, expression="x^2 + 3y^2 + 5"), (1.0, 0.5))
    result = compute_scene(typed, (-4.0, 4.0), (-1.0, 1.0), size=32)
    assert loss_reference(typed, result) == min(result.grid.minimum, float(np.min(result.traces[0].loss)))


class SlowCompiles:
    """compile_expression that records its calls and takes its time, so that a second caller arrives during it."""

    def __init__(self, real, fail_first: bool = False):
        self.real, self.fail_first, self.calls = real, fail_first, []
        self.started = threading.Event()

    def __call__(self, text, variables):
        self.calls.append(text)
        self.started.set()
        time.sleep(0.3)
        if self.fail_first and len(self.calls) == 1:
            raise ExpressionError("cancelled: a newer expression replaced this one")
        return self.real(text, variables)


def ask_twice_at_once(cache, text):
    outcomes = []

    def ask():
        try:
            outcomes.append(cache.get(text, ("x", "y")))
        except ExpressionError as error:
            outcomes.append(error)
    first = threading.Thread(target=ask)
    first.start()
    return first, ask, outcomes


def test_two_threads_asking_for_one_text_share_one_compile(monkeypatch):
    spy = SlowCompiles(compiled_cache_module.compile_expression)
    monkeypatch.setattr(compiled_cache_module, "compile_expression", spy)
    cache = CompiledCache(size=2)
    first, ask, outcomes = ask_twice_at_once(cache, "x^2 + 7 y^2")
    spy.started.wait(5)
    second = threading.Thread(target=ask)
    second.start()
    first.join()
    second.join()
    assert spy.calls == ["x^2 + 7 y^2"] and outcomes[0] is outcomes[1]
    cache.get("x + y", ("x", "y"))
    cache.get("x - y", ("x", "y"))
    assert ("x^2 + 7 y^2", ("x", "y")) not in cache  # the least recently used went


def test_a_thread_waiting_on_a_compile_that_fails_gets_its_failure_and_a_later_ask_compiles_again(monkeypatch):
    spy = SlowCompiles(compiled_cache_module.compile_expression, fail_first=True)
    monkeypatch.setattr(compiled_cache_module, "compile_expression", spy)
    cache = CompiledCache()
    first, ask, outcomes = ask_twice_at_once(cache, "x^2 + 8 y^2")
    spy.started.wait(5)
    second = threading.Thread(target=ask)
    second.start()
    first.join()
    second.join()
    # the waiter did not compile the abandoned text again: it got the same cancellation
    assert spy.calls == ["x^2 + 8 y^2"] and [str(o) for o in outcomes] == ["cancelled: a newer expression "
                                                                           "replaced this one"] * 2
    assert ("x^2 + 8 y^2", ("x", "y")) not in cache
    assert cache.get("x^2 + 8 y^2", ("x", "y")).text == "x^2 + 8 y^2" and len(spy.calls) == 2
