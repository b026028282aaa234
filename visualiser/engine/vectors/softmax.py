"""Softmax with a temperature, and the cross-entropy of a target class, without overflow.

softmax(z / T)_i = exp(z_i / T - m) / sum_j exp(z_j / T - m) with m = max(z / T): the largest
exponent is 0, so logits of 1000 and -1000 give 1 and 0 instead of inf / inf. The cross-entropy
-log p_k is log-sum-exp minus z_k / T, which stays finite where p_k underflows to 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


class SoftmaxError(ValueError):
    """Logits or a temperature softmax cannot take, in one sentence."""


@dataclass(frozen=True)
class SoftmaxResult:
    probabilities: tuple[float, ...]
    cross_entropy: float | None  # -log p of the target, None without one
    target: int | None
    temperature: float


def _scaled(logits, temperature: float) -> np.ndarray:
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 1 or logits.size == 0:
        raise SoftmaxError("softmax needs at least one logit")
    if not np.all(np.isfinite(logits)):
        raise SoftmaxError("every logit must be a finite number")
    if not (math.isfinite(temperature) and temperature > 0):
        raise SoftmaxError(f"the temperature must be a positive number, not {temperature:g}")
    with np.errstate(over="ignore"):
        scaled = logits / temperature
    if not np.all(np.isfinite(scaled)):
        raise SoftmaxError(f"the temperature {temperature:g} is too small for these logits (they overflow)")
    return scaled - scaled.max()


def softmax(logits, temperature: float = 1.0) -> np.ndarray:
    exponentials = np.exp(_scaled(logits, temperature))
    return exponentials / exponentials.sum()


def log_softmax(logits, temperature: float = 1.0) -> np.ndarray:
    shifted = _scaled(logits, temperature)
    return shifted - np.log(np.exp(shifted).sum())


def softmax_result(logits, temperature: float = 1.0, target: int | None = None) -> SoftmaxResult:
    """The probabilities, and with ``target`` (from 0) the cross-entropy loss -log p_target."""
    count = len(logits)
    if target is not None and not 0 <= target < count:
        raise SoftmaxError(f"the target class must be from 0 to {count - 1}, not {target}")
    probabilities = softmax(logits, temperature)
    loss = None if target is None else float(-log_softmax(logits, temperature)[target])
    return SoftmaxResult(tuple(float(p) for p in probabilities), loss, target, temperature)
