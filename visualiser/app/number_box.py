"""Spin boxes that show a scene's numbers as they are, not rounded to a fixed number of decimals."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox

SHOWN_DIGITS = 12   # significant digits shown; the scene keeps the float exactly
ALL_DECIMALS = 323  # Qt's most: QDoubleSpinBox rounds its value to this many decimals


class NumberBox(QDoubleSpinBox):
    """A float shown with up to 12 significant digits (1.2599214, 2.5e-10), typed in any float notation.

    QDoubleSpinBox rounds its value to ``decimals()`` places; this one keeps all of them, so that a
    value set from a scene (a bracket dragged to a width of 1e-11) reads back unchanged.
    """

    def __init__(self, low: float, high: float, tip: str, digits: int = SHOWN_DIGITS, widest: str = "-1.2599214e-10"):
        super().__init__()
        self._digits = digits
        # Numbers are written as in the expressions, 1.5e-6, whatever the desktop's language: "1,5" is not 1.5
        # (nor 15, which Qt would make of it, reading the comma as a thousands separator).
        self.setLocale(QLocale.c())
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setDecimals(ALL_DECIMALS)
        self.setRange(low, high)
        self.setToolTip(tip)
        self.setKeyboardTracking(False)  # a typed value counts once complete (Enter, or leaving the box)
        # Qt sizes a spin box for its minimum and maximum; leave room for the widest usual value and the arrows.
        self._width = self.fontMetrics().horizontalAdvance(widest) + 32
        self.setMinimumWidth(self._width)

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self._width))
        return hint

    def textFromValue(self, value: float) -> str:
        return f"{value:.{self._digits}g}"

    def valueFromText(self, text: str) -> float:
        return float(text)

    def fixup(self, text: str) -> str:
        return text  # nothing is guessed: text that is not a number puts the previous value back

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos  # "1e-" on the way to "1e-5"
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def show_value(self, value: float) -> None:
        """Show ``value`` without emitting ``valueChanged`` (the scene already has it)."""
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)


class DecadeBox(NumberBox):
    """A value that spans decades (eps: 1e-10 to 1e-3): shown as 1e-08, stepped by factors of 10."""

    FLOOR = 1e-12  # the up arrow's first step from 0

    def __init__(self, low: float, high: float, tip: str):
        super().__init__(low, high, tip, digits=3, widest="2.5e-10")

    def stepBy(self, steps: int) -> None:
        value = self.value()
        # Rounded to the three digits shown, so that 1e-08 up three times is 1e-05, not 1.0000000000000001e-05.
        self.setValue(float(f"{value * 10.0 ** steps:.3g}") if value > 0 else (self.FLOOR if steps > 0 else 0.0))
