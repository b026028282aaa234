"""The search's table: one row per probe (low, high, the rate probed, diverged or not), row k being frame k."""

from __future__ import annotations

import math

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem

from ...engine.lr_search import SearchResult
from ...labs import palette
from ..frame_table import FrameTable

COLUMNS = ("n", "phase", "low", "high", "mid (probed)", "diverged", "steps to tol", "final loss")
DIVERGED_COLUMN = COLUMNS.index("diverged")
DIVERGED_BACKGROUND = QColor(palette.VERMILLION).lighter(175)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


def _rate(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.7g}"


class SearchTable(FrameTable):
    """Row 0 is the search before any probe; row n the bracket after probe n. A click shows that frame."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, "Every probe of the search; click a row to show the search at that probe", parent)

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
