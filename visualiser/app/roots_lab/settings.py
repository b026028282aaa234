"""What the method panel asks the engine to do: a plain frozen value, safe to hand to a worker."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_XTOL = 2e-12
DEFAULT_RTOL = 4 * float(np.finfo(float).eps)
DEFAULT_MAXITER = 100


@dataclass(frozen=True)
class RootSettings:
    method: str
    bracket: tuple[float, float]
    x0: float | None = None       # None: the bracket's midpoint
    xtol: float = DEFAULT_XTOL
    rtol: float = DEFAULT_RTOL
    maxiter: int = DEFAULT_MAXITER
    race: bool = False
