"""The scrolling column of panels at the right of each lab."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


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
