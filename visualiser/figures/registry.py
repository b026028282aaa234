"""Which figure draws which lab (by the lab's name in :data:`visualiser.labs.registry.LABS`), and what
a figure drawn without a window computes for a scene."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

import pyqtgraph as pg

from ..labs.descent.compute import compute_scene
from ..labs.lr_search.compute import compute_search
from ..labs.roots.compute import solve_scene
from ..labs.vectors.compute import compute_scene as compute_vectors
from .descent_figure import DescentFigure
from .lr_search_figure import LrSearchFigure
from .roots_figure import RootFigure
from .vectors_figure import VectorFigure


@dataclass(frozen=True)
class FigureKind:
    figure: type[pg.GraphicsLayout]
    compute: Callable  # (scene, figure) -> what figure.draw takes, or a Rejected


def _solve_roots(scene, figure: RootFigure):
    return solve_scene(scene)


def _compute_descent(scene, figure: DescentFigure):
    return compute_scene(scene, *figure.visible_range())  # the grid covers what this figure shows


FIGURES = MappingProxyType({
    "roots": FigureKind(RootFigure, _solve_roots),
    "descent": FigureKind(DescentFigure, _compute_descent),
    "lr_search": FigureKind(LrSearchFigure, lambda scene, figure: compute_search(scene)),
    "vectors": FigureKind(VectorFigure, lambda scene, figure: compute_vectors(scene)),
})
