"""Run the latest job off the GUI thread; results of superseded jobs are dropped.

Every edit of the expression or of a parameter submits a new job. Only the newest job's result
reaches the GUI, and a job still differentiating a slow expression in the symbolic worker is
killed at once, so the app never waits behind an expression the user has already changed.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from superqt.utils import create_worker

from ..engine import ExpressionError
from ..engine.symbolic_worker import SYMBOLIC_WORKER


class LatestJobRunner(QObject):
    succeeded = Signal(object)   # the job's return value
    failed = Signal(str)         # one sentence for the user
    busyChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._running = 0
        self._workers: set = set()
        self._threads: set[int] = set()  # worker threads running this runner's jobs

    @property
    def busy(self) -> bool:
        return self._running > 0

    def submit(self, job: Callable[..., Any], *args: Any, cancels_symbolic: bool = False) -> None:
        """Run ``job(*args)`` in a worker thread; supersede (and maybe cancel) earlier jobs."""
        self._generation += 1
        generation = self._generation
        if cancels_symbolic and self._running:
            SYMBOLIC_WORKER.cancel(set(self._threads))
        worker = create_worker(self._tracked, job, args, _start_thread=False)
        worker.returned.connect(lambda result: self._deliver(generation, self.succeeded, result))
        worker.errored.connect(lambda error: self._deliver(generation, self.failed, _sentence(error)))
        worker.finished.connect(lambda: self._finish(worker))
        self._workers.add(worker)
        self._running += 1
        if self._running == 1:
            self.busyChanged.emit(True)
        worker.start()

    def _tracked(self, job: Callable[..., Any], args: tuple) -> Any:
        """Run ``job`` noting its thread, so that a cancel reaches this runner's jobs only."""
        thread = threading.get_ident()
        self._threads.add(thread)
        try:
            return job(*args)
        finally:
            self._threads.discard(thread)

    def _deliver(self, generation: int, signal, payload) -> None:
        if generation == self._generation and shiboken6.isValid(self):
            signal.emit(payload)

    def _finish(self, worker) -> None:
        self._workers.discard(worker)
        if not shiboken6.isValid(self):
            return  # the window closed while this job ran: nobody is left to tell
        self._running -= 1
        if self._running == 0:
            self.busyChanged.emit(False)


def _sentence(error: BaseException) -> str:
    if isinstance(error, ExpressionError):
        return str(error)
    # Anything else is our bug, not the user's: say so plainly rather than show a traceback.
    return f"internal error ({type(error).__name__}: {error}); please report it"
