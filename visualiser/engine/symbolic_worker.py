"""Run symbolic work that may blow up in a child process that is killed after a timeout.

Differentiating a hostile but syntactically small expression can keep sympy busy for minutes; a
thread cannot be stopped, a process can. One child is kept warm (importing sympy costs ~0.3 s)
and reused; when a job overruns, the child is killed and the next job starts a fresh one.

The child is ``python -m visualiser.engine.symbolic_child`` talking pickles over its stdin and
stdout, rather than a ``multiprocessing`` process: the ``spawn`` start method re-imports the
caller's ``__main__`` (a user's script without a main guard would run again) and ``fork`` is
unsafe in a process that runs Qt threads. Only our own objects cross the pipe: sympy trees that
were built from a validated syntax tree, and references to functions in this package.
"""

from __future__ import annotations

import atexit
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Collection

from .errors import ExpressionError

DEFAULT_TIMEOUT = 5.0
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class SymbolicWorker:
    """A single reusable child process; thread-safe (one job at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        # While a job runs: the child and the thread that submitted the job, read by cancel()
        # from other threads, so both live in one tuple that is replaced whole.
        self._busy: tuple[subprocess.Popen, int] | None = None
        self._cancelled = False

    @property
    def process_id(self) -> int | None:
        """The child's pid, or None before the first job (a new pid means the old child was killed)."""
        process = self._process
        return process.pid if process is not None else None

    @property
    def busy(self) -> bool:
        """Whether a job is running in the child right now."""
        return self._busy is not None

    def start(self) -> None:
        """Start the child now (e.g. while the app starts up) so that the first job is fast."""
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        # ``-m`` puts the working directory first on sys.path: run the child in the folder that
        # holds the package, so a user's own sympy.py or resource.py next to their work is never
        # imported (or executed) instead of the real one.
        self._process = subprocess.Popen(
            [sys.executable, "-m", "visualiser.engine.symbolic_child"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            cwd=_PACKAGE_ROOT)
        self._replies = queue.Queue()
        threading.Thread(target=_read_replies, args=(self._process.stdout, self._replies),
                         daemon=True, name="visualiser-symbolic-replies").start()

    def run(self, function: Callable[..., Any], *args: Any, timeout: float = DEFAULT_TIMEOUT) -> Any:
        """Run ``function(*args)`` in the child; raise ExpressionError if it fails or overruns."""
        with self._lock:
            self._ensure_started()
            self._cancelled = False
            self._busy = (self._process, threading.get_ident())
            try:
                pickle.dump((function, args), self._process.stdin)
                self._process.stdin.flush()
                status, value = self._replies.get(timeout=timeout)
            except queue.Empty:
                self._stop()
                raise ExpressionError(f"expression too large: its derivatives took over {timeout:g} s") from None
            except OSError:
                status, value = "died", None
            finally:
                self._busy = None
            if status == "died":
                exit_code = self._process.poll()
                self._stop()
                if self._cancelled:
                    raise ExpressionError("cancelled: a newer expression replaced this one")
                if exit_code is not None and exit_code > 0:
                    raise ExpressionError(f"the symbolic worker could not run (it exited with code {exit_code})")
                raise ExpressionError("expression too large: the symbolic worker ran out of memory")
        if status == "error":
            raise ExpressionError(value)
        return value

    def cancel(self, threads: Collection[int] | None = None) -> None:
        """Abandon the job in progress if one of ``threads`` (None: any thread) submitted it.

        Kills the child; safe from any thread. A lab calls this with its own worker threads when
        the user edits the expression while a slow one is still being differentiated, so the new
        expression does not wait behind the old one, and another lab's job is left alone. The
        window calls it with None when it closes, so that it need not wait for a slow job.
        """
        busy = self._busy
        if busy is not None and (threads is None or busy[1] in threads):
            self._cancelled = True
            busy[0].kill()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=5)
            for stream in (self._process.stdin, self._process.stdout):
                stream.close()
        self._process = None

    def stop(self) -> None:
        with self._lock:
            self._stop()


def _read_replies(stream, replies: queue.Queue) -> None:
    while True:
        try:
            replies.put(pickle.load(stream))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            replies.put(("died", None))
            return


SYMBOLIC_WORKER = SymbolicWorker()
atexit.register(SYMBOLIC_WORKER.stop)

