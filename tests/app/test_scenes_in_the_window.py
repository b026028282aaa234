"""The scene is the labs' single source of truth: set one and read it back, keep it over a restart,
draw it without a window, and no edit does its work twice."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from pyqtgraph.functions import ndarray_from_qimage
from scipy.optimize import brentq

import visualiser.app.descent_lab.lab as descent_lab_module
import visualiser.app.roots_lab.lab as roots_lab_module
import visualiser.labs.compiled_cache as compiled_cache_module
from visualiser.figures.export import figure_image
from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.descent import edits
from visualiser.labs.descent.presets import preset_scene, race_rate
from visualiser.labs.descent.scene import DescentScene
from visualiser.labs.roots.examples import EXAMPLES
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.scene import Parameter
from visualiser.labs.scene_file import scene_to_json
from visualiser.engine.optim import PRESETS

TIMEOUT_MS = 20_000
WINDOW_SIZE = (1400, 900)

ROOT_SCENE = RootScene(expression="a x^3 - 2", parameters={"a": Parameter(value=2.0, minimum=0.0, maximum=4.0)},
                       method="secant", bracket=(0.25, 1.75), x0=0.5, xtol=1e-10, maxiter=80, race=True,
                       frame=3)
DESCENT_SCENE = msgspec.structs.replace(
    edits.add_start(preset_scene(PRESETS["himmelblau"]), (-3.0, -1.5)), max_steps=240, selected_run=7, frame=40,
    log_scale=False, click_adds="rmsprop", arrows=msgspec.structs.replace(DescentScene().arrows, momentum=False))


def settled(qtbot, lab) -> None:
    """Wait until the lab shows what its scene computes to (no job in flight, the grid over what is shown)."""
    if lab.name == "roots":
        qtbot.waitUntil(lambda: lab.run is not None and not lab.runner.busy
                        and lab.run.scene.computed_inputs() == lab.scene().computed_inputs(),
                        timeout=TIMEOUT_MS)
    else:
        def done():
            result = lab.result
            return (result.runs is not None and result.grid is not None and not lab.runs_runner.busy
                    and not lab.surface_runner.busy
                    and (result.grid.x_range, result.grid.y_range) == lab.figure.visible_range()
                    and result.runs.scene.computed_inputs() == lab.scene().computed_inputs())
        qtbot.waitUntil(done, timeout=TIMEOUT_MS)
        qtbot.wait(250)  # the debounce after a layout change
        qtbot.waitUntil(done, timeout=TIMEOUT_MS)


def pixels(image) -> np.ndarray:
    return ndarray_from_qimage(image).copy()


def show(qtbot, window, lab, scene) -> None:
    window.resize(*WINDOW_SIZE)
    window.tabs.setCurrentWidget(lab)
    lab.set_scene(scene)
    settled(qtbot, lab)


@pytest.mark.parametrize("name, scene", [("roots", ROOT_SCENE), ("descent", DESCENT_SCENE)])
def test_a_scene_set_is_the_scene_read_back_and_shown(qtbot, main_window, name, scene):
    lab = main_window.lab(name)
    show(qtbot, main_window, lab, scene)
    assert lab.scene() == scene
    assert lab.frame == scene.frame and main_window.playback.frame == scene.frame
    assert lab.editor.text == scene.expression
    if name == "roots":
        assert lab.method_panel.method.currentData() == "secant" and lab.method_panel.x0.value() == 0.5
        assert lab.parameters.slider("a").value() == 2.0 and lab.run.params == {"a": 2.0}
    else:
        assert lab.runs_panel.max_steps.value() == 240 and len(lab.runs_panel.rows) == 8
        assert lab.runs_panel.rows[7].select.isChecked() and not lab.arrow_boxes["momentum"].isChecked()
        assert len(lab.traces) == 8 and lab.figure.framed_range() == scene.view


@pytest.mark.parametrize("name, scene", [("roots", ROOT_SCENE), ("descent", DESCENT_SCENE)])
def test_a_figure_drawn_without_a_window_is_the_labs_own_export(qtbot, main_window, name, scene):
    lab = main_window.lab(name)
    show(qtbot, main_window, lab, scene)
    in_window = pixels(figure_image(lab.figure))
    size = lab.figure.size()
    offscreen = OffscreenFigure(scene, (round(size.width()), round(size.height())))
    offscreen.draw()
    headless = pixels(offscreen.image())
    offscreen.close()
    assert headless.shape == in_window.shape
    assert np.array_equal(headless, in_window)
    assert len(np.unique(headless.reshape(-1, headless.shape[-1]), axis=0)) > 20  # a picture, not a blank


@pytest.mark.parametrize("name, scene", [("roots", ROOT_SCENE), ("descent", DESCENT_SCENE)])
def test_a_scene_saved_at_close_comes_back_with_the_same_picture(qtbot, settings, open_window, name, scene):
    window = open_window(settings)
    lab = window.lab(name)
    show(qtbot, window, lab, scene)
    before = pixels(figure_image(lab.figure))
    window.close()

    window = open_window(settings)
    window.resize(*WINDOW_SIZE)
    lab = window.lab(name)
    assert window.current_lab is lab and lab.scene() == scene
    settled(qtbot, lab)
    assert np.array_equal(pixels(figure_image(lab.figure)), before)


def test_restored_parameters_are_used_even_when_a_setting_changes_before_the_first_solve(qtbot, settings,
                                                                                           open_window):
    settings.setValue("scenes/roots", scene_to_json(RootScene(
        expression="a x^2 - 3", parameters={"a": Parameter(value=3.0)}, bracket=(0.0, 4.0))))
    window = open_window(settings)
    lab = window.lab("roots")
    lab.method_panel.maxiter.setValue(90)  # before the first compile has come back
    qtbot.waitUntil(lambda: lab.run is not None and lab.run.scene.maxiter == 90, timeout=TIMEOUT_MS)
    assert lab.parameters.slider("a").value() == 3.0 and lab.run.params == {"a": 3.0}
    assert lab.run.primary_result.root == pytest.approx(brentq(lambda x: 3 * x**2 - 3, 0, 4), abs=1e-11)


def test_loading_an_example_solves_only_the_example(qtbot, main_window, monkeypatch):
    lab = main_window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None and not lab.runner.busy, timeout=TIMEOUT_MS)
    solved = []
    real = roots_lab_module.solve_job
    monkeypatch.setattr(roots_lab_module, "solve_job", lambda scene: solved.append(scene) or real(scene))
    example = next(e for e in EXAMPLES if e.expression == "tan(x)")
    lab.load_example(example)
    qtbot.waitUntil(lambda: lab.run.scene.expression == "tan(x)" and not lab.runner.busy, timeout=TIMEOUT_MS)
    assert [(scene.expression, scene.bracket) for scene in solved] == [("tan(x)", example.bracket)]


def test_the_descent_labs_first_show_compiles_and_grids_once(qtbot, settings, open_window, monkeypatch):
    compiled, gridded = [], []
    real_compile, real_grid = compiled_cache_module.compile_expression, descent_lab_module.surface_job
    monkeypatch.setattr(compiled_cache_module, "compile_expression",
                        lambda text, variables: compiled.append(text) or real_compile(text, variables))
    monkeypatch.setattr(descent_lab_module, "surface_job",
                        lambda scene, x_range, y_range: gridded.append((x_range, y_range)) or
                        real_grid(scene, x_range, y_range))
    # Building the race compiles the expression (its rates come from the curvature); the window then reuses it.
    settings.setValue("scenes/descent", scene_to_json(edits.race_all(DescentScene(expression="x^2 + 2.75 y^2"))))
    window = open_window(settings)
    lab = window.lab("descent")
    window.tabs.setCurrentWidget(lab)
    settled(qtbot, lab)
    qtbot.wait(500)
    assert compiled == ["x^2 + 2.75 y^2"]
    assert gridded == [lab.figure.visible_range()]


def test_a_new_run_history_is_drawn_once(qtbot, main_window, monkeypatch):
    lab = main_window.lab("descent")
    main_window.tabs.setCurrentWidget(lab)
    settled(qtbot, lab)
    draws = []
    real = lab.figure._set_runs
    monkeypatch.setattr(lab.figure, "_set_runs", lambda runs, reference: draws.append(runs) or real(runs, reference))
    lab.apply(edits.move_start, 0, (-1.0, 2.0))
    qtbot.waitUntil(lambda: tuple(lab.traces[0].path[0]) == (-1.0, 2.0), timeout=TIMEOUT_MS)
    qtbot.wait(300)
    assert len(draws) == 1 and draws[0] is lab.result.runs


def test_a_typed_surfaces_rates_and_start_do_not_depend_on_the_windows_shape(qtbot, main_window):
    lab = main_window.lab("descent")
    main_window.tabs.setCurrentWidget(lab)
    settled(qtbot, lab)
    races = []
    for size in ((1500, 800), (900, 900)):
        main_window.resize(*size)
        qtbot.wait(300)
        lab.set_scene(DescentScene(expression="x^2 + 4y^2", view=((-3.0, 3.0), (-2.0, 2.0))))
        lab.apply(edits.race_all)
        races.append(lab.scene())
    assert races[0] == races[1]
    adam = races[0].runs[5]
    assert adam.optimizer == "adam" and adam.lr == race_rate(races[0], "adam") == 0.06  # a hundredth of the view
    assert races[0].starts == ((-3.0 + 0.2 * 6.0, -2.0 + 0.8 * 4.0),)


def test_a_png_rendered_by_the_command_line_is_the_labs_own_export(qtbot, main_window, tmp_path):
    from visualiser.cli import main
    from visualiser.labs.lessons import builtin_lesson

    scene = builtin_lesson("learning-rate").scenes[1].scene
    lab = main_window.lab("descent")
    show(qtbot, main_window, lab, scene)
    size = lab.figure.size()
    out_file = tmp_path / "rendered.png"
    assert main(["render", "--example", "learning-rate", "--scene", "2", "--out", str(out_file),
                 "--size", f"{round(size.width())}x{round(size.height())}"]) == 0
    from PySide6.QtGui import QImage
    assert np.array_equal(pixels(QImage(str(out_file))), pixels(figure_image(lab.figure)))
