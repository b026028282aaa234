"""An optional 3-D view of the surface with the paths on it (pyqtgraph.opengl), in a box with labelled axes.

OpenGL does not work everywhere (offscreen tests, old drivers): ``visualiser.app.opengl`` says
why, and the lab then disables the option with that reason as its tooltip instead of crashing.
"""

from __future__ import annotations

import math

import numpy as np

from ...labs.descent.loss_scales import scale_ticks

SURFACE_POINTS = 128  # a 3-D mesh finer than this adds nothing visible and costs frame rate
HEIGHT = 0.5          # the surface's height as a fraction of its width
TICK = 0.05           # the length of a tick mark, as a fraction of the box's half width
Z_TICKS = 4           # at most this many values up the loss axis
PATH_LIFT = 0.01      # paths float this far above the surface, so that it does not hide them


def _scaled(grid):
    """Map x, y to [-1, 1] and the loss (or its log) to [0, 2 HEIGHT] so any surface fits the camera."""
    (x0, x1), (y0, y1) = grid.x_range, grid.y_range
    low, high = grid.levels

    def fx(x):
        return 2 * (np.asarray(x) - x0) / (x1 - x0) - 1

    def fy(y):
        return 2 * (np.asarray(y) - y0) / (y1 - y0) - 1

    def fz(value):
        return 2 * HEIGHT * (np.clip(value, low, high) - low) / (high - low)

    return fx, fy, fz


def path_in_box(points: np.ndarray, surface_height) -> np.ndarray:
    """The part of a path (scaled ``(n, 3)`` points) inside the box |x| <= 1, |y| <= 1.

    It ends where the path first leaves the box, on the face it leaves through (a diverged run
    does not fly off across the window), and begins on the face where it first enters, if it
    starts outside; there it lies on the surface, ``surface_height(x, y)`` high. Heights inside
    are already clamped to the box by the scaling.
    """
    inside = np.all(np.abs(points[:, :2]) <= 1.0, axis=1)
    if not inside.any():
        return np.zeros((0, 3))
    first = int(np.argmax(inside))
    leaves = np.flatnonzero(~inside[first:])
    end = first + int(leaves[0]) if len(leaves) else len(points)
    kept = [points[first:end]]
    if first > 0:
        kept.insert(0, _face_point(points[first], points[first - 1], surface_height))
    if end < len(points):
        kept.append(_face_point(points[end - 1], points[end], surface_height))
    return np.concatenate(kept)


def _face_point(inside: np.ndarray, outside: np.ndarray, surface_height) -> np.ndarray:
    """Where the segment from a point in the box to one outside it crosses the box's face, on the surface."""
    delta = (outside - inside)[:2]
    reach = 1.0
    for axis in (0, 1):
        if delta[axis] != 0:
            reach = min(reach, (np.sign(delta[axis]) - inside[axis]) / delta[axis])
    x, y = np.clip(inside[:2] + max(reach, 0.0) * delta, -1.0, 1.0)
    return np.array([[x, y, surface_height(x, y) + PATH_LIFT]])


def nice_ticks(low: float, high: float, count: int = 5) -> np.ndarray:
    """Round numbers (1, 2 or 5 times a power of ten apart) from ``low`` to ``high``, about ``count`` of them."""
    span = high - low
    if not span > 0:
        return np.array([low])
    step = 10.0 ** math.floor(math.log10(span / count))
    step *= next(m for m in (1, 2, 5, 10) if span / (m * step) <= count)
    return np.arange(math.ceil(low / step) * step, high + 1e-9 * step, step)


def axis_ticks(grid) -> dict[str, list[tuple[np.ndarray, str]]]:
    """Tick marks of the box's three axes, as (scaled point, text): x and y in round numbers, the loss in
    the colour bar's values (decades on a log scale)."""
    fx, fy, fz = _scaled(grid)
    low, high = grid.levels
    scale = grid.colour_scale
    heights = scale_ticks(scale, low, high, Z_TICKS) or [(value, f"{value:.3g}") for value in
                                                         nice_ticks(low, high, Z_TICKS)]
    return {
        "x": [(np.array([fx(v), -1.0, 0.0]), f"{v:g}") for v in nice_ticks(*grid.x_range)],
        "y": [(np.array([1.0, fy(v), 0.0]), f"{v:g}") for v in nice_ticks(*grid.y_range)],
        "loss": [(np.array([-1.0, 1.0, float(fz(position))]), text) for position, text in heights],
    }


def create_surface_view():
    """A GLViewWidget showing a surface and paths; call only when ``opengl_unavailable_reason()`` is None."""
    import pyqtgraph as pg
    import pyqtgraph.opengl as gl
    from PySide6.QtGui import QFont

    font = QFont()
    font.setPointSize(9)
    top = 2 * HEIGHT
    # The floor of the box, and its edges along x (front), y (right) and the loss (back left, upright).
    frame = np.array([[-1, -1, 0], [1, -1, 0], [1, -1, 0], [1, 1, 0], [1, 1, 0], [-1, 1, 0], [-1, 1, 0], [-1, -1, 0],
                      [-1, 1, 0], [-1, 1, top]], dtype=np.float64)
    # Where each axis's ticks point (outwards from the box) and its name sits.
    outwards = {"x": np.array([0.0, -TICK, 0.0]), "y": np.array([TICK, 0.0, 0.0]), "loss": np.array([-TICK, 0.0, 0.0])}
    name_at = {"x": np.array([0.0, -1 - 4 * TICK, 0.0]), "y": np.array([1 + 4 * TICK, 0.0, 0.0]),
               "loss": np.array([-1.0, 1.0, top + 2 * TICK])}

    class Surface3DView(gl.GLViewWidget):
        def __init__(self):
            super().__init__()
            self.setCameraPosition(distance=4.0, elevation=35, azimuth=-60)
            self.surface = gl.GLSurfacePlotItem(shader=None, smooth=False, computeNormals=False)
            self.addItem(self.surface)
            self.box = gl.GLLinePlotItem(pos=frame, mode="lines", color=(0, 0, 0, 1), width=1.5, antialias=True)
            self.addItem(self.box)
            self.ticks = gl.GLLinePlotItem(mode="lines", color=(0, 0, 0, 1), width=1.5, antialias=True)
            self.addItem(self.ticks)
            self.labels: list = []  # tick values and the axes' names
            self.paths: list = []
            self.grid = None
            self.heights = np.zeros((1, 1))
            self.colour_map = pg.colormap.get("viridis")

        def set_grid(self, grid) -> None:
            self.grid = grid
            step = max(1, grid.image.shape[0] // SURFACE_POINTS)
            image = grid.image[::step, ::step].astype(np.float64)
            rows, columns = image.shape
            fx, fy, fz = _scaled(grid)
            xs = fx(np.linspace(*grid.x_range, columns))
            ys = fy(np.linspace(*grid.y_range, rows))
            heights = np.where(np.isfinite(image), fz(np.nan_to_num(image, nan=grid.levels[1])), 2 * HEIGHT)
            self.heights = heights  # (rows = y, columns = x)
            low, high = grid.levels
            colours = self.colour_map.map((np.clip(np.nan_to_num(image, nan=high), low, high) - low) / (high - low),
                                          mode="float")
            # GLSurfacePlotItem indexes z as [x, y] and wants colours as (N*M, 4).
            self.surface.setData(x=xs, y=ys, z=heights.T, colors=colours.reshape(rows, columns, 4)
                                 .transpose(1, 0, 2).reshape(-1, 4))
            self._set_axes(grid)

        def _set_axes(self, grid) -> None:
            ticks = axis_ticks(grid)
            marks = [point for axis, points in ticks.items() for at, _ in points
                     for point in (at, at + outwards[axis])]
            self.ticks.setData(pos=np.array(marks).reshape(-1, 3))
            texts = [(at + 2 * outwards[axis], text) for axis, points in ticks.items() for at, text in points]
            texts += [(name_at["x"], "x"), (name_at["y"], "y"), (name_at["loss"], grid.colour_label)]
            while len(self.labels) > len(texts):
                self.removeItem(self.labels.pop())
            while len(self.labels) < len(texts):
                label = gl.GLTextItem(font=font, color=(0, 0, 0, 255))
                self.addItem(label)
                self.labels.append(label)
            for label, (at, text) in zip(self.labels, texts):
                label.setData(pos=at, text=text)

        def set_paths(self, traces, frame: int) -> None:
            while len(self.paths) > len(traces):
                self.removeItem(self.paths.pop())
            while len(self.paths) < len(traces):
                item = gl.GLLinePlotItem(width=2.5, antialias=True)
                self.addItem(item)
                self.paths.append(item)
            if self.grid is None:
                return
            fx, fy, fz = _scaled(self.grid)
            for item, trace in zip(self.paths, traces):
                last = min(frame, len(trace.path) - 1)
                path = trace.path[: last + 1]
                heights = fz(self.grid.loss_to_image(trace.loss[: last + 1])) + PATH_LIFT
                points = np.column_stack([fx(path[:, 0]), fy(path[:, 1]), np.nan_to_num(heights)])
                item.setData(pos=path_in_box(points, self._surface_height), color=pg.mkColor(trace.colour).getRgbF())

        def _surface_height(self, x: float, y: float) -> float:
            """The mesh's height nearest to the scaled point (x, y)."""
            rows, columns = self.heights.shape
            row = int(round((y + 1) / 2 * (rows - 1)))
            column = int(round((x + 1) / 2 * (columns - 1)))
            return float(self.heights[row, column])

    return Surface3DView()
