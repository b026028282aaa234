"""Axes of the figures. (Their sizes, fixed so that the same scene draws the same picture whatever came
before, are :class:`visualiser.figures.style.FigureStyle`'s.)

:class:`ScaleAxis` labels an axis whose positions come from a loss scale (a log or symmetric log of
the loss, see ``labs.descent.loss_scales``) with the values themselves, at whole decades.
"""

from __future__ import annotations

import pyqtgraph as pg

from ..labs.descent.loss_scales import LinearScale, LossScale, scale_ticks
from .lean_axis import LeanAxis

TICK_PITCH = 22       # px along a vertical axis per tick label: at most one label per this many pixels


def axes_of(plot: pg.PlotItem) -> list:
    """The plot's four axes and their names (text items of their own, painted apart from the axis)."""
    axes = [plot.getAxis(side) for side in ("left", "bottom", "top", "right")]
    return [*axes, *(axis.label for axis in axes)]


class ScaleAxis(LeanAxis):
    """A vertical axis showing a loss scale's values at its positions, as many decades as fit its length.

    With no scale (None) it has no ticks at all: there is nothing to measure.
    """

    def __init__(self, orientation: str = "left", **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)  # "(x1e+15)" on a log axis is wrong
        self.loss_scale: LossScale | None = LinearScale()
        self._texts: dict[float, str] = {}

    def set_scale(self, scale: LossScale | None) -> None:
        if scale != self.loss_scale:
            self.loss_scale = scale
            self.picture = None
            self.update()

    def setLabel(self, *args, **kwargs) -> None:
        super().setLabel(*args, **kwargs)
        # pyqtgraph centres the label along the axis only on a resize, which a fixed-width axis
        # does not get when its label changes: centre it now, or "loss" sits where a longer name began.
        self.resizeEvent()

    def tickValues(self, minVal: float, maxVal: float, size: float):
        if isinstance(self.loss_scale, LinearScale):
            return super().tickValues(minVal, maxVal, size)
        if self.loss_scale is None:
            return []
        low, high = sorted((minVal, maxVal))
        ticks = scale_ticks(self.loss_scale, low, high, int(size // TICK_PITCH))
        self._texts = dict(ticks)
        return [(None, [position for position, _ in ticks])]

    def tickStrings(self, values, scale, spacing):
        if isinstance(self.loss_scale, LinearScale):
            return super().tickStrings(values, scale, spacing)
        return [self._texts.get(value, "") for value in values]

