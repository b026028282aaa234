"""The real main window, with its settings in a temporary file (never the user's own)."""

import pytest
from PySide6.QtCore import QSettings

from visualiser.app.application import configure_pyqtgraph
from visualiser.app.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot, settings):
    configure_pyqtgraph()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window
