"""The root-finding lab's tab: editor, parameters, method panel, the figure, race summary and table."""

from __future__ import annotations

import html

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...figures.caption import Caption
from ...figures.roots_figure import RootFigure
from ...labs import palette
from ...labs.history_csv import root_run_csv
from ...labs.rejection import Rejected
from ...labs.roots.examples import EXAMPLES, RootExample
from ...labs.roots.methods import ROOT_METHODS
from ...labs.roots.reasons import outcome, suggestions_heading, verdict
from ...labs.roots.run import RootRun
from ...labs.roots.scene import RootScene
from ...labs.scene import Parameter
from ..expression_editor import ExpressionEditor
from ..formula_view import FormulaView
from ..job_runner import LatestJobRunner
from ..menu_action import make_action, make_toggle, show_checked
from ..notice_label import NoticeLabel
from ..parameter_panel import ParameterPanel
from ..scene_lab import FigureView, SceneLab
from ..side_panel import side_panel
from .iteration_table import IterationTable
from .jobs import RootUpdate, solve_job
from .method_panel import CONSTRUCTION_TIP, MethodPanel




class RootFindingLab(SceneLab):
    name = "roots"
    hint = "Type a function, drag the bracket, press Space to play"

    def __init__(self, scene: RootScene, parent=None):
        super().__init__(scene,
                         ExpressionEditor("f(x) =", "e.g. x^3 - 2, cos(x) - x, a*x^3 - x"), ParameterPanel(),
                         NoticeLabel("What the method found, and what went wrong if it did"), parent)
        self._run: RootRun | None = None
        self._solving: RootScene | None = None  # the inputs of the last solve submitted
        self.examples = EXAMPLES

        self.formula = FormulaView()
        self.derivative = FormulaView()
        self.figure = RootFigure()
        self.figure_view = FigureView(self.figure)
        self.method_panel = MethodPanel()
        self.race_summary = QLabel()
        self.race_summary.setTextFormat(Qt.TextFormat.RichText)
        self.race_summary.setWordWrap(True)
        self.table = IterationTable()
        self.runner = LatestJobRunner(self)
        # View-menu entries with check marks that follow the scene (the window puts them in its menus).
        self.toggles = {
            "auto_zoom": make_toggle(self, "Follow the &bracket (auto-zoom)",
                                     lambda on: self._on_method_panel_edited({"auto_zoom": on}), False, "Ctrl+B",
                                     "Zoom in on the bracket as it shrinks"),
            "race": make_toggle(self, "&Race all methods", lambda on: self.edit(race=on), False, "Ctrl+R",
                                "Run all five root-finding methods side by side"),
            "construction": make_toggle(self, "Draw the step's &construction", lambda on: self.edit(construction=on),
                                        True, "Ctrl+K", CONSTRUCTION_TIP),
        }
        self._layout()

        self.method_panel.edited.connect(self._on_method_panel_edited)
        self.figure.bracketDragged.connect(lambda a, b: self.edit(bracket=(a, b), **self._view_pinned()))
        # A pan or zoom by hand takes the view out of auto-zoom's hands.
        self.figure.viewChanged.connect(lambda x_range, y_range: self.edit(view_x=x_range, view_y=y_range,
                                                                           auto_zoom=False))
        self.notice.linkActivated.connect(self._on_link)
        self.table.frameSelected.connect(self.show_frame)
        self.runner.succeeded.connect(self._on_update)
        self.runner.failed.connect(self.notice.show_error)
        self.runner.busyChanged.connect(lambda busy: self.activity.emit("Computing…" if busy else ""))
        self._follow(self._scene.__struct_fields__)

    def _layout(self) -> None:
        formulas = QHBoxLayout()
        formulas.addWidget(self.formula, 1)
        formulas.addWidget(self.derivative, 1)

        self.side_panel = side_panel(self.method_panel, self.parameters, self.race_summary, minimum_width=290)

        main = self._figure_beside_panel(self.table)

        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addLayout(formulas)
        layout.addWidget(self.notice)
        layout.addWidget(main, 1)

    # --- the contract with the window ---
    @property
    def run(self) -> RootRun | None:
        """The run on screen (solved from an earlier scene while a newer one is being solved)."""
        return self._run

    @property
    def frame_count(self) -> int:
        return self._run.frame_count if self._run else 1

    def current_result(self) -> RootRun | None:
        """The run the figure draws, if it was solved from the scene on screen (None while that is solved)."""
        run = self._run
        return run if run is not None and run.scene.computed_inputs() == self._scene.computed_inputs() else None

    def menu_actions(self, parent) -> dict[str, list]:
        """This lab's entries for the window's menus: view toggles and the examples."""
        return {
            "&View": [
                *self.toggles.values(),
                make_action(parent, "&Fit the plot to the bracket", lambda: self.edit(view_x=None, view_y=None),
                            "Ctrl+0", "Frame the starting bracket"),
            ],
            "F&unctions": [make_action(parent, example.title, lambda _=False, e=example: self.load_example(e),
                                      tip=example.lesson) for example in self.examples],
        }

    def history_csv(self) -> str | None:
        """Every method's iterations as CSV, or None before the first run."""
        return root_run_csv(self._run) if self._run is not None else None

    def caption(self) -> Caption:
        """The function, and each method's outcome in the race summary's order."""
        runs = () if self._run is None else tuple(
            (ROOT_METHODS[method].colour, f"{ROOT_METHODS[method].label}: {outcome(result)}")
            for method, result in _race_order(self._run))
        return Caption(f"f(x) = {self._scene.expression}", runs)

    def load_example(self, example: RootExample) -> None:
        """Show an example: its function, bracket and method (the person's tolerances stay)."""
        self.set_scene(example.applied_to(self._scene))
        self.statusMessage.emit(example.lesson)


    # --- the person's edits ---
    def _with_new_expression(self, scene: RootScene) -> RootScene:
        return msgspec.structs.replace(scene, view_y=None)  # a new f: frame its values afresh

    def _with_parameter(self, scene: RootScene, name: str, parameter: Parameter) -> RootScene:
        # The plot stays put while a slider moves, so that the person sees f move, not the axes.
        return msgspec.structs.replace(scene.with_parameter(name, parameter), **self._view_pinned())

    def _on_method_panel_edited(self, changes: dict) -> None:
        if "bracket" in changes or changes.get("auto_zoom") is False:
            changes = {**changes, "view_x": None, "view_y": None}  # frame the new bracket
        self.edit(**changes)

    def _on_link(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "bracket":
            a, b = (float(v) for v in rest.split(":"))
            self.edit(bracket=(a, b), view_x=None, view_y=None)

    def _view_pinned(self) -> dict:
        """The ranges on screen, for an edit that must not move the plot under the person's hand."""
        if self._run is None or self._scene.auto_zoom:
            return {}
        return {"view_x": self.figure.x_range(), "view_y": self.figure.y_range()}

    # --- widgets follow the scene ---
    def _show_method_panel(self) -> None:
        self.method_panel.show_scene(self._scene)
        for field, action in self.toggles.items():
            show_checked(action, getattr(self._scene, field))

    _on_method_change = _on_bracket_change = _on_x0_change = _show_method_panel
    _on_xtol_change = _on_rtol_change = _on_maxiter_change = _on_race_change = _on_auto_zoom_change = _show_method_panel
    _on_construction_change = _show_method_panel

    # --- solving ---
    def _after_change(self, changed: frozenset[str]) -> None:
        inputs = self._scene.computed_inputs()
        if self.isVisible() and inputs != self._solving:
            expression_changed = self._solving is None or inputs.expression != self._solving.expression
            self._solving = inputs
            self.runner.submit(solve_job, self._scene, cancels_symbolic=expression_changed)
        self._draw()

    def _on_update(self, update: RootUpdate) -> None:
        run = update.run
        if isinstance(run, Rejected):  # the previous run stays on screen
            if run.stage == "expression":
                self.expression_refused(run, self._run.scene if self._run is not None else None)
            else:
                self.notice.show_error(run.message)
            return
        compiled = run.compiled
        self.editor.remember(compiled.text)
        self.formula.show_formula(update.formula_png, f"f(x) = {compiled.plain_text}")
        self.derivative.show_formula(update.derivative_png, f"f'(x) = {compiled.gradient_plain_text[0]}")
        self._run = run
        self.table.show_result(run.primary_result, run.bracket)
        self.race_summary.setText(race_summary(run))
        self.race_summary.setToolTip(race_messages(run))
        self.notice.setText(notice_text(run))
        self._draw()
        self.timelineChanged.emit()

    def _draw(self) -> None:
        self.figure.draw(self._shown_scene(), self._run, self.frame)
        self.table.select_frame(self.frame)

    def _shown_scene(self) -> RootScene:
        """The scene to draw the run on screen with.

        While a newer scene is being solved the plot stays where it is: the run on screen is never
        framed for, or its f resampled over, a bracket it was not solved on.
        """
        scene = self._scene
        if self._run is None or scene.auto_zoom or self._run.scene.computed_inputs() == scene.computed_inputs():
            return scene
        return msgspec.structs.replace(scene, view_x=self.figure.x_range(), view_y=self.figure.y_range())


def notice_text(run: RootRun) -> str:
    result = run.primary_result
    colour = palette.SUCCESS_TEXT if result.converged else palette.ERROR_TEXT
    label = html.escape(ROOT_METHODS[run.primary].label)
    text = (f"<span style='color:{colour}'>{label}, after {result.iterations} iterations: "
            f"{html.escape(result.message)}</span>")
    if result.suggested_brackets:
        links = " · ".join(f"<a href='bracket:{a!r}:{b!r}'>[{a:.4g}, {b:.4g}]</a>" for a, b in result.suggested_brackets)
        text += f"<br>{html.escape(suggestions_heading(result))}; click one to use it: {links}"
    return text


def race_summary(run: RootRun) -> str:
    """The outcome of one method, or each method's iterations and how it ended (why, if it failed)."""
    if len(run.results) == 1:
        result = run.primary_result
        return (f"<b>{ROOT_METHODS[run.primary].label}</b>: {result.iterations} iterations, "
                f"{result.function_calls} evaluations of f, {html.escape(outcome(result))}")
    rows = []
    for method, result in _race_order(run):
        row = ROOT_METHODS[method]
        rows.append(f"<tr><td><span style='color:{row.colour}'>■</span> {row.label}</td>"
                    f"<td align='right'>&nbsp;{result.iterations}&nbsp;</td>"
                    f"<td>{html.escape(verdict(result))}</td></tr>")
    return "<b>Race</b> (iterations):<table>" + "".join(rows) + "</table>"


def race_messages(run: RootRun) -> str:
    """The engine's full message for each method in the summary, in its order: the summary's tooltip.

    Rich text, so that the tooltip wraps the long sentences instead of running off the screen.
    """
    return "<br>".join(f"<b>{ROOT_METHODS[method].label}</b>: {html.escape(result.message)}"
                       for method, result in _race_order(run))


def _race_order(run: RootRun):
    """Methods that found a root first, fewest iterations first."""
    return sorted(run.results.items(), key=lambda item: (not item[1].converged, item[1].iterations))
