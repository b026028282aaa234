"""A slider per expression parameter (``a`` in ``a*x^3 - x``), with an editable value and range.

The panel shows the scene's parameters (``show``) and reports the person's changes
(``parameterEdited``); it keeps no values of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget
from superqt import QLabeledDoubleSlider
from superqt.utils import signals_blocked

from ..labs.scene import Parameter, Scene
from .number_box import NumberBox

RANGE_LIMIT = 1e6


class ParameterRow:
    """The widgets of one parameter: name, slider with value box, and min/max of its range."""

    def __init__(self, name: str, on_edit):
        self.name = name
        self._on_edit = on_edit
        self.label = QLabel(f"<i>{name}</i>")
        self.slider = QLabeledDoubleSlider(Qt.Orientation.Horizontal)
        self.slider.setDecimals(3)
        self.slider.setToolTip(f"Value of the parameter {name}: drag to re-plot live, or type a value")
        self.minimum = self._range_box("lowest value of the slider")
        self.maximum = self._range_box("highest value of the slider")
        self.slider.valueChanged.connect(lambda value: self._edit(value, self.slider.minimum(), self.slider.maximum()))
        self.minimum.valueChanged.connect(self._edit_range)
        self.maximum.valueChanged.connect(self._edit_range)

    @staticmethod
    def _range_box(tip: str) -> NumberBox:
        return NumberBox(-RANGE_LIMIT, RANGE_LIMIT, tip, digits=6, widest="-100.25")

    def show(self, parameter: Parameter) -> None:
        with signals_blocked(self.slider):
            self.slider.setRange(parameter.minimum, parameter.maximum)
            self.slider.setValue(parameter.value)
        self.minimum.show_value(parameter.minimum)
        self.maximum.show_value(parameter.maximum)

    def _edit_range(self) -> None:
        low, high = self.minimum.value(), self.maximum.value()
        # The value stays where it is if it can; the scene refuses an empty range (min >= max).
        self._edit(min(max(self.slider.value(), low), high) if low < high else self.slider.value(), low, high)

    def _edit(self, value: float, low: float, high: float) -> None:
        self._on_edit(self.name, value, low, high)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.minimum, self.slider, self.maximum)


class ParameterPanel(QGroupBox):
    """One row per parameter of the scene's expression, rebuilt when the names change."""

    parameterEdited = Signal(str, float, float, float)  # name, value, slider minimum, slider maximum

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
    def names(self) -> tuple[str, ...]:
        return tuple(self._rows)

    def slider(self, name: str) -> QLabeledDoubleSlider:
        return self._rows[name].slider

    def row(self, name: str) -> ParameterRow:
        return self._rows[name]

    def show_scene(self, scene: Scene) -> None:
        names = scene.parsed.parameters
        if tuple(self._rows) != names:
            self._rebuild(names)
        for name, row in self._rows.items():
            row.show(scene.parameter(name))

    def _rebuild(self, names: tuple[str, ...]) -> None:
        for row in self._rows.values():
            for widget in row.widgets:
                widget.deleteLater()
        self._rows = {}
        for index, name in enumerate(names):
            row = ParameterRow(name, self.parameterEdited.emit)
            self._rows[name] = row
            for column, widget in enumerate(row.widgets):
                self._layout.addWidget(widget, index + 1, column)
        self._empty.setVisible(not names)
