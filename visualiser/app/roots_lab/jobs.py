"""The work the root lab hands to a worker thread: solve the scene, typeset its formulas.

A plain function returning a plain value, so it runs off the GUI thread; the solving is the
lab's Qt-free compute (``visualiser.labs.roots.compute``), the typesetting is matplotlib's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...labs.rejection import Rejected
from ...labs.roots.compute import solve_scene
from ...labs.roots.run import RootRun
from ...labs.roots.scene import RootScene
from ..formula_view import render_latex_png


@dataclass(frozen=True)
class RootUpdate:
    run: RootRun | Rejected
    formula_png: bytes | None = None
    derivative_png: bytes | None = None


def solve_job(scene: RootScene) -> RootUpdate:
    run = solve_scene(scene)
    if isinstance(run, Rejected):
        return RootUpdate(run)
    compiled = run.compiled
    return RootUpdate(run, render_latex_png(f"f(x) = {compiled.latex}"),
                      render_latex_png(f"f'(x) = {compiled.gradient_latex[0]}"))
