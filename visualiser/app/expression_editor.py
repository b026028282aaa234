"""A one-line expression editor: history on Up/Down, debounced re-parse, inline errors.

An error never moves the layout: its sentence goes on a line kept free for it under the box, and
the offending column is underlined in red inside the box itself. Enter accepts the text and Esc
leaves the box (``left``), so a teacher's keys reach the plot again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget
from superqt.utils import qdebounced

from ..labs import palette

REPARSE_DELAY_MS = 250
HISTORY_LENGTH = 50
ERROR_STYLE = f"QLineEdit {{ border: 2px solid {palette.VERMILLION}; border-radius: 3px; padding: 2px; }}"
MARK_THICKNESS = 3  # px, the red underline under the offending column


class HistoryLineEdit(QLineEdit):
    """QLineEdit whose Up and Down keys walk through previously accepted expressions.

    ``error_column`` (1-based, or None) is underlined in red: the place a syntax error points at.
    """

    escapePressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history: list[str] = []
        self._position = 0
        self._draft = ""
        self.error_column: int | None = None

    def mark_column(self, column: int | None) -> None:
        self.error_column = column
        self.update()

    def column_span(self, column: int) -> tuple[int, int]:
        """The x range (widget pixels) of the character at ``column``, or a character's width past the end."""
        metrics = self.fontMetrics()
        text = self.text()
        # The cursor's rectangle says where the text is scrolled to; positions are measured from there.
        origin = self.cursorRect().center().x() - metrics.horizontalAdvance(text[: self.cursorPosition()])
        left = origin + metrics.horizontalAdvance(text[: column - 1])
        width = metrics.horizontalAdvance(text[column - 1]) if column <= len(text) else metrics.horizontalAdvance("m")
        return left, left + max(width, 4)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.error_column is None:
            return
        left, right = self.column_span(self.error_column)
        painter = QPainter(self)
        painter.fillRect(QRect(left, self.height() - MARK_THICKNESS - 3, right - left, MARK_THICKNESS),
                         QColor(palette.VERMILLION))
        painter.end()

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
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif key == Qt.Key.Key_Up and self.history:
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


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" to fit (the whole sentence is its tooltip)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() + 2)

    @property
    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)))


class ExpressionEditor(QWidget):
    """Label + line edit + error line. Emits ``expressionChanged`` after typing pauses or on Enter
    (``committed`` too, then), and ``left`` when Esc leaves the box."""

    expressionChanged = Signal(str)
    committed = Signal(str)
    left = Signal()

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
        self.line_edit.setFixedHeight(self.line_edit.sizeHint().height() + 2)  # the error border must not grow it
        self.error_label = ElidedLabel()  # always there, empty without an error: nothing below it jumps
        self.error_label.setStyleSheet(f"color: {palette.ERROR_TEXT};")

        row = QHBoxLayout()
        caption = QLabel(label)
        caption.setFont(font)
        row.addWidget(caption)
        row.addWidget(self.line_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(row)
        layout.addWidget(self.error_label)

        self.line_edit.textEdited.connect(self._on_text_edited)
        self.line_edit.returnPressed.connect(self._commit)
        self.line_edit.escapePressed.connect(self.left)

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

    def _commit(self) -> None:
        self._emit_now()
        self.committed.emit(self.line_edit.text())

    @property
    def has_error(self) -> bool:
        return bool(self.error_label.full_text)

    def show_error(self, message: str, column: int | None = None) -> None:
        """Show why the text was refused; the previous good result stays on screen."""
        self.error_label.set_full_text(message)
        self.line_edit.mark_column(column)
        self.line_edit.setStyleSheet(ERROR_STYLE)

    def clear_error(self) -> None:
        self.error_label.set_full_text("")
        self.line_edit.mark_column(None)
        self.line_edit.setStyleSheet("")

    def remember(self, text: str) -> None:
        """``text`` compiled: Up recalls it from now on."""
        self.line_edit.remember(text)
