"""Frames per second while animating bisection in the root-finding lab, against matplotlib.

Run by hand (no screen needed):  python benchmarks/bench_roots_fps.py

Both sides draw the same content for every frame: f(x) sampled at 2000 points, the starting
and current brackets, the signed markers, the estimate line, one bar per iteration so far and
the log-scale convergence plot. The app's plots are repainted for real (``viewport().repaint()``
on the plot widget; repainting the main window does not repaint the plot), matplotlib redraws
its Agg canvas with ``canvas.draw()``. Target: >= 60 fps for the app, 10 times matplotlib's.

With auto-zoom the app frames every iteration's bracket: it resamples f across the new view and
redraws the axes each frame. matplotlib is measured doing the same (the same view and the same
samples each frame, from the figure's own functions, then ``set_xlim``/``set_ylim`` and the curve's
``set_data``), so that each of the app's two rates has its own reference: before, both were
compared with matplotlib's fixed view, which redraws neither the axes nor the curve.

Both draw f through fewer of its samples where leaving them out moves the line by less than about a tenth of
a pixel: matplotlib by default (``path.simplify``, 1/9 px), the app with ``figures/simplified_curve.py``
(0.1 px). The benchmark's matplotlib keeps its defaults.

Each rate is given twice: by the wall clock, and by the process's CPU time, which is what the
frames cost on a machine whose cores other programs share (the wall clock then counts the waits).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from visualiser.app.application import create_application  # noqa: E402
from visualiser.app.main_window import MainWindow  # noqa: E402
from visualiser.figures.roots_figure import Y_PADDING, curve_samples, following_x_range, robust_y_range  # noqa: E402

FRAMES = 400
TARGET_FPS = 60
TARGET_RATIO = 10


class Rate:
    """Frames a second over a stretch of frames, by the wall clock and by CPU time."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def fps(self, frames: int) -> tuple[float, float]:
        return frames / self.wall, frames / self.cpu


def app_fps(auto_zoom: bool) -> tuple[tuple[float, float], int]:
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
    app = create_application()
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    lab = window.lab("roots")
    deadline = time.perf_counter() + 30
    while lab.run is None and time.perf_counter() < deadline:
        app.processEvents()
    if lab.run is None:
        sys.exit("the first run never arrived")
    lab.method_panel.auto_zoom.setChecked(auto_zoom)
    count = window.playback.frame_count
    viewport = lab.figure_view.viewport()
    for frame in range(5):  # warm-up
        window.playback.set_frame(frame)
        viewport.repaint()
    with Rate() as rate:
        for frame in range(FRAMES):
            window.playback.set_frame(frame % count)
            viewport.repaint()
    window.close()
    return rate.fps(FRAMES), count


def matplotlib_fps(run, auto_zoom: bool) -> tuple[float, float]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = run.primary_result.steps
    a0, b0 = run.bracket
    xs = np.linspace(a0 - 0.45 * (b0 - a0), b0 + 0.45 * (b0 - a0), 2000)
    ys = xs**3 - 2
    figure, (top, middle, bottom) = plt.subplots(3, 1, figsize=(10, 7), dpi=100,
                                                 gridspec_kw={"height_ratios": [5, 2, 3]})
    (curve,) = top.plot(xs, ys, color="#555555", lw=2.5)
    top.axhline(0, color="#999999", ls="--")
    top.axvspan(a0, b0, color="#0072B2", alpha=0.1)
    current = top.axvspan(a0, b0, color="#E69F00", alpha=0.25)
    markers = top.scatter([a0, b0], [a0**3 - 2, b0**3 - 2], s=80, c=["#D55E00", "#0072B2"], marker="s")
    estimate = top.axvline(steps[0].x, color="#0072B2")
    label = top.text(0.5, 0.95, "", transform=top.transAxes)
    middle.invert_yaxis()
    bars = middle.barh(np.arange(len(steps) + 1), np.zeros(len(steps) + 1), left=np.zeros(len(steps) + 1),
                       height=0.7, color="#0072B2")
    n = np.arange(1, len(steps) + 1)
    errors = np.maximum(np.abs(np.array([s.x for s in steps]) - run.reference_root), 1e-17)
    bottom.semilogy(n, errors, "o-", color="#0072B2", ms=3)
    bottom.semilogy(n, (b0 - a0) / 2.0 ** (n + 1), "--", color="#777777")
    frame_line = bottom.axvline(0, color="#E69F00")
    figure.canvas.draw()
    with Rate() as rate:
        for frame in range(FRAMES // 4):  # matplotlib is slow; a quarter of the frames is plenty
            k = frame % len(steps)
            step = steps[k]
            current.set_x(step.a)
            current.set_width(step.b - step.a)
            markers.set_offsets([[step.a, step.fa], [step.b, step.fb], [step.x, step.fx]])
            estimate.set_xdata([step.x, step.x])
            label.set_text(f"x{k} = {step.x:.10g}")
            for row, bar in enumerate(bars):
                shown = row <= k + 1
                bar.set_x(steps[row - 1].a if row and shown else a0)
                bar.set_width((steps[row - 1].b - steps[row - 1].a if row else b0 - a0) if shown else 0)
            frame_line.set_xdata([k, k])
            if auto_zoom:
                x_range = following_x_range(run, k)
                xs, ys = curve_samples(run, x_range)
                low, high = robust_y_range(ys)
                curve.set_data(xs, ys)
                top.set_xlim(*x_range)
                top.set_ylim(low - Y_PADDING * (high - low), high + Y_PADDING * (high - low))
            figure.canvas.draw()
    return rate.fps(FRAMES // 4)


def main() -> None:
    fps, frames = app_fps(auto_zoom=False)
    zoom_fps, _ = app_fps(auto_zoom=True)
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
    app = create_application()
    window = MainWindow(settings)
    window.show()  # a lab computes only once it can be seen
    while window.lab("roots").run is None:
        app.processEvents()
    run = window.lab("roots").run
    reference, zoom_reference = matplotlib_fps(run, auto_zoom=False), matplotlib_fps(run, auto_zoom=True)
    print(f"bisection on x^3 - 2, {frames} frames cycled {FRAMES} times, forced repaint, offscreen")
    print("                                            wall clock    CPU time")
    for name, (wall, cpu) in (("app (fixed view)", fps), ("app (auto-zoom, resample f every frame)", zoom_fps),
                              ("matplotlib (Agg draw, fixed view)", reference),
                              ("matplotlib (Agg draw, auto-zoom)", zoom_reference)):
        print(f"  {name:<40} {wall:7.1f} fps {cpu:7.1f} fps")
    ratios = []
    for name, (wall, cpu), (reference_wall, reference_cpu) in (("fixed view", fps, reference),
                                                               ("auto-zoom", zoom_fps, zoom_reference)):
        print(f"  ratio app / matplotlib, {name:<16}  {wall / reference_wall:7.1f}x    {cpu / reference_cpu:7.1f}x")
        ratios.append(cpu / reference_cpu)
    slowest = min(fps[1], zoom_fps[1])
    verdict = "PASS" if slowest >= TARGET_FPS and min(ratios) >= TARGET_RATIO else "FAIL"
    print(f"  target >= {TARGET_FPS} fps and >= {TARGET_RATIO}x matplotlib (CPU time): {verdict}")


if __name__ == "__main__":
    main()
