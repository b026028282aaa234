"""The runs list: per run an optimizer, its hyperparameters, a colour, curvature focus and removal.

The panel shows the scene's runs (``show_scene``) and what they did (``show_traces``,
``show_frame_info``), and reports each edit with the run's index; it keeps no run of its own.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QButtonGroup, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QSpinBox, QToolButton, QVBoxLayout, QWidget)
from superqt.utils import signals_blocked

from ...engine.optim import CONVERGED, OPTIMIZER_LABELS, OPTIMIZERS, default_hyperparameters, vector_norms
from ...engine.optim.curvature import BOUND_FORMULAS
from ...labs import palette
from ...labs.descent.runs import RunTrace
from ...labs.descent.scene import MAX_STEPS_RANGE, DescentScene, RunSetup
from ..number_box import DecadeBox, NumberBox

# The boxes' ranges are the engine's rules (engine/optim/hyperparameters.py): a box never clamps a value
# the engine would take. lr > 0; momentum, eps and weight decay >= 0; alpha and the betas in [0, 1).
LARGE = 1e300
BELOW_ONE = 1 - 2**-53
LR_RANGE = (1e-300, LARGE)
# Hyperparameter box -> (label, minimum, maximum, tooltip naming the torch.optim argument). lr is always shown;
# these when the optimizer has them, and the MORE ones only after the row's "more" toggle (they rarely change).
EXTRA = {
    "momentum": ("μ", 0.0, LARGE, "momentum: how much of the previous step is kept"),
    "alpha": ("α", 0.0, BELOW_ONE, "alpha: RMSprop's smoothing of the squared gradient"),
    "beta1": ("β1", 0.0, BELOW_ONE, "betas[0]: Adam's smoothing of the gradient (first moment)"),
    "beta2": ("β2", 0.0, BELOW_ONE, "betas[1]: Adam's smoothing of the squared gradient (second moment)"),
    "eps": ("ε", 0.0, LARGE, "eps: added to the denominator so that a tiny gradient does not divide by zero "
                             "(the arrows multiply or divide it by 10)"),
    "weight_decay": ("weight decay", 0.0, LARGE, "weight_decay: an L2 penalty, weight_decay × θ added to the "
                                                  "gradient (AdamW: decoupled, θ shrinks by lr × weight_decay × θ)"),
}
MORE = ("eps", "weight_decay")


def _optimizer_box(tip: str) -> QComboBox:
    box = QComboBox()
    for name in OPTIMIZERS:
        box.addItem(OPTIMIZER_LABELS[name], name)
    box.setToolTip(tip)
    return box


def _hyperparameter_box(name: str, low: float, high: float, tip: str) -> NumberBox:
    if name == "eps":
        return DecadeBox(low, high, tip)
    box = NumberBox(low, high, tip, digits=6, widest="0.000125")
    box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    return box


class RunRow(QWidget):
    """One run: optimizer, lr, the optimizer's other hyperparameters (eps and weight decay behind "more")."""

    hyperparameterEdited = Signal(str, float)  # its name (beta1 and beta2 for the betas), its new value
    optimizerChosen = Signal(str)
    removeRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._optimizer = ""
        self._colour = ""  # of the run shown: a new colour is another run (after a removal, say)
        self.select = QRadioButton()
        self.select.setToolTip("Show the curvature (Hessian) at this run's current point")
        self.swatch = QLabel()
        self.optimizer = _optimizer_box("The optimizer of this run (a new choice starts from its PyTorch defaults, "
                                        "at its race learning rate from this start)")
        self.lr = _hyperparameter_box("lr", *LR_RANGE, "lr: the learning rate")
        self.bound = QLabel()
        self.bound.setToolTip("This method's stability bound at the current point: with a learning rate above it "
                              "the steps overshoot the valley and grow (plain descent 2/λ_max, heavy-ball momentum "
                              "2(1+μ)/λ_max, Nesterov 2(1+μ)/((1+2μ)λ_max); λ_max is the Hessian's largest "
                              "eigenvalue plus any weight decay)")
        self.status = QLabel()
        self.extras = {name: _hyperparameter_box(name, low, high, tip) for name, (_, low, high, tip) in EXTRA.items()}
        self.extra_labels = {name: QLabel(label) for name, (label, *_rest) in EXTRA.items()}
        self.more = QToolButton()
        self.more.setText("more…")
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setToolTip("More hyperparameters of this run: ε (eps) and weight decay (weight_decay)")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this run")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        for widget in (self.select, self.swatch, self.optimizer):
            top.addWidget(widget)
        top.addWidget(QLabel("lr"))
        top.addWidget(self.lr)
        top.addWidget(self.remove)
        second = QHBoxLayout()
        second.setContentsMargins(24, 0, 0, 0)
        third = QHBoxLayout()
        third.setContentsMargins(24, 0, 0, 0)
        for name in EXTRA:
            row = third if name in MORE else second
            row.addWidget(self.extra_labels[name])
            row.addWidget(self.extras[name])
        second.addWidget(self.bound, 1)
        third.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addLayout(third)
        last = QHBoxLayout()
        last.setContentsMargins(0, 0, 0, 0)
        last.addWidget(self.status, 1)
        last.addWidget(self.more)
        layout.addLayout(last)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setIndent(24)  # under the optimizer, like the hyperparameter row

        self.optimizer.currentIndexChanged.connect(lambda: self.optimizerChosen.emit(self.optimizer.currentData()))
        for name, box in {"lr": self.lr, **self.extras}.items():
            box.valueChanged.connect(lambda value, name=name: self.hyperparameterEdited.emit(name, value))
        self.more.toggled.connect(lambda _on: self._show_extras())
        self.remove.clicked.connect(self.removeRequested)

    def show_run(self, run: RunSetup) -> None:
        """Show ``run``; eps or weight decay away from the optimizer's default opens "more", so nothing is hidden."""
        another_run = (run.optimizer, run.colour) != (self._optimizer, self._colour)
        self._optimizer, self._colour = run.optimizer, run.colour
        self.swatch.setText(f"<span style='color:{run.colour}; font-size:18px'>■</span>")
        with signals_blocked(self.optimizer):
            self.optimizer.setCurrentIndex(OPTIMIZERS.index(run.optimizer))
        values = dict(run.hyperparameters)
        if "betas" in values:
            values["beta1"], values["beta2"] = values.pop("betas")
        boxes = {"lr": self.lr, **self.extras}
        for name, value in values.items():
            boxes[name].show_value(float(value))
        if another_run:
            defaults = default_hyperparameters(run.optimizer)
            self.more.setChecked(any(name in defaults and values[name] != defaults[name] for name in MORE))
        self._show_extras()

    def _wanted(self) -> set[str]:
        names = set(default_hyperparameters(self._optimizer))
        if "betas" in names:
            names |= {"beta1", "beta2"}
        return names

    def _show_extras(self) -> None:
        wanted = self._wanted()
        for name in EXTRA:
            shown = name in wanted and (name not in MORE or self.more.isChecked())
            self.extras[name].setVisible(shown)
            self.extra_labels[name].setVisible(shown)

    def show_trace(self, trace: RunTrace) -> None:
        """One short line on how the run went; the engine's whole explanation is its tooltip."""
        if trace.diverged:
            colour = palette.FAILURE_TEXT
        else:
            colour = palette.SUCCESS_TEXT if trace.result.status == CONVERGED else "#555555"
        self.status.setText(f"<span style='color:{colour}'>{html.escape(run_summary(trace))}</span>")
        self.status.setToolTip(trace.message)

    def show_bound(self, trace: RunTrace, frame: int) -> None:
        """Next to the lr: the method's own stability bound at the run's current point, red when lr is above it.

        2/λ_max for plain descent, 2(1+μ)/λ_max for the heavy ball, 2(1+μ)/((1+2μ)λ_max) for Nesterov;
        nothing for the adaptive methods, which have no such bound.
        """
        last = min(frame, len(trace.path) - 1)
        bound = float(trace.bound[last])
        if trace.result is None or math.isnan(bound):
            self.bound.setText("")
            return
        unstable = bool(trace.unstable[last])
        colour = palette.FAILURE_TEXT if unstable else palette.SUCCESS_TEXT
        if bound == 0:  # a heavy ball with μ >= 1: no rate is stable
            text = "μ ≥ 1: never settles"
        else:
            value = "∞" if math.isinf(bound) else f"{bound:.3g}"
            text = f"{BOUND_FORMULAS[trace.run.optimizer]} = {value}{' < lr' if unstable else ''}"
        self.bound.setText(f"<span style='color:{colour}'>{text}</span>")


class RunsPanel(QGroupBox):
    """The scene's runs, one row each, and the controls that add, race and clear them."""

    hyperparameterEdited = Signal(int, str, float)  # run index, hyperparameter name, its new value
    optimizerChosen = Signal(int, str)
    removeRequested = Signal(int)
    selectRequested = Signal(int)
    raceRequested = Signal()
    clearRequested = Signal()
    maxStepsEdited = Signal(int)
    clickAddsChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__("Runs", parent)
        self.setToolTip("Click the surface to add a start point; each start gets a run")
        self.rows: list[RunRow] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.selectRequested)
        self.new_optimizer = _optimizer_box("The optimizer of the run a click on the surface adds")
        self.race_button = QPushButton("Race all")
        self.race_button.setToolTip("Put all seven optimizers on the first start point")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove every run and start point")
        self.max_steps = QSpinBox()
        self.max_steps.setRange(*MAX_STEPS_RANGE)
        self.max_steps.setToolTip("Steps per run")
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.valueChanged.connect(self.maxStepsEdited)
        self.new_optimizer.currentIndexChanged.connect(lambda: self.clickAddsChosen.emit(self.new_optimizer.currentData()))
        self.race_button.clicked.connect(self.raceRequested)
        self.clear_button.clicked.connect(self.clearRequested)

        controls = QGridLayout()
        controls.addWidget(QLabel("Click adds:"), 0, 0)
        controls.addWidget(self.new_optimizer, 0, 1)
        controls.addWidget(QLabel("steps"), 0, 2)
        controls.addWidget(self.max_steps, 0, 3)
        controls.addWidget(self.race_button, 1, 0, 1, 2)
        controls.addWidget(self.clear_button, 1, 2, 1, 2)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(self.rows_layout)

    def show_scene(self, scene: DescentScene) -> None:
        with signals_blocked(self.max_steps):
            self.max_steps.setValue(scene.max_steps)
        with signals_blocked(self.new_optimizer):
            self.new_optimizer.setCurrentIndex(OPTIMIZERS.index(scene.click_adds))
        while len(self.rows) > len(scene.runs):
            row = self.rows.pop()
            self.group.removeButton(row.select)
            row.setParent(None)
            row.deleteLater()
        while len(self.rows) < len(scene.runs):
            self._add_row()
        for row, run in zip(self.rows, scene.runs):
            row.show_run(run)
        if self.rows:
            with signals_blocked(self.group):
                self.rows[scene.selected_run].select.setChecked(True)

    def _add_row(self) -> None:
        index = len(self.rows)
        row = RunRow()
        row.hyperparameterEdited.connect(lambda name, value: self.hyperparameterEdited.emit(index, name, value))
        row.optimizerChosen.connect(lambda name: self.optimizerChosen.emit(index, name))
        row.removeRequested.connect(lambda: self.removeRequested.emit(index))
        self.group.addButton(row.select, index)
        self.rows.append(row)
        self.rows_layout.addWidget(row)

    def show_traces(self, traces: tuple[RunTrace, ...], frame: int) -> None:
        for row, trace in zip(self.rows, traces):
            row.show_trace(trace)
        self.show_frame_info(traces, frame)

    def show_frame_info(self, traces: tuple[RunTrace, ...], frame: int) -> None:
        for row, trace in zip(self.rows, traces):
            row.show_bound(trace, frame)


def run_summary(trace: RunTrace) -> str:
    """"converged at step 312", "500 steps · loss 0.032 · |∇| 2.1", "diverged after 11 steps"."""
    if trace.result is None:  # the run was refused: the reason is already one short sentence
        return f"✗ {trace.message}"
    steps = trace.result.steps
    if trace.result.status == CONVERGED:
        return f"✓ converged at step {steps}"
    if trace.diverged:
        return f"✗ diverged after {steps} step{'s' * (steps != 1)}" if steps else "✗ stopped at the start point"
    return f"{steps} steps · loss {trace.loss[-1]:.2g} · |∇| {float(vector_norms(trace.gradient[-1])):.2g}"
