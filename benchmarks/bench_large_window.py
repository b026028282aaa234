"""Frames per second of the root and descent labs' playback in a window filling a 4K screen, with the pixmap cache's
room the app gives it (``app/pixmap_cache.py``) against Qt's default 10 MB, in turns in the same run.

Run by hand (no screen needed):  python benchmarks/bench_large_window.py

The offscreen platform is given a 3840x2160 screen (its ``configfile``), so the app sizes the cache for it as it
would on a real 4K screen or projector, and the window is as large as the screen. Each round plays a stretch of
frames with each limit, the cache emptied before each, and each rate is the median of the rounds' (CPU time).
Target: 60 fps with the app's room.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time

SCREEN = (3840, 2160)
_config = os.path.join(tempfile.mkdtemp(), "screens.json")
with open(_config, "w") as file:
    json.dump({"screens": [{"name": "4K", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, file)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
sys.path.insert(0, os.path.dirname(__file__))

from PySide6.QtGui import QPixmapCache  # noqa: E402

from bench_roots_fps import AppFrames  # noqa: E402
from visualiser.app.pixmap_cache import QT_DEFAULT_KB  # noqa: E402

ROUNDS = 5
FRAMES = 60
TARGET_FPS = 60


class LabFrames:
    """A lab of ``AppFrames``' window, shown, playing its frames over and over with a forced repaint of its plots."""

    def __init__(self, frames: AppFrames, name: str):
        self.window, self.app = frames.window, frames.app
        self.lab = self.window.lab(name)
        self.window.tabs.setCurrentWidget(self.lab)
        deadline = time.perf_counter() + 60
        while self.lab.frame_count < 2 and time.perf_counter() < deadline:
            self.app.processEvents()
        if self.lab.frame_count < 2:
            sys.exit(f"the {name} lab's first run never arrived")
        self.viewport = self.lab.figure_view.viewport()
        self.frame = 0

    def play(self, frames: int) -> None:
        for _ in range(frames):
            self.frame = (self.frame + 1) % self.lab.frame_count
            self.window.playback.set_frame(self.frame)
            self.viewport.repaint()


def measure(lab: LabFrames, limits: dict[str, int]) -> dict[str, list[float]]:
    rates = {name: [] for name in limits}
    for _round in range(ROUNDS):
        for name, limit in limits.items():
            QPixmapCache.setCacheLimit(limit)
            QPixmapCache.clear()
            lab.play(10)  # the pictures made again
            start = time.process_time()
            lab.play(FRAMES)
            rates[name].append(FRAMES / (time.process_time() - start))
    return rates


def main() -> None:
    frames = AppFrames()
    frames.window.resize(*SCREEN)
    frames.app.processEvents()
    limits = {"the app's room": QPixmapCache.cacheLimit(), "Qt's default room": QT_DEFAULT_KB}
    print(f"a {SCREEN[0]}x{SCREEN[1]} window, fixed view; {ROUNDS} rounds of {FRAMES} frames, CPU time, medians")
    for name in ("roots", "descent"):
        lab = LabFrames(frames, name)
        rates = measure(lab, limits)
        print(f"{name} lab, {lab.viewport.width()}x{lab.viewport.height()} px of plots, {lab.lab.frame_count} frames")
        for limit_name, limit in limits.items():
            print(f"  {limit_name:<20} ({limit / 1024:6.1f} MB)  {statistics.median(rates[limit_name]):7.1f} fps")
        ratio = statistics.median(a / b for a, b in zip(*rates.values()))
        fps = statistics.median(rates["the app's room"])
        print(f"  ratio app's room / Qt's default: {ratio:.2f}x")
        print(f"  target: >= {TARGET_FPS} fps with the app's room: {'PASS' if fps >= TARGET_FPS else 'FAIL'}")


if __name__ == "__main__":
    main()
