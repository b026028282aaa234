"""Figures drawn with no window at all: the picture is the scene's, whatever the figure showed before."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from pyqtgraph.functions import ndarray_from_qimage

from visualiser.figures.offscreen import OffscreenFigure
from visualiser.labs.descent import edits
from visualiser.labs.descent.presets import start_scene as descent_start
from visualiser.labs.lessons import builtin_lessons
from visualiser.labs.registry import LABS
from visualiser.labs.roots.examples import EXAMPLES, start_scene as roots_start

SIZE = (900, 700)


def pixels(offscreen: OffscreenFigure) -> np.ndarray:
    image = offscreen.image()  # held while the array is copied: ndarray_from_qimage views its memory
    return ndarray_from_qimage(image).copy()


@pytest.mark.parametrize("name", list(LABS))
def test_every_labs_start_scene_draws_a_picture_of_the_asked_size(name):
    offscreen = OffscreenFigure(LABS[name].start_scene(), SIZE)
    offscreen.draw()
    image = offscreen.image()
    assert (image.width(), image.height()) == SIZE
    colours = np.unique(pixels(offscreen).reshape(-1, 4), axis=0)
    assert len(colours) > 50  # curves, markers, a heatmap: not a blank canvas
    offscreen.close()


def test_a_frame_shows_that_iteration_of_the_run():
    offscreen = OffscreenFigure(roots_start(), SIZE)
    offscreen.draw(5)
    step = offscreen.result.primary_result.steps[4]
    assert offscreen.figure.current_region.getRegion() == pytest.approx((step.a, step.b))
    assert offscreen.figure.estimate_lines["bisect"].value() == step.x
    offscreen.close()


@pytest.mark.parametrize("first, second", [
    (EXAMPLES[4].applied_to(roots_start()), msgspec.structs.replace(EXAMPLES[2].applied_to(roots_start()), method="secant")),
    (descent_start(), edits.race_all(msgspec.structs.replace(descent_start(), expression="x^2 + 30 y^2",
                                                              max_steps=120))),
], ids=["roots", "descent"])
def test_a_figure_that_showed_another_scene_first_draws_the_same_pixels_as_a_fresh_one(first, second):
    fresh = OffscreenFigure(second, SIZE)
    fresh.draw()
    reused = OffscreenFigure(first, SIZE)
    reused.draw()
    reused.show(second)
    reused.draw()
    assert np.array_equal(pixels(reused), pixels(fresh))
    fresh.close()
    reused.close()


@pytest.mark.parametrize("name", list(builtin_lessons()))
def test_every_scene_of_every_builtin_lesson_renders(name):
    for index, entry in enumerate(builtin_lessons()[name].scenes):
        offscreen = OffscreenFigure(entry.scene, (320, 240))
        offscreen.draw()
        assert len(np.unique(pixels(offscreen).reshape(-1, 4), axis=0)) > 20, (name, index)
        offscreen.close()


def test_a_gif_keeps_the_bytes_of_what_stands_still(tmp_path):
    """One palette for every frame, undithered: a pixel that does not change is stored unchanged."""
    from PIL import Image

    from visualiser.figures.animation import AnimationExport, frames_to_show, rgb_pixels

    offscreen = OffscreenFigure(builtin_lessons()["rosenbrock"].scenes[0].scene, (480, 320))
    frames = frames_to_show(offscreen.frame_count, 4)
    AnimationExport(offscreen, tmp_path / "race.gif", frames).run()
    drawn = []
    for frame in frames:
        offscreen.draw(frame)
        drawn.append(rgb_pixels(offscreen.image()))
    with Image.open(tmp_path / "race.gif") as gif:
        decoded = []
        for frame in range(gif.n_frames):
            gif.seek(frame)
            decoded.append(np.asarray(gif.convert("RGB")).copy())
    for before, after, shown_before, shown_after in zip(drawn, drawn[1:], decoded, decoded[1:]):
        still = np.all(before == after, axis=2)
        assert still.mean() > 0.5  # the surface and the axes stand still while the runs move
        assert np.array_equal(shown_before[still], shown_after[still])
    offscreen.close()


def test_the_estimates_label_stays_inside_the_plot_wherever_the_estimate_is():
    scene = msgspec.structs.replace(roots_start(), construction=True, bracket=(0.0, 2.0))
    offscreen = OffscreenFigure(scene, (500, 400))  # a narrow plot: the label is most of its width
    figure = offscreen.figure
    view = figure.function_plot.vb.sceneBoundingRect()
    for frame in (1, 2, 5, 13, offscreen.frame_count - 1):  # the estimate at 1, 1.5, 1.25 ... and near 1.26
        offscreen.draw(frame)
        shown = [line for line in figure.estimate_lines.values() if line.isVisible()]
        assert shown, frame
        for line in shown:
            label = line.label.sceneBoundingRect()
            assert view.left() - 1 <= label.left() and label.right() <= view.right() + 1, frame
    offscreen.close()
