"""An optional 3-D view of the surface with the paths on it (pyqtgraph.opengl).

OpenGL does not work everywhere (offscreen tests, old drivers): ``opengl_unavailable_reason`` says
why, and the lab then disables the option with that reason as its tooltip instead of crashing.
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

SURFACE_POINTS = 128  # a 3-D mesh finer than this adds nothing visible and costs frame rate
HEIGHT = 0.5          # the surface's height as a fraction of its width


@functools.cache  # the answer holds while the app runs
def opengl_unavailable_reason() -> str | None:
    """None when a 3-D view can be shown here, else one sentence saying why not."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return f"3-D view unavailable: Qt runs on the '{platform}' platform, which has no OpenGL"
    try:
        import pyqtgraph.opengl  # noqa: F401  (needs PyOpenGL)
    except Exception as error:  # ImportError, or a broken PyOpenGL install
        return f"3-D view unavailable: pyqtgraph.opengl cannot be imported ({error})"
    context = QOpenGLContext()
    if not context.create():
        return "3-D view unavailable: no OpenGL context could be created (driver too old or missing)"
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    if not context.makeCurrent(surface):
        return "3-D view unavailable: the OpenGL context could not be made current"
    context.doneCurrent()
    return None


def _scaled(grid):
    """Map x, y to [-1, 1] and the loss (or its log) to [0, 2 HEIGHT] so any surface fits the camera."""
    (x0, x1), (y0, y1) = grid.x_range, grid.y_range
    low, high = grid.levels

    def fx(x):
        return 2 * (x - x0) / (x1 - x0) - 1

    def fy(y):
        return 2 * (y - y0) / (y1 - y0) - 1

    def fz(value):
        return 2 * HEIGHT * (np.clip(value, low, high) - low) / (high - low)

    return fx, fy, fz


def create_surface_view():
    """A GLViewWidget showing a surface and paths; call only when ``opengl_unavailable_reason()`` is None."""
    import pyqtgraph as pg
    import pyqtgraph.opengl as gl

    class Surface3DView(gl.GLViewWidget):
        def __init__(self):
            super().__init__()
            self.setCameraPosition(distance=4.0, elevation=35, azimuth=-60)
            self.surface = gl.GLSurfacePlotItem(shader=None, smooth=False, computeNormals=False)
            self.addItem(self.surface)
            self.paths: list = []
            self.grid = None
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
            low, high = grid.levels
            colours = self.colour_map.map((np.clip(np.nan_to_num(image, nan=high), low, high) - low) / (high - low),
                                          mode="float")
            # GLSurfacePlotItem indexes z as [x, y] and wants colours as (N*M, 4).
            self.surface.setData(x=xs, y=ys, z=heights.T, colors=colours.reshape(rows, columns, 4)
                                 .transpose(1, 0, 2).reshape(-1, 4))

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
                heights = fz(self.grid.loss_to_image(trace.loss[: last + 1])) + 0.01
                points = np.column_stack([fx(path[:, 0]), fy(path[:, 1]), np.nan_to_num(heights)])
                item.setData(pos=points, color=pg.mkColor(trace.colour).getRgbF())

    return Surface3DView()
