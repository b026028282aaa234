"""Run the latest job off the GUI thread; results of superseded jobs are dropped.

Every edit of the expression or of a parameter submits a new job. Only the newest job's result
reaches the GUI, and a job still differentiating a slow expression in the symbolic worker is
killed at once, so the app never waits behind an expression the user has already changed.
"""

from __future__ import annotations

import sys
import threading
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from superqt.utils import create_worker

from ..engine import ExpressionError
from ..engine.symbolic_worker import SYMBOLIC_WORKER


class LatestJobRunner(QObject):
    """One job at a time in a worker thread; while it runs, only the newest submission waits.

    Dragging a slider submits dozens of jobs a second. Queueing them all would keep both cores
    busy with answers nobody will see and the plot would lag behind the hand, so a submission
    replaces the one waiting, and only the newest job's result is delivered.
    """

    succeeded = Signal(object)   # the job's return value
    failed = Signal(str)         # one sentence for the user
    busyChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._running = None      # the worker in flight
        self._waiting: tuple[int, Callable[..., Any], tuple] | None = None
        self._threads: set[int] = set()  # worker threads running this runner's jobs

    @property
    def busy(self) -> bool:
        return self._running is not None

    def submit(self, job: Callable[..., Any], *args: Any, cancels_symbolic: bool = False) -> None:
        """Run ``job(*args)`` as soon as the job in flight is done; supersede earlier submissions.

        With ``cancels_symbolic``, a differentiation that the job in flight is waiting for is
        abandoned at once (the new job makes it pointless).
        """
        self._generation += 1
        self._waiting = (self._generation, job, args)
        if self._running is None:
            self.busyChanged.emit(True)
            self._start_waiting()
        elif cancels_symbolic:
            SYMBOLIC_WORKER.cancel(set(self._threads))

    def abandon(self) -> None:
        """Deliver nothing more: neither the job in flight's result nor the waiting job's (the window is closing)."""
        self._generation += 1
        self._waiting = None

    def _start_waiting(self) -> None:
        generation, job, args = self._waiting
        self._waiting = None
        # Our own errored handler also stops superqt re-raising the exception in the GUI thread.
        worker = create_worker(self._tracked, job, args, _start_thread=False, _connect={
            "errored": lambda error: self._deliver(generation, self.failed, _sentence(error))})
        worker.returned.connect(lambda result: self._deliver(generation, self.succeeded, result))
        worker.finished.connect(self._finish)
        self._running = worker
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

    def _finish(self) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while this job ran: nobody is left to tell
        self._running = None
        if self._waiting is not None:
            self._start_waiting()
        else:
            self.busyChanged.emit(False)


def _sentence(error: BaseException) -> str:
    if isinstance(error, ExpressionError):
        return str(error)
    # Anything else is our bug, not the user's: one plain sentence on screen, the traceback on
    # stderr for whoever reports it.
    traceback.print_exception(error, file=sys.stderr)
    return f"internal error ({type(error).__name__}: {error}); please report it"
