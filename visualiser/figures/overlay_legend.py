"""A legend that lives beside or below the plot, in its own cells of the figure's layout, so it never covers the data.

It paints its entries itself (a sample and a name each) from the styles they are drawn with, so an
entry looks like what it names whether or not that item shows anything at the current frame, with
the outline its line is drawn with (pyqtgraph's LegendItem draws a white arrow as white on white). Its
size is fixed by the longest name and the number of entries it may ever show: entries coming and
going never move the plot next to it.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainterPath
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols, drawSymbol

from .descent_style import LineStyle
from .markers import MarkerStyle
from .style import FigureStyle

FONT_POINTS = 8
SAMPLE_WIDTH = 24  # px
PADDING = 4        # px around the entries and between a sample and its name
ROW_SPACING = 4    # px between rows

Entry = tuple[str, LineStyle | MarkerStyle]


class OverlayLegend(pg.GraphicsWidget):
    """Entries in ``columns`` columns (0: folded away, no room taken), filled row by row.

    One column stands beside a plot (its width fixed, its height the plot's); several make a
    strip below one (its height fixed for ``capacity`` entries, its width the figure's).
    """

    def __init__(self, possible_names: list[str], parent=None):
        super().__init__(parent)
        self.possible_names = possible_names
        self.capacity = len(possible_names)
        self.entries: tuple[Entry, ...] = ()
        self.columns = -1
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        """Text, samples and spacing at a figure's scale (see ``figures.style``)."""
        self.scale = scale
        self.padding = PADDING * scale
        self.sample_width = SAMPLE_WIDTH * scale
        self.font = FigureStyle(scale).font(FONT_POINTS)
        # Text is not quite proportional to its size (glyphs are fitted to whole pixels): the room is the
        # room at scale 1, scaled, unless the text needs more, so that the layout scales with the figure.
        metrics, metrics_at_1 = QFontMetricsF(self.font), QFontMetricsF(FigureStyle().font(FONT_POINTS))
        text_height = max(metrics.height(), scale * metrics_at_1.height())
        self.row_height = max(text_height, 16 * scale) + ROW_SPACING * scale
        longest = max(max(metrics.horizontalAdvance(name), scale * metrics_at_1.horizontalAdvance(name))
                      for name in self.possible_names)
        self.column_width = math.ceil(self.sample_width + 3 * self.padding + longest)
        columns, self.columns = self.columns, -1
        self.set_columns(max(columns, 0))  # the room it takes, for the new sizes

    def set_columns(self, columns: int) -> None:
        """Fold away (0), stand beside a plot (1) or below one (2 or more).

        The strip's width (beside) or height (below) is its preferred and largest size, never its
        smallest: a figure placed when it was large would otherwise keep the legend's room as its
        minimum size, and could not be made smaller again.
        """
        if columns == self.columns:
            return
        self.columns = columns
        width = self.strip_width(1) if columns == 1 else 0 if columns == 0 else 1 << 24
        height = self.strip_height(columns) if columns > 1 else 0 if columns == 0 else 1 << 24
        self.setMinimumSize(0, 0)
        self.setPreferredSize(min(width, self.strip_width(1)), min(height, self.strip_height(1)))
        self.setMaximumSize(width, height)
        self.update()

    def strip_width(self, columns: int) -> float:
        return 2 * self.padding + columns * self.column_width

    def strip_height(self, columns: int) -> float:
        return 2 * self.padding + math.ceil(self.capacity / columns) * self.row_height

    def columns_within(self, width: float) -> int:
        """How many columns fit side by side in ``width`` px (at least one)."""
        return max(1, int((width - 2 * self.padding) // self.column_width))

    def set_entries(self, entries: tuple[Entry, ...]) -> None:
        if entries != self.entries:
            self.entries = entries
            self.update()

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.entries]

    def entry_rects(self) -> list[QRectF]:
        """Where each entry (sample and name) is painted, in this widget's coordinates."""
        if self.columns <= 0:
            return []
        return [QRectF(self.padding + (index % self.columns) * self.column_width,
                       self.padding + (index // self.columns) * self.row_height, self.column_width, self.row_height)
                for index in range(len(self.entries))]

    def paint(self, painter, *args) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setFont(self.font)
        for rect, (name, style) in zip(self.entry_rects(), self.entries):
            sample = QRectF(rect.left(), rect.top(), self.sample_width, rect.height())
            style = style.scaled(self.scale)
            if isinstance(style, LineStyle):
                _paint_line(painter, style, sample, self.scale)
            else:
                painter.save()
                painter.translate(sample.center())
                room = min(self.sample_width, self.row_height) - 2 * self.scale
                drawSymbol(painter, style.symbol, _symbol_size(style, room), style.pen(), style.brush())
                painter.restore()
            painter.setPen(pg.mkPen("k"))
            text = QRectF(sample.right() + self.padding, rect.top(), rect.width() - self.sample_width - self.padding,
                          rect.height())
            painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)


def _symbol_size(style: MarkerStyle, room: float) -> float:
    """The marker's size, or less, so that it fits ``room`` px (a crosshair reaches twice its size across)."""
    return min(style.size, room / max(Symbols[style.symbol].boundingRect().width(), 1.0))


def _paint_line(painter, style: LineStyle, rect: QRectF, scale: float) -> None:
    y = rect.center().y()
    tip = QPointF(rect.right() - scale, y)
    path = QPainterPath(QPointF(rect.left() + scale, y))
    path.lineTo(tip)
    if style.arrow:
        head = 6 * scale
        path.moveTo(tip.x() - head, y - head / 2)
        path.lineTo(tip)
        path.lineTo(tip.x() - head, y + head / 2)
    for pen in (style.outline_pen(), style.pen()):
        painter.setPen(pen)
        painter.drawPath(path)
