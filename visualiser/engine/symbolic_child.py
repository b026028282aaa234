"""The child side of :mod:`.symbolic_worker`: ``python -m visualiser.engine.symbolic_child``."""

from __future__ import annotations

import pickle
import sys

from .errors import ExpressionError

MEMORY_LIMIT_BYTES = 2 << 30


def _serve(requests, replies) -> None:
    """The child's loop: one ``(function, args)`` in, one ``(status, value)`` out."""
    while True:
        try:
            function, args = pickle.load(requests)
        except EOFError:
            return
        try:
            reply = ("ok", function(*args))
        except ExpressionError as error:
            reply = ("error", error.message)
        except MemoryError:
            reply = ("error", "expression too large: its derivatives do not fit in memory")
        except Exception as error:  # sympy failing on valid input: report it, never crash the app
            reply = ("error", f"could not differentiate this expression ({type(error).__name__})")
        pickle.dump(reply, replies)
        replies.flush()


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):  # not POSIX, or a lower hard limit already
        pass


if __name__ == "__main__":
    _limit_memory()
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies may reach the channel
    _serve(sys.stdin.buffer, channel)
