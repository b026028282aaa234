"""The gradient-descent lab: a loss surface, start points, racing optimizers and why each step goes where."""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from ...engine.optim import OPTIMIZERS, PRESETS, LossSurface, default_hyperparameters, race_learning_rate
from ..expression_editor import ExpressionEditor
from ..formula_view import FormulaView
from .. import palette
from ..job_runner import LatestJobRunner
from ..menu_action import make_action
from ..notice_label import NoticeLabel
from ..parameter_panel import ParameterPanel
from ..rejection import Rejected
from ..side_panel import side_panel
from .jobs import (LOG_EPS, RunsUpdate, SurfaceUpdate, compile_and_grid, compute_runs, grid_update)
from .runs_panel import RunsPanel
from .saved_race import SavedRace, SavedRun, race_from_json
from .surface3d import opengl_unavailable_reason
from .surface_plot import ARROW_KINDS, DescentPlots

START_PRESET = "rosenbrock"
SETTINGS_RACE = "descent/race"
DEFAULT_SGD_LR = default_hyperparameters("gd")["lr"]  # a typed surface has no suggested rate


class GradientDescentLab(QWidget):
    """One tab of the main window. The window's playback controls drive ``show_frame``."""

    title = "Gradient descent"
    historyChanged = Signal(int)
    frameRequested = Signal(int)
    statusMessage = Signal(str)  # a lesson or a result, for the status bar
    activity = Signal(str)  # what the lab is busy with now, shown apart from lessons
    runsUpdated = Signal()  # a new run history is on screen (for tests and scripts)
    surfaceUpdated = Signal()

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self._settings = settings
        self.presets = tuple(PRESETS.values())
        self.compiled = None
        self.preset: LossSurface | None = None
        self.starts: list[tuple[float, float]] = []
        self.runs: RunsUpdate | None = None
        self.grid = None
        self._frame = 0
        self._pending_text: str | None = None
        self._pending_params: dict = {}
        self._restoring = False  # the saved race's expression is compiling (if it fails: the default race)

        self.editor = ExpressionEditor("f(x, y) =", "e.g. (1-x)^2 + 100(y-x^2)^2, x^2 + k y^2")
        self.formula = FormulaView()
        self.notice = NoticeLabel("What happened to the runs, and why a run diverged")
        self.plots = DescentPlots()
        self.runs_panel = RunsPanel()
        self.parameters = ParameterPanel()
        self._build_options()
        self.surface_runner = LatestJobRunner(self)
        self.runs_runner = LatestJobRunner(self)
        self.view3d = None
        self._layout()

        self.editor.expressionChanged.connect(self._on_expression)
        self.parameters.valuesChanged.connect(self._on_parameters)
        self.plots.viewChanged.connect(lambda *_: self._request_grid())
        self.plots.startAdded.connect(self.add_start)
        self.plots.startMoved.connect(self.move_start)
        self.plots.frameRequested.connect(self.frameRequested)
        self.runs_panel.runsChanged.connect(self._request_runs)
        self.runs_panel.raceRequested.connect(self.race_all)
        self.runs_panel.selectionChanged.connect(self._on_selection)
        self.surface_runner.succeeded.connect(self._on_surface)
        self.surface_runner.failed.connect(self.notice.show_error)
        self.runs_runner.succeeded.connect(self._on_runs)
        self.runs_runner.failed.connect(self.notice.show_error)

        self._started = False  # the saved race (or the first preset) loads when the tab is first shown

    def showEvent(self, event) -> None:
        # Compiling at construction would compete with the first tab for the one symbolic worker
        # (and slow the app's start); the lab's surface is only needed once someone looks at it.
        super().showEvent(event)
        if not self._started:
            race = race_from_json(self._settings.value(SETTINGS_RACE))
            if race is None:
                self.load_preset(PRESETS[START_PRESET])
            else:
                self._restoring = True
                self.load_race(race)

    def _build_options(self) -> None:
        self.options = QGroupBox("Show")
        self.log_scale = QCheckBox("Log colour scale")
        self.log_scale.setToolTip("Colour by log10(loss − min + ε): losses span many orders of magnitude")
        self.log_scale.setChecked(True)
        self.arrow_boxes = {}
        for kind, (_, text) in ARROW_KINDS.items():
            box = QCheckBox(f"Arrow: {text}")
            box.setChecked(True)
            box.toggled.connect(lambda on, kind=kind: self._on_arrow(kind, on))
            self.arrow_boxes[kind] = box
        self.arrow_boxes["gradient"].setToolTip("−lr × gradient: where plain gradient descent would step")
        self.arrow_boxes["momentum"].setToolTip("−lr × momentum buffer (Adam: its first moment)")
        self.arrow_boxes["step"].setToolTip("The step the optimizer actually takes from here")
        self.curvature = QCheckBox("Curvature (Hessian) at the selected run")
        self.curvature.setChecked(True)
        self.curvature.setToolTip("Eigen-directions of the exact Hessian drawn as the axes of the local quadratic")
        self.show_3d = QCheckBox("3-D view")
        reason = opengl_unavailable_reason()
        if reason:
            self.show_3d.setEnabled(False)
            self.show_3d.setToolTip(reason)
        else:
            self.show_3d.setToolTip("Show the surface in 3-D with the paths on it")
        self.log_scale.toggled.connect(lambda _on: self._request_grid())
        self.curvature.toggled.connect(self._on_curvature)
        self.show_3d.toggled.connect(self._on_3d)
        layout = QVBoxLayout(self.options)
        for widget in (self.log_scale, *self.arrow_boxes.values(), self.curvature, self.show_3d):
            layout.addWidget(widget)

    def _layout(self) -> None:
        scroll = side_panel(self.runs_panel, self.parameters, self.options, minimum_width=420)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.plots)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        top = QHBoxLayout()
        top.addWidget(self.editor, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.formula)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    # --- public ---
    @property
    def frame_count(self) -> int:
        return self.runs.frame_count if self.runs else 1

    @property
    def export_scene(self):
        return self.plots.scene()

    @property
    def traces(self):
        return self.runs.traces if self.runs else ()

    def menu_actions(self, parent) -> dict[str, list]:
        """This lab's entries for the window's menus: view toggles and the built-in loss surfaces."""
        return {
            "&View": [
                make_action(parent, "&Log-scale colours", self.log_scale.toggle, "Ctrl+L",
                            "Colour the loss on a log scale (losses span many orders of magnitude)"),
                make_action(parent, "&Curvature at the current point", self.curvature.toggle, "Ctrl+H",
                            "Show the Hessian's eigen-directions, condition number and 2/lambda_max"),
            ],
            "&Presets": [make_action(parent, surface.title, lambda _=False, s=surface: self.load_preset(s),
                                     tip=surface.note) for surface in self.presets],
        }

    def load_preset(self, surface: LossSurface) -> None:
        """Show a built-in surface with all seven optimizers racing from its default start."""
        self.load_race(SavedRace(surface.expression, dict(surface.parameters),
                                 (tuple(map(float, surface.default_start)),), self._race_runs(surface),
                                 self.runs_panel.max_steps.value(), surface.bounds))
        self.statusMessage.emit(f"{surface.title}: {surface.note}")

    def load_race(self, race: SavedRace) -> None:
        """Show ``race``: its surface and view, start points and runs (a built-in surface gets its landmarks)."""
        self._started = True
        self.preset = next((surface for surface in self.presets if surface.expression == race.expression), None)
        self._pending_params = dict(race.parameters)
        self.plots.set_view(*race.view)
        if self.preset is not None:
            self.plots.set_landmarks(self.preset.minima, self.preset.saddle_points)
        else:
            self.plots.set_landmarks((), ())
        self.starts = list(race.starts)
        self.runs_panel.max_steps.blockSignals(True)
        self.runs_panel.max_steps.setValue(race.max_steps)
        self.runs_panel.max_steps.blockSignals(False)
        self._set_runs(race.runs)
        self.editor.set_text(race.expression)

    def saved_race(self) -> SavedRace:
        """What is on screen, with the last expression that compiled (a half-typed one is not kept)."""
        self._prune_starts()
        rows = self.runs_panel.rows
        return SavedRace(self.compiled.text if self.compiled is not None else self.editor.text, self._params(),
                         tuple(self.starts),
                         tuple(SavedRun(row.optimizer_name, row.start_index, row.hyperparameters(), row.colour)
                               for row in rows),
                         self.runs_panel.max_steps.value(), self.plots.framed_range())

    def show_frame(self, frame: int) -> None:
        self._frame = frame
        self.plots.show_frame(frame)
        self.runs_panel.show_frame_info(self.traces, frame)
        if self.view3d is not None:
            self.view3d.set_paths(self.traces, frame, self._loss_to_image)

    def save_state(self) -> None:
        if self._started:  # a lab never shown has nothing new: the saved race stays for next time
            self._settings.setValue(SETTINGS_RACE, self.saved_race().to_json())

    def add_start(self, x: float, y: float) -> None:
        """A new start point with one run of the optimizer chosen under "Click adds"."""
        self.starts.append((x, y))
        optimizer = self.runs_panel.new_optimizer.currentData()
        self.runs_panel.add_run(optimizer, len(self.starts) - 1, {"lr": self._race_lr(optimizer, self.preset)})

    def move_start(self, index: int, x: float, y: float) -> None:
        if 0 <= index < len(self.starts):
            self.starts[index] = (x, y)
            self._request_runs()

    def race_all(self) -> None:
        """All seven optimizers from the first start point (the preset's start if there is none)."""
        if not self.starts:
            self.starts = [self._default_start()]
        self.starts = self.starts[:1]
        self._set_runs(self._race_runs(self.preset))
        self._request_runs()

    # --- runs ---
    def _default_start(self) -> tuple[float, float]:
        if self.preset is not None:
            return tuple(map(float, self.preset.default_start))
        (x0, x1), (y0, y1) = self.plots.view_range()
        return (x0 + 0.2 * (x1 - x0), y0 + 0.8 * (y1 - y0))

    def _race_lr(self, optimizer: str, surface: LossSurface | None) -> float:
        if surface is not None:
            return surface.learning_rate(optimizer)
        (x0, x1), (y0, y1) = self.plots.view_range()
        return race_learning_rate(optimizer, max(x1 - x0, y1 - y0), DEFAULT_SGD_LR)

    def _race_runs(self, surface: LossSurface | None) -> tuple[SavedRun, ...]:
        """All seven optimizers from the first start point, each with a learning rate for a visible race."""
        return tuple(SavedRun(optimizer, 0, {"lr": self._race_lr(optimizer, surface)}) for optimizer in OPTIMIZERS)

    def _set_runs(self, runs: tuple[SavedRun, ...]) -> None:
        self.runs_panel.clear(emit=False)
        for run in runs:
            self.runs_panel.add_run(run.optimizer, run.start_index, run.hyperparameters, run.colour, emit=False)

    def _specs(self):
        self._prune_starts()
        return tuple(row.spec(self.starts[row.start_index]) for row in self.runs_panel.rows)

    def _prune_starts(self) -> None:
        used = sorted({row.start_index for row in self.runs_panel.rows})
        if used != list(range(len(self.starts))):
            mapping = {old: new for new, old in enumerate(used)}
            self.starts = [self.starts[old] for old in used]
            for row in self.runs_panel.rows:
                row.start_index = mapping[row.start_index]
        self.plots.set_starts(self.starts)

    def _request_runs(self) -> None:
        if self.compiled is None:
            return
        # The runner keeps one job in flight and only the newest waiting: a drag coalesces.
        self.runs_runner.submit(compute_runs, self.compiled, self._params(), self._specs(),
                                self.runs_panel.max_steps.value())

    def _on_runs(self, update: RunsUpdate) -> None:
        self.runs = update
        self.plots.set_traces(update.traces, self.runs_panel.selected, self._loss_reference())
        self.runs_panel.show_status(update.traces)
        self._show_notice()
        self.historyChanged.emit(update.frame_count)
        self.show_frame(min(self._frame, update.frame_count - 1))
        self.runsUpdated.emit()

    def _loss_reference(self) -> float:
        candidates = [float(np.nanmin(trace.loss)) for trace in self.traces if np.any(np.isfinite(trace.loss))]
        if self.grid is not None:
            candidates.append(self.grid.minimum)
        if self.preset is not None and self._is_preset_text() and math.isfinite(self.preset.minimum_value):
            candidates.append(self.preset.minimum_value)
        return min(candidates) if candidates else 0.0

    def _loss_to_image(self, loss):
        loss = np.asarray(loss, dtype=np.float64)
        if self.grid is None or not self.grid.log_scale:
            return loss
        with np.errstate(all="ignore"):
            return np.log10(loss - self.grid.minimum + LOG_EPS)

    def _show_notice(self) -> None:
        lines = []
        for row, trace in zip(self.runs_panel.rows, self.traces):
            if trace.diverged:
                label = row.optimizer.currentText()
                lines.append(f"<span style='color:{palette.FAILURE_TEXT}'>✗ {html.escape(label)}: "
                             f"{html.escape(trace.message)}</span>")
        if not lines:
            done = sum(trace.result is not None and trace.result.status == "converged" for trace in self.traces)
            lines.append(f"{len(self.traces)} run(s); {done} converged. Click the surface to add a start point, "
                         f"drag a start point to move it.")
        self.notice.setText("<br>".join(lines))

    def _on_selection(self, index: int) -> None:
        if self.runs is not None:
            self.plots.selected = index
            self.plots.show_frame(self._frame)

    def _on_arrow(self, kind: str, on: bool) -> None:
        self.plots.show_arrows[kind] = on
        self.plots.show_frame(self._frame)

    def _on_curvature(self, on: bool) -> None:
        self.plots.show_curvature = on
        self.plots.show_frame(self._frame)

    # --- surface ---
    def _params(self) -> dict:
        return {**self.parameters.values, **self._pending_params}

    def _is_preset_text(self) -> bool:
        return self.preset is not None and self.editor.text.strip() == self.preset.expression

    def _on_expression(self, text: str) -> None:
        self._pending_text = text
        if self.preset is not None and text.strip() != self.preset.expression:
            self.preset = None
            self.plots.set_landmarks((), ())
        x_range, y_range = self.plots.view_range()
        self.surface_runner.submit(compile_and_grid, text, self._params(), x_range, y_range,
                                   self.log_scale.isChecked(), cancels_symbolic=True)

    def _on_parameters(self, _values: dict) -> None:
        self._request_grid()
        self._request_runs()

    def _request_grid(self) -> None:
        x_range, y_range = self.plots.view_range()
        if self._pending_text is not None:
            self.surface_runner.submit(compile_and_grid, self._pending_text, self._params(), x_range, y_range,
                                       self.log_scale.isChecked())
        elif self.compiled is not None:
            self.surface_runner.submit(grid_update, self.compiled, self._params(), x_range, y_range,
                                       self.log_scale.isChecked())

    def _on_surface(self, update: SurfaceUpdate | Rejected) -> None:
        if isinstance(update, Rejected):
            self._pending_text = None
            if self._restoring:  # the saved expression no longer compiles: start afresh, not on an empty plot
                self._restoring = False
                self.load_preset(PRESETS[START_PRESET])
                return
            self.editor.show_error(update.message, update.column)  # the previous surface stays on screen
            return
        if update.surface is not None:
            self._pending_text = None
            self._restoring = False
            self.compiled = update.surface.compiled
            self.editor.show_accepted()
            self.formula.show_formula(update.surface.formula_png, f"f(x, y) = {self.compiled.expression}")
            self.parameters.blockSignals(True)
            self.parameters.set_parameters(self.compiled.parameters,
                                           {**self.compiled.parameter_defaults, **self._pending_params})
            self.parameters.blockSignals(False)
            self._pending_params = {}
            self._request_runs()
        if isinstance(update.grid, Rejected):
            self.notice.show_error(update.grid.message)
            self.grid = None
            self.plots.clear_grid()  # the old surface would be read as the new function's
            return
        self.grid = update.grid
        self.plots.set_grid(update.grid)
        if self.view3d is not None:
            self.view3d.set_grid(update.grid)
        self.activity.emit(f"surface recomputed in {1000 * update.grid.seconds:.0f} ms")
        self.surfaceUpdated.emit()

    # --- 3-D ---
    def _on_3d(self, on: bool) -> None:
        if on and self.view3d is None:
            from .surface3d import create_surface_view
            self.view3d = create_surface_view()
            self.splitter.insertWidget(1, self.view3d)
            if self.grid is not None:
                self.view3d.set_grid(self.grid)
            self.view3d.set_paths(self.traces, self._frame, self._loss_to_image)
        if self.view3d is not None:
            self.view3d.setVisible(on)
            if on:  # share the room evenly with the 2-D plots instead of squeezing them
                plots, view3d, side = self.splitter.sizes()
                self.splitter.setSizes([(plots + view3d) // 2, (plots + view3d) // 2, side])
