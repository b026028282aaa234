"""A curve drawn through fewer of its samples where leaving them out moves it by less than a tenth of a pixel.

Qt strokes a pen wider than one pixel segment by segment, and the root lab's f(x), 2000 samples
2.5 px wide, took 3-4 ms a frame to draw while auto-zoom moved the view every frame (more than the
rest of the plot together; benchmarks/bench_roots_fps.py). Zoomed in on a root, f is all but a
straight line across the view, and most of its samples lie on the segment between their
neighbours. matplotlib simplifies its paths the same way before drawing them (``path.simplify``,
within 1/9 of a pixel). The samples themselves are kept (``getData`` returns them all); only the
path drawn is simplified, for the pixel size it is drawn at, and made again when that changes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

TOLERANCE = 0.1  # device pixels that a left-out sample may be from the line drawn
FIRST_SEGMENT = 64  # samples a segment spans before it is first checked (then halved where needed)


def simplified_indices(us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """The indices of the points (``us``, ``vs``), in units of the tolerance, to draw the polyline through.

    Every point left out is within 1 of the segment between the kept points on either side of it. Found
    as Douglas and Peucker's algorithm finds them, but a level at a time across all segments (no Python
    loop over points): a segment whose inner points are all near its chord is drawn as the chord, the
    others are halved. A point that is not finite (a break in the curve) is always kept, with its neighbours.
    """
    count = len(us)
    if count <= 2:
        return np.arange(count)
    starts = np.arange(0, count - 1, FIRST_SEGMENT)
    ends = np.minimum(starts + FIRST_SEGMENT, count - 1)
    kept = [np.array([0, count - 1])]
    while starts.size:
        inner = starts[:, None] + np.arange(1, int((ends - starts).max()))[None, :]
        outside = inner >= ends[:, None]  # past a shorter segment's end
        near = _within_one(us, vs, starts[:, None], ends[:, None], np.minimum(inner, count - 1)) | outside
        accepted = near.all(axis=1)  # (a segment of two neighbours has no inner point: always accepted)
        kept += [starts[accepted], ends[accepted]]
        starts, ends = starts[~accepted], ends[~accepted]
        middles = (starts + ends) // 2
        starts, ends = np.concatenate([starts, middles]), np.concatenate([middles, ends])
    return np.unique(np.concatenate(kept))


def _within_one(us, vs, starts, ends, points) -> np.ndarray:
    """Whether each point is within 1 of the segment from its start to its end (False if anything is not finite)."""
    ax, ay = us[starts], vs[starts]
    dx, dy = us[ends] - ax, vs[ends] - ay
    px, py = us[points] - ax, vs[points] - ay
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        squared = dx * dx + dy * dy
        along = np.clip(np.where(squared > 0, (px * dx + py * dy) / squared, 0.0), 0.0, 1.0)
        ex, ey = px - along * dx, py - along * dy
        return ex * ex + ey * ey <= 1.0


class SimplifiedCurve(pg.PlotCurveItem):
    """A PlotCurveItem whose drawn path leaves out the samples that the line passes within TOLERANCE pixels of."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pixel: tuple[float, float] | None = None  # data units per device pixel the path was made for

    def generatePath(self, x, y):
        pixel = self._pixel_size()
        self._pixel = pixel
        if pixel is None or self.opts["stepMode"] or self.opts["connect"] not in ("all", "finite"):
            return super().generatePath(x, y)
        width, height = pixel
        keep = simplified_indices(np.asarray(x, dtype=float) / (TOLERANCE * width),
                                  np.asarray(y, dtype=float) / (TOLERANCE * height))
        return super().generatePath(x[keep], y[keep])

    def viewTransformChanged(self):
        super().viewTransformChanged()
        if self._pixel is not None and self._pixel_size() != self._pixel:
            # Zoomed or resized: simplified afresh, for the new pixel size (the line drawn depends on the view
            # alone, never on the views before it).
            self.path = None
            self.update()

    def _pixel_size(self) -> tuple[float, float] | None:
        vectors = self.pixelVectors()
        if vectors is None or vectors[0] is None:
            return None
        width, height = abs(vectors[0].x()), abs(vectors[1].y())
        if not (width > 0 and height > 0 and np.isfinite(width) and np.isfinite(height)):
            return None
        return width, height
