"""The data set and projection: built-in sets or an imported file, PCA or t-SNE and t-SNE's settings and controls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)
from superqt.utils import signals_blocked

from ...engine.vectors import BUILTIN_SETS, MAX_DIMENSIONS, MAX_VECTORS
from ...labs.vectors.scene import MAX_ITERATIONS, VectorScene
from ..number_box import NumberBox

BUILTIN_TITLES = {"words": "2,000 words (GloVe 50-d)", "digits": "1,797 digits (8x8)"}
MOMENTUM_SENTENCE = ("Each t-SNE iteration is one step of gradient descent with momentum on the KL divergence "
                     "KL(P‖Q) between the neighbourhoods of the data (P) and of the picture (Q): the same kind of "
                     "step as in the gradient-descent lab, taken by every point at once.")
IMPORT_TIP = (f"A TensorFlow Projector vectors.tsv (its metadata.tsv beside it gives the labels) or a word2vec / "
              f"GloVe text file, up to {MAX_VECTORS:,} vectors of {MAX_DIMENSIONS:,} numbers")


class SetupPanel(QWidget):
    edited = Signal(dict)      # scene fields and their new values
    importRequested = Signal()
    pauseToggled = Signal()
    stepRequested = Signal()
    restartRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        data_box = QGroupBox("Data")
        self.data = QComboBox()
        self.data.setToolTip("The vectors to look at")
        self.data.activated.connect(lambda _: self.edited.emit({"data": self.data.currentData(), "metadata": None,
                                                                "selected": None, "frame": None}))
        self.import_button = QPushButton("Import vectors…")
        self.import_button.setToolTip(IMPORT_TIP)
        self.import_button.clicked.connect(self.importRequested)
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(self.data)
        data_layout.addWidget(self.import_button)

        projection = QGroupBox("Projection")
        self.pca = QRadioButton("PCA")
        self.pca.setToolTip("The two directions of largest variance (numpy's SVD)")
        self.tsne = QRadioButton("t-SNE")
        self.tsne.setToolTip("Neighbourhoods kept, found by gradient descent on the KL divergence")
        self.methods = QButtonGroup(self)
        for button, method in ((self.pca, "pca"), (self.tsne, "tsne")):
            self.methods.addButton(button)
            button.toggled.connect(lambda on, m=method: on and self.edited.emit({"method": m, "frame": None}))
        row = QHBoxLayout()
        row.addWidget(self.pca)
        row.addWidget(self.tsne)
        form = QFormLayout()
        self.perplexity = self._number(form, "perplexity", 1, 1000,
                                       "The effective number of neighbours each point keeps")
        self.learning_rate = self._number(form, "learning rate", 0, 1e5, "The step size; 0: automatic, "
                                                                         "max(n / exaggeration / 4, 50)")
        self.learning_rate.setSpecialValueText("auto")  # what 0 means here: not a step of size 0
        self.early_exaggeration = self._number(form, "early exaggeration", 1, 100,
                                               "P is multiplied by this at first, which pulls the clusters apart")
        self.exaggeration_iterations = self._count(form, "exaggerated for", 0, MAX_ITERATIONS, "iterations")
        self.momentum = self._number(form, "momentum", 0, 0.99,
                                     "The share of the last step kept (0.5 while exaggerated)")
        self.seed = self._count(form, "seed", 0, 2**31 - 1, "The random start layout's seed")
        self.iterations = self._count(form, "iterations", 1, MAX_ITERATIONS, "How many steps the run takes")
        self.arrows = QCheckBox("Gradient arrows on a few points")
        self.arrows.setToolTip("Minus the gradient of the KL divergence: where the next step pushes them")
        self.arrows.toggled.connect(lambda on: self.edited.emit({"arrows": on}))
        buttons = QHBoxLayout()
        self.pause_button = QPushButton("Pause")
        self.pause_button.clicked.connect(self.pauseToggled)
        self.step_button = QPushButton("Step")
        self.step_button.setToolTip("One iteration of t-SNE")
        self.step_button.clicked.connect(self.stepRequested)
        self.restart_button = QPushButton("Restart")
        self.restart_button.setToolTip("Start t-SNE again from its random layout")
        self.restart_button.clicked.connect(self.restartRequested)
        for button in (self.pause_button, self.step_button, self.restart_button):
            buttons.addWidget(button)
        self.status = QLabel()
        self.sentence = QLabel(MOMENTUM_SENTENCE)
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("color: #555555")
        projection_layout = QVBoxLayout(projection)
        projection_layout.addLayout(row)
        projection_layout.addLayout(form)
        projection_layout.addWidget(self.arrows)
        projection_layout.addLayout(buttons)
        projection_layout.addWidget(self.status)
        projection_layout.addWidget(self.sentence)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(data_box)
        layout.addWidget(projection)

    def _number(self, form: QFormLayout, label: str, low: float, high: float, tip: str) -> NumberBox:
        box = NumberBox(low, high, tip, digits=6, widest="1000.25")
        field = label.replace(" ", "_")
        box.valueChanged.connect(lambda value, f=field: self.edited.emit({_FIELD.get(f, f): _value(f, value)}))
        form.addRow(label, box)
        return box

    def _count(self, form: QFormLayout, label: str, low: int, high: int, tip: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setToolTip(tip)
        box.setKeyboardTracking(False)
        field = _FIELD.get(label, label)
        box.valueChanged.connect(lambda value, f=field: self.edited.emit({f: int(value)}))
        form.addRow(label, box)
        return box

    def show_scene(self, scene: VectorScene) -> None:
        with signals_blocked(self.data):
            self.data.clear()
            for name in BUILTIN_SETS:
                self.data.addItem(BUILTIN_TITLES[name], name)
            if scene.data not in BUILTIN_SETS:
                self.data.addItem(Path(scene.data).name, scene.data)
            self.data.setCurrentIndex(self.data.findData(scene.data))
        for button, method in ((self.pca, "pca"), (self.tsne, "tsne")):
            with signals_blocked(button):
                button.setChecked(scene.method == method)
        for name in ("perplexity", "early_exaggeration", "momentum", "exaggeration_iterations", "seed", "iterations"):
            box = getattr(self, name)
            with signals_blocked(box):
                box.setValue(getattr(scene, name))
        with signals_blocked(self.learning_rate):
            self.learning_rate.setValue(scene.learning_rate or 0.0)
        with signals_blocked(self.arrows):
            self.arrows.setChecked(scene.arrows)
        tsne = scene.method == "tsne"
        for widget in (self.pause_button, self.step_button, self.restart_button, self.arrows):
            widget.setEnabled(tsne)

    def show_running(self, running: bool) -> None:
        self.pause_button.setText("Pause" if running else "Resume")


_FIELD = {"exaggerated for": "exaggeration_iterations"}


def _value(field: str, value: float):
    return None if field == "learning_rate" and value == 0 else float(value)
