"""The runs list: per run an optimizer, its hyperparameters, a colour, curvature focus and removal.

Behind each row's "more…" toggle are the rarely changed settings: eps and weight decay, the
learning-rate schedule, gradient noise and clipping. The panel shows the scene's runs
(``show_scene``) and what they did (``show_traces``, ``show_frame_info``), and reports each edit
with the run's index; it keeps no run of its own.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QButtonGroup, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QSizePolicy, QSpinBox, QToolButton, QVBoxLayout, QWidget)
from superqt.utils import signals_blocked

from ...engine.optim import (ALL_OPTIMIZERS, CONVERGED, LINE_SEARCHES, OPTIMIZER_LABELS, OPTIMIZERS, ConstantRate,
                             default_hyperparameters, vector_norms)
from ...engine.optim.curvature import BOUND_FORMULAS
from ...engine.optim.gradients import MAX_SEED
from ...engine.optim.hyperparameters import MAX_BISECTIONS
from ...engine.optim.line_search_rules import LINE_SEARCH_RULES
from ...labs import palette
from ...labs.descent import edits
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
# The line searches' (engine/optim/line_search_rules.py), in place of lr and the rest.
SEARCH_EXTRA = {
    "t0": ("t0", 1e-300, LARGE, "t0: Armijo's first trial step length (each step tries t0, t0·ρ, t0·ρ², … "
                                "until one lowers the loss enough)"),
    "c": ("c", 1e-300, BELOW_ONE, "c: Armijo's sufficient decrease: a trial step t is accepted when "
                                  "f(x − t∇f) ≤ f(x) − c·t·|∇f|² (1e-4, as in Nocedal and Wright)"),
    "rho": ("ρ", 1e-300, BELOW_ONE, "rho: each refused trial step is ρ times the last"),
    "slope_tol": ("tol φ′", 0.0, LARGE, "slope_tol: the bisection on φ′(t) = −∇f(x − t∇f)·∇f stops where "
                                        "|φ′(t)| ≤ slope_tol·|∇f|² (φ′(0) = −|∇f|²)"),
    "max_bisections": ("bisections ≤", 1.0, float(MAX_BISECTIONS), "max_bisections: the most halvings of the "
                                                                   "bracket in one step's search"),
    "growth": ("growth", 1.0 + 2**-52, LARGE, "growth: the bracket [0, T] grows by this factor until φ′(T) > 0"),
}
MORE = ("eps", "weight_decay", "c", "rho", "max_bisections", "growth")
MORE_TIPS = {False: "More settings of this run: ε (eps), weight decay (weight_decay), the learning-rate schedule, "
                    "gradient noise and clipping",
             True: "More settings of this line search: Armijo's c and ρ, or the exact search's most bisections and "
                   "its bracket's growth"}
BOUND_TIP = ("This method's stability bound at the current point: with a learning rate above it the steps overshoot "
             "the valley and grow (plain descent 2/λ_max, heavy-ball momentum 2(1+μ)/λ_max, Nesterov "
             "2(1+μ)/((1+2μ)λ_max); λ_max is the Hessian's largest eigenvalue plus any weight decay)")
DECADES = ("eps", "c", "slope_tol")  # their boxes step by factors of 10
MOST_STEPS = 2**31 - 1  # a spin box's limit; the engine takes periods up to 1e15, which no run reaches

# Schedule kind -> (its label in the box, its formula, (whole-number argument, label), (float argument, label,
# minimum, maximum)); the arguments are torch.optim.lr_scheduler's, the formulas its closed forms (t = step - 1).
SCHEDULE_CHOICES = {
    "constant": ("constant lr", "lr every step", None, None),
    "step": ("step lr", "StepLR: lr · γ^⌊t / step_size⌋", ("step_size", "every"),
             ("gamma", "× γ", 1e-300, LARGE)),
    "exponential": ("exponential lr", "ExponentialLR: lr · γ^t", None, ("gamma", "γ", 1e-300, LARGE)),
    "cosine": ("cosine lr", "CosineAnnealingLR: η_min + (lr − η_min)(1 + cos(π t / T_max))/2",
               ("T_max", "T_max"), ("eta_min", "η_min", 0.0, LARGE)),
    "linear": ("warm-up lr", "LinearLR: lr · (start_factor + (end_factor − start_factor) · min(t, total_iters) / "
                          "total_iters), from start_factor · lr up to lr", ("total_iters", "over"),
               ("start_factor", "from ×", 1e-300, 1.0)),
}


def optimizer_box(tip: str, names: tuple[str, ...] = OPTIMIZERS) -> QComboBox:
    """A choice of the optimizers ``names`` (default: the seven with a learning rate), each shown by its label."""
    box = QComboBox()
    for name in names:
        box.addItem(OPTIMIZER_LABELS[name], name)
    box.setToolTip(tip)
    return box


def choose(box: QComboBox, name: str) -> None:
    """Show ``name`` in an optimizer box, without emitting its signals (the scene already has it)."""
    with signals_blocked(box):
        box.setCurrentIndex(box.findData(name))


def hyperparameter_box(name: str, low: float, high: float, tip: str) -> NumberBox:
    if name in DECADES:
        return DecadeBox(low, high, tip)
    box = NumberBox(low, high, tip, digits=6, widest="0.000125")
    box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    return box


class CountBox(QSpinBox):
    """A whole number (a period, a seed) in a box as wide as its usual values, not as its 2^31 maximum."""

    def __init__(self, low: int, high: int, tip: str, widest: str = "99999"):
        super().__init__()
        self.setRange(low, high)
        self.setToolTip(tip)
        self.setKeyboardTracking(False)
        self._width = self.fontMetrics().horizontalAdvance(widest) + 32

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(self._width)
        return hint

    def minimumSizeHint(self):
        return self.sizeHint()


class RunOptions(QWidget):
    """A run's learning-rate schedule (its kind and one or two numbers), gradient noise σ and seed, and clipping.

    ``editRequested`` carries the labs/descent/edits.py function and its arguments after the run's index.
    """

    editRequested = Signal(object, tuple)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.schedule = QComboBox()
        for kind, (label, formula, *_arguments) in SCHEDULE_CHOICES.items():
            self.schedule.addItem(label, kind)
            self.schedule.setItemData(self.schedule.count() - 1, formula, Qt.ItemDataRole.ToolTipRole)
        self.schedule.setToolTip("The learning-rate schedule, as torch.optim.lr_scheduler defines it "
                                 "(the scheduler steps after each update)")
        self.steps_label, self.value_label = QLabel(), QLabel()
        self.steps = CountBox(1, MOST_STEPS, "", widest="9999")
        self.value = NumberBox(0.0, LARGE, "", digits=6, widest="0.25")
        self.value.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.noise = NumberBox(0.0, LARGE, "σ of the Gaussian noise added to each gradient coordinate at each step, "
                                           "as a minibatch would (0: none)", digits=6, widest="0.25")
        self.noise.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.seed = CountBox(0, MAX_SEED, "The seed of this run's noise (numpy.random.default_rng): the same seed, "
                                          "the same run")
        self.clip = NumberBox(0.0, LARGE, "clip_grad_norm_'s max_norm: a gradient longer than this is scaled down "
                                          "to it before the optimizer sees it (off: not clipped)", digits=6,
                              widest="0.25")
        self.clip.setSpecialValueText("off")
        self.clip.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)

        schedule_row = QHBoxLayout()
        schedule_row.setContentsMargins(24, 0, 0, 0)
        for widget in (self.schedule, self.steps_label, self.steps, self.value_label,
                       self.value):
            schedule_row.addWidget(widget)
        schedule_row.addStretch(1)
        gradient_row = QHBoxLayout()
        gradient_row.setContentsMargins(24, 0, 0, 0)
        for widget in (QLabel("noise σ"), self.noise, QLabel("seed"), self.seed, QLabel("clip"), self.clip):
            gradient_row.addWidget(widget)
        gradient_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(schedule_row)
        layout.addLayout(gradient_row)

        self._kind = "constant"
        self.schedule.currentIndexChanged.connect(
            lambda: self.editRequested.emit(edits.set_schedule, (self.schedule.currentData(),)))
        self.steps.valueChanged.connect(lambda value: self._edit_setting(2, value))
        self.value.valueChanged.connect(lambda value: self._edit_setting(3, value))
        self.noise.valueChanged.connect(lambda value: self.editRequested.emit(edits.set_run_option, ("noise", value)))
        self.seed.valueChanged.connect(lambda value: self.editRequested.emit(edits.set_run_option, ("seed", value)))
        self.clip.valueChanged.connect(lambda value: self.editRequested.emit(
            edits.set_run_option, ("clip", value if value > 0 else None)))

    def _edit_setting(self, position: int, value) -> None:
        argument = SCHEDULE_CHOICES[self._kind][position]
        if argument is not None:
            self.editRequested.emit(edits.set_schedule_setting, (argument[0], value))

    def show_run(self, run: RunSetup) -> None:
        kind = run.schedule.__struct_config__.tag
        self._kind = kind
        _label, formula, whole, number = SCHEDULE_CHOICES[kind]
        with signals_blocked(self.schedule):
            self.schedule.setCurrentIndex(list(SCHEDULE_CHOICES).index(kind))
        self.schedule.setToolTip(f"The learning-rate schedule, as torch.optim.lr_scheduler defines it: {formula}")
        for box, label_widget, argument in ((self.steps, self.steps_label, whole),
                                            (self.value, self.value_label, number)):
            box.setVisible(argument is not None)
            label_widget.setVisible(argument is not None)
            if argument is None:
                continue
            label_widget.setText(argument[1])
            box.setToolTip(f"{argument[0]}: {formula}")
            with signals_blocked(box):
                if box is self.value:
                    box.setRange(argument[2], argument[3])
                box.setValue(getattr(run.schedule, argument[0]))
        self.noise.show_value(run.noise)
        with signals_blocked(self.seed):
            self.seed.setValue(run.seed)
        self.clip.show_value(run.clip if run.clip is not None else 0.0)

    @staticmethod
    def in_use(run: RunSetup) -> bool:
        """Whether any of them is away from its default (then the row opens "more", so nothing is hidden)."""
        return not isinstance(run.schedule, ConstantRate) or run.noise != 0 or run.clip is not None


class RunRow(QWidget):
    """One run: optimizer, lr, the optimizer's other hyperparameters (eps and weight decay behind "more")."""

    hyperparameterEdited = Signal(str, float)  # its name (beta1 and beta2 for the betas), its new value
    optimizerChosen = Signal(str)
    removeRequested = Signal()
    editRequested = Signal(object, tuple)  # an edits.py function and its arguments after the run's index

    def __init__(self, parent=None):
        super().__init__(parent)
        self._optimizer = ""
        self._colour = ""  # of the run shown: a new colour is another run (after a removal, say)
        self._options_in_use = False
        self.select = QRadioButton()
        self.select.setToolTip("Show the curvature (Hessian) at this run's current point")
        self.swatch = QLabel()
        self.optimizer = optimizer_box("The optimizer of this run (a new choice starts from its PyTorch defaults, "
                                        "at its race learning rate from this start; a line search has no learning "
                                        "rate: it searches each step's length along −∇f)", ALL_OPTIMIZERS)
        self.lr_label = QLabel("lr")
        self.lr = hyperparameter_box("lr", *LR_RANGE, "lr: the learning rate")
        self.bound = QLabel()
        # The longest line (a schedule's lr now and Nesterov's formula) may be cut at the panel's edge, never widen it.
        self.bound.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bound.setToolTip(BOUND_TIP)
        self.status = QLabel()
        extras = {**EXTRA, **SEARCH_EXTRA}
        self.extras = {name: hyperparameter_box(name, low, high, tip) for name, (_, low, high, tip) in extras.items()}
        self.extra_labels = {name: QLabel(label) for name, (label, *_rest) in extras.items()}
        self.more = QToolButton()
        self.more.setText("more…")
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.options = RunOptions()
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this run")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.select)
        top.addWidget(self.swatch)
        top.addWidget(self.optimizer, 1)  # it takes the room of a line search's hidden lr
        top.addWidget(self.lr_label)
        top.addWidget(self.lr)
        top.addWidget(self.remove)
        second = QHBoxLayout()
        second.setContentsMargins(24, 0, 0, 0)
        third = QHBoxLayout()
        third.setContentsMargins(24, 0, 0, 0)
        for name in self.extras:
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
        layout.addWidget(self.options)
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
        self.options.editRequested.connect(self.editRequested)

    def show_run(self, run: RunSetup) -> None:
        """Show ``run``; a setting behind "more" away from its default opens it, so nothing is hidden."""
        another_run = (run.optimizer, run.colour) != (self._optimizer, self._colour)
        options_appear = RunOptions.in_use(run) and not self._options_in_use  # from a file, say: show them
        self._optimizer, self._colour, self._options_in_use = run.optimizer, run.colour, RunOptions.in_use(run)
        self.swatch.setText(f"<span style='color:{run.colour}; font-size:18px'>■</span>")
        choose(self.optimizer, run.optimizer)
        self.lr_label.setVisible(not run.searches_line)
        self.lr.setVisible(not run.searches_line)
        values = edits.boxed_hyperparameters(run.hyperparameters)
        boxes = {"lr": self.lr, **self.extras}
        for name, value in values.items():
            boxes[name].show_value(float(value))
        self.options.show_run(run)
        if another_run:
            defaults = default_hyperparameters(run.optimizer)
            self.more.setChecked(any(name in defaults and values[name] != defaults[name] for name in MORE)
                                 or RunOptions.in_use(run))
        elif options_appear:
            self.more.setChecked(True)
        self._show_extras()

    def _wanted(self) -> set[str]:
        names = set(default_hyperparameters(self._optimizer))
        if "betas" in names:
            names |= {"beta1", "beta2"}
        return names

    def _show_extras(self) -> None:
        wanted = self._wanted()
        for name in self.extras:
            shown = name in wanted and (name not in MORE or self.more.isChecked())
            self.extras[name].setVisible(shown)
            self.extra_labels[name].setVisible(shown)
        # A line search takes no schedule, noise or clipping (the engine says why): only its own settings are more.
        searches = self._optimizer in LINE_SEARCHES
        self.options.setVisible(self.more.isChecked() and not searches)
        self.more.setVisible(not searches or bool(wanted & set(MORE)))
        self.more.setToolTip(MORE_TIPS[searches])

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
        if trace.run.searches_line:
            self._show_search(trace, last)
            return
        self.bound.setToolTip(BOUND_TIP)
        # A schedule changes the rate step by step: the one of this frame's step is what the bound is about.
        now = "" if isinstance(trace.run.schedule, ConstantRate) else f"lr now {trace.learning_rates[last]:.3g} · "
        bound = float(trace.bound[last])
        if trace.result is None or math.isnan(bound):
            self.bound.setText(html.escape(now.removesuffix(" · ")))
            return
        unstable = bool(trace.unstable[last])
        colour = palette.FAILURE_TEXT if unstable else palette.SUCCESS_TEXT
        if bound == 0:  # a heavy ball with μ >= 1: no rate is stable
            text = "μ ≥ 1: never settles"
        else:
            value = "∞" if math.isinf(bound) else f"{bound:.3g}"
            text = f"{BOUND_FORMULAS[trace.run.optimizer]} = {value}{' < lr' if unstable else ''}"
        self.bound.setText(f"{html.escape(now)}<span style='color:{colour}'>{text}</span>")

    def _show_search(self, trace: RunTrace, last: int) -> None:
        """The step length the line search chose from the run's current point, and how many tries it took."""
        counted = LINE_SEARCH_RULES[trace.run.optimizer].counted
        self.bound.setToolTip(f"The step length t that this line search chose at the current point, and the "
                              f"{counted} it took: the step is −t∇f")
        if last >= len(trace.path) - 1:  # no step was taken from the last point
            self.bound.setText("")
            return
        count = int(trace.searches[last])
        what = counted if count != 1 else counted.removesuffix("s")
        self.bound.setText(f"t = {trace.learning_rates[last]:.3g} ({count} {what})")


class RunsPanel(QGroupBox):
    """The scene's runs, one row each, and the controls that add, race and clear them."""

    hyperparameterEdited = Signal(int, str, float)  # run index, hyperparameter name, its new value
    runEdited = Signal(object, tuple)  # an edits.py function and its arguments, the run's index first
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
        self.new_optimizer = optimizer_box("The optimizer of the run a click on the surface adds", ALL_OPTIMIZERS)
        self.race_button = QPushButton("Race all")
        self.race_button.setToolTip("Put the seven optimizers with a learning rate on the first start point (a line "
                                    "search joins the race from a run's optimizer box, or from \"Click adds\")")
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
        choose(self.new_optimizer, scene.click_adds)
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
        row.editRequested.connect(lambda edit, args: self.runEdited.emit(edit, (index, *args)))
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
