"""A figure drawn without a window: in a view that is never shown, at a fixed size.

pyqtgraph's items measure themselves in device pixels through the view they are shown in (marker
sizes, labels, arrow heads, the exporters' sizes), so a figure needs a view even off screen; this
one has ``WA_DontShowOnScreen``, which lays it out and paints it as if shown, on any Qt platform.
"""

from __future__ import annotations

import os
from typing import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ..labs.palette import OKABE_ITO, Palette
from ..labs.rejection import Rejected
from ..labs.scene import Scene
from ..labs.scene_file import scene_lab
from .export import figure_image
from .registry import FIGURES
from .style import FigureStyle

DEFAULT_SIZE = (1000, 800)


_APPLICATION: list[QApplication] = []  # a QApplication must outlive every widget: kept here, never collected


def headless_application() -> QApplication:
    """The running QApplication, or a new one on Qt's offscreen platform (no display needed)."""
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["visualiser"])
        _APPLICATION.append(app)
    return app


def scene_image(scene: Scene, size: tuple[int, int], scale: float, result=None,
                picture: Callable = figure_image, palette: Palette = OKABE_ITO) -> QImage | bytes:
    """``scene`` at its own frame, drawn ``size`` pixels large at ``scale`` in ``palette`` from ``result`` (see
    :meth:`OffscreenFigure.show`; raises ValueError if the scene is refused), as ``picture`` makes one of
    the figure (``export.figure_svg``: SVG)."""
    figure = OffscreenFigure(scene, size, scale, result, palette)
    try:
        figure.draw()
        return picture(figure.figure)
    finally:
        figure.close()


class OffscreenFigure:
    """The figure of ``scene``'s lab, ``size`` pixels large, drawn at ``frame`` (None: the scene's).

    At ``scale`` 2 and twice the size it draws the picture of scale 1 at twice the pixel density:
    lines, markers, text and legends twice as large (see :mod:`.style`); ``palette``: its colours (a
    window's figure in presentation mode draws in ``HIGH_CONTRAST``, and so does its export).
    """

    def __init__(self, scene: Scene, size: tuple[int, int] = DEFAULT_SIZE, scale: float = 1.0, result=None,
                 palette: Palette = OKABE_ITO):
        self._app = headless_application()
        self._kind = FIGURES[scene_lab(scene)]
        self.figure = self._kind.figure()
        style = FigureStyle(scale, palette)
        if style != self.figure.style:  # a figure is built at scale 1 in Okabe-Ito
            self.figure.set_style(style)
        self.view = pg.GraphicsView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.view.setCentralItem(self.figure)
        self.view.resize(*size)
        self.view.show()
        self._settle()
        self.show(scene, result)

    def show(self, scene: Scene, result=None) -> None:
        """Show ``scene`` drawn from ``result``, what its lab computed for it (an export from the window: the
        window's figure draws it too); None: compute it for this figure now (raises ValueError with the reason
        if it is refused)."""
        self.scene = scene
        self.figure.draw(scene, None, 0)  # frames the scene's view, so that the result is computed for it
        self._settle()
        self.result = result if result is not None else self._kind.compute(scene, self.figure)
        if isinstance(self.result, Rejected):
            raise ValueError(self.result.message)

    @property
    def frame_count(self) -> int:
        return self.result.frame_count

    def draw(self, frame: int | None = None) -> None:
        shown = self.scene.shown_frame(self.frame_count) if frame is None else min(frame, self.frame_count - 1)
        self.figure.draw(self.scene, self.result, shown)
        self._settle()

    def image(self) -> QImage:
        return figure_image(self.figure)

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()

    def _settle(self) -> None:
        """Let Qt lay the figure out (layouts and resizes are delivered as events)."""
        self._app.processEvents()
