"""The figures' palettes (issue 11): Okabe-Ito as before, and a high-contrast one for projectors that is at
least 4.5:1 against white and keeps the runs apart for deuteranopes and protanopes.

Colour blindness is simulated with Machado, Oliveira & Fernandes (2009), "A physiologically-based model for
simulation of color vision deficiency" (IEEE TVCG 15(6)), their matrices for severity 1.0 applied to linear
RGB; differences are CIEDE2000 (Sharma, Wu & Dalal 2005) in CIELAB, checked against Sharma's test data.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from visualiser.labs import palette
from visualiser.labs.descent.scene import RUN_COLOURS
from visualiser.labs.palette import HIGH_CONTRAST, OKABE_ITO
from visualiser.labs.roots.methods import ROOT_METHODS

PROTANOPIA = np.array([[0.152286, 1.052583, -0.204868],
                       [0.114503, 0.786281, 0.099216],
                       [-0.003882, -0.048116, 1.051998]])
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
# The few methods a race draws at once (the root lab's five), and every run colour (a race of eight).
RACE_OF_FIVE = 5


def linear_rgb(colour: str) -> np.ndarray:
    channels = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def seen(colour: str, deficiency: np.ndarray | None = None) -> np.ndarray:
    """``colour`` in CIELAB (D65), as seen with ``deficiency`` (None: normal vision)."""
    rgb = linear_rgb(colour)
    if deficiency is not None:
        rgb = np.clip(deficiency @ rgb, 0, 1)
    xyz = SRGB_TO_XYZ @ rgb / (SRGB_TO_XYZ @ np.ones(3))
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(first, second) -> float:
    (l1, a1, b1), (l2, a2, b2) = first, second
    mean_chroma = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_chroma ** 7 / (mean_chroma ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    turn = h2 - h1
    dh = 0.0 if c1 * c2 == 0 else turn if abs(turn) <= 180 else turn - 360 if turn > 180 else turn + 360
    d_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(mean_h - 30)) + 0.24 * math.cos(math.radians(2 * mean_h))
         + 0.32 * math.cos(math.radians(3 * mean_h + 6)) - 0.20 * math.cos(math.radians(4 * mean_h - 63)))
    rotation = -math.sin(math.radians(60 * math.exp(-(((mean_h - 275) / 25) ** 2)))) * 2 * math.sqrt(
        mean_c ** 7 / (mean_c ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_c, 1 + 0.015 * mean_c * t
    return math.sqrt(((l2 - l1) / s_l) ** 2 + ((c2 - c1) / s_c) ** 2 + (d_hue / s_h) ** 2
                     + rotation * ((c2 - c1) / s_c) * (d_hue / s_h))


def closest_pair(colours, deficiency=None) -> float:
    return min(ciede2000(seen(a, deficiency), seen(b, deficiency)) for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("first, second, difference", [  # Sharma, Wu & Dalal's test data, pairs 1, 7, 17, 25, 34
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_the_colour_difference_is_ciede2000(first, second, difference):
    assert ciede2000(first, second) == pytest.approx(difference, abs=1e-4)


def test_the_simulation_keeps_greys_and_merges_red_with_green():
    for deficiency in (PROTANOPIA, DEUTERANOPIA):
        assert deficiency.sum(axis=1) == pytest.approx(np.ones(3), abs=1e-5)  # a grey stays that grey
        assert seen("#808080", deficiency) == pytest.approx(seen("#808080"), abs=1e-3)
    # matplotlib's red and green (tab:red, tab:green), far apart in normal vision, told apart by red and green alone.
    pair = ["#D62728", "#2CA02C"]
    normal = closest_pair(pair)
    assert closest_pair(pair, DEUTERANOPIA) < 0.1 * normal and closest_pair(pair, PROTANOPIA) < 0.4 * normal


def test_every_high_contrast_colour_a_run_or_curve_takes_is_at_least_4_5_to_1_on_white():
    def luminance(colour):
        return float(np.array([0.2126, 0.7152, 0.0722]) @ linear_rgb(colour))

    for colour in (*HIGH_CONTRAST.runs, *HIGH_CONTRAST.groups, HIGH_CONTRAST.grey):
        ratio = 1.05 / (luminance(colour) + 0.05)
        assert ratio >= 4.5, colour
        assert palette.contrast_ratio(colour, palette.WHITE) == pytest.approx(ratio)
    # Okabe-Ito's orange, sky blue and green, which it replaces, are not: lines a projector washes out.
    assert all(palette.contrast_ratio(colour, palette.WHITE) < 3.5 for colour in (palette.ORANGE, palette.SKY,
                                                                                   palette.GREEN))


@pytest.mark.parametrize("deficiency", [None, DEUTERANOPIA, PROTANOPIA], ids=["normal", "deuteranopia", "protanopia"])
def test_the_high_contrast_runs_stay_apart_with_colour_blindness(deficiency):
    every, race = closest_pair(HIGH_CONTRAST.runs, deficiency), closest_pair(HIGH_CONTRAST.runs[:RACE_OF_FIVE],
                                                                            deficiency)
    okabe_ito_race = closest_pair(OKABE_ITO.runs[:RACE_OF_FIVE], deficiency)
    print(f"closest runs (CIEDE2000): all eight {every:.1f}, the race of five {race:.1f} "
          f"(Okabe-Ito's {okabe_ito_race:.1f})")
    assert every >= 10  # a difference of 10 is a different colour at a glance; 1 is barely noticed
    assert race >= 14
    if deficiency is not None:
        assert race >= okabe_ito_race  # the race of five as far apart as in Okabe-Ito's, for whom it was made


def test_okabe_ito_is_the_colours_scenes_keep_and_the_high_contrast_one_maps_them():
    assert OKABE_ITO.runs == RUN_COLOURS
    methods = [method.colour for method in ROOT_METHODS.values()]
    assert methods == list(OKABE_ITO.runs[:len(methods)])
    assert (OKABE_ITO.positive, OKABE_ITO.negative) == (palette.BLUE, palette.VERMILLION)  # f > 0, f < 0
    for colour in (*RUN_COLOURS, palette.GREY, palette.YELLOW, "#123456"):
        assert OKABE_ITO.counterpart(colour) == colour
    assert [HIGH_CONTRAST.counterpart(colour.lower()) for colour in RUN_COLOURS] == list(HIGH_CONTRAST.runs)
    assert HIGH_CONTRAST.counterpart(palette.GREY) == HIGH_CONTRAST.grey
    assert HIGH_CONTRAST.counterpart("#123456") == "#123456"  # a scene file's own colour is the person's choice
    assert [HIGH_CONTRAST.sign_colour(value) for value in (2.0, -2.0, 0.0)] == [HIGH_CONTRAST.blue,
                                                                                HIGH_CONTRAST.vermillion, palette.ZERO]
