"""The pixmap cache has room for the kept pictures of a figure filling the largest screen (issue 12, item 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from visualiser.app.pixmap_cache import MOST_KB, QT_DEFAULT_KB, SCREENFULS, room_kb


def test_a_4k_screen_gets_room_for_several_screenfuls_of_pictures():
    four_k = 3840 * 2160
    assert room_kb([1920 * 1080, four_k]) * 1024 >= SCREENFULS * four_k * 4  # bytes of ARGB pictures
    assert room_kb([four_k]) > 12 * QT_DEFAULT_KB  # Qt's 10 MB held not one screenful at 4K (33 MB)


def test_an_8k_screen_gets_room_for_one_full_screen_figure_and_no_more():
    eight_k = 7680 * 4320
    assert room_kb([eight_k]) == MOST_KB < SCREENFULS * eight_k * 4 // 1024
    assert MOST_KB * 1024 >= 1.5 * eight_k * 4  # a full-screen figure's pictures cover about 1.5 screens


def test_a_small_screen_or_none_keeps_qts_own_room():
    assert room_kb([640 * 480]) == QT_DEFAULT_KB
    assert room_kb([]) == QT_DEFAULT_KB


def test_the_application_sizes_the_cache_for_a_4k_screen(tmp_path):
    """In a process of its own, whose offscreen platform has one 3840x2160 screen, as a 4K monitor would be."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{"name": "4K", "x": 0, "y": 0, "width": 3840, "height": 2160,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    code = ("from PySide6.QtGui import QPixmapCache; from visualiser.app.application import create_application; "
            "app = create_application(); print(app.primaryScreen().size().toTuple(), QPixmapCache.cacheLimit())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"})
    assert done.stdout.split("\n")[0] == f"(3840, 2160) {room_kb([3840 * 2160])}"
