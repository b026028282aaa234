"""The runs list: per run an optimizer, its hyperparameters, a colour, curvature focus and removal."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QButtonGroup, QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox, QToolButton, QVBoxLayout,
                               QWidget)

from ...engine.optim import CONVERGED, OPTIMIZER_LABELS, OPTIMIZERS, default_hyperparameters
from .. import palette
from .jobs import RunSpec, RunTrace, stability_bound

RUN_COLOURS = (palette.BLUE, palette.ORANGE, palette.GREEN, palette.VERMILLION, palette.PURPLE, palette.SKY,
               "#000000", palette.YELLOW)
OPTIMIZER_COLOURS = dict(zip(OPTIMIZERS, RUN_COLOURS))
# Hyperparameter box -> (label, minimum, maximum, tooltip naming the torch.optim argument). lr is always shown;
# these when the optimizer has them, and the MORE ones only after the row's "more" toggle (they rarely change).
EXTRA = {
    "momentum": ("μ", 0.0, 0.999, "momentum: how much of the previous step is kept"),
    "alpha": ("α", 0.0, 0.999, "alpha: RMSprop's smoothing of the squared gradient"),
    "beta1": ("β1", 0.0, 0.999, "betas[0]: Adam's smoothing of the gradient (first moment)"),
    "beta2": ("β2", 0.0, 0.9999, "betas[1]: Adam's smoothing of the squared gradient (second moment)"),
    "eps": ("ε", 0.0, 1.0, "eps: added to the denominator so that a tiny gradient does not divide by zero "
                           "(the arrows multiply or divide it by 10)"),
    "weight_decay": ("weight decay", 0.0, 100.0, "weight_decay: an L2 penalty, weight_decay × θ added to the "
                                                  "gradient (AdamW: decoupled, θ shrinks by lr × weight_decay × θ)"),
}
MORE = ("eps", "weight_decay")
EPS_FLOOR = 1e-12  # the up arrow's first step from an eps of 0


def _spin(value: float, low: float, high: float, decimals: int, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(low, high)
    box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    box.setValue(value)
    box.setToolTip(tip)
    box.setKeyboardTracking(False)  # a typed value counts when Enter is pressed or focus leaves
    return box


class DecadeSpinBox(QDoubleSpinBox):
    """A value that spans decades (eps: 1e-10 to 1e-3): shown as 1e-08, stepped by factors of 10."""

    def __init__(self, low: float, high: float, tip: str):
        super().__init__()
        self.setDecimals(30)  # QDoubleSpinBox rounds its value to this many decimals
        self.setRange(low, high)
        self.setToolTip(tip)
        self.setKeyboardTracking(False)
        # Qt sizes a spin box for its minimum and maximum ("0", "1"); leave room for "2.5e-10" and the arrows.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("2.5e-10") + 32)

    def textFromValue(self, value: float) -> str:
        return f"{value:.3g}"

    def valueFromText(self, text: str) -> float:
        return float(text)

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos  # "1e-" on the way to "1e-5"
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        value = self.value()
        # Rounded to the three digits shown, so that 1e-08 up three times is 1e-05, not 1.0000000000000001e-05.
        self.setValue(float(f"{value * 10.0 ** steps:.3g}") if value > 0 else (EPS_FLOOR if steps > 0 else 0.0))


class RunRow(QWidget):
    """One run: optimizer, lr, the optimizer's other hyperparameters (eps and weight decay behind "more")."""

    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, optimizer: str, start_index: int, colour: str, hyperparameters: dict | None = None,
                 parent=None):
        super().__init__(parent)
        self.start_index = start_index
        self.colour = colour
        self.select = QRadioButton()
        self.select.setToolTip("Show the curvature (Hessian) at this run's current point")
        self.swatch = QLabel(f"<span style='color:{colour}; font-size:18px'>■</span>")
        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.optimizer.addItem(OPTIMIZER_LABELS[name], name)
        self.optimizer.setCurrentIndex(OPTIMIZERS.index(optimizer))
        self.optimizer.setToolTip("The optimizer of this run (a new choice starts from its PyTorch defaults)")
        self.lr = _spin(1e-3, 1e-6, 100.0, 6, "lr: the learning rate")
        self.bound = QLabel()
        self.bound.setToolTip("2/λ_max at the current point: plain gradient descent is locally stable "
                              "only with a learning rate below it")
        self.status = QLabel()
        self.extras = {name: DecadeSpinBox(low, high, tip) if name == "eps" else _spin(low, low, high, 4, tip)
                       for name, (_, low, high, tip) in EXTRA.items()}
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
        self.set_hyperparameters({**default_hyperparameters(optimizer), **(hyperparameters or {})})

        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        for box in (self.lr, *self.extras.values()):
            box.valueChanged.connect(lambda _v: self.changed.emit())
        self.more.toggled.connect(lambda _on: self._show_extras())
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))

    @property
    def optimizer_name(self) -> str:
        return self.optimizer.currentData()

    def _on_optimizer(self) -> None:
        self.set_hyperparameters(default_hyperparameters(self.optimizer_name))
        self.changed.emit()

    def _wanted(self) -> set[str]:
        names = set(default_hyperparameters(self.optimizer_name))
        if "betas" in names:
            names |= {"beta1", "beta2"}
        return names

    def _show_extras(self) -> None:
        wanted = self._wanted()
        for name in EXTRA:
            shown = name in wanted and (name not in MORE or self.more.isChecked())
            self.extras[name].setVisible(shown)
            self.extra_labels[name].setVisible(shown)

    def set_hyperparameters(self, values: dict) -> None:
        """Fill the boxes (without a ``changed`` per box) from ``values``, as ``hyperparameters()`` gives them.

        Eps or weight decay away from the optimizer's default opens "more", so no setting is hidden.
        """
        boxes = {"lr": self.lr, **self.extras}
        values = dict(values)
        if "betas" in values:
            values["beta1"], values["beta2"] = values.pop("betas")
        for name, value in values.items():
            boxes[name].blockSignals(True)
            boxes[name].setValue(float(value))
            boxes[name].blockSignals(False)
        defaults = default_hyperparameters(self.optimizer_name)
        if any(name in values and name in defaults and values[name] != defaults[name] for name in MORE):
            self.more.setChecked(True)
        self._show_extras()

    def hyperparameters(self) -> dict:
        """This run's hyperparameters as ``run_optimizer`` takes them (``betas`` as a pair)."""
        values = {"lr": self.lr.value()}
        wanted = self._wanted()
        for name in ("momentum", "alpha", *MORE):
            if name in wanted:
                values[name] = self.extras[name].value()
        if "betas" in wanted:
            values["betas"] = (self.extras["beta1"].value(), self.extras["beta2"].value())
        return values

    def spec(self, start: tuple[float, float]) -> RunSpec:
        return RunSpec(self.optimizer_name, self.hyperparameters(), start, self.colour)


class RunsPanel(QGroupBox):
    """Emits ``runsChanged`` on any edit; the lab owns the start points and recomputes."""

    runsChanged = Signal()
    selectionChanged = Signal(int)
    raceRequested = Signal()

    def __init__(self, parent=None):
        super().__init__("Runs", parent)
        self.setToolTip("Click the surface to add a start point; each start gets a run")
        self.rows: list[RunRow] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(lambda _id: self.selectionChanged.emit(self.selected))
        self.new_optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.new_optimizer.addItem(OPTIMIZER_LABELS[name], name)
        self.new_optimizer.setCurrentIndex(OPTIMIZERS.index("gd"))
        self.new_optimizer.setToolTip("The optimizer of the run a click on the surface adds")
        self.race_button = QPushButton("Race all")
        self.race_button.setToolTip("Put all seven optimizers on the first start point")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove every run and start point")
        self.max_steps = QSpinBox()
        self.max_steps.setRange(1, 5000)
        self.max_steps.setValue(500)
        self.max_steps.setToolTip("Steps per run")
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.valueChanged.connect(lambda _v: self.runsChanged.emit())
        self.race_button.clicked.connect(self.raceRequested)
        self.clear_button.clicked.connect(lambda: self.clear())  # not clicked(checked) as `emit`

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

    @property
    def selected(self) -> int:
        for index, row in enumerate(self.rows):
            if row.select.isChecked():
                return index
        return 0

    def add_run(self, optimizer: str, start_index: int, hyperparameters: dict | None = None,
                colour: str | None = None, emit: bool = True) -> RunRow:
        """A run of ``optimizer`` from start ``start_index``: PyTorch's defaults updated with ``hyperparameters``;
        without a ``colour``, the optimizer's own if no other run has it, else one not in use."""
        if colour is None:
            used = {row.colour for row in self.rows}
            colour = OPTIMIZER_COLOURS[optimizer] if OPTIMIZER_COLOURS[optimizer] not in used else next(
                (c for c in RUN_COLOURS if c not in used), RUN_COLOURS[len(self.rows) % len(RUN_COLOURS)])
        row = RunRow(optimizer, start_index, colour, hyperparameters)
        row.changed.connect(self.runsChanged)
        row.removeRequested.connect(self.remove_run)
        self.group.addButton(row.select, len(self.rows))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        if len(self.rows) == 1:
            row.select.setChecked(True)
        if emit:
            self.runsChanged.emit()
        return row

    def remove_run(self, row: RunRow, emit: bool = True) -> None:
        self.rows.remove(row)
        self.group.removeButton(row.select)
        row.setParent(None)
        row.deleteLater()
        for index, other in enumerate(self.rows):
            self.group.setId(other.select, index)
        if self.rows and not any(other.select.isChecked() for other in self.rows):
            self.rows[0].select.setChecked(True)
        if emit:
            self.runsChanged.emit()

    def clear(self, *, emit: bool = True) -> None:
        for row in list(self.rows):
            self.remove_run(row, emit=False)
        if emit:
            self.runsChanged.emit()

    def show_frame_info(self, traces, frame: int) -> None:
        """Next to each lr: 2/λ_max at the run's current point, red when lr is above it."""
        for row, trace in zip(self.rows, traces):
            last = min(frame, len(trace.path) - 1)
            bound = float(stability_bound(trace.eigenvalues[last]))
            if trace.result is None or not bound == bound:
                row.bound.setText("")
                continue
            # The bound is plain gradient descent's; for the other methods it is a hint, in grey.
            unstable = bool(trace.unstable[last])
            if unstable:
                colour = palette.FAILURE_TEXT
            else:
                colour = palette.SUCCESS_TEXT if trace.spec.optimizer == "gd" else "#777777"
            text = f"2/λ_max = {bound:.3g}" if bound != float("inf") else "2/λ_max = ∞"
            row.bound.setText(f"<span style='color:{colour}'>{text}{' < lr' if unstable else ''}</span>")

    def show_status(self, traces) -> None:
        """One short line per run; the engine's whole explanation is its tooltip."""
        for row, trace in zip(self.rows, traces):
            if trace.diverged:
                colour = palette.FAILURE_TEXT
            else:
                colour = palette.SUCCESS_TEXT if trace.result.status == CONVERGED else "#555555"
            row.status.setText(f"<span style='color:{colour}'>{html.escape(run_summary(trace))}</span>")
            row.status.setToolTip(trace.message)


def run_summary(trace: RunTrace) -> str:
    """"converged at step 312", "500 steps · loss 0.032 · |∇| 2.1", "diverged after 11 steps"."""
    if trace.result is None:  # a hyperparameter was refused: the reason is already one short sentence
        return f"✗ {trace.message}"
    steps = trace.result.steps
    if trace.result.status == CONVERGED:
        return f"✓ converged at step {steps}"
    if trace.diverged:
        return f"✗ diverged after {steps} step{'s' * (steps != 1)}" if steps else "✗ stopped at the start point"
    return f"{steps} steps · loss {trace.loss[-1]:.2g} · |∇| {float(np.hypot(*trace.gradient[-1])):.2g}"
