"""The search's settings: optimizer and hyperparameters, start, steps, tolerance, goal, bracket, heatmap.

Shows a learning-rate scene (``show_scene``) and reports each edit as the scene fields it changes
(``edited``); it keeps no value of its own. The hyperparameter boxes are the descent lab's.
"""

from __future__ import annotations

from contextlib import ExitStack

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QRadioButton, QSizePolicy,
                               QSpinBox, QVBoxLayout, QWidget)
from superqt.utils import signals_blocked

from ...engine.lr_search import FASTEST, STABLE
from ...engine.lr_search.sweep import HEATMAP_AXES
from ...labs.descent.edits import boxed_hyperparameters, with_hyperparameter
from ...labs.descent.scene import MAX_STEPS_RANGE
from ...labs.lr_search.scene import LrSearchScene
from ..descent_lab.runs_panel import EXTRA, LR_RANGE, choose, hyperparameter_box, optimizer_box
from ..number_box import NumberBox
from ..roots_lab.method_panel import COORDINATE_LIMIT, ToleranceEdit

# Short, so that the panel leaves the figure room in a small window; the method is each button's tooltip.
GOAL_TEXT = {STABLE: ("Largest stable rate", "The largest learning rate that does not diverge, by bisection on log10(lr)"),
             FASTEST: ("Fastest rate", "The learning rate that reaches tol in the fewest steps, by golden-section "
                                       "search on log10(lr)")}


class SearchPanel(QGroupBox):
    edited = Signal(dict)  # the scene's fields the person changed, with their new values

    def __init__(self, parent=None):
        super().__init__("Search", parent)
        self._scene: LrSearchScene | None = None
        self.optimizer = optimizer_box("The optimizer whose learning rate is searched (a new choice starts from "
                                        "its PyTorch defaults)")
        self.extras = {name: hyperparameter_box(name, low, high, tip) for name, (_, low, high, tip) in EXTRA.items()}
        self.start = [NumberBox(-COORDINATE_LIMIT, COORDINATE_LIMIT, f"The start point's {axis} (or click the surface)",
                                widest="-2.5") for axis in "xy"]
        self.steps = QSpinBox()
        self.steps.setRange(*MAX_STEPS_RANGE)
        self.steps.setKeyboardTracking(False)
        self.steps.setToolTip("Updates per probe: a probe diverged if its loss after these many steps is above its "
                              "start (or it blew up)")
        self.tol = ToleranceEdit("A probe converged when its gradient norm fell below this; the fastest rate "
                                 "converges in the fewest steps")
        self.goals = QButtonGroup(self)
        goal_row = QWidget()
        goal_layout = QVBoxLayout(goal_row)
        goal_layout.setContentsMargins(0, 0, 0, 0)
        self.goal_buttons = {}
        for goal, (text, tip) in GOAL_TEXT.items():
            button = QRadioButton(text)
            button.setToolTip(tip)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # no dead room beyond its text
            self.goals.addButton(button)
            goal_layout.addWidget(button)
            self.goal_buttons[goal] = button
        self.auto_bracket = QCheckBox("from the race rate")
        self.auto_bracket.setToolTip("Start the bracket at the descent lab's race rate for this loss, start and view "
                                     "(from the curvature; the adaptive methods a hundredth of the view) and grow it "
                                     "by factors of 10; untick to give its ends")
        # As wide as a rate usually is (0.000125), not as "-1.2599214e-10": the row would widen the panel.
        self.low = NumberBox(*LR_RANGE, "The bracket's low end (grown down by 10 until stable)", digits=6,
                             widest="0.000125")
        self.high = NumberBox(*LR_RANGE, "The bracket's high end (grown up by 10 until it diverges)", digits=6,
                              widest="0.000125")
        self.heatmap = QCheckBox("Rate × momentum heatmap")
        self.heatmap.setToolTip("Steps to tolerance of every rate with every momentum (β1 for Adam, α for RMSprop), "
                                "40 × 40 runs; click a cell to run it")

        form = QFormLayout(self)
        form.addRow("Optimizer", self.optimizer)
        for name, (label, *_rest) in EXTRA.items():
            form.addRow(label, self.extras[name])
        start = QHBoxLayout()
        for box in self.start:
            start.addWidget(box)
        form.addRow("Start (x, y)", start)
        form.addRow("Steps a probe", self.steps)
        form.addRow("tol", self.tol)
        form.addRow("Goal", goal_row)
        bracket = QHBoxLayout()
        bracket.addWidget(self.low)
        bracket.addWidget(self.high)
        form.addRow("Bracket", self.auto_bracket)
        form.addRow("", bracket)
        form.addRow(self.heatmap)
        self.line_search = QCheckBox("Line search along −∇f")
        self.line_search.setToolTip("The loss along −∇f from the shown probe's point: the exact step (bisection on "
                                    "φ'(t) = 0) and Armijo backtracking with its acceptance line φ(0) + c t φ'(0), "
                                    "the steps that GD with exact line search and GD with Armijo backtracking take")
        self.line_step = QSpinBox()
        self.line_step.setRange(0, MAX_STEPS_RANGE[1])
        self.line_step.setKeyboardTracking(False)
        self.line_step.setToolTip("Slice the loss at the shown probe's point after this many of its steps (0: at the "
                                  "start); step through the search to follow it from probe to probe")
        form.addRow(self.line_search)
        form.addRow("at step", self.line_step)
        self.form = form

        self.optimizer.currentIndexChanged.connect(lambda: self._on_optimizer(self.optimizer.currentData()))
        for name, box in self.extras.items():
            box.valueChanged.connect(lambda value, name=name: self._on_hyperparameter(name, value))
        for index, box in enumerate(self.start):
            box.valueChanged.connect(lambda value, index=index: self._on_start(index, value))
        self.steps.valueChanged.connect(lambda value: self.edited.emit({"max_steps": value}))
        self.tol.valueEdited.connect(lambda value: self.edited.emit({"tol": value}))
        for goal, button in self.goal_buttons.items():
            button.toggled.connect(lambda on, goal=goal: on and self.edited.emit({"goal": goal}))
        self.auto_bracket.toggled.connect(self._on_auto_bracket)
        self.low.valueChanged.connect(lambda value: self.edited.emit({"low": value}))
        self.high.valueChanged.connect(lambda value: self.edited.emit({"high": value}))
        self.heatmap.toggled.connect(lambda on: self.edited.emit({"show_heatmap": on, "cell": None}))
        self.line_search.toggled.connect(lambda on: self.edited.emit({"line_search": on}))
        self.line_step.valueChanged.connect(lambda value: self.edited.emit({"line_step": value}))

    def show_scene(self, scene: LrSearchScene) -> None:
        self._scene = scene
        widgets = (self.optimizer, *self.extras.values(), *self.start, self.steps, *self.goal_buttons.values(),
                   self.auto_bracket, self.low, self.high, self.heatmap, self.line_search, self.line_step)
        with ExitStack() as blocked:
            for widget in widgets:
                blocked.enter_context(signals_blocked(widget))
            choose(self.optimizer, scene.optimizer)
            values = boxed_hyperparameters(scene.hyperparameters)
            for name, box in self.extras.items():
                shown = name in values
                box.setVisible(shown)
                self.form.labelForField(box).setVisible(shown)
                if shown:
                    box.show_value(float(values[name]))
            for box, value in zip(self.start, scene.start):
                box.show_value(value)
            self.steps.setValue(scene.max_steps)
            self.goal_buttons[scene.goal].setChecked(True)
            auto = scene.low is None and scene.high is None
            self.auto_bracket.setChecked(auto)
            for box, value in ((self.low, scene.low), (self.high, scene.high)):
                box.setEnabled(not auto)
                if value is not None:
                    box.show_value(value)
            self.heatmap.setEnabled(scene.optimizer in HEATMAP_AXES)
            self.heatmap.setChecked(scene.show_heatmap)
            self.line_search.setChecked(scene.line_search)
            self.line_step.setValue(scene.line_step)
            self.line_step.setEnabled(scene.line_search)
        self.tol.show_value(scene.tol)

    def show_bracket(self, low: float, high: float) -> None:
        """The bracket the last search started from, in the boxes that a person would edit to change it."""
        if self.auto_bracket.isChecked():
            self.low.show_value(low)
            self.high.show_value(high)

    def _on_optimizer(self, name: str) -> None:
        self.edited.emit({"optimizer": name, "hyperparameters": {},
                          "show_heatmap": bool(self._scene and self._scene.show_heatmap and name in HEATMAP_AXES),
                          "cell": None})

    def _on_hyperparameter(self, name: str, value: float) -> None:
        values = with_hyperparameter(self._scene.hyperparameters if self._scene is not None else {}, name, value)
        self.edited.emit({"hyperparameters": values, "cell": None})

    def _on_start(self, index: int, value: float) -> None:
        start = list(self._scene.start)
        start[index] = value
        self.edited.emit({"start": tuple(start), "cell": None})

    def _on_auto_bracket(self, auto: bool) -> None:
        if auto:
            self.edited.emit({"low": None, "high": None})
        else:
            self.edited.emit({"low": self.low.value(), "high": self.high.value()})

