"""The scrolling column of panels at the right of each lab."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from .menu_action import make_toggle


def side_panel(*panels: QWidget, minimum_width: int) -> QScrollArea:
    """Stack ``panels`` top to bottom in a scroll area, so small screens can still reach them."""
    column = QWidget()
    layout = QVBoxLayout(column)
    for panel in panels:
        layout.addWidget(panel)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(column)
    scroll.setWidgetResizable(True)
    scroll.setMinimumWidth(minimum_width)
    return scroll


def side_panel_toggle(parent: QObject, panel: QWidget, shortcut: str) -> QAction:
    """A View-menu entry that folds the side panel away, for more room for the plots (a small screen)."""
    return make_toggle(parent, "Side &panel", panel.setVisible, True, shortcut,
                       "Show or hide the panels at the right, to give the plots the room")
