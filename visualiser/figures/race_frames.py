"""What a frame of a race shows of each run, looked up in arrays made once per race instead of in a loop over the runs.

A frame shows every run at its point ``min(frame, last)``: its current point, the arrows from there, the
unstable steps before it, and, once a run that diverged has ended, where it did. Each run's arrays are
joined end to end, so a frame's values are one row per run of them (``rows``).
"""

from __future__ import annotations

import numpy as np

from ..labs.descent.runs import RunTrace


def _joined(arrays: list[np.ndarray], shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros((0, *shape), dtype=dtype)


class RaceFrames:
    def __init__(self, traces: tuple[RunTrace, ...]):
        self.lengths = np.array([len(trace.path) for trace in traces], dtype=np.intp)
        self._starts = np.cumsum(self.lengths) - self.lengths
        self.points = _joined([trace.path for trace in traces], (2,))
        self.defined = _joined([np.isfinite(trace.loss) for trace in traces], (), bool)  # arrows need a loss there
        # In step units, from each point: what the gradient alone and the momentum alone would move it by
        # (at the scheduled rate of the step from there), and the step taken (zero at a run's last point).
        self.vectors = {
            "gradient": _joined([-trace.learning_rates[:, None] * trace.gradient for trace in traces], (2,)),
            "momentum": _joined([-trace.learning_rates[:, None] * trace.momentum for trace in traces], (2,)),
            "step": _joined([trace.step for trace in traces], (2,)),
        }
        # The unstable steps (from point i to i + 1) of each run as line pairs, and how many come before each point.
        self._unstable_pairs = [_step_pairs(trace.path, np.flatnonzero(trace.unstable[:-1])) for trace in traces]
        self._unstable_before = _joined([np.concatenate([[0], np.cumsum(trace.unstable[:-1])]) for trace in traces],
                                        (), np.intp)
        self._diverged = np.array([trace.diverged for trace in traces], dtype=bool)

    def lasts(self, frame: int) -> np.ndarray:
        """Each run's point shown at ``frame``: the frame, or the run's last point if it ended before."""
        return np.minimum(frame, self.lengths - 1)

    def rows(self, frame: int) -> np.ndarray:
        """Where each run's values at ``frame`` are in the joined arrays (``points``, ``defined``, ``vectors``)."""
        return self._starts + self.lasts(frame)

    def unstable_counts(self, frame: int) -> tuple[int, ...]:
        """How many of each run's steps before ``frame`` were unstable."""
        return tuple(self._unstable_before[self.rows(frame)].astype(int).tolist())

    def unstable_pairs(self, counts: tuple[int, ...]) -> np.ndarray:
        """The first ``counts`` unstable steps of each run as line pairs, run after run."""
        return _joined([pairs[: 2 * count] for pairs, count in zip(self._unstable_pairs, counts)], (2,))

    def ended(self, frame: int) -> np.ndarray:
        """Which runs diverged and have ended by ``frame`` (their last, finite point is marked)."""
        return self._diverged & (frame >= self.lengths - 1)


def _step_pairs(path: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """Line pairs from point i to point i + 1 of ``path`` for each step i."""
    return np.stack([path[steps], path[steps + 1]], axis=1).reshape(-1, 2)
