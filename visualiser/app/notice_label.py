"""The lines under a lab's editor that say what happened: a result, or one sentence on what went wrong.

The label keeps the same height whatever it says (two lines), so that a long notice never pushes
the plots down under the person's mouse: more lines than fit are summed up in the last one, and
the whole notice is the tooltip.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from ..labs.palette import ERROR_TEXT

SHOWN_LINES = 2
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


class NoticeLabel(QLabel):
    def __init__(self, tooltip: str, parent=None):
        super().__init__(parent)
        self._description = tooltip
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit_lines()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode's larger type: still two whole lines
            self._fit_lines()

    def _fit_lines(self) -> None:
        self.setFixedHeight(SHOWN_LINES * self.fontMetrics().lineSpacing() + 4)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show ``text`` (rich text, lines split by <br>); lines past the second are summed up."""
        lines = _LINE_BREAK.split(text)
        if len(lines) > SHOWN_LINES:
            hidden = len(lines) - SHOWN_LINES + 1
            lines = [*lines[:SHOWN_LINES - 1], f"<i>… and {hidden} more (hover to read them all)</i>"]
        plain = html.unescape(_TAG.sub("", _LINE_BREAK.sub("\n", text)))
        self.setToolTip(f"{plain}\n\n{self._description}" if plain else self._description)
        super().setText("<br>".join(lines))

    def show_error(self, message: str) -> None:
        self.setText(f"<span style='color:{ERROR_TEXT}'>{html.escape(message)}</span>")
