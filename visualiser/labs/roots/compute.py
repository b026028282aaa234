"""Scene -> root run: compile f (cached by its text) and run the scene's methods on it.

Synchronous and Qt-free: the app calls it from a worker thread, a command line or test directly.
"""

from __future__ import annotations

from ...engine import ExpressionError
from ...engine.roots import solve_expression
from ..compiled_cache import COMPILED
from ..rejection import Rejected
from .run import RootRun
from .scene import RootScene


def solve_scene(scene: RootScene) -> RootRun | Rejected:
    """The run of every method the scene asks for; a refused expression or option as :class:`Rejected`."""
    try:
        compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    params = scene.parameter_values()
    try:
        results = {method: solve_expression(compiled, method, scene.bracket, params=params, x0=scene.x0,
                                            xtol=scene.xtol, rtol=scene.rtol, maxiter=scene.maxiter)
                   for method in scene.methods}
    except ExpressionError as error:
        return Rejected.from_error("solve", error)
    return RootRun(scene, compiled, results)
