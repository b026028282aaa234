"""Menu actions, made one way everywhere: text, shortcut, tooltip and status tip together."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(parent: QObject, text: str, slot: Callable, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(slot)
    return action


def make_toggle(parent: QObject, text: str, on_toggled: Callable[[bool], None], checked: bool, shortcut=None,
                tip: str = "") -> QAction:
    """A menu entry with a check mark; whoever owns the setting calls ``show_checked`` when it changes."""
    action = make_action(parent, text, lambda: on_toggled(action.isChecked()), shortcut, tip)
    action.setCheckable(True)
    action.setChecked(checked)
    return action


def show_checked(action: QAction, checked: bool) -> None:
    """Put the check mark where the setting is, without the action acting on it."""
    action.blockSignals(True)
    action.setChecked(checked)
    action.blockSignals(False)
