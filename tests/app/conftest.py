"""The real main window, with its settings in a temporary file (never the user's own)."""

import pytest
from PySide6.QtCore import QSettings

from visualiser.app.main_window import MainWindow
from visualiser.figures.style import configure_pyqtgraph


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot):
    """Open a window reading a settings file afresh, as a launch of the app does: ``open_window(settings)``."""
    def open_window(settings: QSettings) -> MainWindow:
        configure_pyqtgraph()
        settings.sync()
        window = MainWindow(QSettings(settings.fileName(), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        return window
    return open_window


@pytest.fixture
def main_window(open_window, settings):
    return open_window(settings)
