"""A slider per expression parameter (``a`` in ``a*x^3 - x``), with an editable value and range."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QGroupBox, QLabel, QWidget
from superqt import QLabeledDoubleSlider

DEFAULT_RANGE = (-5.0, 5.0)


class ParameterRow:
    """The widgets of one parameter: name, slider with value box, and min/max of its range."""

    def __init__(self, name: str, value: float, on_change):
        self.name = name
        self.label = QLabel(f"<i>{name}</i>")
        self.slider = QLabeledDoubleSlider(Qt.Orientation.Horizontal)
        self.slider.setDecimals(3)
        self.minimum = self._range_box(DEFAULT_RANGE[0], "lowest value of the slider")
        self.maximum = self._range_box(DEFAULT_RANGE[1], "highest value of the slider")
        low, high = min(DEFAULT_RANGE[0], value), max(DEFAULT_RANGE[1], value)
        self.minimum.setValue(low)
        self.maximum.setValue(high)
        self.slider.setRange(low, high)
        self.slider.setValue(value)
        self.slider.setToolTip(f"Value of the parameter {name}: drag to re-plot live, or type a value")
        self.slider.valueChanged.connect(on_change)
        self.minimum.valueChanged.connect(self._apply_range)
        self.maximum.valueChanged.connect(self._apply_range)

    @staticmethod
    def _range_box(value: float, tip: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(-1e6, 1e6)
        box.setDecimals(2)
        box.setValue(value)
        box.setToolTip(tip)
        box.setMaximumWidth(80)
        box.setKeyboardTracking(False)  # judge the range once the number is typed, not per digit
        return box

    def _apply_range(self) -> None:
        low, high = self.minimum.value(), self.maximum.value()
        if low < high:
            self.slider.setRange(low, high)
            return
        # An empty range is refused: both boxes show the slider's ends again.
        for box, end in ((self.minimum, self.slider.minimum()), (self.maximum, self.slider.maximum())):
            box.blockSignals(True)
            box.setValue(end)
            box.blockSignals(False)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.minimum, self.slider, self.maximum)


class ParameterPanel(QGroupBox):
    """Rebuilds its rows when the expression's parameters change, keeping values of kept names."""

    valuesChanged = Signal(dict)

    def __init__(self, parent=None):
        super().__init__("Parameters", parent)
        self.setToolTip("Every letter that is not a variable is a parameter you can vary here")
        self._layout = QGridLayout(self)
        self._rows: dict[str, ParameterRow] = {}
        self._empty = QLabel("No parameters. Any other letter, like a in a*x^2, gets a slider here.")
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet("color: gray;")
        self._layout.addWidget(self._empty, 0, 0, 1, 4)

    @property
    def values(self) -> dict[str, float]:
        return {name: row.slider.value() for name, row in self._rows.items()}

    def slider(self, name: str) -> QLabeledDoubleSlider:
        return self._rows[name].slider

    def row(self, name: str) -> ParameterRow:
        return self._rows[name]

    def set_parameters(self, names: tuple[str, ...], defaults: dict[str, float]) -> None:
        if tuple(self._rows) == names:
            return
        kept = self.values
        for row in self._rows.values():
            for widget in row.widgets:
                widget.deleteLater()
        self._rows = {}
        for index, name in enumerate(names):
            row = ParameterRow(name, kept.get(name, defaults.get(name, 1.0)), self._emit)
            self._rows[name] = row
            for column, widget in enumerate(row.widgets):
                self._layout.addWidget(widget, index + 1, column)
        self._empty.setVisible(not names)

    def _emit(self, _value: float = 0.0) -> None:
        self.valuesChanged.emit(self.values)
