"""The work the descent lab's surface worker does: the grid over the view, and the formula typeset.

A plain function returning a plain value, so it runs off the GUI thread; the grid is the lab's
Qt-free compute (``visualiser.labs.descent.surface``), the typesetting is matplotlib's. (The runs
worker calls ``visualiser.labs.descent.runs.compute_runs`` itself.)
"""

from __future__ import annotations

from dataclasses import dataclass

from ...labs.compiled_cache import COMPILED
from ...labs.descent.scene import DescentScene
from ...labs.descent.surface import Range, SurfaceGrid, compute_surface
from ...labs.rejection import Rejected
from ..formula_view import render_latex_png


@dataclass(frozen=True)
class SurfaceUpdate:
    grid: SurfaceGrid | Rejected
    formula_png: bytes | None = None
    formula_text: str = ""


def surface_job(scene: DescentScene, x_range: Range, y_range: Range) -> SurfaceUpdate:
    grid = compute_surface(scene, x_range, y_range)
    if isinstance(grid, Rejected) and grid.stage == "expression":
        return SurfaceUpdate(grid)
    compiled = COMPILED.get(scene.expression, scene.VARIABLES)  # compiled for the grid: from the cache
    return SurfaceUpdate(grid, render_latex_png(f"f(x, y) = {compiled.latex}"), f"f(x, y) = {compiled.plain_text}")

