"""What the window keeps between runs that is not part of any scene: splitter positions, editor history.

Read back defensively: the settings file is outside the app's control (an older version, a hand
edit, a disk error), and a preference that cannot be read is simply not restored.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

from .expression_editor import HISTORY_LENGTH, HistoryLineEdit


def saved_list(value) -> list:
    """A list read back from QSettings: its ini format returns a one-item list as the item itself."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def save_splitters(settings: QSettings, key: str, splitters: Sequence[QSplitter]) -> None:
    settings.setValue(key, [splitter.saveState() for splitter in splitters])


def restore_splitters(settings: QSettings, key: str, splitters: Sequence[QSplitter]) -> None:
    for splitter, state in zip(splitters, saved_list(settings.value(key))):
        if isinstance(state, QByteArray):
            splitter.restoreState(state)


def save_history(settings: QSettings, key: str, line_edit: HistoryLineEdit) -> None:
    settings.setValue(key, list(line_edit.history))


def restore_history(settings: QSettings, key: str, line_edit: HistoryLineEdit) -> None:
    entries = [entry for entry in saved_list(settings.value(key)) if isinstance(entry, str) and entry.strip()]
    line_edit.history = entries[-HISTORY_LENGTH:]
    line_edit.remember("")
