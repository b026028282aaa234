"""Animation export: a 120-frame 1280x720 MP4 of a descent race, against matplotlib's FuncAnimation.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_animation.py

The race is the descent lab's opening scene (seven optimizers on Rosenbrock, arrows, curvature),
exported the way File > Export animation and ``visualiser render`` do it (AnimationExport: draw a
frame offscreen, grab it, encode it). matplotlib's ``FuncAnimation`` saves the same content (the
surface, contours, paths, points and arrows of ``bench_descent_fps.matplotlib_race``) through a
MovieWriter that hands each frame to the very same PyAV encoder, so the ratio compares drawing and
grabbing, not encoders. matplotlib draws the surface panel only; the lab's picture also has its
loss plot, so the comparison is, if anything, unfair to the lab. GIFs: the lab's (Pillow, FASTOCTREE)
against matplotlib's PillowWriter on the same frames, with their sizes.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from bench_descent_fps import matplotlib_race  # noqa: E402

FRAMES = 120
SIZE = (1280, 720)
FPS = 24


def lab_export(scene, path: Path, frames: int) -> float:
    from visualiser.figures.animation import AnimationExport, frames_to_show
    from visualiser.figures.offscreen import OffscreenFigure

    figure = OffscreenFigure(scene, SIZE)
    started = time.perf_counter()
    AnimationExport(figure, path, frames_to_show(figure.frame_count, frames), FPS).run()
    seconds = time.perf_counter() - started
    figure.close()
    return seconds


def matplotlib_export(state, path: Path, frames: int) -> float:
    import matplotlib.pyplot as plt
    from matplotlib.animation import AbstractMovieWriter, FuncAnimation, PillowWriter

    from visualiser.figures.animation import _Mp4Frames  # the encoder the lab uses, for a fair ratio

    class PyAVWriter(AbstractMovieWriter):
        """A MovieWriter that gives each drawn frame to the lab's own H.264 encoder."""

        def setup(self, fig, outfile, dpi=None):
            super().setup(fig, outfile, dpi)
            self._encoder = _Mp4Frames(Path(outfile), self.fps)

        def grab_frame(self, **savefig_kwargs):
            self.fig.canvas.draw()
            self._encoder.add(np.asarray(self.fig.canvas.buffer_rgba())[..., :3])

        def finish(self):
            self._encoder.close()

    figure, show_frame = matplotlib_race(state)
    shown = np.linspace(0, state["last_frame"], frames).round().astype(int)
    animation = FuncAnimation(figure, lambda k: show_frame(int(shown[k])), frames=frames, repeat=False)
    writer = PyAVWriter(fps=FPS) if path.suffix == ".mp4" else PillowWriter(fps=FPS)
    started = time.perf_counter()
    animation.save(str(path), writer=writer)
    seconds = time.perf_counter() - started
    plt.close(figure)
    return seconds


def main() -> None:
    import av

    from visualiser.figures.offscreen import OffscreenFigure
    from visualiser.labs.registry import LABS

    scene = LABS["descent"].start_scene()
    probe = OffscreenFigure(scene, SIZE)
    state = dict(grid=probe.result.grid, traces=probe.result.traces, width=SIZE[0], height=SIZE[1],
                 last_frame=probe.frame_count - 1)
    probe.close()
    folder = Path(tempfile.mkdtemp())
    rows = []
    for suffix in (".mp4", ".gif"):
        ours, theirs = folder / f"lab{suffix}", folder / f"matplotlib{suffix}"
        lab_seconds = lab_export(scene, ours, FRAMES)
        mpl_seconds = matplotlib_export(state, theirs, FRAMES)
        rows.append((suffix, lab_seconds, ours.stat().st_size, mpl_seconds, theirs.stat().st_size))
    with av.open(str(folder / "lab.mp4")) as container:
        decoded = sum(1 for _ in container.decode(video=0))
    print(f"{FRAMES} frames of the descent lab's opening race (7 runs on Rosenbrock), {SIZE[0]}x{SIZE[1]}, "
          f"{FPS} fps; the lab's MP4 decodes to {decoded} frames")
    for suffix, lab_seconds, lab_bytes, mpl_seconds, mpl_bytes in rows:
        print(f"  {suffix[1:].upper()}: visualiser {lab_seconds:6.2f} s ({FRAMES / lab_seconds:5.1f} frames/s, "
              f"{lab_bytes / 1e6:5.2f} MB); matplotlib FuncAnimation {mpl_seconds:6.2f} s "
              f"({mpl_bytes / 1e6:5.2f} MB); ratio {mpl_seconds / lab_seconds:.1f}x")


if __name__ == "__main__":
    main()
