"""The lesson beside the labs: its title, which scene is shown, the scene's note, and the way through it.

The note is shown as the little HTML visualiser.labs.notes makes of it (a shared lesson's note is
escaped text, never markup of its own); Edit turns the view into the note's plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QStackedWidget,
                               QTextBrowser, QToolButton, QVBoxLayout, QWidget)
from superqt.utils import signals_blocked

from ..labs.lesson_document import LessonDocument
from ..labs.notes import note_html

NOTE_STYLE = "p { margin-bottom: 0.6em; } code { font-family: monospace; }"


class LessonPanel(QWidget):
    previousRequested = Signal()
    nextRequested = Signal()
    addRequested = Signal()
    removeRequested = Signal()
    noteEdited = Signal(str)
    titleEdited = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setToolTip("The lesson's title")
        self.position = QLabel()
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.document().setDefaultStyleSheet(NOTE_STYLE)
        self.view.setToolTip("The note for this scene, to read aloud")
        self.editor = QPlainTextEdit()
        self.editor.setToolTip("Markdown-light: a blank line between paragraphs, **bold**, *italic*, `maths`")
        self.notes = QStackedWidget()
        self.notes.addWidget(self.view)
        self.notes.addWidget(self.editor)
        self.edit = QPushButton("Edit note")
        self.edit.setCheckable(True)
        self.edit.setToolTip("Write this scene's note; press again to show it")
        self.previous = self._tool("◀", "The previous scene of the lesson (PageUp in presentation mode)")
        self.next = self._tool("▶", "The next scene of the lesson (PageDown in presentation mode)")
        self.add = self._tool("+", "Add the scene on screen to the lesson, after this one")
        self.remove = self._tool("−", "Remove this scene from the lesson")

        steps = QHBoxLayout()
        for widget in (self.previous, self.position, self.next):
            steps.addWidget(widget)
        steps.addStretch(1)
        for widget in (self.add, self.remove, self.edit):
            steps.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(steps)
        layout.addWidget(self.notes, 1)

        self.previous.clicked.connect(self.previousRequested)
        self.next.clicked.connect(self.nextRequested)
        self.add.clicked.connect(self.addRequested)
        self.remove.clicked.connect(self.removeRequested)
        self.edit.toggled.connect(self._on_edit)
        self.title.editingFinished.connect(lambda: self.titleEdited.emit(self.title.text().strip() or "Untitled lesson"))

    @staticmethod
    def _tool(text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        return button

    def show_document(self, document: LessonDocument) -> None:
        with signals_blocked(self.title):
            self.title.setText(document.lesson.title)
        self.position.setText(f"scene {document.index + 1} of {document.count}")
        self.previous.setEnabled(document.index > 0)
        self.next.setEnabled(document.index < document.count - 1)
        self.remove.setEnabled(document.count > 1)
        note = document.current.note
        self.view.setHtml(note_html(note) or "<p style='color:gray'>No note for this scene.</p>")
        if not self.edit.isChecked():
            with signals_blocked(self.editor):
                self.editor.setPlainText(note)

    def _on_edit(self, editing: bool) -> None:
        self.notes.setCurrentWidget(self.editor if editing else self.view)
        self.edit.setText("Show note" if editing else "Edit note")
        if not editing:
            self.noteEdited.emit(self.editor.toPlainText())
