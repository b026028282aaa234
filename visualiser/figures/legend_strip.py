"""A legend in a row of its own above a plot, so that it never covers the data.

Up to four entries run side by side in a line (a race of five methods takes two lines). The
strip's height follows its entries only, never the width it is given: a widget that changed its
size constraints while being laid out would leave its neighbours laid out for the old size.
"""

from __future__ import annotations

import math

import pyqtgraph as pg

MARGIN = 2  # px above and below the entries
ENTRIES_PER_LINE = 4


class LegendStrip(pg.GraphicsWidget):
    """A row of a :class:`pyqtgraph.GraphicsLayout` holding a legend, centred, as tall as its entries."""

    def __init__(self, **legend_options):
        super().__init__()
        self.legend = pg.LegendItem(**legend_options)
        self.legend.setParentItem(self)
        self.legend.layout.setContentsMargins(4, 0, 4, 0)  # the strip is the margin: no frame around the entries
        self._entries: tuple = ()
        self._fit()

    def set_entries(self, entries: list[tuple[pg.PlotDataItem, str]]) -> None:
        """Show ``entries``, each a sample item (whose pen and symbol the legend shows) and its text."""
        entries = tuple(entries)
        if entries == self._entries:
            return
        self._entries = entries
        self.legend.clear()
        for item, text in entries:
            self.legend.addItem(item, text)
        for _sample, label in self.legend.items:
            label.setMaximumWidth(label.minimumWidth())  # as wide as its text: the layout would stretch it
        self._fit()

    def texts(self) -> list[str]:
        return [text for _item, text in self._entries]

    def _fit(self) -> None:
        count = len(self._entries)
        lines = math.ceil(count / ENTRIES_PER_LINE)
        self.legend.setColumnCount(max(math.ceil(count / max(lines, 1)), 1))  # lines as full as each other
        height = self.legend.height() + 2 * MARGIN if count else 0
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.legend.setVisible(bool(count))
        self.legend.anchor(itemPos=(0.5, 0), parentPos=(0.5, 0), offset=(0, MARGIN))
