"""pyqtgraph's global options, and the sizes of everything a figure draws, at the figure's scale.

pyqtgraph's pens are cosmetic: their widths are in device pixels, whatever the device pixel ratio,
``QT_SCALE_FACTOR`` or the painter's transform, and so are its marker sizes, tick lengths and the
text of legends and labels. A picture at twice the pixel density (a 2x export, a projector) is
therefore drawn by a figure that knows its scale: every pen width, marker size, font and spacing
it sets goes through one :class:`FigureStyle`, so that a figure twice the size at scale 2 draws
what the screen shows, twice as fine.

The style holds the figure's palette too (its runs', curves', fills' and markers' colours): Okabe-Ito,
or its high-contrast counterpart for a projector (see :mod:`visualiser.labs.palette`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPen
from PySide6.QtWidgets import QGraphicsTextItem

from ..labs.palette import OKABE_ITO, Palette

# Sizes in pixels at scale 1: Qt's and pyqtgraph's defaults unless said otherwise.
LAYOUT_MARGIN = 9   # around a figure's rows
LAYOUT_SPACING = 6  # between them
PLOT_MARGIN = 1     # around a plot's axes
VIEW_SIZE = 50      # a plot's view box's preferred width and height: what the layout starts from
TICK_TEXT_WIDTH = 46  # room for a vertical axis's tick labels, "-0.0025" or "2.5e-05" (pyqtgraph's: 30)
TICK_TEXT_HEIGHT = 18  # room for a horizontal axis's
TICK_TEXT_OFFSET = {"left": 5, "right": 5, "top": 2, "bottom": 2}  # from tick labels to their axis
TICK_LENGTH = 5
TEXT_MARGIN = 4     # around a text item's text (QTextDocument's)
TITLE_POINTS = 9    # a small plot's title


def configure_pyqtgraph() -> None:
    # Row-major images keep x and y the right way round; white suits projectors and handouts.
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", background="w", foreground="k")


def translucent(colour: str, alpha: int) -> QColor:
    """``colour`` (``#RRGGBB``) at opacity ``alpha`` (0 to 255): a fill over the data, or a faint line."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


@dataclass(frozen=True)
class FigureStyle:
    """Sizes at a scale: ``pen(colour, 2)`` is 2 px wide at scale 1 and 4 px at scale 2; and the colours."""

    scale: float = 1.0
    palette: Palette = OKABE_ITO

    def __post_init__(self):
        if not (math.isfinite(self.scale) and self.scale > 0):
            raise ValueError(f"a figure's scale must be positive, not {self.scale}")

    def px(self, pixels: float) -> float:
        """A length given in pixels at scale 1."""
        return pixels * self.scale

    def pen(self, colour, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        return pg.mkPen(colour, width=self.px(width), style=style)

    def points(self, points: float | None = None) -> float:
        """A font size in points: ``points`` (default: the application's font size) at this scale."""
        return (points if points is not None else QGuiApplication.font().pointSizeF()) * self.scale

    def font(self, points: float | None = None) -> QFont:
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(self.points(points))
        return font

    def css_size(self, points: float | None = None) -> str:
        """A font size for pyqtgraph's HTML labels ("13.5pt")."""
        return f"{self.points(points):.4g}pt"

    def style_layout(self, layout: pg.GraphicsLayout) -> None:
        """The margins around a figure's rows and the space between them."""
        margin = self.px(LAYOUT_MARGIN)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(self.px(LAYOUT_SPACING))

    def style_plot(self, plot: pg.PlotItem, sides=("left", "bottom")) -> None:
        """A plot's margin and the axes on its ``sides``."""
        margin = self.px(PLOT_MARGIN)
        plot.layout.setContentsMargins(margin, margin, margin, margin)
        plot.vb.setPreferredSize(self.px(VIEW_SIZE), self.px(VIEW_SIZE))
        plot.vb.suggestPadding = lambda axis, vb=plot.vb: self.auto_range_padding(vb, axis)
        for side in sides:
            self.style_axis(plot.getAxis(side))

    def auto_range_padding(self, view: pg.ViewBox, axis: int) -> float:
        """The share of an auto-ranged view's span left around its data: pyqtgraph's
        (``ViewBox.suggestPadding``, which shrinks with the view's length in pixels) for the length at
        scale 1, so that a view auto-ranged at scale 2 shows the range it shows at scale 1."""
        length = (view.width() if axis == 0 else view.height()) / self.scale
        default = view.state["defaultPadding"]
        if default == 0 or length <= 0:
            return default
        return min(max(50 * default / math.sqrt(length), default), max(0.1, default))

    def style_axis(self, axis: pg.AxisItem) -> None:
        """Tick labels, ticks, the axis line and its title at this scale, with the ticks of scale 1.

        The room for tick labels is fixed, not grown to the longest label so far, so that an axis's
        size depends on the figure alone: pyqtgraph widens an axis to its longest tick label and
        narrows it only when the labels shrink by more than 10 px, so a figure that once showed
        "-2500" would keep a wider axis than a fresh one showing "25".
        """
        axis.setStyle(tickFont=self.font(), tickLength=-round(self.px(TICK_LENGTH)), autoExpandTextSpace=False,
                      tickTextWidth=round(self.px(TICK_TEXT_WIDTH)), tickTextHeight=round(self.px(TICK_TEXT_HEIGHT)),
                      tickTextOffset=round(self.px(TICK_TEXT_OFFSET[axis.orientation])))
        # Axes space their ticks by their length in pixels (pyqtgraph's major ticks by its square root,
        # the minor ones at least 2 px apart): the same ticks as at scale 1 need the length at scale 1.
        values = type(axis).tickValues
        axis.tickValues = lambda low, high, size: values(axis, low, high, size / self.scale)
        axis.setPen(self.pen(pg.getConfigOption("foreground")))
        self.style_text(axis.label)
        axis.setLabel(axis.labelText, **{**axis.labelStyle, "font-size": self.css_size()})

    def style_title(self, plot: pg.PlotItem, text: str, points: float | None = None, **options) -> None:
        """A plot's title (``text``, HTML) in a font of ``points`` at this scale, its row as tall as the text:
        pyqtgraph fixes the row at 30 px, which cuts off a larger title."""
        self.style_text(plot.titleLabel.item, points)
        plot.setTitle(text, size=self.css_size(points), **options)
        height = math.ceil(plot.titleLabel.item.boundingRect().height())  # the text's lines and margins
        plot.layout.setRowFixedHeight(0, height)
        plot.titleLabel.setMaximumHeight(height)

    def style_text(self, item: QGraphicsTextItem, points: float | None = None) -> None:
        """A text item's font and the margin around its text."""
        item.setFont(self.font(points))
        item.document().setDocumentMargin(self.px(TEXT_MARGIN))
