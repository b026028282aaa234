"""Default hyperparameters and the checks that turn a user's values into a rule's input."""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from ..errors import ExpressionError
from .registry import ALL_OPTIMIZERS, ALL_RULES

MAX_BISECTIONS = 1000  # far beyond the ~60 halvings that exhaust floating point

# name -> (is the value allowed, what an allowed value is); applied elementwise to sweeps.
_ALLOWED: dict[str, tuple[Callable[[np.ndarray], np.ndarray], str]] = {
    "lr": (lambda v: v > 0, "positive"),
    "momentum": (lambda v: v >= 0, "zero or positive"),
    "alpha": (lambda v: (v >= 0) & (v < 1), "in [0, 1)"),
    "beta": (lambda v: (v >= 0) & (v < 1), "in [0, 1)"),
    "eps": (lambda v: v >= 0, "zero or positive"),
    "weight_decay": (lambda v: v >= 0, "zero or positive"),
    # The line searches' (engine/optim/line_search_rules.py).
    "t0": (lambda v: v > 0, "positive"),
    "c": (lambda v: (v > 0) & (v < 1), "between 0 and 1"),
    "rho": (lambda v: (v > 0) & (v < 1), "between 0 and 1"),
    "slope_tol": (lambda v: v >= 0, "zero or positive"),
    "max_bisections": (lambda v: (v >= 1) & (v <= MAX_BISECTIONS) & (v == np.floor(v)),
                       f"a whole number from 1 to {MAX_BISECTIONS}"),
    "growth": (lambda v: v > 1, "above 1"),
}


def rule_for(optimizer: str):
    if optimizer not in ALL_RULES:
        raise ExpressionError(f"unknown optimizer '{optimizer}' (choose from {', '.join(ALL_OPTIMIZERS)})")
    return ALL_RULES[optimizer]


def default_hyperparameters(optimizer: str) -> dict:
    """PyTorch's defaults for ``optimizer`` (momentum 0.9 for the momentum methods), as a new dict.

    A line search's are its search's (:mod:`.line_search_rules`); it has no ``lr``.
    """
    return dict(rule_for(optimizer).defaults)


def resolve_hyperparameters(optimizer: str, given: Mapping | None, runs: int | None = None) -> dict:
    """Defaults overridden by ``given``, checked, as the rule wants them.

    With ``runs=None`` every value must be a number (``betas`` a pair) and comes back as a float.
    With ``runs=N`` (a batch) a value may also be an array of N numbers, one per run; it comes back
    with shape ``(N, 1)`` so that it broadcasts against points of shape ``(N, dimensions)``.
    """
    defaults = default_hyperparameters(optimizer)
    given = dict(given or {})
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise ExpressionError(f"{optimizer} has no hyperparameter '{unknown[0]}' "
                              f"(it takes {', '.join(defaults)})")
    resolved = {}
    for name, default in defaults.items():
        value = given.get(name, default)
        if name == "betas":
            pair = _pair(value)
            resolved[name] = tuple(_checked(f"betas[{i}]", "beta", v, runs) for i, v in enumerate(pair))
        else:
            resolved[name] = _checked(name, name, value, runs)
    if optimizer == "nesterov" and np.any(resolved["momentum"] == 0):
        raise ExpressionError("nesterov needs a momentum above 0 (as in PyTorch)")
    return resolved


def _pair(value) -> tuple:
    is_sequence = isinstance(value, (tuple, list)) or (isinstance(value, np.ndarray) and value.ndim > 0)
    if not is_sequence or len(value) != 2:
        raise ExpressionError("betas must be a pair of numbers (beta1, beta2)")
    return tuple(value)


def _checked(name: str, kind: str, value, runs: int | None):
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ExpressionError(f"{name} must be a number, not {value!r}") from None
    if runs is None and array.ndim != 0:
        raise ExpressionError(f"{name} must be a single number")
    if array.ndim not in (0, 1) or (array.ndim == 1 and array.shape[0] != runs):
        raise ExpressionError(f"{name} must be a number or one number per run ({runs} runs), "
                              f"not an array of shape {array.shape}")
    allowed, description = _ALLOWED[kind]
    bad = ~np.isfinite(array) | ~allowed(array)
    if np.any(bad):
        example = float(array[bad][0]) if array.ndim else float(array)
        raise ExpressionError(f"{name} must be {description}, not {example:g}")
    return float(array) if array.ndim == 0 else array[:, None]
