"""Frames per second of the descent lab against matplotlib drawing its plot, and surface recompute time.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_descent_fps.py

The lab shows Rosenbrock on a 512x512 grid (log colour scale, contours), seven optimizers racing with
all three arrow kinds and the curvature overlay; each frame moves the timeline one step and forces a
repaint of the plot's viewport (``main_window.repaint()`` would not repaint the plot). matplotlib
(Agg) draws the plot's main content in the same run: imshow of the same image, the same contour lines,
seven paths, current points and a quiver of 21 arrows, with artists built once and ``canvas.draw()``
per frame (no blitting). It leaves out what the lab draws besides, which favours matplotlib: the loss
plot, the curvature axes and their label, the legend, the start targets, the minimum's marker and the
unstable stripes (and its arrows take each run's constant rate, not a schedule's rate at the step). Surface recompute: ``surface_grid`` for 512x512 (evaluate, log, levels, contours), and the
end-to-end time from an edit to the new image on screen through the worker thread. Runs recompute:
``compute_runs`` of the opening race (7 optimizers x 500 steps), what every drag of a start point costs.

Each frame rate is given twice: by the wall clock, and by the process's CPU time, which is what the
frames cost on a machine whose cores other programs share (the wall clock then counts the waits).
The two take turns, a block of frames each, so that both are measured over the same stretch of time:
on a shared machine a core's speed changes from one second to the next (by a third, on the machine
this was written on), which would otherwise decide the ratio. Target: >= 60 fps and >= 10 times
matplotlib's rate, by CPU time.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

FRAMES = 300
BLOCKS = 10  # turns each side takes
SIZE = (1400, 900)
TARGET_FPS = 60
TARGET_RATIO = 10


def interleaved_rates(frames: int, sides: list) -> list[tuple[float, float]]:
    """Each side's frames a second of ``show_frame(1) .. show_frame(frames)``, by the wall clock and by CPU
    time, the sides taking turns ``BLOCKS`` frames at a time."""
    spent = [[0.0, 0.0] for _ in sides]
    edges = np.linspace(1, frames + 1, BLOCKS + 1).astype(int)
    for start, stop in zip(edges[:-1], edges[1:]):
        for side, show_frame in zip(spent, sides):
            wall, cpu = time.perf_counter(), time.process_time()
            for frame in range(start, stop):
                show_frame(frame)
            side[0] += time.perf_counter() - wall
            side[1] += time.process_time() - cpu
    return [(frames / wall, frames / cpu) for wall, cpu in spent]


def wait_until(app, condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the lab did not get ready")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait_signal(signal, timeout_ms: int = 30_000) -> None:
    """Wait in Qt's event loop (not a Python polling loop, which would hold the GIL the worker needs)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def bench_lab():
    """The lab's frame rate and matplotlib's, taking turns; the end-to-end edit times; what both drew."""
    from visualiser.app.application import create_application
    from visualiser.app.main_window import MainWindow

    app = create_application([])
    directory = tempfile.mkdtemp()
    window = MainWindow(QSettings(os.path.join(directory, "s.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    lab = window.lab("descent")
    window.tabs.setCurrentWidget(lab)
    window.show()
    wait_until(app, lambda: len(lab.traces) == 7 and lab.result.grid is not None)
    assert lab.result.grid.values.shape == (512, 512)
    arrows = lab.scene().arrows
    assert arrows.gradient and arrows.momentum and arrows.step
    viewport = lab.figure_view.viewport()
    frames = min(FRAMES, lab.frame_count - 1)
    window.playback.set_frame(0)
    viewport.repaint()

    def show_frame(frame: int) -> None:
        window.playback.set_frame(frame)
        viewport.repaint()

    state = dict(grid=lab.result.grid, traces=lab.traces, frames=frames, width=viewport.width(),
                 height=viewport.height(), scene=lab.scene())
    lab_fps, mpl_fps = interleaved_rates(frames, [show_frame, matplotlib_frames(state)])
    window.playback.set_frame(frames // 2)
    arrows = sum(len(points) // 6 for points, _ in lab.figure.arrow_lines().values())  # shaft and head: 3 pairs

    # End to end: a parameter-like edit (the log toggle re-grids) until the new image is set on screen.
    end_to_end = []
    for checked in (False, True, False, True, False, True):
        edited = time.perf_counter()
        lab.log_scale.setChecked(checked)
        wait_signal(lab.surface_runner.succeeded)  # connected after the lab's own slot: the lab has drawn it
        assert lab.result.grid.log_scale == checked
        end_to_end.append(time.perf_counter() - edited)
    state["arrows"] = arrows
    window.close()
    return lab_fps, mpl_fps, end_to_end, state


def bench_surface(scene, bounds, repeats: int = 7) -> list[float]:
    from visualiser.labs.compiled_cache import COMPILED
    from visualiser.labs.descent.surface import surface_grid

    compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        surface_grid(scene, compiled, *bounds, size=512)
        times.append(time.perf_counter() - started)
    return times


def bench_runs(scene, repeats: int = 5) -> tuple[list[float], list[float]]:
    """compute_runs as it is, and with every step's divergence check done in full (the rule before the shortcut)."""
    from visualiser.engine.optim import descent
    from visualiser.labs.descent.runs import compute_runs

    def timed() -> list[float]:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            compute_runs(scene)
            times.append(time.perf_counter() - started)
        return times

    now = timed()
    shortcut = descent._divergence
    descent._divergence = descent.divergence_codes
    try:
        full = timed()
    finally:
        descent._divergence = shortcut
    return now, full


def matplotlib_race(state, dpi: int = 100):
    """The race drawn by matplotlib (Agg), artists built once: the figure and a function that shows a frame.

    The same content as the lab: imshow of the same image, the same contour lines, the runs' paths,
    current points and a quiver of each arrow kind. ``bench_animation.py`` animates the same figure.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grid, traces = state["grid"], state["traces"]
    figure, axes = plt.subplots(figsize=(state["width"] / dpi, state["height"] / dpi), dpi=dpi)
    (x0, x1), (y0, y1) = grid.x_range, grid.y_range
    image = axes.imshow(grid.image, origin="lower", extent=(x0, x1, y0, y1), cmap="viridis",
                        vmin=grid.levels[0], vmax=grid.levels[1])
    figure.colorbar(image, ax=axes, label=grid.colour_label)
    xs, ys = np.linspace(x0, x1, grid.image.shape[1]), np.linspace(y0, y1, grid.image.shape[0])
    axes.contour(xs, ys, np.ma.masked_invalid(grid.image), levels=np.linspace(*grid.levels, 16)[1:-1],
                 colors="white", linewidths=0.8)
    lines = [axes.plot([], [], color=t.colour, lw=2)[0] for t in traces]
    points = axes.scatter(np.zeros(len(traces)), np.zeros(len(traces)), c=[t.colour for t in traces], zorder=5)
    quivers = [axes.quiver(np.zeros(len(traces)), np.zeros(len(traces)), np.zeros(len(traces)),
                           np.zeros(len(traces)), color=colour, angles="xy", scale_units="xy", scale=1)
               for colour in ("k", "#CC79A7", "#D55E00")]
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)

    def show_frame(frame: int) -> None:
        current = []
        vectors = {0: [], 1: [], 2: []}
        for line, trace in zip(lines, traces):
            last = min(frame, len(trace.path) - 1)
            line.set_data(trace.path[: last + 1, 0], trace.path[: last + 1, 1])
            current.append(trace.path[last])
            vectors[0].append(-trace.lr * trace.gradient[last])
            vectors[1].append(-trace.lr * trace.momentum[last])
            vectors[2].append(trace.step[last])
        current = np.array(current)
        points.set_offsets(current)
        longest = max(np.hypot(*np.array(v).T).max() for v in vectors.values()) or 1.0
        for kind, quiver in enumerate(quivers):
            vector = np.array(vectors[kind]) * 0.12 * (x1 - x0) / longest
            quiver.set_offsets(current)
            quiver.set_UVC(vector[:, 0], vector[:, 1])

    return figure, show_frame


def matplotlib_frames(state):
    """A function drawing a frame of the race in matplotlib (Agg), ``canvas.draw()`` each time."""
    figure, show_frame = matplotlib_race(state)
    figure.canvas.draw()

    def draw_frame(frame: int) -> None:
        show_frame(frame)
        figure.canvas.draw()

    return draw_frame


def main() -> None:
    from visualiser.engine.optim import PRESETS

    lab_fps, mpl_fps, end_to_end, state = bench_lab()
    surface = bench_surface(state["scene"], PRESETS["rosenbrock"].bounds)
    runs, runs_full_check = bench_runs(state["scene"])
    print(f"descent lab: 512x512 Rosenbrock surface (log scale, contours), 7 runs racing, "
          f"{state['arrows']} arrows on a mid-race frame, plot viewport {state['width']}x{state['height']} px")
    turns = f"  over {state['frames']} frames, in turns of {state['frames'] // BLOCKS}"
    print(f"{turns:<52}wall clock    CPU time")
    print(f"  visualiser (pyqtgraph, forced viewport repaint): {lab_fps[0]:7.1f} fps {lab_fps[1]:7.1f} fps")
    print(f"  matplotlib (Agg, same content, canvas.draw()):  {mpl_fps[0]:7.1f} fps {mpl_fps[1]:7.1f} fps")
    ratios = [lab / reference for lab, reference in zip(lab_fps, mpl_fps)]
    print(f"  ratio visualiser / matplotlib:                   {ratios[0]:7.1f}x    {ratios[1]:7.1f}x")
    verdict = "PASS" if lab_fps[1] >= TARGET_FPS and ratios[1] >= TARGET_RATIO else "FAIL"
    print(f"  target >= {TARGET_FPS} fps and >= {TARGET_RATIO}x matplotlib (CPU time): {verdict}")
    print(f"surface recompute 512x512 (evaluate + log + levels + contours): median "
          f"{1000 * statistics.median(surface):.1f} ms, max {1000 * max(surface):.1f} ms over {len(surface)} runs")
    print(f"runs recompute (7 optimizers x 500 steps, with curvature): median "
          f"{1000 * statistics.median(runs):.0f} ms over {len(runs)} runs; with the full divergence check every step "
          f"{1000 * statistics.median(runs_full_check):.0f} ms "
          f"({statistics.median(runs_full_check) / statistics.median(runs):.2f}x)")
    print(f"edit to new surface on screen (worker thread, end to end): median "
          f"{1000 * statistics.median(end_to_end):.1f} ms, max {1000 * max(end_to_end):.1f} ms")


if __name__ == "__main__":
    main()
