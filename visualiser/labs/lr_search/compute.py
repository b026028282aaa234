"""Scene -> what the learning-rate lab shows: the search, the sweep around it, and the heatmap.

Synchronous and Qt-free: the app calls it from worker threads (the heatmap in its own job, since it
costs more than the search), the command line and the tests directly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...engine import ExpressionError
from ...engine.lr_search import Probe, ProbeSetup, SearchResult, polyak_optimum, search_rate
from ...engine.lr_search.line_search import LineSearches, line_searches
from ...engine.lr_search.range_test import RangeTest, range_test
from ...engine.lr_search.sweep import Heatmap, Sweep, heatmap, heatmap_cell, sweep_rates
from ...engine.optim import race_learning_rate
from ..compiled_cache import COMPILED
from ..descent.surface import SurfaceGrid, surface_grid
from ..rejection import Rejected
from .scene import LrSearchScene

GRID_SIZE = 160  # the surface under the probes' paths: a backdrop, not a measurement
SWEEP_BELOW = 1000.0  # the sweep and the heatmap span threshold / 1000 ... threshold x 10
SWEEP_ABOVE = 10.0


@dataclass(frozen=True)
class LrSearchRun:
    scene: LrSearchScene  # the scene it was computed from
    setup: ProbeSetup
    search: SearchResult
    sweep: Sweep
    grid: SurfaceGrid | None = None   # the loss over the scene's view (None: undefined all over it)
    range_test: RangeTest | None = None  # Smith's / fastai's lr_find over the sweep's rates
    heatmap: Heatmap | None = None    # None: not asked for, or not computed yet
    cell: Probe | None = None         # the run of the heatmap cell the scene selects

    @property
    def frame_count(self) -> int:
        """Frame k shows the search after k probes: frame 0 is the first bracket, before any probe."""
        return len(self.search.steps) + 1

    @property
    def rate_range(self) -> tuple[float, float]:
        return sweep_range(self.search)

    @property
    def polyak(self) -> tuple[float, float] | None:
        """Polyak's heavy-ball optimum (lr, μ) at the minimum reached, where every eigenvalue is positive."""
        return polyak_optimum(self.search.eigenvalues) if self.search.eigenvalues is not None else None


def sweep_range(search: SearchResult) -> tuple[float, float]:
    """The rates the sweep covers: around the threshold, else around every rate probed."""
    if search.threshold is not None:
        return search.threshold / SWEEP_BELOW, search.threshold * SWEEP_ABOVE
    rates = [step.mid for step in search.steps]
    return min(rates) / SWEEP_ABOVE, max(rates) * SWEEP_ABOVE


def compute_search(scene: LrSearchScene, with_heatmap: bool | None = None) -> LrSearchRun | Rejected:
    """The scene's search and the sweep around it (and the heatmap, default: if the scene shows it)."""
    try:
        compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    try:
        setup = ProbeSetup(compiled, scene.optimizer, scene.start, scene.hyperparameters, scene.parameter_values(),
                           scene.max_steps, scene.tol)
        low = race_rate(scene) if scene.low is None and scene.high is None else scene.low
        search = search_rate(setup, scene.goal, low=low, high=scene.high, xtol=scene.xtol)
        grid = surface_grid(scene, compiled, *scene.view, size=GRID_SIZE)
        rates = sweep_range(search)
        run = LrSearchRun(scene, setup, search, sweep_rates(setup, *rates), grid if isinstance(grid, SurfaceGrid) else None,
                          range_test(setup, *rates))
        if scene.show_heatmap if with_heatmap is None else with_heatmap:
            grid = heatmap(setup, *run.rate_range)
            run = replace(run, heatmap=grid, cell=cell_probe(run, grid, scene.cell) if scene.cell else None)
    except ExpressionError as error:
        return Rejected.from_error("search", error)
    return run


def race_rate(scene: LrSearchScene) -> float:
    """The rate the bracket grows from when the scene gives no end: the descent lab's race rate.

    The same function (:func:`~visualiser.engine.optim.race_learning_rate`) with the same inputs as
    the descent lab's: the loss and its parameters, the start, the optimizer (with the scene's
    other hyperparameters) and the framed view.
    """
    compiled = COMPILED.get(scene.expression, scene.VARIABLES)
    return race_learning_rate(compiled, scene.optimizer, scene.start, params=scene.parameter_values(),
                              hyperparameters=scene.hyperparameters, view=scene.view)


def shown_probe(run: LrSearchRun, frame: int) -> Probe | None:
    """The probe frame k shows brightly: the k-th (None at frame 0, before the first)."""
    steps = run.search.steps[:frame]
    return run.search.probes[steps[-1].probe] if steps else None


def line_iterate(run: LrSearchRun, frame: int, step: int) -> tuple[int, tuple[float, ...], bool]:
    """Where the line-search view slices the loss at ``frame``: (k, x_k, whether the probe stepped on from
    x_k), x_k the shown probe's point after ``step`` of its steps (after its last, k < ``step``, if it stopped
    sooner), or the start (k = 0) before the first probe."""
    probe = shown_probe(run, frame)
    if probe is None:
        return 0, run.setup.start, False
    k = min(step, len(probe.path) - 1)
    return k, tuple(map(float, probe.path[k])), k < len(probe.path) - 1


def line_searches_at(run: LrSearchRun, point) -> LineSearches | None:
    """The slice along −∇f at ``point``, with the exact and the Armijo step there (None: a zero or undefined
    gradient, where there is no line to search along). A few dozen evaluations: fast enough to follow frames."""
    try:
        return line_searches(run.setup.compiled, point, run.setup.params)
    except ExpressionError:
        return None


def compute_heatmap(run: LrSearchRun) -> Heatmap | Rejected:
    """The rate x momentum heatmap over the sweep's rates."""
    try:
        return heatmap(run.setup, *run.rate_range)
    except ExpressionError as error:
        return Rejected.from_error("heatmap", error)


def cell_probe(run: LrSearchRun, grid: Heatmap, cell: tuple[int, int]) -> Probe:
    """The run of one heatmap cell, with its path, to animate on the surface."""
    return heatmap_cell(run.setup, grid, *cell)
