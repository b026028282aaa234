"""The 3-D view's geometry (issue 12, item 13): diverged paths end at the surface's box, whose axes are labelled.

Offscreen Qt has no OpenGL, so these check the numbers the view draws; the view itself was looked at under Xvfb.
"""

from __future__ import annotations

import numpy as np

from visualiser.app.descent_lab.surface3d import HEIGHT, axis_ticks, nice_ticks, path_in_box
from visualiser.labs.descent.scene import DescentScene
from visualiser.labs.descent.surface import compute_surface


def flat(x, y) -> float:
    return 0.25


def test_a_path_that_leaves_the_box_ends_on_the_face_it_crosses():
    # a diverging run: inside, then out through the face x = 1 between (0.5, 0) and (3, 0.5)
    points = np.array([[0.0, 0.0, 0.1], [0.5, 0.0, 0.2], [3.0, 0.5, 0.9], [40.0, -7.0, 1.0]])
    kept = path_in_box(points, flat)
    np.testing.assert_allclose(kept[:2], points[:2])
    np.testing.assert_allclose(kept[-1], [1.0, 0.1, 0.25 + 0.01])  # on the face, on the surface
    assert len(kept) == 3 and np.all(np.abs(kept[:, :2]) <= 1.0)


def test_a_path_that_starts_outside_begins_where_it_enters():
    points = np.array([[-2.0, 0.0, 1.0], [0.0, 0.0, 0.5], [0.5, 0.5, 0.4]])
    kept = path_in_box(points, flat)
    np.testing.assert_allclose(kept[0], [-1.0, 0.0, 0.26])
    np.testing.assert_allclose(kept[1:], points[1:])


def test_a_path_wholly_outside_the_box_draws_nothing():
    assert path_in_box(np.array([[2.0, 2.0, 0.0], [3.0, 3.0, 0.0]]), flat).shape == (0, 3)


def test_the_box_has_round_ticks_on_x_and_y_and_the_colour_bars_decades_up_the_loss():
    scene = DescentScene(expression="x^2 + 10y^2")
    grid = compute_surface(scene, (-3.0, 3.0), (-2.0, 2.0), size=32)
    ticks = axis_ticks(grid)
    assert [text for _, text in ticks["x"]] == ["-2", "0", "2"]
    assert [text for _, text in ticks["y"]] == ["-2", "-1", "0", "1", "2"]
    for at, _ in (*ticks["x"], *ticks["y"]):
        assert np.all(np.abs(at[:2]) <= 1.0) and at[2] == 0.0  # on the floor of the box
    heights = [at[2] for at, _ in ticks["loss"]]
    assert len(heights) >= 2 and all(0.0 <= h <= 2 * HEIGHT for h in heights) and heights == sorted(heights)
    assert {"0", "1"} <= {text for _, text in ticks["loss"]}  # the loss above its minimum, as the colour bar says


def test_nice_ticks_are_one_two_or_five_times_a_power_of_ten_apart():
    np.testing.assert_allclose(nice_ticks(-4.5, 4.5), [-4, -2, 0, 2, 4])
    np.testing.assert_allclose(nice_ticks(0.0, 0.37), [0.0, 0.1, 0.2, 0.3])
    np.testing.assert_allclose(nice_ticks(2.0, 2.0), [2.0])
