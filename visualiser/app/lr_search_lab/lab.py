"""The learning-rate lab's tab: the search's settings, the figure, and one table row per probe.

Three jobs run off the GUI thread, each in its own runner: the search with its sweep (whenever an
input changes), the heatmap (when shown, for the search on screen) and the run of a heatmap cell
(when one is clicked). A cell's run is animated along its path with a timer of its own, apart from
the window's timeline, which steps through the search's probes.
"""

from __future__ import annotations

import html
import math
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout

from ...engine.lr_search import BRACKETING, FASTEST, STABLE
from ...engine.optim import OPTIMIZER_LABELS
from ...figures.caption import Caption
from ...figures.lr_search_figure import LrSearchFigure
from ...figures.lr_search_plots import heatmap_axis_name
from ...labs import palette
from ...labs.history_csv import lr_search_csv
from ...labs.lr_search.compute import LrSearchRun, cell_probe, compute_heatmap, compute_search
from ...labs.lr_search.scene import LrSearchScene
from ...labs.rejection import Rejected
from ..expression_editor import ExpressionEditor
from ..job_runner import LatestJobRunner
from ..notice_label import NoticeLabel
from ..parameter_panel import ParameterPanel
from ..scene_lab import FigureView, SceneLab
from ..side_panel import side_panel
from .search_panel import SearchPanel
from .search_table import SearchTable

CELL_FRAME_MS = 30
CELL_FRAMES = 60  # a cell's run is drawn in about this many frames, whatever its length



class LearningRateLab(SceneLab):
    name = "lr_search"
    hint = "Type a loss, click a start point, press Space to step through the search"

    def __init__(self, scene: LrSearchScene, parent=None):
        super().__init__(scene,
                         ExpressionEditor("f(x, y) =", "e.g. x^2 + 10y^2, (1-x)^2 + 100(y-x^2)^2"), ParameterPanel(),
                         NoticeLabel("What the search found, beside the theory"), parent)
        self._run: LrSearchRun | None = None
        self._searching: LrSearchScene | None = None
        self._cell_count = 0
        self.figure = LrSearchFigure()
        self.figure_view = FigureView(self.figure)
        self.search_panel = SearchPanel()
        self.table = SearchTable()
        self.search_runner = LatestJobRunner(self)
        self.heatmap_runner = LatestJobRunner(self)
        self.cell_runner = LatestJobRunner(self)
        self.cell_timer = QTimer(self)
        self.cell_timer.setInterval(CELL_FRAME_MS)
        self.cell_timer.timeout.connect(self._advance_cell)
        self._layout()

        self.search_panel.edited.connect(lambda changes: self.edit(**changes))
        self.figure.startChosen.connect(lambda x, y: self.edit(start=(x, y), cell=None))
        self.figure.cellClicked.connect(lambda row, column: self.edit(cell=(row, column)))
        self.table.frameSelected.connect(self.show_frame)
        self.search_runner.succeeded.connect(self._on_search)
        self.heatmap_runner.succeeded.connect(self._on_heatmap)
        self.cell_runner.succeeded.connect(self._on_cell)
        for runner in (self.search_runner, self.heatmap_runner, self.cell_runner):
            runner.failed.connect(self.notice.show_error)
        self.search_runner.busyChanged.connect(lambda busy: self.activity.emit("Searching…" if busy else ""))
        self.heatmap_runner.busyChanged.connect(lambda busy: self.activity.emit("Heatmap: 1600 runs…" if busy else ""))
        self._follow(self._scene.__struct_fields__)

    def _layout(self) -> None:
        self.side_panel = side_panel(self.search_panel, self.parameters, minimum_width=300)
        main = self._figure_beside_panel(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.notice)
        layout.addWidget(main, 1)

    # --- the contract with the window ---
    @property
    def run(self) -> LrSearchRun | None:
        return self._run

    @property
    def frame_count(self) -> int:
        return self._run.frame_count if self._run is not None else 1

    def current_result(self) -> LrSearchRun | None:
        """The search the figure draws, with the heatmap and the cell's run the scene shows, if it is of the scene
        on screen (None while any of it is being computed)."""
        run, scene = self._run, self._scene
        if run is None or run.scene.computed_inputs() != scene.computed_inputs():
            return None
        cell_drawn = scene.cell is None or (run.cell is not None and not self.cell_runner.busy)
        return run if not scene.show_heatmap or (run.heatmap is not None and cell_drawn) else None

    def menu_actions(self, parent) -> dict[str, list]:
        return {}

    def history_csv(self) -> str | None:
        return lr_search_csv(self._run.search) if self._run is not None else None

    def caption(self) -> Caption:
        """The loss; the search (optimizer, start, goal and what it found) in the colour of the rate it marks,
        the theory's rate, and the heatmap cell's run if one is drawn."""
        return Caption(f"f(x, y) = {self._scene.expression}", caption_runs(self._run) if self._run is not None else ())


    # --- widgets follow the scene ---
    def _show_search_panel(self) -> None:
        self.search_panel.show_scene(self._scene)

    _on_optimizer_change = _on_hyperparameters_change = _on_start_change = _on_max_steps_change = _show_search_panel
    _on_tol_change = _on_goal_change = _on_low_change = _on_high_change = _on_show_heatmap_change = _show_search_panel
    _on_line_search_change = _on_line_step_change = _show_search_panel

    # --- computing ---
    def _after_change(self, changed: frozenset[str]) -> None:
        inputs = self._scene.computed_inputs()
        if self.isVisible() and inputs != self._searching:
            expression_changed = self._searching is None or inputs.expression != self._searching.expression
            self._searching = inputs
            self.cell_timer.stop()
            self.search_runner.submit(compute_search, self._scene, False, cancels_symbolic=expression_changed)
        elif self._run is not None and self._run.scene.computed_inputs() == inputs:
            self._request_heatmap_and_cell(changed)
        self._draw()

    def _request_heatmap_and_cell(self, changed: frozenset[str]) -> None:
        run, scene = self._run, self._scene
        if not scene.show_heatmap:
            return
        if run.heatmap is None:
            self.heatmap_runner.submit(compute_heatmap, run)
        elif "cell" in changed and scene.cell is not None:
            self.cell_runner.submit(cell_probe, run, run.heatmap, scene.cell)

    def _on_search(self, run) -> None:
        if isinstance(run, Rejected):  # the previous search stays on screen
            if run.stage == "expression":
                self.expression_refused(run, self._run.scene if self._run is not None else None)
            else:
                self.notice.show_error(run.message)
            return
        self.editor.remember(run.setup.compiled.text)
        self._run = run
        self.table.show_search(run.search)
        grown = [step for step in run.search.steps if step.phase == BRACKETING]
        if grown and math.isfinite(grown[-1].low) and math.isfinite(grown[-1].high):
            self.search_panel.show_bracket(grown[-1].low, grown[-1].high)  # what unticking "from the race rate" keeps
        self.notice.setText(notice_text(run))
        self._request_heatmap_and_cell(frozenset({"cell"}))
        self._draw()
        self.timelineChanged.emit()

    def _on_heatmap(self, heatmap) -> None:
        if isinstance(heatmap, Rejected):
            self.notice.show_error(heatmap.message)
            return
        if self._run is None:
            return
        self._run = replace(self._run, heatmap=heatmap, cell=None)
        self._draw()
        if self._scene.cell is not None:
            self.cell_runner.submit(cell_probe, self._run, heatmap, self._scene.cell)

    def _on_cell(self, probe) -> None:
        if self._run is None or self._run.heatmap is None:
            return
        self._run = replace(self._run, cell=probe)
        self._draw()
        self._cell_count = 1
        self.figure.show_cell_progress(1)
        self.cell_timer.start()

    def _advance_cell(self) -> None:
        cell = self._run.cell if self._run is not None else None
        if cell is None:
            self.cell_timer.stop()
            return
        self._cell_count += max(1, len(cell.path) // CELL_FRAMES)
        self.figure.show_cell_progress(self._cell_count)
        if self._cell_count >= len(cell.path):
            self.cell_timer.stop()

    def _draw(self) -> None:
        run = self._run
        scene = self._scene
        if run is not None and run.heatmap is not None and scene.cell is None and run.cell is not None:
            run = self._run = replace(run, cell=None)
        self.figure.draw(scene, run, self.frame)
        self.table.select_frame(self.frame)


GOAL_NAMES = {STABLE: "the largest stable rate", FASTEST: "the fastest rate"}


def caption_runs(run: LrSearchRun) -> tuple[tuple[str, str], ...]:
    """What an exported picture's caption says of ``run``: (colour, text) lines, as the figure draws them."""
    search, scene = run.search, run.scene
    colour = palette.VERMILLION if not search.found else palette.BLACK if search.goal == STABLE else palette.PURPLE
    x, y = scene.start
    rate = search.threshold if search.goal == STABLE else search.best
    found = (f"{rate:.6g} after {search.iterations} probes" if search.found and rate is not None
             else f"none found: {search.message.split('; ')[0]}")
    lines = [(colour, f"{OPTIMIZER_LABELS[scene.optimizer]} from ({x:.3g}, {y:.3g}), {GOAL_NAMES[search.goal]}: {found}")]
    if search.theory is not None:
        theory = search.theory
        lines.append((palette.GREEN, f"Theory: {theory.formula} = {theory.value:.6g} ({theory.note})"))
    if run.heatmap is not None and run.cell is not None and scene.cell is not None:
        row, _column = scene.cell
        cell = run.cell
        outcome = ("diverged" if cell.diverged else f"reached tol in {cell.steps_to_tolerance} steps"
                   if cell.steps_to_tolerance is not None else f"did not reach tol in {cell.steps} steps")
        lines.append((palette.BLACK, f"Heatmap cell: lr {cell.lr:.3g}, {heatmap_axis_name(run.heatmap.axis)} "
                                     f"{run.heatmap.values[row]:.3g}: {outcome}"))
    return tuple(lines)


def notice_text(run: LrSearchRun) -> str:
    search = run.search
    colour = palette.SUCCESS_TEXT if search.found else palette.ERROR_TEXT
    theory = ""
    if search.theory is not None:
        theory = (f"<br>Theory: {html.escape(search.theory.formula)} = {search.theory.value:.6g} "
                  f"({html.escape(search.theory.note)})")
    message = search.message[:1].upper() + search.message[1:]
    return f"<span style='color:{colour}'>{html.escape(message)}</span>{theory}"
