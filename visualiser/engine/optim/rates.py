"""A race's default learning rates: from the curvature at the start, and a distance for the adaptive methods.

PyTorch's defaults (lr = 1e-3 for SGD) know nothing of the loss: on ``x^2 + 10y^2`` plain descent
at 1e-3 is nowhere after 500 steps although 2/λ_max = 0.1. The rules here:

* gd, momentum, nesterov: **half the method's own stability bound** (:mod:`.curvature`) at the start,
  lr = c / (2 λ_max) with c = 2, 2(1 + μ), 2(1 + μ)/(1 + 2μ). For plain descent that is the classic
  1/L step (L = λ_max): it lands on the minimum of the steepest direction, and on any loss whose
  curvature along the step stays below λ_max it lowers the loss by at least |g|²/(2L) (the descent
  lemma), so a curvature that doubles along the way still does not make the run diverge. For the
  heavy ball, h = lr λ_max = 1 + μ keeps the steepest direction's roots complex (it spirals in at
  the rate √μ), and the flat directions move 1/(1 − μ) times faster than plain descent's.
  ``known_points`` (a built-in surface's minima) join the start: a rate must also be stable where
  the run is going, and on a plateau the start's curvature says nothing about the well.
* No direction curves up at the start or any known point (a hilltop, a ridge, a flat or undefined
  Hessian): there is no bound to take half of, so the first step is a hundredth of ``distance``,
  lr = distance / (100 |g|), the step the adaptive methods take below.
* adagrad, rmsprop, adam, adamw move about lr per coordinate whatever the gradient's size, so lr is a
  distance: each gets the rate at which it covers ``distance`` (the framed view's width) in its first
  100 steps on a constant slope. Adam's bias-corrected step is lr exactly, so lr = distance / 100;
  RMSprop's running average starts at 0, so its t-th step is lr / sqrt(1 − α^t) (10 lr at first);
  Adagrad's sum grows with t, so its t-th step is lr / sqrt(t).
* With no ``distance`` (the command line on a typed expression, which has no view) or no usable
  gradient, the rule falls back to PyTorch's default for that optimizer.

Rates are rounded down to two significant digits, to read well in a box and stay below the rule's value.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np

from ..compiled import CompiledExpression
from .curvature import BOUNDED_OPTIMIZERS, local_curvature, stability_factor
from .gradients import vector_norms
from .hyperparameters import default_hyperparameters

CROSSING_STEPS = 100  # an adaptive method crosses the distance in about this many steps; gd's fallback steps 1/100
FRACTION_OF_BOUND = 0.5


def default_learning_rate(compiled: CompiledExpression, optimizer: str, start: Sequence[float], *,
                          params: Mapping | None = None, hyperparameters: Mapping | None = None,
                          distance: float | None = None, known_points: Sequence[Sequence[float]] = ()) -> float:
    """The learning rate a race gives ``optimizer`` from ``start`` (see the module's rules).

    ``hyperparameters`` are the run's other settings (μ, α; PyTorch's defaults where left out);
    ``distance`` is the scale the adaptive methods step in (None: use PyTorch's default for them).
    """
    settings = {**default_hyperparameters(optimizer), **(hyperparameters or {})}
    pytorch_default = float(settings["lr"])
    if optimizer not in BOUNDED_OPTIMIZERS:
        return pytorch_default if distance is None else _round_down(distance / _crossing(optimizer, settings))
    points = np.array([start, *known_points], dtype=np.float64)
    eigenvalues, _ = local_curvature(compiled, dict(params or {}), points)
    curvature = eigenvalues[:, -1] + float(settings["weight_decay"])
    curvature = curvature[np.isfinite(curvature)]
    if curvature.size and curvature.max() > 0 and stability_factor(optimizer, settings) > 0:
        return _round_down(FRACTION_OF_BOUND * stability_factor(optimizer, settings) / curvature.max())
    gradient = float(vector_norms(compiled.gradient_value(*points[0], params=params)))
    if distance is None or not (math.isfinite(gradient) and gradient > 0):
        return pytorch_default
    return _round_down(distance / (CROSSING_STEPS * gradient))


def _crossing(optimizer: str, settings: Mapping) -> float:
    """How far an adaptive method moves per coordinate in CROSSING_STEPS steps of a constant slope, per unit of lr."""
    t = np.arange(1, CROSSING_STEPS + 1, dtype=np.float64)
    if optimizer == "adagrad":
        return float(np.sum(1 / np.sqrt(t)))
    if optimizer == "rmsprop":
        return float(np.sum(1 / np.sqrt(1 - settings["alpha"] ** t)))
    return float(CROSSING_STEPS)  # adam, adamw: m̂ / sqrt(v̂) = 1 on a constant slope


def _round_down(value: float) -> float:
    """``value`` rounded down to two significant digits (0.000664 -> 0.00066)."""
    if not (math.isfinite(value) and value > 0):
        return value
    scale = 10.0 ** (math.floor(math.log10(value)) - 1)
    return float(f"{math.floor(value / scale * (1 + 1e-12)) * scale:.2g}")
