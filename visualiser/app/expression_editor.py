"""A one-line expression editor: history on Up/Down, debounced re-parse, inline errors."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from superqt.utils import qdebounced

from ..labs import palette

REPARSE_DELAY_MS = 250
HISTORY_LENGTH = 50
CARET_MAX_LENGTH = 120  # longer texts would not fit the window: the column in words suffices
ERROR_STYLE = f"QLineEdit {{ border: 2px solid {palette.VERMILLION}; border-radius: 3px; padding: 2px; }}"


class HistoryLineEdit(QLineEdit):
    """QLineEdit whose Up and Down keys walk through previously accepted expressions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, text: str) -> None:
        text = text.strip()
        if text:
            if text in self.history:
                self.history.remove(text)
            self.history.append(text)
            del self.history[:-HISTORY_LENGTH]
        self._position = len(self.history)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Up and self.history:
            if self._position == len(self.history):
                self._draft = self.text()
            self._position = max(0, self._position - 1)
            if self.history[self._position] == self.text() and self._position > 0:
                self._position -= 1  # the shown text is already the newest entry: go one further
            self._recall()
        elif key == Qt.Key.Key_Down and self._position < len(self.history):
            self._position += 1
            self._recall()
        else:
            super().keyPressEvent(event)

    def _recall(self) -> None:
        text = self._draft if self._position == len(self.history) else self.history[self._position]
        self.setText(text)
        self.textEdited.emit(text)  # a recalled expression is re-parsed like a typed one


class ExpressionEditor(QWidget):
    """Label + line edit + error line. Emits ``expressionChanged`` after typing pauses."""

    expressionChanged = Signal(str)

    def __init__(self, label: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.line_edit = HistoryLineEdit()
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.setToolTip(
            "Type a function: ^ for powers, implicit multiplication (2x, 3(x+1)), "
            "sin cos tan exp log sqrt abs min max ...; other letters become parameters with sliders.\n"
            "Up/Down recall earlier expressions.")
        font = self.line_edit.font()
        font.setPointSize(font.pointSize() + 3)
        self.line_edit.setFont(font)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {palette.ERROR_TEXT};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # The text again with a caret under the offending column, in a fixed-width font.
        self.caret_label = QLabel()
        self.caret_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caret_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.caret_label.setStyleSheet(f"color: {palette.ERROR_TEXT};")
        self.caret_label.hide()

        row = QHBoxLayout()
        caption = QLabel(label)
        caption.setFont(font)
        row.addWidget(caption)
        row.addWidget(self.line_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.caret_label)

        self.line_edit.textEdited.connect(self._on_text_edited)
        self.line_edit.returnPressed.connect(self._emit_now)

    @property
    def text(self) -> str:
        return self.line_edit.text()

    def show_text(self, text: str) -> None:
        """Show the scene's expression (an example, a restored session) without re-emitting it."""
        if text != self.line_edit.text():
            self.line_edit.setText(text)
        self.clear_error()

    @qdebounced(timeout=REPARSE_DELAY_MS)
    def _on_text_edited(self, _text: str) -> None:
        self._emit_now()

    def _emit_now(self) -> None:
        self.expressionChanged.emit(self.line_edit.text())

    def show_error(self, message: str, column: int | None = None) -> None:
        """Show why the text was refused; the previous good result stays on screen."""
        self.error_label.setText(message)
        self.error_label.show()
        text = self.line_edit.text()
        if column is not None and len(text) <= CARET_MAX_LENGTH:
            self.caret_label.setText(f"{text}\n{' ' * (column - 1)}^")
            self.caret_label.show()
        else:
            self.caret_label.hide()
        self.line_edit.setStyleSheet(ERROR_STYLE)

    def clear_error(self) -> None:
        self.error_label.hide()
        self.caret_label.hide()
        self.line_edit.setStyleSheet("")

    def remember(self, text: str) -> None:
        """``text`` compiled: Up recalls it from now on."""
        self.line_edit.remember(text)
