"""The gradient-descent lab's tab: a loss surface, start points, racing optimizers and why each step goes where."""

from __future__ import annotations

import html

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout
from superqt.utils import signals_blocked

from ...engine.optim import CONVERGED, OPTIMIZER_LABELS, PRESETS, LossSurface
from ...figures.caption import Caption
from ...figures.descent_figure import DescentFigure
from ...figures.descent_style import ARROW_KINDS
from ...labs import palette
from ...labs.descent import edits
from ...labs.descent.compute import DescentResult
from ...labs.descent.presets import preset_scene
from ...labs.descent.runs import DescentRuns, compute_runs
from ...labs.descent.scene import DescentScene
from ...labs.descent.surface import SurfaceGrid
from ...labs.history_csv import descent_runs_csv
from ...labs.rejection import Rejected
from ..expression_editor import ExpressionEditor
from ..formula_view import FormulaView
from ..job_runner import LatestJobRunner
from ..menu_action import make_action, make_toggle, show_checked
from ..notice_label import NoticeLabel
from ..parameter_panel import ParameterPanel
from ..scene_lab import FigureView, SceneLab
from ..side_panel import side_panel
from .jobs import SurfaceUpdate, surface_job
from .runs_panel import RunsPanel, run_summary
from ..opengl import opengl_unavailable_reason

# The loss plot's choices (the scene's ``loss_axis``), in words.
LOSS_AXIS_CHOICES = {
    "above_minimum": ("loss above its minimum (log scale)",
                      "How far each run is from the lowest loss known, in decades: how fast it converges"),
    "loss": ("the loss itself (log scale)",
             "The loss as it is; on a log scale symmetric about zero where it is zero or negative"),
}



class GradientDescentLab(SceneLab):
    name = "descent"
    hint = "Click the surface to add a start point, drag one to move it, press Space to play"

    def __init__(self, scene: DescentScene, parent=None):
        super().__init__(scene,
                         ExpressionEditor("f(x, y) =", "e.g. (1-x)^2 + 100(y-x^2)^2, x^2 + k y^2"), ParameterPanel(),
                         NoticeLabel("What happened to the runs, and why a run diverged"), parent)
        self.presets = tuple(PRESETS.values())
        self._grid: SurfaceGrid | None = None
        self._runs: DescentRuns | None = None
        self._gridding: tuple | None = None        # the inputs of the last grid submitted
        self._running: DescentScene | None = None  # the inputs of the last runs submitted

        self.formula = FormulaView()
        self.figure = DescentFigure()
        self.figure_view = FigureView(self.figure)
        self.runs_panel = RunsPanel()
        self._build_options()
        self.surface_runner = LatestJobRunner(self)
        self.runs_runner = LatestJobRunner(self)
        self.view3d = None
        # View-menu entries with check marks that follow the scene (the window puts them in its menus).
        self.toggles = {
            "log_scale": make_toggle(self, "&Log-scale colours", lambda on: self.edit(log_scale=on), True, "Ctrl+L",
                                     "Colour the loss on a log scale (losses span many orders of magnitude)"),
            "curvature": make_toggle(self, "&Curvature at the current point", lambda on: self.edit(curvature=on), True,
                                     "Ctrl+H", "Show the Hessian's eigen-directions, condition number and 2/lambda_max"),
        }
        self._layout()

        self.figure.startAdded.connect(lambda x, y: self.apply(edits.add_start, (x, y)))
        self.figure.startMoved.connect(lambda i, x, y: self.apply(edits.move_start, i, (x, y)))
        self.figure.viewChanged.connect(lambda view: self.edit(view=view))
        self.figure.visibleRangeChanged.connect(lambda _range: self._request_grid())
        self.figure.frameRequested.connect(self.show_frame)
        panel = self.runs_panel
        panel.hyperparameterEdited.connect(lambda i, name, value: self.apply(edits.set_hyperparameter, i, name, value))
        panel.runEdited.connect(lambda edit, args: self.apply(edit, *args))
        panel.optimizerChosen.connect(lambda i, name: self.apply(edits.change_optimizer, i, name))
        panel.removeRequested.connect(lambda i: self.apply(edits.remove_run, i))
        panel.selectRequested.connect(lambda i: self.edit(selected_run=i))
        panel.raceRequested.connect(lambda: self.apply(edits.race_all))
        panel.clearRequested.connect(lambda: self.apply(edits.clear_runs))
        panel.maxStepsEdited.connect(lambda steps: self.edit(max_steps=steps))
        panel.clickAddsChosen.connect(lambda name: self.edit(click_adds=name))
        self.surface_runner.succeeded.connect(self._on_surface)
        self.surface_runner.failed.connect(self.notice.show_error)
        self.runs_runner.succeeded.connect(self._on_runs)
        self.runs_runner.failed.connect(self.notice.show_error)
        self._follow(self._scene.__struct_fields__)

    def _build_options(self) -> None:
        self.options = QGroupBox("Show")
        self.log_scale = QCheckBox("Log colour scale")
        self.log_scale.setToolTip("Colour by the loss above its minimum on a log scale: losses span many "
                                  "orders of magnitude")
        self.log_scale.toggled.connect(lambda on: self.edit(log_scale=on))
        self.arrow_boxes = {}
        for kind, (_, text) in ARROW_KINDS.items():
            box = QCheckBox(f"Arrow: {text}")
            box.toggled.connect(lambda on, kind=kind: self.edit(
                arrows=msgspec.structs.replace(self._scene.arrows, **{kind: on})))
            self.arrow_boxes[kind] = box
        self.arrow_boxes["gradient"].setToolTip("−lr × gradient: where plain gradient descent would step")
        self.arrow_boxes["momentum"].setToolTip("−lr × momentum buffer (Adam: its first moment)")
        self.arrow_boxes["step"].setToolTip("The step the optimizer actually takes from here")
        self.curvature = QCheckBox("Curvature (Hessian) at the selected run")
        self.curvature.setToolTip("Eigen-directions of the exact Hessian drawn as the axes of the local quadratic")
        self.curvature.toggled.connect(lambda on: self.edit(curvature=on))
        self.show_3d = QCheckBox("3-D view")  # enabled or not by _offer_3d_view
        self.show_3d.toggled.connect(lambda on: self.edit(show_3d=on))
        self.loss_axis = QComboBox()
        for value, (text, tip) in LOSS_AXIS_CHOICES.items():
            self.loss_axis.addItem(text, value)
            self.loss_axis.setItemData(self.loss_axis.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.loss_axis.setToolTip("What the loss plot's height shows")
        self.loss_axis.currentIndexChanged.connect(lambda: self.edit(loss_axis=self.loss_axis.currentData()))
        loss_row = QHBoxLayout()
        loss_row.addWidget(QLabel("Loss plot:"))
        loss_row.addWidget(self.loss_axis, 1)
        layout = QVBoxLayout(self.options)
        for widget in (self.log_scale, *self.arrow_boxes.values(), self.curvature, self.show_3d):
            layout.addWidget(widget)
        layout.addLayout(loss_row)

    def _layout(self) -> None:
        self.side_panel = side_panel(self.runs_panel, self.parameters, self.options, minimum_width=370)
        self.splitter = self._figure_beside_panel()  # the 3-D view goes into it too
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.formula)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    # --- the contract with the window ---
    @property
    def result(self) -> DescentResult:
        """What is on screen: the latest grid and runs (computed from earlier scenes while newer ones compute)."""
        return DescentResult(self._grid, self._runs)

    @property
    def frame_count(self) -> int:
        return self.result.frame_count

    def current_result(self) -> DescentResult | None:
        """The grid and runs the figure draws, if they are of the scene and the view on screen (None while
        either is being computed)."""
        runs = self._runs
        if runs is None or runs.scene.computed_inputs() != self._scene.computed_inputs():
            return None
        if self._gridding != self._grid_inputs() or self.surface_runner.busy:
            return None
        return self.result

    @property
    def traces(self):
        return self.result.traces

    def menu_actions(self, parent) -> dict[str, list]:
        """This lab's entries for the window's menus: view toggles and the built-in loss surfaces."""
        return {
            "&View": list(self.toggles.values()),
            "&Presets": [make_action(parent, surface.title, lambda _=False, s=surface: self.load_preset(s),
                                     tip=surface.note) for surface in self.presets],
        }

    def history_csv(self) -> str | None:
        """Every run's steps as CSV, or None before the first runs."""
        return descent_runs_csv(self._runs) if self._runs is not None else None

    def caption(self) -> Caption:
        """The loss, and each run's optimizer, learning rate and outcome (as its row says)."""
        traces = self._runs.traces if self._runs is not None else ()
        return Caption(f"f(x, y) = {self._scene.expression}", tuple(
            (trace.colour, f"{OPTIMIZER_LABELS[trace.run.optimizer]}{_rate(trace)}: {run_summary(trace)}")
            for trace in traces))

    def load_preset(self, surface: LossSurface) -> None:
        """Show a built-in surface with all seven optimizers racing from its default start."""
        self.set_scene(preset_scene(surface, self._scene))
        self.statusMessage.emit(f"{surface.title}: {surface.note}")


    # --- the person's edits ---
    # --- widgets follow the scene ---
    def _show_runs_panel(self) -> None:
        self.runs_panel.show_scene(self._scene)

    _on_runs_change = _on_max_steps_change = _on_click_adds_change = _on_selected_run_change = _show_runs_panel

    def _on_log_scale_change(self) -> None:
        _show_checked(self.log_scale, self._scene.log_scale)
        show_checked(self.toggles["log_scale"], self._scene.log_scale)

    def _on_loss_axis_change(self) -> None:
        with signals_blocked(self.loss_axis):
            self.loss_axis.setCurrentIndex(self.loss_axis.findData(self._scene.loss_axis))

    def _on_arrows_change(self) -> None:
        for kind, box in self.arrow_boxes.items():
            _show_checked(box, getattr(self._scene.arrows, kind))

    def _on_curvature_change(self) -> None:
        _show_checked(self.curvature, self._scene.curvature)
        show_checked(self.toggles["curvature"], self._scene.curvature)

    def _on_show_3d_change(self) -> None:
        _show_checked(self.show_3d, self._scene.show_3d)
        self._show_3d_view(self._scene.show_3d and self._offer_3d_view())

    def _offer_3d_view(self) -> bool:
        """Enable the 3-D option if OpenGL works here, else say why in its tooltip; True if it works.

        Asked when the tab is shown or a scene wants the 3-D view, not when the lab is built: finding
        out imports pyqtgraph.opengl and makes a context (~0.8 s of CPU on X11), which would delay the
        window's first frame although this tab is seldom the first one shown.
        """
        reason = opengl_unavailable_reason()
        self.show_3d.setEnabled(reason is None)
        self.show_3d.setToolTip(reason or "Show the surface in 3-D with the paths on it")
        return reason is None

    # --- computing ---
    def _after_change(self, changed: frozenset[str]) -> None:
        self._draw()
        if not self.isVisible() or changed == {"frame"}:
            return  # (a frame changes neither what the runs compute from nor the range the grid covers)
        inputs = self._scene.computed_inputs()
        if inputs != self._running:
            expression_changed = self._running is None or inputs.expression != self._running.expression
            self._running = inputs
            self.runs_runner.submit(compute_runs, self._scene, cancels_symbolic=expression_changed)
        if changed:  # on a first show the figure is still being laid out: its visible range settles first
            self._request_grid()

    def _grid_inputs(self) -> tuple:
        """What the grid of the figure depends on: the loss, its colour scale and the range the figure shows."""
        scene = self._scene
        return scene.expression, scene.parameter_values(), scene.log_scale, self.figure.visible_range()

    def _request_grid(self) -> None:
        """A grid over what the figure shows, unless the last one asked for is of the same."""
        scene, inputs = self._scene, self._grid_inputs()
        if not self.isVisible() or inputs == self._gridding:
            return
        expression_changed = self._gridding is None or self._gridding[0] != scene.expression
        self._gridding = inputs
        self.surface_runner.submit(surface_job, scene, *inputs[-1], cancels_symbolic=expression_changed)

    def showEvent(self, event) -> None:
        self._offer_3d_view()
        super().showEvent(event)
        self.figure.report_visible_range_soon()  # once the layout settles: then the grid is asked for

    def _compiled_scene(self) -> DescentScene | None:
        """The scene of the last expression that compiled (what a refused one goes back to)."""
        shown = self._runs or self._grid
        return shown.scene if shown is not None else None

    def _on_surface(self, update: SurfaceUpdate) -> None:
        grid = update.grid
        if isinstance(grid, Rejected) and grid.stage == "expression":
            self.expression_refused(grid, self._compiled_scene())  # the previous surface stays on screen
            return
        self.formula.show_formula(update.formula_png, update.formula_text)
        if isinstance(grid, Rejected):  # undefined all over the view: no stale surface under the new function
            self.notice.show_error(grid.message)
            self._grid = None
        else:
            self._grid = grid
            self.activity.emit(f"surface recomputed in {1000 * grid.seconds:.0f} ms")
        self._draw()

    def _on_runs(self, runs: DescentRuns | Rejected) -> None:
        if isinstance(runs, Rejected):
            self.expression_refused(runs, self._compiled_scene())
            return
        self.editor.remember(runs.scene.expression)
        self._runs = runs
        self.runs_panel.show_traces(runs.traces, self.frame)
        self.notice.setText(runs_notice(runs))
        self._draw()
        self.timelineChanged.emit()

    def _draw(self) -> None:
        frame = self.frame
        self.figure.draw(self._scene, self.result, frame)
        self.runs_panel.show_frame_info(self.traces, frame)
        if self.view3d is not None and self.view3d.isVisible():
            if self._grid is not None and self.view3d.grid is not self._grid:
                self.view3d.set_grid(self._grid)
            self.view3d.set_paths(self.traces, frame)

    # --- 3-D ---
    def _show_3d_view(self, on: bool) -> None:
        created = on and self.view3d is None
        if created:
            from .surface3d import create_surface_view
            self.view3d = create_surface_view()
            self.splitter.insertWidget(1, self.view3d)
        if self.view3d is None or (not created and self.view3d.isVisibleTo(self) == on):
            return  # already as asked: the person's splitter sizes stay
        self.view3d.setVisible(on)
        if on:  # share the room evenly with the 2-D plots instead of squeezing them
            plots, view3d, side = self.splitter.sizes()
            self.splitter.setSizes([(plots + view3d) // 2, (plots + view3d) // 2, side])
            self._draw()


def _rate(trace) -> str:
    """", lr 0.002" for a run with a learning rate; nothing for a line search, which has none."""
    return "" if trace.lr is None else f", lr {trace.lr:.3g}"


def _show_checked(box: QCheckBox, on: bool) -> None:
    with signals_blocked(box):
        box.setChecked(on)


def runs_notice(runs: DescentRuns) -> str:
    lines = [f"<span style='color:{palette.FAILURE_TEXT}'>✗ {html.escape(OPTIMIZER_LABELS[trace.run.optimizer])}: "
             f"{html.escape(trace.message)}</span>" for trace in runs.traces if trace.diverged]
    if not lines:
        done = sum(trace.result is not None and trace.result.status == CONVERGED for trace in runs.traces)
        lines.append(f"{len(runs.traces)} run(s); {done} converged. Click the surface to add a start point, "
                     f"drag a start point to move it.")
    return "<br>".join(lines)
