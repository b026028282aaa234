"""Method, bracket, tolerances and race mode for the root-finding lab."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QSpinBox, QWidget)

from ...engine.roots import METHOD_LABELS, METHODS
from .settings import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL, RootSettings

OPEN_METHODS = ("secant", "newton")
METHOD_TIPS = {
    "bisect": "Halve the bracket, keep the half where f changes sign. Slow but can never fail.",
    "false-position": "Cut the bracket where the chord from (a, f(a)) to (b, f(b)) crosses zero "
                      "(Illinois variant, so one end cannot get stuck).",
    "secant": "Follow the line through the last two points to zero. Fast, but may leave the bracket.",
    "newton": "Follow the tangent (exact derivative) to zero. Fastest near a simple root; can diverge.",
    "brent": "Brent's method (scipy's brentq): inverse quadratic steps, with bisection as a safety net.",
}


def _coordinate_box(tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-1e9, 1e9)
    box.setDecimals(6)
    box.setSingleStep(0.1)
    box.setKeyboardTracking(False)  # re-solve when the number is complete, not per keystroke
    box.setToolTip(tip)
    return box


class ToleranceEdit(QLineEdit):
    """A positive number in scientific notation (2e-12). The box always ends up showing the value
    the solver uses: text the validator refuses is put back when the box loses focus."""

    def __init__(self, value: float, tip: str):
        super().__init__()
        validator = QDoubleValidator(1e-300, 1.0, 20)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.setValidator(validator)
        self.setToolTip(tip)
        self.set_value(value)
        self.editingFinished.connect(self._commit)  # only emitted for acceptable text

    @property
    def value(self) -> float:
        return self._value

    def set_value(self, value: float) -> None:
        self._value = value
        self.setText(f"{value:.3g}")

    def _commit(self) -> None:
        self._value = float(self.text())

    def focusOutEvent(self, event) -> None:
        if not self.hasAcceptableInput():
            self.set_value(self._value)
        super().focusOutEvent(event)


class MethodPanel(QGroupBox):
    settingsChanged = Signal(object)  # RootSettings

    def __init__(self, parent=None):
        super().__init__("Method", parent)
        self.method = QComboBox()
        for method in METHODS:
            self.method.addItem(METHOD_LABELS[method], method)
            self.method.setItemData(self.method.count() - 1, METHOD_TIPS[method], 3)  # 3 = ToolTipRole
        self.method.setToolTip("The root-finding method to animate")
        self.a = _coordinate_box("Left end a of the bracket [a, b] (or drag the shaded region)")
        self.b = _coordinate_box("Right end b of the bracket [a, b] (or drag the shaded region)")
        self.x0_auto = QCheckBox("midpoint")
        self.x0_auto.setChecked(True)
        self.x0_auto.setToolTip("Start Newton and secant from the middle of the bracket")
        self.x0 = _coordinate_box("Starting point x0 for Newton and secant")
        self.x0.setEnabled(False)
        self.xtol = ToleranceEdit(DEFAULT_XTOL, "Absolute tolerance: stop when the bracket is within xtol + rtol*|x| (scipy's xtol)")
        self.rtol = ToleranceEdit(DEFAULT_RTOL, "Relative tolerance (scipy's rtol, default 4 machine epsilons)")
        self.maxiter = QSpinBox()
        self.maxiter.setRange(1, 1000)
        self.maxiter.setValue(DEFAULT_MAXITER)
        self.maxiter.setKeyboardTracking(False)  # typing 100 is one change, not three
        self.maxiter.setToolTip("Give up after this many iterations")
        self.race = QCheckBox("Race all five methods")
        self.race.setToolTip("Run bisection, false position, secant, Newton and Brent on the same f")
        self.auto_zoom = QCheckBox("Follow the bracket (auto-zoom)")
        self.auto_zoom.setToolTip("Zoom the plots in on the current bracket as it shrinks")

        bracket = QWidget()
        row = QHBoxLayout(bracket)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.a)
        row.addWidget(self.b)
        start = QWidget()
        row = QHBoxLayout(start)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.x0_auto)
        row.addWidget(self.x0, 1)

        form = QFormLayout(self)
        form.addRow("Method", self.method)
        form.addRow("Bracket [a, b]", bracket)
        form.addRow("Start x0", start)
        form.addRow("xtol", self.xtol)
        form.addRow("rtol", self.rtol)
        form.addRow("Max iterations", self.maxiter)
        form.addRow(self.race)
        form.addRow(self.auto_zoom)

        for signal in (self.method.currentIndexChanged, self.a.valueChanged, self.b.valueChanged,
                       self.x0.valueChanged, self.maxiter.valueChanged, self.race.toggled,
                       self.xtol.editingFinished, self.rtol.editingFinished):
            signal.connect(self._emit)
        self.x0_auto.toggled.connect(self._on_x0_auto)
        self.method.currentIndexChanged.connect(self._update_enabled)
        self.race.toggled.connect(self._update_enabled)
        self._update_enabled()

    def settings(self) -> RootSettings:
        return RootSettings(
            method=self.method.currentData(),
            bracket=(self.a.value(), self.b.value()),
            x0=None if self.x0_auto.isChecked() else self.x0.value(),
            xtol=self.xtol.value,
            rtol=self.rtol.value,
            maxiter=self.maxiter.value(),
            race=self.race.isChecked(),
        )

    def apply(self, settings: RootSettings) -> None:
        """Show ``settings`` (an example, a dragged bracket) and emit them once."""
        widgets = (self.method, self.a, self.b, self.race, self.x0, self.x0_auto, self.maxiter)
        for widget in widgets:
            widget.blockSignals(True)
        self.method.setCurrentIndex(METHODS.index(settings.method))
        self.a.setValue(settings.bracket[0])
        self.b.setValue(settings.bracket[1])
        self.race.setChecked(settings.race)
        self.xtol.set_value(settings.xtol)
        self.rtol.set_value(settings.rtol)
        self.maxiter.setValue(settings.maxiter)
        self.x0_auto.setChecked(settings.x0 is None)
        if settings.x0 is not None:
            self.x0.setValue(settings.x0)
        for widget in widgets:
            widget.blockSignals(False)
        self._update_enabled()
        self._emit()

    def set_bracket(self, a: float, b: float) -> None:
        self.apply(dataclasses.replace(self.settings(), bracket=(a, b)))

    def _on_x0_auto(self, automatic: bool) -> None:
        self._update_enabled()
        self._emit()

    def _update_enabled(self) -> None:
        uses_x0 = self.race.isChecked() or self.method.currentData() in OPEN_METHODS
        self.x0_auto.setEnabled(uses_x0)
        self.x0.setEnabled(uses_x0 and not self.x0_auto.isChecked())

    def _emit(self, *_args) -> None:
        self.settingsChanged.emit(self.settings())
