"""The search's table: one row per probe (low, high, the rate probed, diverged or not), row k being frame k."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...engine.lr_search import SearchResult
from ...labs import palette

COLUMNS = ("n", "phase", "low", "high", "mid (probed)", "diverged", "steps to tol", "final loss")
DIVERGED_COLUMN = COLUMNS.index("diverged")
DIVERGED_BACKGROUND = QColor(palette.VERMILLION).lighter(175)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


def _rate(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.7g}"


class SearchTable(QTableWidget):
    """Row 0 is the search before any probe; row n the bracket after probe n. A click shows that frame."""

    frameSelected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setToolTip("Every probe of the search; click a row to show the search at that probe")
        self.itemSelectionChanged.connect(self._on_selection)

    def show_search(self, search: SearchResult) -> None:
        self.blockSignals(True)
        self.setRowCount(len(search.steps) + 1)
        for column, text in enumerate(("0", "start", "", "", "", "", "", "")):
            self.setItem(0, column, _cell(text))
        for row, step in enumerate(search.steps, start=1):
            steps = "" if step.steps_to_tolerance is None else str(step.steps_to_tolerance)
            texts = (str(step.iteration), step.phase, _rate(step.low), _rate(step.high), _rate(step.mid),
                     "yes" if step.diverged else "no", steps, f"{step.final_loss:.4g}")
            for column, text in enumerate(texts):
                self.setItem(row, column, _cell(text))
            if step.diverged:
                self.item(row, DIVERGED_COLUMN).setBackground(QBrush(DIVERGED_BACKGROUND))
        self.blockSignals(False)

    def select_frame(self, frame: int) -> None:
        row = min(frame, self.rowCount() - 1)
        if row < 0 or self.currentRow() == row:
            return
        self.blockSignals(True)
        self.selectRow(row)
        self.blockSignals(False)
        self.scrollToItem(self.item(row, 0))

    def _on_selection(self) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            self.frameSelected.emit(rows[0].row())
