"""The root-finding lab: editor, parameters, method panel, plots, race summary and table."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...engine.roots import METHOD_LABELS
from ..expression_editor import ExpressionEditor
from ..formula_view import FormulaView
from .. import palette
from ..job_runner import LatestJobRunner
from ..menu_action import make_action
from ..notice_label import NoticeLabel
from ..parameter_panel import ParameterPanel
from ..rejection import Rejected
from ..side_panel import side_panel
from .examples import EXAMPLES, START_EXAMPLE, RootExample
from .iteration_table import IterationTable
from .jobs import CompiledFunction, Solved, Update, compile_and_solve, solve_update
from .method_panel import MethodPanel
from .plots import RootPlots
from .race import METHOD_COLOURS, RootRun
from .saved_session import SavedRootLab, session_from_json
from .settings import RootSettings

SETTINGS_SESSION = "roots/session"
SETTINGS_SPLITTERS = "roots/splitters"


class RootFindingLab(QWidget):
    """One tab of the main window. The window's playback controls drive ``show_frame``."""

    title = "Root finding"
    historyChanged = Signal(int)  # the number of frames of the new run history
    frameRequested = Signal(int)  # the user picked a frame here (a table row)
    statusMessage = Signal(str)  # a lesson or a result, for the status bar
    activity = Signal(str)  # what the lab is busy with now ("" when idle), shown apart from lessons

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self._settings = settings
        self._function: CompiledFunction | None = None
        self._run: RootRun | None = None
        self._frame = 0
        self._fit_on_next_function = True
        self._pending_text: str | None = None  # typed but not compiled yet
        self._pending_params: dict[str, float] = {}  # restored values for the next expression's sliders
        self._restoring = False  # the first compile is of the saved expression
        self.examples = EXAMPLES

        self.editor = ExpressionEditor("f(x) =", "e.g. x^3 - 2, cos(x) - x, a*x^3 - x")
        self.formula = FormulaView()
        self.derivative = FormulaView()
        self.notice = NoticeLabel("What the method found, and what went wrong if it did")
        self.plots = RootPlots()
        self.method_panel = MethodPanel()
        self.parameters = ParameterPanel()
        self.race_summary = QLabel()
        self.race_summary.setTextFormat(Qt.TextFormat.RichText)
        self.race_summary.setWordWrap(True)
        self.table = IterationTable()
        self.runner = LatestJobRunner(self)
        self._layout()

        self.editor.expressionChanged.connect(self._on_expression)
        self.parameters.valuesChanged.connect(self._on_parameters)
        self.method_panel.settingsChanged.connect(self._on_settings)
        self.method_panel.auto_zoom.toggled.connect(self._on_auto_zoom)
        self.plots.bracketDragged.connect(self.method_panel.set_bracket)
        self.notice.linkActivated.connect(self._on_link)
        self.table.frameSelected.connect(self.frameRequested)
        self.runner.succeeded.connect(self._on_update)
        self.runner.failed.connect(self.notice.show_error)
        self.runner.busyChanged.connect(lambda busy: self.activity.emit("Computing…" if busy else ""))

        for splitter, state in zip(self.splitters, _saved_list(settings.value(SETTINGS_SPLITTERS))):
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        saved = session_from_json(settings.value(SETTINGS_SESSION))
        if saved is None:
            self.load_example(START_EXAMPLE)
        else:
            self._restore(saved)

    def _layout(self) -> None:
        formulas = QHBoxLayout()
        formulas.addWidget(self.formula, 1)
        formulas.addWidget(self.derivative, 1)

        scroll = side_panel(self.method_panel, self.parameters, self.race_summary, minimum_width=330)

        top = QSplitter(Qt.Orientation.Horizontal)
        main = QSplitter(Qt.Orientation.Vertical)
        self.splitters = (top, main)
        top.addWidget(self.plots)
        top.addWidget(scroll)
        top.setStretchFactor(0, 1)
        main.addWidget(top)
        main.addWidget(self.table)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 1)
        main.setSizes([620, 200])

        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addLayout(formulas)
        layout.addWidget(self.notice)
        layout.addWidget(main, 1)

    # --- public ---
    @property
    def run(self) -> RootRun | None:
        return self._run

    @property
    def frame_count(self) -> int:
        return self._run.frame_count if self._run else 1

    @property
    def export_scene(self):
        return self.plots.scene()

    def menu_actions(self, parent) -> dict[str, list]:
        """This lab's entries for the window's menus: view toggles and the examples."""
        panel = self.method_panel
        return {
            "&View": [
                make_action(parent, "Follow the &bracket (auto-zoom)", panel.auto_zoom.toggle, "Ctrl+B",
                            "Zoom in on the bracket as it shrinks"),
                make_action(parent, "&Race all methods", panel.race.toggle, "Ctrl+R",
                            "Run all five root-finding methods side by side"),
                make_action(parent, "&Fit the plot to the bracket", self.plots.fit_view, "Ctrl+0",
                            "Frame the starting bracket"),
            ],
            "E&xamples": [make_action(parent, example.title, lambda _=False, e=example: self.load_example(e),
                                      tip=example.lesson) for example in self.examples],
        }

    def load_example(self, example: RootExample) -> None:
        """Show an example: its function, bracket and method (the user's tolerances stay)."""
        self._fit_on_next_function = True
        self.method_panel.apply(dataclasses.replace(self.method_panel.settings(), method=example.method,
                                                    bracket=example.bracket, race=example.race, x0=None))
        self.editor.set_text(example.expression)
        self.statusMessage.emit(example.lesson)

    def show_frame(self, frame: int) -> None:
        self._frame = frame
        self.plots.show_frame(frame)
        self.table.select_frame(frame)

    def save_state(self) -> None:
        if self._function is not None:  # else keep what was saved: nothing here ever compiled
            session = SavedRootLab(self._function.compiled.text, self.method_panel.settings(), self.parameters.values,
                                   self.method_panel.auto_zoom.isChecked(), tuple(self.editor.line_edit.history))
            self._settings.setValue(SETTINGS_SESSION, session.to_json())
        self._settings.setValue(SETTINGS_SPLITTERS, [splitter.saveState() for splitter in self.splitters])

    def _restore(self, saved: SavedRootLab) -> None:
        """Open as the user left it; a saved expression that no longer compiles gives the start example."""
        self.editor.line_edit.history = list(saved.history)
        self.editor.line_edit.remember("")
        self.method_panel.auto_zoom.setChecked(saved.auto_zoom)
        self.method_panel.apply(saved.settings)
        self._pending_params = dict(saved.parameters)
        self._restoring = True
        self.editor.set_text(saved.expression)

    # --- jobs ---
    def _on_expression(self, text: str) -> None:
        self._pending_text = text
        self.runner.submit(compile_and_solve, text, self.method_panel.settings(),
                           {**self._pending_params, **self.parameters.values}, cancels_symbolic=True)

    def _on_parameters(self, values: dict) -> None:
        if self._function is not None:
            self.plots.set_function(self._curve_function(values), fit=False)
            self._resolve()

    def _on_settings(self, settings: RootSettings) -> None:
        self.plots.set_bracket(*settings.bracket)
        self._resolve()

    def _resolve(self) -> None:
        settings, params = self.method_panel.settings(), self.parameters.values
        if self._pending_text is not None:
            # A newer job supersedes the compile in flight, so it must compile the new text too.
            self.runner.submit(compile_and_solve, self._pending_text, settings, params)
        elif self._function is not None:
            self.runner.submit(solve_update, self._function.compiled, settings, params)

    def _on_update(self, update: Update | Rejected) -> None:
        if isinstance(update, Rejected):
            self._pending_text = None
            if self._restoring:  # the saved expression no longer compiles: start afresh, not on an error
                self._restoring = False
                self.load_example(START_EXAMPLE)
                return
            self.editor.show_error(update.message, update.column)  # the previous plot stays on screen
            return
        if update.function is not None:
            self._accept_function(update.function)
        if isinstance(update.solved, Rejected):
            self.notice.show_error(update.solved.message)
            return
        self._show_solved(update.solved)

    def _accept_function(self, function: CompiledFunction) -> None:
        self._pending_text = None
        self._function = function
        compiled = function.compiled
        self.editor.show_accepted()
        self.formula.show_formula(function.formula_png, f"f(x) = {compiled.expression}")
        self.derivative.show_formula(function.derivative_png, f"f'(x) = {compiled.gradient[0]}")
        self.parameters.blockSignals(True)
        self.parameters.set_parameters(compiled.parameters, {**compiled.parameter_defaults, **self._pending_params})
        self._pending_params = {}
        self._restoring = False
        self.parameters.blockSignals(False)
        fit = self._fit_on_next_function
        self._fit_on_next_function = False
        self.plots.set_function(self._curve_function(self.parameters.values), fit=fit)
        if not fit:
            self.plots.refit_y()

    def _curve_function(self, params: dict):
        compiled = self._function.compiled
        values = compiled.own_parameters(params)  # a missing one takes its default
        return lambda xs: compiled.value(xs, params=values)

    def _show_solved(self, solved: Solved) -> None:
        compiled = self._function.compiled
        run = RootRun(solved.results, solved.settings.method, solved.settings.bracket,
                      compiled.scalar_function(solved.params))
        self._run = run
        self.plots.set_run(run)
        self.table.show_result(run.primary_result, run.bracket)
        self.race_summary.setText(_race_summary(run))
        self._show_notice(run)
        self.historyChanged.emit(run.frame_count)

    # --- messages ---
    def _show_notice(self, run: RootRun) -> None:
        result = run.primary_result
        colour = palette.SUCCESS_TEXT if result.converged else palette.ERROR_TEXT
        label = html.escape(METHOD_LABELS[run.primary])
        text = (f"<span style='color:{colour}'>{label}, after {result.iterations} iterations: "
                f"{html.escape(result.message)}</span>")
        if result.suggested_brackets:
            links = " · ".join(f"<a href='bracket:{a!r}:{b!r}'>[{a:.4g}, {b:.4g}]</a>"
                               for a, b in result.suggested_brackets)
            text += f"<br>Sign changes found nearby; click one to use it: {links}"
        self.notice.setText(text)

    def _on_link(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "bracket":
            a, b = (float(v) for v in rest.split(":"))
            self.method_panel.set_bracket(a, b)

    def _on_auto_zoom(self, enabled: bool) -> None:
        self.plots.auto_zoom = enabled
        if enabled:
            self.plots.show_frame(self._frame)
        else:
            self.plots.fit_view()


def _race_summary(run: RootRun) -> str:
    if len(run.results) == 1:
        result = run.primary_result
        return (f"<b>{METHOD_LABELS[run.primary]}</b>: {result.iterations} iterations, "
                f"{result.function_calls} evaluations of f, root ≈ {result.root:.12g}")
    rows = []
    for method, result in sorted(run.results.items(), key=lambda item: (not item[1].converged, item[1].iterations)):
        mark = "✓" if result.converged else "✗ " + html.escape(result.flag)
        rows.append(f"<tr><td><span style='color:{METHOD_COLOURS[method]}'>■</span> {METHOD_LABELS[method]}</td>"
                    f"<td align='right'>&nbsp;{result.iterations}&nbsp;</td><td>{mark}</td></tr>")
    return "<b>Race</b> (iterations):<table>" + "".join(rows) + "</table>"


def _saved_list(value) -> list:
    """A list read back from QSettings: its ini format returns a one-item list as the item itself."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
