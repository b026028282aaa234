"""Compiled expressions, cached by their text, so that nothing is differentiated and compiled twice.

Compiling costs a round trip to the symbolic child and several lambdifies (tens of milliseconds to
seconds); a scene is recomputed on every drag of a slider. Two worker threads that ask for the same
text at once (the descent lab's surface and its runs) share one compile: the second waits for the
first instead of starting its own. Failures are not cached: a compile that was cancelled or timed
out may well succeed when asked again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from ..engine import CompiledExpression, compile_expression

CACHE_SIZE = 32


class CompiledCache:
    def __init__(self, size: int = CACHE_SIZE):
        self._size = size
        self._lock = threading.Lock()
        self._compiled: OrderedDict[tuple, CompiledExpression] = OrderedDict()
        self._in_progress: dict[tuple, threading.Lock] = {}

    def get(self, text: str, variables: tuple[str, ...]) -> CompiledExpression:
        """``compile_expression(text, variables)``, from the cache when it was compiled before."""
        key = (text, tuple(variables))
        with self._lock:
            if key in self._compiled:
                self._compiled.move_to_end(key)
                return self._compiled[key]
            key_lock = self._in_progress.setdefault(key, threading.Lock())
        with key_lock:  # one compile per text at a time; a second caller waits here for the first
            with self._lock:
                if key in self._compiled:
                    return self._compiled[key]
            compiled = compile_expression(text, key[1])
            with self._lock:
                self._compiled[key] = compiled
                while len(self._compiled) > self._size:
                    self._compiled.popitem(last=False)
                self._in_progress.pop(key, None)
        return compiled

    def __contains__(self, key: tuple) -> bool:
        return key in self._compiled


COMPILED = CompiledCache()
