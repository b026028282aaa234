"""Whether a 3-D view (pyqtgraph.opengl) can be shown here: the descent lab's surface and the vector lab's PCA.

OpenGL does not work everywhere: Qt's offscreen platform (the tests) has none, and old drivers
or a broken PyOpenGL fail to make a context. A lab asks once and, given a reason, disables its
3-D option with that sentence as the tooltip instead of crashing.
"""

from __future__ import annotations

import functools
import importlib

from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext


@functools.cache  # the answer holds while the app runs
def opengl_unavailable_reason() -> str | None:
    """None when a 3-D view can be shown here, else one sentence saying why not."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return f"3-D view unavailable: Qt runs on the '{platform}' platform, which has no OpenGL"
    try:
        importlib.import_module("pyqtgraph.opengl")  # needs PyOpenGL
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
