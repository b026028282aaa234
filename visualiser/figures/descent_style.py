"""How the descent figure draws runs and what lies over them, so that nothing clashes with anything else.

Runs take the hues (``RUN_COLOURS``); everything drawn over the surface that is not a run (arrows,
the curvature's axes, the unstable steps, markers) is black and white and told apart by its dashes
or shape. Every line is outlined in the colour that contrasts with its own (black or white), so it
reads on every colour of the map, from viridis's dark purple to its yellow plateau.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..labs import palette
from .markers import MarkerStyle

OUTLINE = 1.0  # px of outline on each side of a line


@dataclass(frozen=True)
class LineStyle:
    """A line in ``colour`` over a wider outline in black or white."""

    colour: str
    width: float
    dash: Qt.PenStyle = Qt.PenStyle.SolidLine
    dash_pattern: tuple[float, ...] = ()  # in pen widths; overrides ``dash`` when given
    arrow: bool = False                   # drawn with a head (for the legend's sample)
    outline: float = OUTLINE              # px on each side

    @property
    def outline_colour(self) -> str:
        return palette.outline_colour(self.colour)

    def pen(self):
        pen = pg.mkPen(self.colour, width=self.width, style=self.dash)
        if self.dash_pattern:
            pen.setDashPattern(list(self.dash_pattern))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def outline_pen(self):
        return pg.mkPen(self.outline_colour, width=self.width + 2 * self.outline)

    def item_options(self) -> dict:
        """``pen`` and ``shadowPen`` for a PlotDataItem (the shadow is drawn under the line)."""
        return {"pen": self.pen(), "shadowPen": self.outline_pen()}

    def scaled(self, scale: float) -> LineStyle:
        """This line at a figure's scale (see ``figures.style``): its widths are pixels at scale 1."""
        return replace(self, width=self.width * scale, outline=self.outline * scale)


def run_line(colour: str, width: float = 2.5, outline: float = OUTLINE) -> LineStyle:
    return LineStyle(colour, width, outline=outline)


def run_marker(colour: str) -> MarkerStyle:
    """A run's current point: its colour, edged in black or white."""
    return MarkerStyle("o", 11, colour)


WHITE, BLACK = palette.WHITE, palette.BLACK
# kind (a field of the scene's Arrows) -> how it is drawn, and its name in the legend and the Show panel.
ARROW_KINDS = {
    "gradient": (LineStyle(WHITE, 2, Qt.PenStyle.DashLine, arrow=True), "−gradient"),
    "momentum": (LineStyle(WHITE, 2, dash_pattern=(1, 1.5), arrow=True), "momentum buffer"),
    "step": (LineStyle(WHITE, 2.5, arrow=True), "actual step"),
}
HESSIAN_AXES = LineStyle(BLACK, 2, Qt.PenStyle.DashDotLine)
# Wide black and white stripes under the path, where plain GD's rate was above 2/λ_max.
UNSTABLE = LineStyle(BLACK, 9, dash_pattern=(0.6, 0.6))
START = MarkerStyle("crosshair", 17, WHITE)
MINIMUM = MarkerStyle("star", 18, WHITE)
SADDLE = MarkerStyle("d", 12, WHITE)
DIVERGED = MarkerStyle("x", 20, BLACK)
