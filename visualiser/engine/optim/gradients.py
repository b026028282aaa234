"""What happens to a gradient between the loss and the update rule, and its length.

The length is taken with ``hypot`` (scaled, as LAPACK's ``dnrm2`` does) rather than
``sqrt(g·g)``: a gradient of 4e300 squared overflows to inf, and a run on ``1e300 x^2`` would be
told that its perfectly finite gradient is undefined.
"""

from __future__ import annotations

import numpy as np


def vector_norms(vectors) -> np.ndarray:
    """The Euclidean length of each row of ``vectors`` (the last axis), without overflow on the way.

    Finite vectors have finite lengths up to about 1.3e308 (where the length itself overflows);
    a NaN component gives NaN and an infinite one inf (even beside a NaN, as C99's ``hypot``).
    """
    with np.errstate(over="ignore"):  # a length beyond float64 is inf, which the callers check for
        return np.hypot.reduce(np.abs(np.asarray(vectors, dtype=np.float64)), axis=-1)
