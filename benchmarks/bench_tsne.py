"""t-SNE on the 1,797 digits: iterations a second in the app while the plot redraws, against scikit-learn.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_tsne.py [ITERATIONS]

1. In the app: the vector-space lab on the digits, t-SNE streamed from its worker; every redraw
   of the figure is forced to paint (the plot's viewport is repainted, as a screen would), and the
   iterations received per second of wall time are counted, with the frames painted.
2. The engine alone: the same iterations with nothing drawn, and the P computation before them.
3. scikit-learn's TSNE (Barnes-Hut, its default; same perplexity, learning rate and start), its
   total time for 1,000 iterations, against ours for 1,000 (P plus 1,000 iterations at the rate of 2).
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings  # noqa: E402

ITERATIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
SKLEARN_ITERATIONS = 1000
SIZE = (1400, 900)


def wait_until(app, condition, timeout: float = 600.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the lab did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def bench_app() -> tuple[float, int, float]:
    from visualiser.app.application import create_application
    from visualiser.app.main_window import MainWindow

    app = create_application([])
    window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    lab = window.lab("vectors")
    window.tabs.setCurrentWidget(lab)
    window.show()
    wait_until(app, lambda: lab.result is not None)
    lab.edit(data="digits", selected=None)
    wait_until(app, lambda: lab.result is not None and lab.result.data.name == "digits")
    painted = []
    lab.timelineChanged.connect(lambda: (lab.figure_view.viewport().repaint(), painted.append(len(lab.history))))
    lab.edit(method="tsne", iterations=ITERATIONS)
    wait_until(app, lambda: len(lab.history) >= 1)  # P is computed: the iterations start
    start, first = time.perf_counter(), len(lab.history)
    frames_before = len(painted)
    wait_until(app, lambda: len(lab.history) > ITERATIONS)
    elapsed = time.perf_counter() - start
    frames = len(painted) - frames_before
    lab.tsne.stop()
    window.close()
    return (len(lab.history) - first) / elapsed, frames, elapsed


def bench_engine(data: np.ndarray) -> tuple[float, float]:
    from visualiser.engine.vectors import TsneSettings, iterate_tsne

    start = time.perf_counter()
    steps = iterate_tsne(data, TsneSettings())
    next(steps)
    p_time = time.perf_counter() - start
    start = time.perf_counter()
    for _ in itertools.islice(steps, ITERATIONS):
        pass
    return p_time, ITERATIONS / (time.perf_counter() - start)


def bench_sklearn(data: np.ndarray) -> tuple[float, float]:
    from sklearn.manifold import TSNE

    start = time.perf_counter()
    tsne = TSNE(perplexity=30, max_iter=SKLEARN_ITERATIONS, init="random", random_state=0, method="barnes_hut")
    tsne.fit(data)
    return time.perf_counter() - start, float(tsne.kl_divergence_)


def main() -> None:
    from visualiser.engine.vectors import builtin_set

    data = builtin_set("digits").vectors.astype(np.float64)
    rate, frames, elapsed = bench_app()
    print(f"app: {rate:.1f} iterations/s over {ITERATIONS} iterations on the digits, {frames} frames painted "
          f"({frames / elapsed:.1f} fps) while they streamed")
    p_time, engine_rate = bench_engine(data)
    print(f"engine alone: P in {p_time:.2f} s, then {engine_rate:.1f} iterations/s "
          f"(the app keeps {rate / engine_rate:.0%} of it while drawing)")
    sklearn_time, sklearn_kl = bench_sklearn(data)
    ours = p_time + SKLEARN_ITERATIONS / engine_rate
    print(f"scikit-learn TSNE (Barnes-Hut), {SKLEARN_ITERATIONS} iterations: {sklearn_time:.1f} s total "
          f"(KL {sklearn_kl:.4f}); ours for {SKLEARN_ITERATIONS}: {ours:.1f} s, {ours / sklearn_time:.2f}x its time; "
          f"in the app, {p_time + SKLEARN_ITERATIONS / rate:.1f} s")


if __name__ == "__main__":
    main()
