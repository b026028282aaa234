"""t-SNE in a worker thread, one iteration at a time, that can be paused, resumed, stepped and restarted.

superqt's ``GeneratorWorker`` runs the generator and delivers each yielded step on the GUI thread.
A run's engine generator is kept between workers, and a worker takes a step only when its
:class:`Turns` allow one (running, or single steps asked for); when they do not, the worker ends
and its pool thread is free. So a paused run costs no thread and no polling (superqt's own pause
keeps the thread and wakes it every 10 ms), and "step" means exactly one iteration: a worker is
started again for it, on the same generator, from where the last one stopped. Signals are the
runner's, which lives as long as its lab: a test or a view waits on them, never on a worker that is
deleted when it finishes.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from superqt.utils import create_worker

from ...engine.vectors import VECTOR_ERRORS, VectorSet
from ...labs.vectors.compute import tsne_steps
from ...labs.vectors.scene import VectorScene


class Turns:
    """The steps a run may take next: all of them (running), or a number of single steps.

    The worker asks before every step (:meth:`take`) and ends at the first "no"; the GUI thread
    grants more (:meth:`grant`) and starts a worker when none is left to take them. Both decide
    under one lock, so that exactly one worker at a time advances the run's generator, and a grant
    never waits for a worker that has already ended.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._running = False
        self._allowed = 0
        self._worker_alive = False  # a worker is taking turns (it has not yet been told "no")

    def grant(self, running: bool, steps: int = 0) -> bool:
        """Run on (``running``) or take ``steps`` more; True if a worker must be started to take them."""
        with self._lock:
            self._running = running
            self._allowed += steps
            start = (running or self._allowed > 0) and not self._worker_alive
            self._worker_alive = self._worker_alive or start
            return start

    def end(self) -> None:
        """No more steps: the worker ends after the one it is computing."""
        with self._lock:
            self._running, self._allowed = False, 0

    def take(self) -> bool:
        """(In the worker) True: take the next step; False: end, nothing more is allowed now."""
        with self._lock:
            if self._running:
                return True
            if self._allowed > 0:
                self._allowed -= 1
                return True
            self._worker_alive = False
            return False


class _Run:
    """One t-SNE run: its engine generator, made in the first worker (P is computed then, off the GUI thread)
    and kept between workers, so that a paused or suspended run goes on where it stopped."""

    def __init__(self, scene: VectorScene, data: VectorSet):
        self.scene, self.data = scene, data
        self.turns = Turns()
        self.steps = None
        self.done = False


def _generate(run: _Run):
    if run.steps is None:
        run.steps = tsne_steps(run.scene, run.data)
    while run.turns.take():
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
        self._run: _Run | None = None
        self._generation = 0  # of the current run: a step of an earlier run is not delivered
        self.running = False
        self.suspended = False  # a run stopped with its lab hidden, to go on when it is shown
        self._was_running = False

    @property
    def active(self) -> bool:
        """A run exists (running or paused) that has not reached its end, and is not suspended."""
        return self._run is not None and not self._run.done and not self.suspended

    def start(self, scene: VectorScene, data: VectorSet, running: bool = True) -> None:
        """A new run from iteration 0 (the one before it is stopped)."""
        self.stop()
        self._generation += 1
        self._run = _Run(scene, data)
        if running:
            self.resume()

    def pause(self) -> None:
        """No step after the one being computed (which still arrives); the worker then ends."""
        if self.active:
            self._grant(running=False)

    def resume(self) -> None:
        if self.active:
            self._grant(running=True)

    def step(self) -> None:
        """One more iteration (pausing first if it runs)."""
        if self.active:
            self._grant(running=False, steps=1)

    def suspend(self) -> None:
        """Pause, remembering whether it ran, for :meth:`carry_on` (a hidden lab computes nothing)."""
        if self.active:
            running = self.running
            self.pause()
            self.suspended, self._was_running = True, running

    def carry_on(self) -> None:
        """Go on with a suspended run as it was (running or paused), from the step after the last one delivered."""
        if self.suspended:
            self.suspended = False
            if self.active:
                self._grant(running=self._was_running)

    def stop(self) -> None:
        """The run ends: nothing more is computed, and a step still being computed is not delivered."""
        if self._run is not None:
            self._run.turns.end()
            self._run = None
            self._generation += 1
        self.suspended = False
        self._set_running(False)

    def _grant(self, running: bool, steps: int = 0) -> None:
        self._set_running(running)
        if self._run.turns.grant(running, steps):
            self._start_worker()

    def _start_worker(self) -> None:
        generation, run = self._generation, self._run
        worker = create_worker(_generate, run, _start_thread=False, _connect={
            "errored": lambda error: self._on_error(generation, error)})
        worker.yielded.connect(lambda step: self._on_step(generation, step))
        worker.finished.connect(lambda: self._on_finished(generation, run))
        worker.start()

    def _set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.runningChanged.emit(running)

    def _on_step(self, generation: int, step) -> None:
        if generation == self._generation:
            self.stepped.emit(step)

    def _on_finished(self, generation: int, run: _Run) -> None:
        if generation == self._generation and run.done:
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
