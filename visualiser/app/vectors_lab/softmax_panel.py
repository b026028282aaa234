"""Softmax: a slider per logit, a temperature slider (log scale), the target class, and the formula."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QSpinBox, QVBoxLayout)
from superqt.utils import signals_blocked

from ...labs.vectors.compute import VectorResult
from ...labs.vectors.scene import LOGIT_COUNT, LOGIT_RANGE, TEMPERATURE_RANGE, VectorScene

SLIDER_STEPS_PER_UNIT = 10   # a logit slider moves in tenths
SLIDER_LIMIT = 10.0          # its range; the box beside it takes any logit up to ±1000
TEMPERATURE_STEPS = 100      # per decade
FORMULA = ("<i>p</i><sub>i</sub> = exp(<i>z</i><sub>i</sub> / <i>T</i>) / Σ<sub>j</sub> exp(<i>z</i><sub>j</sub> / "
           "<i>T</i>), computed as exp(<i>z</i><sub>i</sub>/<i>T</i> − max) so that 1000 and −1000 "
           "do not overflow; "
           "loss = −log <i>p</i><sub>target</sub>")


class SoftmaxPanel(QGroupBox):
    edited = Signal(dict)

    def __init__(self, parent=None):
        super().__init__("Softmax", parent)
        self.grid = QGridLayout()
        self.sliders: list[QSlider] = []
        self.boxes: list[QDoubleSpinBox] = []
        self.probabilities: list[QLabel] = []
        self._logits: tuple[float, ...] = ()
        self.temperature = QSlider(Qt.Orientation.Horizontal)
        low, high = (round(TEMPERATURE_STEPS * math.log10(t)) for t in TEMPERATURE_RANGE)
        self.temperature.setRange(low, high)
        self.temperature.setToolTip("T: below 1 sharpens the distribution, above 1 flattens it")
        self.temperature.valueChanged.connect(
            lambda v: self.edited.emit({"temperature": float(f"{10 ** (v / TEMPERATURE_STEPS):.4g}")}))
        self.temperature_label = QLabel()
        self.target = QSpinBox()
        self.target.setToolTip("The true class (from 0): the loss is minus the log of its probability")
        self.target.valueChanged.connect(lambda k: self.edited.emit({"target": int(k)}))
        self.loss = QLabel()
        self.formula = QLabel(FORMULA)
        self.formula.setWordWrap(True)
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        add = QPushButton("Add a class")
        add.clicked.connect(lambda: self._set_count(len(self._logits) + 1))
        remove = QPushButton("Remove one")
        remove.clicked.connect(lambda: self._set_count(len(self._logits) - 1))
        temperature_row = QHBoxLayout()
        temperature_row.addWidget(QLabel("T"))
        temperature_row.addWidget(self.temperature, 1)
        temperature_row.addWidget(self.temperature_label)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("target"))
        target_row.addWidget(self.target)
        target_row.addWidget(add)
        target_row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addLayout(temperature_row)
        layout.addLayout(target_row)
        layout.addWidget(self.loss)
        layout.addWidget(self.formula)

    def _set_count(self, count: int) -> None:
        low, high = LOGIT_COUNT
        if low <= count <= high:
            logits = self._logits[:count] + (0.0,) * (count - len(self._logits))
            self.edited.emit({"logits": logits, "target": 0})

    def _row(self, k: int) -> None:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(round(-SLIDER_LIMIT * SLIDER_STEPS_PER_UNIT), round(SLIDER_LIMIT * SLIDER_STEPS_PER_UNIT))
        slider.setToolTip(f"The logit z{k}")
        slider.valueChanged.connect(lambda v, k=k: self._edit_logit(k, v / SLIDER_STEPS_PER_UNIT))
        box = QDoubleSpinBox()
        box.setRange(*LOGIT_RANGE)
        box.setDecimals(2)
        box.setKeyboardTracking(False)
        box.valueChanged.connect(lambda v, k=k: self._edit_logit(k, v))
        probability = QLabel()
        self.grid.addWidget(QLabel(f"z{k}"), k, 0)
        self.grid.addWidget(slider, k, 1)
        self.grid.addWidget(box, k, 2)
        self.grid.addWidget(probability, k, 3)
        self.sliders.append(slider)
        self.boxes.append(box)
        self.probabilities.append(probability)

    def _edit_logit(self, k: int, value: float) -> None:
        logits = list(self._logits)
        logits[k] = float(value)
        self.edited.emit({"logits": tuple(logits)})

    def show_scene(self, scene: VectorScene) -> None:
        self._logits = scene.logits
        while len(self.sliders) < len(scene.logits):
            self._row(len(self.sliders))
        for k, (slider, box) in enumerate(zip(self.sliders, self.boxes)):
            shown = k < len(scene.logits)
            for widget in (slider, box, self.probabilities[k], self.grid.itemAtPosition(k, 0).widget()):
                widget.setVisible(shown)
            if shown:
                with signals_blocked(slider), signals_blocked(box):
                    shown_logit = max(-SLIDER_LIMIT, min(SLIDER_LIMIT, scene.logits[k]))
                    slider.setValue(round(shown_logit * SLIDER_STEPS_PER_UNIT))
                    box.setValue(scene.logits[k])
        with signals_blocked(self.temperature):
            self.temperature.setValue(round(TEMPERATURE_STEPS * math.log10(scene.temperature)))
        self.temperature_label.setText(f"{scene.temperature:.3g}")
        with signals_blocked(self.target):
            self.target.setRange(0, len(scene.logits) - 1)
            self.target.setValue(scene.target)

    def show_result(self, result: VectorResult) -> None:
        for label, p in zip(self.probabilities, result.softmax.probabilities):
            label.setText(f"p = {p:.4f}")
        self.loss.setText(f"cross-entropy −log p[{result.softmax.target}] = {result.softmax.cross_entropy:.4g}")
