"""Axes whose size depends on nothing but the figure: the same scene draws the same picture whatever came before.

pyqtgraph widens a vertical axis to its longest tick label, and narrows it again only when the
labels shrink by more than 10 px, so a figure that once showed "-2500" keeps a wider axis than a
fresh one showing "25". A fixed room for tick labels makes the layout a function of the figure alone.
"""

from __future__ import annotations

import pyqtgraph as pg

TICK_TEXT_WIDTH = 46  # px: room for "-0.0025" or "2.5e-05" at the default font


def fix_tick_text_width(*axes: pg.AxisItem, width: int = TICK_TEXT_WIDTH) -> None:
    for axis in axes:
        axis.setStyle(autoExpandTextSpace=False, tickTextWidth=width)
