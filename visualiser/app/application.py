"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from .. import __version__

ORGANIZATION = "visualiser"
APPLICATION = "visualiser"


def configure_pyqtgraph() -> None:
    # Row-major images keep x and y the right way round; white suits projectors and handouts.
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", background="w", foreground="k")


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("visualiser")
    app.setApplicationVersion(__version__)
    configure_pyqtgraph()
    return app


def _play_once(window):
    """Start the animation when the first run arrives, then stay out of the way."""
    def play(_count: int) -> None:
        window.roots_lab.historyChanged.disconnect(play)
        window.play_from_start()
    return play


def run_app(argv: list[str] | None = None) -> int:
    from ..engine.symbolic_worker import SYMBOLIC_WORKER
    from .main_window import MainWindow

    app = create_application(argv)
    SYMBOLIC_WORKER.start()  # warm the derivative process while the window appears
    window = MainWindow()
    window.show()
    window.roots_lab.historyChanged.connect(_play_once(window))
    return app.exec()
