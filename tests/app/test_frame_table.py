"""The table whose row n is frame n: playback moves its selected row, a click on a row shows that frame."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableWidgetItem

from visualiser.app.frame_table import FrameTable


class Paints(QObject):
    """How often a widget is painted, and the height of what each paint covered."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        self.heights = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.heights.append(sum(rect.height() for rect in event.region()))
        return False


def _table(qtbot, rows=30) -> FrameTable:
    table = FrameTable(("n", "x"), "frames")
    table.setRowCount(rows)
    for row in range(rows):
        for column in range(2):
            table.setItem(row, column, QTableWidgetItem(f"{row}.{column}"))
    qtbot.addWidget(table)
    table.resize(300, 200)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_playback_moves_the_selected_row_and_scrolls_to_it_without_painting_the_header_again(qtbot):
    table = _table(qtbot)
    shown = []
    table.frameSelected.connect(shown.append)
    qtbot.wait(20)
    header, rows = Paints(table.horizontalHeader().viewport()), Paints(table.viewport())
    for frame in range(1, 25):
        table.select_frame(frame)
        qtbot.wait(1)
    assert table.currentRow() == 24 and table.selectionModel().selectedRows()[0].row() == 24
    assert table.visualItemRect(table.item(24, 0)).intersects(table.viewport().rect())  # scrolled to it
    assert rows.count > 0 and header.count == 0  # the titles do not change with the row
    assert shown == []  # playback's own selections are not reported back as clicks


def test_playback_down_the_table_paints_the_row_it_leaves_and_the_row_it_brings_in_only(qtbot):
    table = _table(qtbot, rows=60)
    row = table.rowHeight(0)
    table.resize(300, 200 + row // 2)  # rows to the bottom edge and half of one cut off by it, as a window has
    table.select_frame(20)  # scrolled: from here every step scrolls the table as well
    qtbot.wait(20)
    rows = Paints(table.viewport())
    for frame in range(21, 40):
        table.select_frame(frame)
        qtbot.wait(1)  # painted as a frame of playback paints it
    assert table.verticalScrollBar().value() > 0 and len(rows.heights) >= 19
    assert max(rows.heights) <= 2 * row, (row, rows.heights)


def test_a_click_on_a_row_shows_its_frame(qtbot):
    table = _table(qtbot)
    shown = []
    table.frameSelected.connect(shown.append)
    table.select_frame(2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(5, 1)).center())
    assert shown == [5]
    table.select_frame(40)  # past the last row: the last
    assert table.currentRow() == 29
