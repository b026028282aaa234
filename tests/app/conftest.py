"""The real main window, with its settings in a temporary file (never the user's own)."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from visualiser.app.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A message box would wait for a click that never comes offscreen: questions are answered Discard, and
    warnings noted. A test that is about a dialog replaces these with its own answers."""
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: shown.append(args[2])
                        or QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: shown.append(args[2]))
    return shown


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def state(tmp_path):
    """The folder the autosave goes to (the user's ~/.local/state/visualiser in the app)."""
    return tmp_path / "state"


@pytest.fixture
def open_window(qtbot, state):
    """Open a window reading a settings file afresh, as a launch of the app does: ``open_window(settings)``."""
    def open_window(settings: QSettings) -> MainWindow:
        settings.sync()
        window = MainWindow(QSettings(settings.fileName(), QSettings.Format.IniFormat), state)
        qtbot.addWidget(window)
        window.show()
        return window
    return open_window


@pytest.fixture
def main_window(open_window, settings):
    return open_window(settings)


@pytest.fixture
def descent_lab(qtbot, main_window):
    """The window's descent lab on screen, its opening race of seven runs computed."""
    lab = main_window.lab("descent")
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: len(lab.traces) == 7 and lab.result.grid is not None, timeout=20_000)
    return lab
