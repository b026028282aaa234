"""Neighbours and analogies: type a word (or click a point) for its nearest neighbours; a - b + c for an analogy."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget
from superqt.utils import signals_blocked

from ...engine.vectors import NeighbourList
from ...labs.vectors.compute import VectorResult
from ...labs.vectors.scene import MAX_NEIGHBOURS, VectorScene


def neighbour_table(found: NeighbourList | str, with_rows: bool = False) -> str:
    """The neighbours best first with their cosines, as they are (a poor answer is shown as poor), or why none.

    ``with_rows``: each neighbour's row too, for data whose labels repeat.
    """
    if isinstance(found, str):
        return f"<i>{html.escape(found)}</i>"
    rows = "".join(f"<tr><td align='right'>{rank}.&nbsp;</td><td>{html.escape(n.word)}</td>"
                   + (f"<td style='color:#777777'>&nbsp;row {n.row}</td>" if with_rows else "")
                   + f"<td align='right'>&nbsp;{n.similarity:.3f}</td></tr>"
                   for rank, n in enumerate(found.neighbours, start=1))
    return f"<table>{rows}</table>"


class WordsPanel(QWidget):
    wordEntered = Signal(str)
    edited = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        neighbours = QGroupBox("Nearest neighbours (cosine)")
        self.word = QLineEdit()
        self.word.setPlaceholderText("a word, or click a point")
        self.word.returnPressed.connect(lambda: self.wordEntered.emit(self.word.text().strip()))
        self.count = QSpinBox()
        self.count.setRange(1, MAX_NEIGHBOURS)
        self.count.setToolTip("How many neighbours to list")
        self.count.valueChanged.connect(lambda k: self.edited.emit({"neighbour_count": int(k)}))
        row = QHBoxLayout()
        row.addWidget(self.word, 1)
        row.addWidget(self.count)
        self.neighbours = QLabel()
        self.neighbours.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(neighbours)
        layout.addLayout(row)
        layout.addWidget(self.neighbours)

        analogy = QGroupBox("Analogy: a − b + c")
        self.analogy_words = [QLineEdit() for _ in range(3)]
        form = QFormLayout()
        for label, box in zip(("a", "− b", "+ c"), self.analogy_words):
            box.editingFinished.connect(self._on_analogy)
            form.addRow(label, box)
        self.answers = QLabel()
        self.answers.setTextFormat(Qt.TextFormat.RichText)
        self.answers.setToolTip("The words nearest a − b + c (each scaled to length 1), a, b and c left out")
        analogy_layout = QVBoxLayout(analogy)
        analogy_layout.addLayout(form)
        analogy_layout.addWidget(self.answers)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(neighbours)
        outer.addWidget(analogy)

    def _on_analogy(self) -> None:
        words = tuple(box.text().strip() for box in self.analogy_words)
        self.edited.emit({"analogy": words})

    def show_scene(self, scene: VectorScene) -> None:
        with signals_blocked(self.count):
            self.count.setValue(scene.neighbour_count)
        for box, word in zip(self.analogy_words, scene.analogy):
            if box.text().strip() != word:
                box.setText(word)

    def show_result(self, result: VectorResult) -> None:
        found = result.neighbours
        if not isinstance(found, str) and not self.word.hasFocus():
            self.word.setText(found.query[0])
        self.neighbours.setText(neighbour_table(found, result.data.labels_repeat))
        self.answers.setText(neighbour_table(result.analogy, result.data.labels_repeat))
