"""Compiled expressions, cached by their text, so that nothing is differentiated and compiled twice.

Compiling costs a round trip to the symbolic child and several lambdifies (tens of milliseconds to
seconds); a scene is recomputed on every drag of a slider. Two worker threads that ask for the same
text at once (the descent lab's surface and its runs) share one compile: the second waits for the
first's outcome, success or failure, instead of starting its own. A failure is not kept: a compile
that was cancelled or timed out may well succeed when asked for again later.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future

from ..engine import CompiledExpression, compile_expression

CACHE_SIZE = 32

Key = tuple[str, tuple[str, ...]]


class CompiledCache:
    def __init__(self, size: int = CACHE_SIZE):
        self._size = size
        self._lock = threading.Lock()
        self._compiled: OrderedDict[Key, CompiledExpression] = OrderedDict()
        self._in_progress: dict[Key, Future] = {}

    def get(self, text: str, variables: tuple[str, ...]) -> CompiledExpression:
        """``compile_expression(text, variables)``, from the cache when it was compiled before."""
        key = (text, tuple(variables))
        with self._lock:
            if key in self._compiled:
                self._compiled.move_to_end(key)
                return self._compiled[key]
            pending = self._in_progress.get(key)
            if pending is None:
                pending = self._in_progress[key] = Future()
                compiling_here = True
            else:
                compiling_here = False
        if not compiling_here:
            return pending.result()  # the other thread's outcome, its ExpressionError included
        try:
            compiled = compile_expression(text, key[1])
        except BaseException as error:
            with self._lock:
                del self._in_progress[key]
            pending.set_exception(error)
            raise
        with self._lock:
            self._compiled[key] = compiled
            while len(self._compiled) > self._size:
                self._compiled.popitem(last=False)
            del self._in_progress[key]
        pending.set_result(compiled)
        return compiled

    def __contains__(self, key: Key) -> bool:
        return key in self._compiled


COMPILED = CompiledCache()
