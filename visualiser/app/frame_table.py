"""A table whose row n is frame n of a lab's timeline: a click shows that frame, playback selects its row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


class FrameTable(QTableWidget):
    frameSelected = Signal(int)

    def __init__(self, columns: tuple[str, ...], tooltip: str, parent=None):
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels(list(columns))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # By pixels, so that following playback down the table brings the new row in at the bottom edge and no
        # more: scrolled a row at a time, the last row is cut at the edge and playback painted it again every
        # frame (three and a half rows a frame instead of two, a tenth of a frame of the root lab's playback).
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # A selection model of its own: sharing the table's, the header was painted again whenever the selected
        # row moved (every frame of playback), only to draw every title bold, as a whole row always is selected.
        header.setSelectionModel(QItemSelectionModel(self.model(), header))
        self.setToolTip(tooltip)
        self.itemSelectionChanged.connect(self._on_selection)

    def select_frame(self, frame: int) -> None:
        """Select (and scroll to) the row of ``frame``, without answering with ``frameSelected``."""
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
