"""The loss plot's scale (issue 12, item 7): chosen in the scene, named in words, readable without a minimum."""

from __future__ import annotations

import json

import msgspec
import numpy as np
import pytest

from visualiser.labs.descent.compute import compute_scene, loss_plot_scale
from visualiser.labs.descent.loss_scales import (ABOVE_MINIMUM, LOSS_LOG, LogScale, SymmetricLogScale, scale_ticks,
                                                 signed_decade_text)
from visualiser.labs.descent.scene import DescentScene, RunSetup
from visualiser.labs.scene import SceneError
from visualiser.labs.scene_file import scene_from_json, scene_to_json

BOWL = DescentScene(expression="x^2 + 10y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, 1.0),), max_steps=80,
                    runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.05}),))
SADDLE = DescentScene(expression="x^2 - y^2", view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.5, 0.01),), max_steps=200,
                      runs=(RunSetup(optimizer="gd", hyperparameters={"lr": 0.1}),))
FORMULA = ("log10", "−", "+ 0.001", "e-", "e+")  # what a formula-named axis reads like: "loss − (−6.1e12)"


def computed(scene: DescentScene):
    return compute_scene(scene, *scene.view, size=64)


def test_a_scene_file_without_the_loss_axis_reads_with_the_loss_above_its_minimum():
    saved = json.loads(scene_to_json(BOWL))
    saved.pop("loss_axis", None)  # as a file saved before the choice existed
    assert scene_from_json(json.dumps(saved)).loss_axis == "above_minimum"
    chosen = msgspec.structs.replace(BOWL, loss_axis="loss")
    assert scene_from_json(scene_to_json(chosen)) == chosen


def test_an_unknown_loss_axis_is_refused_in_one_sentence():
    with pytest.raises(SceneError, match="loss_axis"):
        msgspec.structs.replace(BOWL, loss_axis="log10(loss)").check()


@pytest.mark.parametrize("choice", ["above_minimum", "loss"])
def test_every_scale_is_named_in_words(choice):
    for scene in (BOWL, SADDLE):
        result = computed(msgspec.structs.replace(scene, loss_axis=choice))
        label = loss_plot_scale(msgspec.structs.replace(scene, loss_axis=choice), result).label
        assert label.startswith("loss") and not any(piece in label for piece in FORMULA), label


def test_above_its_minimum_measures_from_the_lowest_loss_known():
    result = computed(BOWL)
    scale = loss_plot_scale(BOWL, result)
    assert scale == LogScale(ABOVE_MINIMUM, min(float(result.traces[0].loss.min()), result.grid.minimum), 1e-16)
    loss = result.traces[0].loss
    np.testing.assert_allclose(scale.positions(loss), np.log10(loss - scale.reference + 1e-16))


def test_the_loss_itself_on_a_log_scale_while_it_stays_positive():
    scene = msgspec.structs.replace(BOWL, loss_axis="loss", expression="x^2 + 10y^2 + 3")
    scale = loss_plot_scale(scene, computed(scene))
    assert scale.label == LOSS_LOG and scale.reference == 0.0


def test_a_loss_without_a_minimum_gets_a_symmetric_log_scale_that_says_so():
    result = computed(SADDLE)
    assert result.traces[0].diverged and result.traces[0].loss[np.isfinite(result.traces[0].loss)].min() < -1e10
    for choice in ("above_minimum", "loss"):
        scale = loss_plot_scale(msgspec.structs.replace(SADDLE, loss_axis=choice), result)
        assert isinstance(scale, SymmetricLogScale) and "no minimum" in scale.label
        heights = scale.positions(result.traces[0].loss)
        finite = heights[np.isfinite(result.traces[0].loss)]
        # a readable plot: every finite loss has a finite height, a few decades tall, not 10^12 tall
        assert np.all(np.isfinite(finite)) and finite.max() - finite.min() < 40


def test_symmetric_log_ticks_are_the_loss_at_whole_decades_either_side_of_zero():
    scale = SymmetricLogScale("loss, symmetric log scale", threshold=0.1)
    ticks = scale_ticks(scale, float(scale.positions(-3e12)), float(scale.positions(6.0)), 8)
    texts = [text for _, text in ticks]
    assert "0" in texts and "−10¹²" in texts and len(ticks) <= 8
    decades = [0.0, *(sign * 10.0 ** k for sign in (1, -1) for k in range(-20, 20))]
    for position, text in ticks:  # each tick sits where the value it names is drawn
        value = next(value for value in decades if signed_decade_text(value) == text)
        assert position == pytest.approx(float(scale.positions(value)))


def test_decades_are_written_as_the_root_figure_writes_them():
    assert [signed_decade_text(v) for v in (0.0, 1e-2, 1.0, 10.0, 1e5, -1e12)] == \
        ["0", "10⁻²", "1", "10", "10⁵", "−10¹²"]
