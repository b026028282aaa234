"""The runs list: per run an optimizer, its hyperparameters, a colour, curvature focus and removal."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QButtonGroup, QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox, QToolButton, QVBoxLayout,
                               QWidget)

from ...engine.optim import CONVERGED, OPTIMIZER_LABELS, OPTIMIZERS, default_hyperparameters
from .. import palette
from .jobs import RunSpec, RunTrace, stability_bound

RUN_COLOURS = (palette.BLUE, palette.ORANGE, palette.GREEN, palette.VERMILLION, palette.PURPLE, palette.SKY,
               "#000000", palette.YELLOW)
OPTIMIZER_COLOURS = dict(zip(OPTIMIZERS, RUN_COLOURS))
# hyperparameter -> (label, minimum, maximum, tooltip); lr is always shown, the others when the optimizer has them.
EXTRA = {
    "momentum": ("μ", 0.0, 0.999, "Momentum: how much of the previous step is kept"),
    "alpha": ("α", 0.0, 0.999, "RMSprop's smoothing of the squared gradient"),
    "beta1": ("β1", 0.0, 0.999, "Adam's smoothing of the gradient (first moment)"),
    "beta2": ("β2", 0.0, 0.9999, "Adam's smoothing of the squared gradient (second moment)"),
}


def _spin(value: float, low: float, high: float, decimals: int, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(low, high)
    box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    box.setValue(value)
    box.setToolTip(tip)
    box.setKeyboardTracking(False)  # a typed value counts when Enter is pressed or focus leaves
    return box


class RunRow(QWidget):
    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, optimizer: str, start_index: int, colour: str, lr: float | None = None, parent=None):
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
        self.optimizer.setToolTip("The optimizer of this run")
        defaults = default_hyperparameters(optimizer)
        self.lr = _spin(lr if lr is not None else defaults["lr"], 1e-6, 100.0, 6, "Learning rate")
        self.bound = QLabel()
        self.bound.setToolTip("2/λ_max at the current point: plain gradient descent is locally stable "
                              "only with a learning rate below it")
        self.status = QLabel()
        self.extras = {name: _spin(0.9, low, high, 4, tip) for name, (_, low, high, tip) in EXTRA.items()}
        self.extras["beta2"].setValue(0.999)
        self.extras["alpha"].setValue(0.99)
        self.extra_labels = {name: QLabel(label) for name, (label, *_rest) in EXTRA.items()}
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
        for name in EXTRA:
            second.addWidget(self.extra_labels[name])
            second.addWidget(self.extras[name])
        second.addWidget(self.bound, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.status)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setIndent(24)  # under the optimizer, like the hyperparameter row
        self._show_extras()

        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        for box in (self.lr, *self.extras.values()):
            box.valueChanged.connect(lambda _v: self.changed.emit())
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))

    @property
    def optimizer_name(self) -> str:
        return self.optimizer.currentData()

    def _on_optimizer(self) -> None:
        self.lr.blockSignals(True)
        self.lr.setValue(default_hyperparameters(self.optimizer_name)["lr"])
        self.lr.blockSignals(False)
        self._show_extras()
        self.changed.emit()

    def _wanted(self) -> set[str]:
        names = set(default_hyperparameters(self.optimizer_name))
        if "betas" in names:
            names |= {"beta1", "beta2"}
        return names

    def _show_extras(self) -> None:
        wanted = self._wanted()
        for name in EXTRA:
            self.extras[name].setVisible(name in wanted)
            self.extra_labels[name].setVisible(name in wanted)

    def hyperparameters(self) -> dict:
        values = {"lr": self.lr.value()}
        wanted = self._wanted()
        for name in ("momentum", "alpha"):
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
        self.clear_button.clicked.connect(self.clear)

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

    def add_run(self, optimizer: str, start_index: int, lr: float | None = None, emit: bool = True) -> RunRow:
        used = {row.colour for row in self.rows}
        colour = OPTIMIZER_COLOURS[optimizer] if OPTIMIZER_COLOURS[optimizer] not in used else next(
            (c for c in RUN_COLOURS if c not in used), RUN_COLOURS[len(self.rows) % len(RUN_COLOURS)])
        row = RunRow(optimizer, start_index, colour, lr)
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

    def clear(self, emit: bool = True) -> None:
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
            unstable = trace.lr > bound and trace.spec.optimizer == "gd"
            colour = "#C00000" if unstable else ("#1b6e3a" if trace.spec.optimizer == "gd" else "#777777")
            text = f"2/λ_max = {bound:.3g}" if bound != float("inf") else "2/λ_max = ∞"
            row.bound.setText(f"<span style='color:{colour}'>{text}{' < lr' if unstable else ''}</span>")

    def show_status(self, traces) -> None:
        """One short line per run; the engine's whole explanation is its tooltip."""
        for row, trace in zip(self.rows, traces):
            colour = "#C00000" if trace.diverged else ("#1b6e3a" if trace.result.status == CONVERGED else "#555555")
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
