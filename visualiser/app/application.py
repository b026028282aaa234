"""Create the QApplication and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import __version__
from ..desktop_integration import APP_ID
from .app_icon import application_icon
from .pixmap_cache import fit_pixmap_cache_to_screens

ORGANIZATION = "visualiser"
APPLICATION = "visualiser"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("visualiser")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(application_icon())  # every window's, and the taskbar's where the desktop asks Qt
    app.setDesktopFileName(APP_ID)  # Wayland finds the installed desktop entry, and its icon, by this name
    fit_pixmap_cache_to_screens(app)
    return app


def _play_once(window):
    """Play the first lab's first run from the start when it arrives (if it has steps), then stay out of the way."""
    lab = window.current_lab

    def play() -> None:
        lab.timelineChanged.disconnect(play)
        if lab.frame_count > 1 and window.current_lab is lab:
            window.play_from_start()
    lab.timelineChanged.connect(play)


def run_app(argv: list[str] | None = None, lesson: str | None = None) -> int:
    """The window, on the lesson file ``lesson`` if one is given (one that cannot be read is explained)."""
    from ..engine.symbolic_worker import SYMBOLIC_WORKER
    from .main_window import MainWindow

    app = create_application(argv)
    SYMBOLIC_WORKER.start()  # warm the derivative process while the window appears
    window = MainWindow(open_labs=False)  # on screen at once; its labs open after its first frame
    window.fit_to_screen()

    def on_labs_opened() -> None:
        _play_once(window)
        if lesson is not None:
            window.lessons.open_path(Path(lesson))
        else:
            window.lessons.offer_to_restore()  # after a crash: the lesson as it was a few seconds before
    window.labsOpened.connect(on_labs_opened)
    window.show()
    return app.exec()
