"""The line under a lab's editor that says what happened: a result, or one sentence on what went wrong."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..labs.palette import ERROR_TEXT


class NoticeLabel(QLabel):
    def __init__(self, tooltip: str, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(tooltip)

    def show_error(self, message: str) -> None:
        self.setText(f"<span style='color:{ERROR_TEXT}'>{html.escape(message)}</span>")
