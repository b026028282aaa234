"""Searching for a learning rate: the divergence threshold by bisection, the fastest rate by golden section,
sweeps and a rate x momentum heatmap, all on log10(lr) and computed as batches of optimizer runs.

::

    from visualiser.engine import compile_expression
    from visualiser.engine.lr_search import ProbeSetup, search_rate
    setup = ProbeSetup(compile_expression("x^2 + 10y^2"), "gd", (1.0, 1.0))
    search_rate(setup, "stable").threshold   # 0.1 = 2/λ_max

Numpy and the compiled expression only: no Qt.
"""

from .probes import Probe, ProbeSetup, probe
from .iterations import MAX_DECADES
from .search import DEFAULT_XTOL, iterate_search, search_rate
from .steps import BISECTING, BRACKETING, FASTEST, GOALS, GOLDEN, STABLE, SearchResult, SearchStep, Theory
from .theory import polyak_optimum, theory

__all__ = [
    "BISECTING", "BRACKETING", "DEFAULT_XTOL", "FASTEST", "GOALS", "GOLDEN", "MAX_DECADES", "Probe", "ProbeSetup",
    "STABLE", "SearchResult", "SearchStep", "Theory", "iterate_search", "polyak_optimum", "probe", "search_rate",
    "theory",
]
