"""t-SNE in a worker thread, one iteration at a time, that can be paused, resumed, stepped and restarted.

superqt's ``GeneratorWorker`` runs the generator and delivers each yielded step on the GUI thread.
Pausing and stepping go through a :class:`StepGate` the generator waits at before every step,
so that "step" means exactly one iteration (superqt's own pause takes effect only some steps
later, as its requests cross threads). Signals are the runner's, which lives as long as its lab:
a test or a view waits on them, never on a worker that is deleted when it finishes.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal
from superqt.utils import create_worker

from ...engine.vectors import VECTOR_ERRORS, VectorSet
from ...labs.vectors.compute import tsne_steps
from ...labs.vectors.scene import VectorScene

WAIT_SECONDS = 0.01


class StepGate:
    """Where the worker waits between steps: open (running), or shut with a number of single steps allowed."""

    def __init__(self, running: bool):
        self._lock = threading.Lock()
        self._running = running
        self._allowed = 0
        self._stopped = False

    def set_running(self, running: bool) -> None:
        with self._lock:
            self._running = running

    def allow_one(self) -> None:
        with self._lock:
            self._allowed += 1

    def stop(self) -> None:
        with self._lock:
            self._stopped = True

    def wait_for_turn(self) -> bool:
        """True when the next step may be taken; False once stopped."""
        while True:
            with self._lock:
                if self._stopped:
                    return False
                if self._running:
                    return True
                if self._allowed:
                    self._allowed -= 1
                    return True
            time.sleep(WAIT_SECONDS)


class _Run:
    """One t-SNE run: its engine generator, made in the first worker (P is computed then, off the GUI thread),
    and kept between workers, so that a suspended run goes on where it stopped."""

    def __init__(self, scene: VectorScene, data: VectorSet):
        self.scene, self.data = scene, data
        self.steps = None
        self.done = False


def _generate(run: _Run, gate: StepGate):
    if run.steps is None:
        run.steps = tsne_steps(run.scene, run.data)
    while gate.wait_for_turn():  # the next step is taken only when it may be: none is lost by a suspension
        step = next(run.steps)
        yield step
        if step.iteration >= run.scene.iterations:
            run.done = True
            return


class TsneRunner(QObject):
    stepped = Signal(object)       # a TsneStep of the current run
    finished = Signal()            # the current run reached its iterations
    failed = Signal(str)           # one sentence: settings the data refuses
    runningChanged = Signal(bool)  # stepping on its own (True) or paused/stopped (False)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._gate: StepGate | None = None
        self._worker = None
        self._run: _Run | None = None
        self._generation = 0
        self.running = False
        self.suspended = False  # a run stopped with its lab hidden, to go on when it is shown
        self._was_running = False

    @property
    def active(self) -> bool:
        """A run exists (running or paused) that has not reached its end."""
        return self._gate is not None

    def start(self, scene: VectorScene, data: VectorSet, running: bool = True) -> None:
        """A new run from iteration 0 (the one before it is stopped)."""
        self.stop()
        self._run = _Run(scene, data)
        self._launch(running)

    def suspend(self) -> None:
        """Stop the worker but keep the run, for :meth:`carry_on` (a hidden lab, a closing window, computes nothing)."""
        if self._gate is not None:
            running = self.running
            self.stop()
            self.suspended, self._was_running = True, running

    def carry_on(self) -> None:
        """Go on with a suspended run, from the step after the last one delivered."""
        if self.suspended and self._run is not None and not self._run.done:
            self._launch(self._was_running)
        self.suspended = False

    def _launch(self, running: bool) -> None:
        self._generation += 1
        generation = self._generation
        self._gate = StepGate(running)
        worker = create_worker(_generate, self._run, self._gate, _start_thread=False, _connect={
            "errored": lambda error: self._on_error(generation, error)})
        worker.yielded.connect(lambda step: self._on_step(generation, step))
        worker.finished.connect(lambda: self._on_finished(generation))
        self._worker = worker
        self._set_running(running)
        worker.start()

    def pause(self) -> None:
        if self._gate is not None:
            self._gate.set_running(False)
        self._set_running(False)

    def resume(self) -> None:
        if self._gate is not None:
            self._gate.set_running(True)
            self._set_running(True)

    def step(self) -> None:
        """One more iteration (pausing first if it runs)."""
        if self._gate is not None:
            self.pause()
            self._gate.allow_one()

    def stop(self) -> None:
        if self._gate is not None:
            self._gate.stop()
        if self._worker is not None:
            self._worker.quit()
        self._gate = self._worker = None
        self.suspended = False
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.runningChanged.emit(running)

    def _on_step(self, generation: int, step) -> None:
        if generation == self._generation:
            self.stepped.emit(step)

    def _on_finished(self, generation: int) -> None:
        if generation == self._generation and self._gate is not None and self._run.done:
            self._gate = self._worker = None
            self._set_running(False)
            self.finished.emit()

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.stop()
        if isinstance(error, VECTOR_ERRORS):
            self.failed.emit(str(error))
        else:
            self.failed.emit(f"internal error ({type(error).__name__}: {error}); please report it")
