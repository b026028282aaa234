"""Which figure draws which lab (by the lab's name in :data:`visualiser.labs.registry.LABS`)."""

from __future__ import annotations

from types import MappingProxyType

from .descent_figure import DescentFigure
from .roots_figure import RootFigure

FIGURES = MappingProxyType({"roots": RootFigure, "descent": DescentFigure})
