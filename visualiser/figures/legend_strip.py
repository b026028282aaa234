"""A legend in a row of its own above a plot, so that it never covers the data.

Up to four entries run side by side in a line (a race of five methods takes two lines). The
strip's height follows its entries only, never the width it is given: a widget that changed its
size constraints while being laid out would leave its neighbours laid out for the old size.
"""

from __future__ import annotations

import math

import pyqtgraph as pg

from .cached_layers import keep_as_one_picture
from .legend_sample import ScaledItemSample
from .style import FigureStyle

MARGIN = 2  # px above and below the entries
SIDE_MARGIN = 4  # px left and right of them
SPACING = 5  # px between a sample and its text: pyqtgraph's
LABEL_POINTS = 9  # pyqtgraph's legend text
ENTRIES_PER_LINE = 4


class LegendStrip(pg.GraphicsWidget):
    """A row of a :class:`pyqtgraph.GraphicsLayout` holding a legend, centred, as tall as its entries."""

    def __init__(self):
        super().__init__()
        self.legend = pg.LegendItem()
        self.legend.setParentItem(self)
        keep_as_one_picture(self)  # its entries stay still while a run plays: one picture, not two items each
        self._entries: tuple = ()
        self.style = FigureStyle()
        self.set_style(self.style)

    def set_style(self, style: FigureStyle) -> None:
        """Draw the entries (their samples, text and spacing) at ``style``'s scale."""
        self.style = style
        margin = style.px(SIDE_MARGIN)
        self.legend.layout.setContentsMargins(margin, 0, margin, 0)  # the strip is the margin: no frame
        self.legend.layout.setHorizontalSpacing(style.px(SPACING))
        self.legend.opts["labelTextSize"] = style.css_size(LABEL_POINTS)
        self._show(self._entries)

    def set_entries(self, entries: list[tuple[pg.PlotDataItem, str]]) -> None:
        """Show ``entries``, each a sample item (whose pen and symbol the legend shows) and its text."""
        entries = tuple(entries)
        if entries != self._entries:
            self._show(entries)

    def texts(self) -> list[str]:
        return [text for _item, text in self._entries]

    def _show(self, entries: tuple) -> None:
        self._entries = entries
        self.legend.clear()
        for item, text in entries:
            self.legend.addItem(ScaledItemSample(item, self.style.scale), text)
        for _sample, label in self.legend.items:
            self.style.style_text(label.item, LABEL_POINTS)
            label.setText(label.text)  # sized again for the margin
            label.setMaximumWidth(label.minimumWidth())  # as wide as its text: the layout would stretch it
        self._fit()

    def _fit(self) -> None:
        count = len(self._entries)
        lines = math.ceil(count / ENTRIES_PER_LINE)
        self.legend.setColumnCount(max(math.ceil(count / max(lines, 1)), 1))  # lines as full as each other
        margin = self.style.px(MARGIN)
        height = self.legend.height() + 2 * margin if count else 0
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.legend.setVisible(bool(count))
        self.legend.anchor(itemPos=(0.5, 0), parentPos=(0.5, 0), offset=(0, margin))
