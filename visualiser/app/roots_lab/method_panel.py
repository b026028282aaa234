"""Method, bracket, tolerances, race mode, auto-zoom and constructions: shows a root scene, reports the person's edits."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget
from superqt.utils import signals_blocked

from ...labs.roots.methods import ROOT_METHODS
from ...labs.roots.scene import MAXITER_RANGE, RootScene
from ..number_box import NumberBox

COORDINATE_LIMIT = 1e300
USUAL_COORDINATE = "-1.25992"  # what the boxes are sized for; longer numbers scroll inside them
CONSTRUCTION_TIP = ("Draw how the shown step chose its point: Newton's tangent, the secant or chord down to zero, "
                    "Brent's parabola, or bisection's midpoint and the half it dropped")


class ToleranceEdit(QLineEdit):
    """A positive number in scientific notation (2e-12). Text the validator refuses is replaced by the
    scene's value when the box loses focus, so the box always shows what the solver uses; text left
    as it was shown is no edit (the scene keeps its value to the last digit, 8.881784197001252e-16)."""

    valueEdited = Signal(float)

    def __init__(self, tip: str):
        super().__init__()
        validator = QDoubleValidator(1e-300, 1.0, 20)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        validator.setLocale(QLocale.c())  # 1.5e-6 as in the expressions, whatever the desktop's language
        self.setValidator(validator)
        self.setToolTip(tip)
        self._shown = ""
        self.editingFinished.connect(self._on_editing_finished)  # emitted for acceptable text only

    def show_value(self, value: float) -> None:
        self._shown = f"{value:.3g}"
        self.setText(self._shown)

    def _on_editing_finished(self) -> None:
        if self.text() != self._shown:
            self.valueEdited.emit(float(self.text()))

    def focusOutEvent(self, event) -> None:
        if not self.hasAcceptableInput():
            self.setText(self._shown)
        super().focusOutEvent(event)


class MethodPanel(QGroupBox):
    edited = Signal(dict)  # the scene's fields the person changed, with their new values

    def __init__(self, parent=None):
        super().__init__("Method", parent)
        self.method = QComboBox()
        for row in ROOT_METHODS.values():
            self.method.addItem(row.label, row.name)
            self.method.setItemData(self.method.count() - 1, row.tip, 3)  # 3 = ToolTipRole
        self.method.setToolTip("The root-finding method to animate")
        self.a = NumberBox(-COORDINATE_LIMIT, COORDINATE_LIMIT,
                           "Left end a of the bracket [a, b] (or drag the shaded region)", widest=USUAL_COORDINATE)
        self.b = NumberBox(-COORDINATE_LIMIT, COORDINATE_LIMIT,
                           "Right end b of the bracket [a, b] (or drag the shaded region)", widest=USUAL_COORDINATE)
        for box in (self.a, self.b):
            box.setSingleStep(0.1)
        self.x0_auto = QCheckBox("midpoint")
        self.x0_auto.setToolTip("Start Newton and secant from the middle of the bracket")
        self.x0 = NumberBox(-COORDINATE_LIMIT, COORDINATE_LIMIT, "Starting point x0 for Newton and secant",
                            widest=USUAL_COORDINATE)
        self.xtol = ToleranceEdit("Absolute tolerance: stop when the bracket is within xtol + rtol*|x| (scipy's xtol)")
        self.rtol = ToleranceEdit("Relative tolerance (scipy's rtol, default 4 machine epsilons)")
        self.maxiter = QSpinBox()
        self.maxiter.setRange(*MAXITER_RANGE)
        self.maxiter.setKeyboardTracking(False)  # typing 100 is one change, not three
        self.maxiter.setToolTip("Give up after this many iterations")
        self.race = QCheckBox("Race all five methods")
        self.race.setToolTip("Run bisection, false position, secant, Newton and Brent on the same f")
        self.auto_zoom = QCheckBox("Follow the bracket (auto-zoom)")
        self.auto_zoom.setToolTip("Zoom the plots in on the current bracket as it shrinks")
        self.construction = QCheckBox("Draw each step's construction")
        self.construction.setToolTip(CONSTRUCTION_TIP)

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
        form.addRow(self.construction)

        self.method.currentIndexChanged.connect(lambda: self.edited.emit({"method": self.method.currentData()}))
        for box in (self.a, self.b):
            box.valueChanged.connect(lambda _v: self.edited.emit({"bracket": (self.a.value(), self.b.value())}))
        self.x0_auto.toggled.connect(lambda on: self.edited.emit({"x0": None if on else self.x0.value()}))
        self.x0.valueChanged.connect(lambda value: self.edited.emit({"x0": value}))
        self.xtol.valueEdited.connect(lambda value: self.edited.emit({"xtol": value}))
        self.rtol.valueEdited.connect(lambda value: self.edited.emit({"rtol": value}))
        self.maxiter.valueChanged.connect(lambda value: self.edited.emit({"maxiter": value}))
        self.race.toggled.connect(lambda on: self.edited.emit({"race": on}))
        self.auto_zoom.toggled.connect(lambda on: self.edited.emit({"auto_zoom": on}))
        self.construction.toggled.connect(lambda on: self.edited.emit({"construction": on}))

    def show_scene(self, scene: RootScene) -> None:
        with signals_blocked(self.method):
            self.method.setCurrentIndex(self.method.findData(scene.method))
        self.a.show_value(scene.bracket[0])
        self.b.show_value(scene.bracket[1])
        with signals_blocked(self.x0_auto):
            self.x0_auto.setChecked(scene.x0 is None)
        self.x0.show_value(scene.x0 if scene.x0 is not None else scene.bracket[0] / 2 + scene.bracket[1] / 2)
        self.xtol.show_value(scene.xtol)
        self.rtol.show_value(scene.rtol)
        with signals_blocked(self.maxiter):
            self.maxiter.setValue(scene.maxiter)
        for box, on in ((self.race, scene.race), (self.auto_zoom, scene.auto_zoom),
                        (self.construction, scene.construction)):
            with signals_blocked(box):
                box.setChecked(on)
        uses_x0 = scene.race or not ROOT_METHODS[scene.method].bracketing
        self.x0_auto.setEnabled(uses_x0)
        self.x0.setEnabled(uses_x0 and scene.x0 is not None)
