"""The vector-space lab's tab: the figure, and at the right the data and projection, words, and softmax panels.

The panels and the figure follow the scene. Neighbours, analogy, PCA and softmax are computed on
the GUI thread from the loaded data (milliseconds, cached). A data file is read by a worker, and
t-SNE streams from another (:class:`TsneRunner`): each step is appended to the run's history,
which the window's playback scrubs like any other run, and the plot redraws at most every
:data:`REDRAW_MS`, adapting so that the drawing leaves the iterations most of the time.
"""

from __future__ import annotations

import html
import time

import msgspec
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QVBoxLayout

from ...engine.vectors import VECTOR_ERRORS, TsneStep, VectorSet
from ...labs import palette
from ...figures.caption import Caption
from ...figures.vectors_figure import LABELLED_NEIGHBOURS, VectorFigure, projection_title, shown_step
from ...labs.rejection import Rejected
from ...labs.vectors.compute import VectorResult, compute_panels, load_data
from ...labs.vectors.points_csv import points_csv
from ...labs.vectors.scene import TSNE_FIELDS, VectorScene
from ..job_runner import LatestJobRunner
from ..menu_action import make_action, make_toggle, show_checked
from ..notice_label import NoticeLabel
from ..scene_lab import FigureView, SceneLab
from ..side_panel import side_panel
from ..opengl import opengl_unavailable_reason
from .pca3d import Pca3DWindow
from .setup_panel import SetupPanel
from .softmax_panel import SoftmaxPanel
from .tsne_runner import TsneRunner
from .words_panel import WordsPanel

REDRAW_MS = (40, 250)   # the time between two frames of a t-SNE run: 25 to 4 frames a second, so that
DRAWING_SHARE = 0.25    # drawing (estimated as twice the setting of the items) takes at most this share


def tsne_inputs(scene: VectorScene) -> tuple:
    return tuple(getattr(scene, field) for field in TSNE_FIELDS)


class VectorSpaceLab(SceneLab):
    name = "vectors"
    hint = "Click a point for its neighbours; choose t-SNE to watch gradient descent lay the data out"
    dataLoaded = Signal()            # the data set on screen is another one (or failed to load: the old one stays)
    tsneStepped = Signal(int)        # the iteration just received
    tsneFinished = Signal()

    def __init__(self, scene: VectorScene, parent=None):
        super().__init__(scene, None, None,
                         NoticeLabel("What was loaded or found, and what went wrong if anything did"), parent)
        self._data: VectorSet | None = None
        self._source: tuple | None = None     # (data, metadata) of the data loaded
        self._loading: tuple | None = None
        self._result: VectorResult | None = None
        self._drawn: VectorResult | None = None  # what the figure draws (with the t-SNE steps so far)
        self._history: list[TsneStep] = []
        self._run_inputs: tuple | None = None  # the t-SNE inputs of the run in the history
        self.pca_3d: Pca3DWindow | None = None  # made when first asked for (and OpenGL works)
        self.figure = VectorFigure()
        self.figure_view = FigureView(self.figure)
        self.setup_panel = SetupPanel()
        self.words_panel = WordsPanel()
        self.softmax_panel = SoftmaxPanel()
        self.loader = LatestJobRunner(self)
        self.tsne = TsneRunner(self)
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_MS[0], timeout=self._draw_streamed)
        self.arrows_toggle = make_toggle(self, "t-SNE &gradient arrows", lambda on: self.edit(arrows=on), False,
                                         tip="Arrows on a few points: minus the gradient of the KL divergence")
        self._layout()

        for panel in (self.setup_panel, self.words_panel, self.softmax_panel):
            panel.edited.connect(lambda changes: self.edit(**changes))
        self.setup_panel.importRequested.connect(self._ask_import)
        self.setup_panel.pauseToggled.connect(self.toggle_pause)
        self.setup_panel.stepRequested.connect(self.step_tsne)
        self.setup_panel.restartRequested.connect(self.restart_tsne)
        self.words_panel.wordEntered.connect(self.select_word)
        self.figure.pointClicked.connect(lambda row: self.edit(selected=row))
        self.loader.succeeded.connect(self._on_loaded)
        self.loader.failed.connect(self.notice.show_error)
        self.loader.busyChanged.connect(lambda busy: self.activity.emit("Reading the vectors…" if busy else ""))
        self.tsne.stepped.connect(self._on_step)
        self.tsne.finished.connect(self.tsneFinished)
        self.tsne.failed.connect(self.notice.show_error)
        self.tsne.runningChanged.connect(self.setup_panel.show_running)
        self._follow(self._scene.__struct_fields__)

    def _layout(self) -> None:
        self.side_panel = side_panel(self.setup_panel, self.words_panel, self.softmax_panel, minimum_width=330)
        split = self._figure_beside_panel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

    # --- the contract with the window ---
    @property
    def frame_count(self) -> int:
        return len(self._history) if self._scene.method == "tsne" and self._history else 1

    @property
    def result(self) -> VectorResult | None:
        return self._result

    @property
    def history(self) -> tuple[TsneStep, ...]:
        return tuple(self._history)

    def current_result(self) -> VectorResult | None:
        """What the figure draws, the t-SNE run as far as the figure shows it, if it is of the scene on screen
        (None while the scene's data are read, or its run has not started)."""
        drawn, scene = self._drawn, self._scene
        if drawn is None or drawn.scene != scene or (scene.method == "tsne" and self._run_inputs != tsne_inputs(scene)):
            return None
        return drawn

    def menu_actions(self, parent) -> dict[str, list]:
        return {"&View": [self.arrows_toggle,
                          make_action(parent, "PCA in &3-D…", self.show_3d, tip="The first three principal axes "
                                      "in a window of their own, where OpenGL works")]}

    def show_3d(self) -> None:
        """The data's PCA in 3-D in a window of its own, or (no OpenGL here) why not."""
        reason = opengl_unavailable_reason()
        if reason is not None:
            self.notice.show_error(reason)
            return
        if self.pca_3d is None:
            self.pca_3d = Pca3DWindow(self, Qt.WindowType.Window)  # a window of its own, closed with the app's
        if self._data is not None:
            self.pca_3d.show_data(self._data)
        self.pca_3d.show()
        self.pca_3d.raise_()

    def history_csv(self) -> str | None:
        """The projection on screen (every point's label, group and place) as CSV."""
        if self._result is None:
            return None
        step = self._shown_step()
        return points_csv(self._result.data, step.embedding if step is not None else self._result.pca.projection)

    def caption(self) -> Caption:
        """What the projection shows (data set, method, iteration), the selected word's nearest neighbours
        (the ones labelled), and the analogy's best answer: what the panels beside the figure say."""
        if self._result is None:
            return Caption()
        scene, result = self._scene, self._shown_result()
        step = shown_step(scene, result, self.frame)
        formula = projection_title(scene, result, step)
        if step is not None:
            formula += f" (perplexity {scene.perplexity:g}), KL(P‖Q) = {step.kl_divergence:.4f}"
        runs = []
        if not isinstance(result.neighbours, str):
            found = result.neighbours
            nearest = ", ".join(f"{n.word} ({n.similarity:.2f})" for n in found.neighbours[:LABELLED_NEIGHBOURS])
            runs.append((palette.YELLOW, f"{found.query[0]}: nearest {nearest}"))
        if not isinstance(result.analogy, str) and result.analogy.neighbours:
            a, b, c = scene.analogy
            best = result.analogy.neighbours[0]
            runs.append((palette.BLACK, f"{a} − {b} + {c} ≈ {best.word} ({best.similarity:.2f})"))
        return Caption(formula, tuple(runs))


    # --- the person's actions ---
    def import_file(self, path: str, metadata: str | None = None) -> None:
        """Show the vectors in ``path``; if it cannot be read, the data on screen stays and the notice says why."""
        self.edit(data=path, metadata=metadata, selected=None, frame=None)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import vectors", "", "Vectors (*.tsv *.txt *.vec);;All files (*)")
        if path:
            self.import_file(path)

    def select_word(self, word: str) -> None:
        if self._data is None or not word:
            return
        try:
            self.edit(selected=self._data.row_of(word))
        except VECTOR_ERRORS as error:
            self.notice.show_error(str(error))

    def toggle_pause(self) -> None:
        if self.tsne.running:
            self.tsne.pause()
        elif self.tsne.active:
            self.tsne.resume()
        else:
            self.restart_tsne()

    def step_tsne(self) -> None:
        if not self.tsne.active:
            self._start_tsne(running=False)
        self.tsne.step()

    def restart_tsne(self) -> None:
        self.edit(frame=None)
        self._start_tsne(running=True)

    # --- widgets follow the scene ---
    def _show_setup(self) -> None:
        self.setup_panel.show_scene(self._scene)
        show_checked(self.arrows_toggle, self._scene.arrows)

    _on_data_change = _on_method_change = _on_perplexity_change = _on_learning_rate_change = _show_setup
    _on_early_exaggeration_change = _on_exaggeration_iterations_change = _on_momentum_change = _show_setup
    _on_seed_change = _on_iterations_change = _on_arrows_change = _show_setup

    def _show_words(self) -> None:
        self.words_panel.show_scene(self._scene)

    _on_neighbour_count_change = _on_analogy_change = _show_words

    def _show_softmax(self) -> None:
        self.softmax_panel.show_scene(self._scene)

    _on_logits_change = _on_temperature_change = _on_target_change = _show_softmax

    # --- computing ---
    def _after_change(self, changed: frozenset[str]) -> None:
        source = (self._scene.data, self._scene.metadata)
        if source != self._source:
            if self.isVisible() and source != self._loading:
                self._loading = source
                self.loader.submit(load_data, self._scene)
            return  # the data on screen stays until the new data is read
        if changed == {"frame"} and self._result is not None:
            self._draw()  # playback or a scrub: the panels (neighbours, analogy, softmax) do not depend on it
            return
        self._compute()

    def _on_loaded(self, data: VectorSet | Rejected) -> None:
        self._loading = None
        if isinstance(data, Rejected):
            self.notice.show_error(data.message)
            self._back_to_loaded_data()
        else:
            self._data, self._source = data, (self._scene.data, self._scene.metadata)
            self.notice.setText(f"{html.escape(data.name)}: {len(data):,} vectors of {data.dimensions} numbers")
            if self.pca_3d is not None and self.pca_3d.isVisible():
                self.pca_3d.show_data(data)
            self._compute()
        self.dataLoaded.emit()

    def _back_to_loaded_data(self) -> None:
        """The file could not be read: the scene goes back to the data on screen (or the built-in words)."""
        data, metadata = self._source if self._source is not None else ("words", None)
        self.change_scene(msgspec.structs.replace(self._scene, data=data, metadata=metadata))

    def _compute(self) -> None:
        scene = self._scene
        if self._data is None:
            return
        if scene.method == "tsne" and tsne_inputs(scene) != self._run_inputs and self.isVisible():
            self._start_tsne(running=True)
        elif scene.method == "tsne" and self.tsne.suspended and self.isVisible():
            self.tsne.carry_on()
        elif scene.method != "tsne" and self.tsne.active:
            self.tsne.pause()
        self._result = compute_panels(scene, self._data)
        self.words_panel.show_result(self._result)
        self.softmax_panel.show_result(self._result)
        self._draw()

    def hideEvent(self, event) -> None:
        # A hidden lab computes nothing (another tab is shown): the run waits.
        super().hideEvent(event)
        self.tsne.suspend()

    def stop_workers(self) -> None:
        self.tsne.stop()  # a run would not end by itself: the window would wait for it in vain

    def _start_tsne(self, running: bool) -> None:
        if self._data is None:
            return
        self._history = []
        self._run_inputs = tsne_inputs(self._scene)
        self.tsne.start(self._scene, self._data, running=running)
        self.timelineChanged.emit()

    def _on_step(self, step: TsneStep) -> None:
        self._history.append(step)
        self.tsneStepped.emit(step.iteration)
        if not self._redraw.isActive():
            self._redraw.start()

    def _draw_streamed(self) -> None:
        """A frame of the streaming run; the next waits long enough that the iterations keep most of the time."""
        start = time.perf_counter()
        self._draw()
        self.timelineChanged.emit()
        painting = 2 * (time.perf_counter() - start)  # the paint that follows costs about as much again
        self._redraw.setInterval(min(max(REDRAW_MS[0], round(1000 * painting / DRAWING_SHARE)), REDRAW_MS[1]))

    def _shown_step(self) -> TsneStep | None:
        if self._scene.method != "tsne" or not self._history:
            return None
        return self._history[self.frame]

    def _shown_result(self) -> VectorResult:
        return self._result.with_tsne(tuple(self._history)) if self._scene.method == "tsne" else self._result

    def _draw(self) -> None:
        if self._result is None:
            return
        self._drawn = self._shown_result()
        self.figure.draw(self._scene, self._drawn, self.frame)
        step = self._shown_step()
        if self._scene.method == "tsne":
            self.setup_panel.status.setText(
                f"iteration {step.iteration} of {self._scene.iterations}, KL {step.kl_divergence:.4f}"
                + (" (exaggerated)" if step.exaggerated else "") if step is not None else "computing P…")
        else:
            self.setup_panel.status.setText("")
