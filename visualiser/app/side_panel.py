"""The scrolling column of panels at the right of each lab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


class _SidePanel(QScrollArea):
    """Scrolls up and down only: never narrower than its panels need, with room for the scroll bar.

    A plain scroll area given a fixed minimum width clips its panels, or scrolls sideways, as soon
    as the vertical scroll bar appears or a panel grows (a new run row, a long parameter name).
    """

    def __init__(self, column: QWidget, minimum_width: int):
        super().__init__()
        self._minimum_width = minimum_width
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        needed = (self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                  + 2 * self.frameWidth())
        return QSize(max(needed, self._minimum_width), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        """As narrow as the panels allow: a splitter gives the rest of the width to the figure."""
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the panels' needs changed: let the splitter make room
        return super().eventFilter(watched, event)


def side_panel(*panels: QWidget, minimum_width: int) -> QScrollArea:
    """Stack ``panels`` top to bottom in a scroll area, so small screens can still reach them."""
    column = QWidget()
    layout = QVBoxLayout(column)
    for panel in panels:
        layout.addWidget(panel)
    layout.addStretch(1)
    return _SidePanel(column, minimum_width)

