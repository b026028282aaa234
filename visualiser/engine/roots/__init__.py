"""Root finding in one variable, step by step: bisection, false position, secant, Newton, Brent.

Every method is a generator of frozen :class:`RootStep` records that returns a
:class:`RootResult` shaped like scipy's ``RootResults``::

    from visualiser.engine import compile_expression
    from visualiser.engine.roots import iterate_root, solve_expression

    result = solve_expression(compile_expression("x^3 - 2"), "bisect", (0, 2))
    run = iterate_root("bisect", lambda x: x**3 - 2, (0, 2))   # for a GUI: next(run) per frame
"""

from .brackets import find_sign_changes
from .methods import METHOD_LABELS, METHODS
from .solve import iterate_root, solve_expression, solve_root
from .steps import (CONVERGED, CONVERGENCE_ERROR, DISCONTINUITY, FLAGS, REASON_FLAGS, REASONS, SIGN_ERROR, VALUE_ERROR,
                    RootResult, RootStep)
from .stopping import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL

__all__ = [
    "CONVERGED",
    "CONVERGENCE_ERROR",
    "DEFAULT_MAXITER",
    "DEFAULT_RTOL",
    "DEFAULT_XTOL",
    "DISCONTINUITY",
    "FLAGS",
    "METHODS",
    "METHOD_LABELS",
    "REASONS",
    "REASON_FLAGS",
    "RootResult",
    "RootStep",
    "SIGN_ERROR",
    "VALUE_ERROR",
    "find_sign_changes",
    "iterate_root",
    "solve_expression",
    "solve_root",
]
