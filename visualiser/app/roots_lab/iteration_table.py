"""The iteration table (n, a, b, x, f(x), width, error bound), its selected row following the timeline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...engine.roots import RootResult

COLUMNS = ("n", "a", "b", "x (estimate)", "f(x)", "width b - a", "error bound")


def _cell(value) -> QTableWidgetItem:
    text = "" if value is None else (str(value) if isinstance(value, int) else f"{value:.12g}")
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class IterationTable(QTableWidget):
    """Row n is frame n: row 0 the starting bracket, row n the state after n iterations."""

    frameSelected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setToolTip("Every iteration of the selected method; click a row to jump to it")
        self.itemSelectionChanged.connect(self._on_selection)

    def show_result(self, result: RootResult, bracket: tuple[float, float] | None) -> None:
        self.blockSignals(True)
        self.setRowCount(len(result.steps) + 1)
        a, b = bracket if bracket is not None and result.steps and result.steps[0].a is not None else (None, None)
        start = (0, a, b, None, None, None if a is None else b - a, None)
        for column, value in enumerate(start):
            self.setItem(0, column, _cell(value))
        for row, step in enumerate(result.steps, start=1):
            values = (step.iteration, step.a, step.b, step.x, step.fx, step.width, step.error_bound)
            for column, value in enumerate(values):
                self.setItem(row, column, _cell(value))
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
