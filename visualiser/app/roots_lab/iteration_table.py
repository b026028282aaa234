"""The iteration table (n, a_n, b_n, x, f(x), width, error bound), its selected row following the timeline."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem

from ...engine.roots import RootResult
from ...labs import palette
from ...labs.roots.reasons import NOT_A_ROOT, short_reason
from ..frame_table import FrameTable

# a_n and b_n, not a and b: a parameter of f may be called a.
COLUMNS = ("n", "a_n", "b_n", "x (estimate)", "f(x)", "width b - a", "error bound")
X_COLUMN = COLUMNS.index("x (estimate)")
# The last row of a run that ended at a pole, a jump or a stall: a light tint of the error colour.
NOT_A_ROOT_BACKGROUND = QColor(palette.ERROR_TEXT).lighter(190)


def _cell(value) -> QTableWidgetItem:
    text = "" if value is None else (str(value) if isinstance(value, int) else f"{value:.12g}")
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class IterationTable(FrameTable):
    """Row n is frame n: row 0 the starting bracket, row n the state after n iterations.

    When the run ended where f is not 0 (a pole, a jump, a stall), the last row says so in its x
    cell, is tinted, and shows the engine's message as its tooltip.
    """

    def __init__(self, parent=None):
        super().__init__(COLUMNS, "Every iteration of the selected method; click a row to jump to it", parent)

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
        if result.reason in NOT_A_ROOT and result.steps:
            self._mark_not_a_root(len(result.steps), result)
        self.blockSignals(False)

    def _mark_not_a_root(self, row: int, result: RootResult) -> None:
        x_cell = self.item(row, X_COLUMN)
        x_cell.setText(f"{x_cell.text()} ({short_reason(result)})")
        for column in range(self.columnCount()):
            item = self.item(row, column)
            item.setBackground(QBrush(NOT_A_ROOT_BACKGROUND))
            item.setToolTip(result.message)
