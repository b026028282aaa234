"""The update rules, written once for arrays of shape ``(runs, dimensions)``.

Each rule is the algorithm box of its ``torch.optim`` class (PyTorch 2.x), in the same order of
operations as PyTorch's single-tensor implementation, with the same names for hyperparameters
and state (``momentum_buffer``, ``sum``, ``square_avg``, ``exp_avg``, ``exp_avg_sq``):

==========  ==========================================================================
gd          ``SGD(lr)``: theta -= lr * g
momentum    ``SGD(lr, momentum)``: b_1 = g_1 (no dampening), b_t = mu b_{t-1} + g_t; theta -= lr b_t
nesterov    ``SGD(lr, momentum, nesterov=True)``: as momentum, then theta -= lr (g_t + mu b_t)
adagrad     ``Adagrad(lr, eps)``: sum += g^2; theta -= lr g / (sqrt(sum) + eps)
rmsprop     ``RMSprop(lr, alpha, eps)``: v = alpha v + (1 - alpha) g^2; theta -= lr g / (sqrt(v) + eps)
adam        ``Adam(lr, betas, eps)``: m, v as EMAs; theta -= lr/(1 - b1^t) m / (sqrt(v)/sqrt(1 - b2^t) + eps)
adamw       ``AdamW``: theta *= 1 - lr weight_decay, then the Adam step
==========  ==========================================================================

Every rule except ``adamw`` adds L2 weight decay to the gradient first (``g + weight_decay *
theta``), as PyTorch does. Rules are pure: they return the new point and a new state dict and
never modify their inputs. A hyperparameter is a float, or a ``(runs, 1)`` array in a batch
sweep, so one implementation serves a single run and ten thousand runs alike.

Options PyTorch has but this engine does not offer (all at their PyTorch defaults here):
``dampening=0``, Adagrad's ``lr_decay=0`` and ``initial_accumulator_value=0``, RMSprop's
``momentum=0`` and ``centered=False``, Adam's ``amsgrad=False``, and ``maximize=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

State = dict[str, np.ndarray | float]
Hyperparameters = Mapping[str, object]
Rule = Callable[[np.ndarray, np.ndarray, State, int, Hyperparameters], tuple[np.ndarray, State]]


@dataclass(frozen=True)
class UpdateRule:
    """One optimizer: its key, display name, default hyperparameters and update function.

    ``update(theta, grad, state, step, hyperparameters) -> (new_theta, new_state)`` where
    ``step`` is 1 on the first update and ``state`` is ``{}`` before it.
    """

    name: str
    label: str
    defaults: Mapping[str, float | tuple[float, float]]
    update: Rule
    too_far: str = "the learning rate is too large here"  # why a step overflowed, in a divergence's sentence


def _with_l2(grad: np.ndarray, theta: np.ndarray, hp: Hyperparameters) -> np.ndarray:
    """PyTorch's coupled weight decay: ``grad.add(param, alpha=weight_decay)``."""
    return grad + hp["weight_decay"] * theta


def _sgd(theta, grad, state, step, hp):
    return theta - hp["lr"] * _with_l2(grad, theta, hp), {}


def _sgd_momentum(theta, grad, state, step, hp, *, nesterov: bool):
    grad = _with_l2(grad, theta, hp)
    mu = hp["momentum"]
    # PyTorch's first buffer is a copy of the gradient, not (1 - dampening) * g.
    buffer = grad if "momentum_buffer" not in state else mu * state["momentum_buffer"] + grad
    direction = grad + mu * buffer if nesterov else buffer
    return theta - hp["lr"] * direction, {"momentum_buffer": buffer}


def _adagrad(theta, grad, state, step, hp):
    grad = _with_l2(grad, theta, hp)
    total = state.get("sum", 0.0) + grad * grad
    std = np.sqrt(total) + hp["eps"]
    return theta - hp["lr"] * grad / std, {"sum": total}


def _rmsprop(theta, grad, state, step, hp):
    grad = _with_l2(grad, theta, hp)
    alpha = hp["alpha"]
    square_avg = alpha * state.get("square_avg", 0.0) + (1 - alpha) * (grad * grad)
    avg = np.sqrt(square_avg) + hp["eps"]
    return theta - hp["lr"] * grad / avg, {"square_avg": square_avg}


def _adam(theta, grad, state, step, hp, *, decoupled: bool):
    lr = hp["lr"]
    beta1, beta2 = hp["betas"]
    if decoupled:
        theta = theta * (1 - lr * hp["weight_decay"])
    else:
        grad = _with_l2(grad, theta, hp)
    exp_avg = beta1 * state.get("exp_avg", 0.0) + (1 - beta1) * grad
    exp_avg_sq = beta2 * state.get("exp_avg_sq", 0.0) + (1 - beta2) * (grad * grad)
    bias_correction1 = 1 - beta1**step
    bias_correction2 = 1 - beta2**step
    step_size = lr / bias_correction1
    denom = np.sqrt(exp_avg_sq) / np.sqrt(bias_correction2) + hp["eps"]
    new_state = {"exp_avg": exp_avg, "exp_avg_sq": exp_avg_sq,
                 "bias_correction1": bias_correction1, "bias_correction2": bias_correction2}
    return theta - step_size * exp_avg / denom, new_state


def _rule(name: str, label: str, update: Rule, **defaults) -> UpdateRule:
    return UpdateRule(name, label, MappingProxyType(defaults), update)


# Learning-rate defaults are PyTorch's (SGD's has been 1e-3 since PyTorch 2.2). PyTorch's SGD
# defaults ``momentum`` to 0; the "momentum" and "nesterov" optimizers use 0.9, the usual choice.
_ADAM_DEFAULTS = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8}
RULES: Mapping[str, UpdateRule] = MappingProxyType({rule.name: rule for rule in (
    _rule("gd", "Gradient descent", _sgd, lr=1e-3, weight_decay=0.0),
    _rule("momentum", "Momentum", partial(_sgd_momentum, nesterov=False),
          lr=1e-3, momentum=0.9, weight_decay=0.0),
    _rule("nesterov", "Nesterov momentum", partial(_sgd_momentum, nesterov=True),
          lr=1e-3, momentum=0.9, weight_decay=0.0),
    _rule("adagrad", "Adagrad", _adagrad, lr=1e-2, eps=1e-10, weight_decay=0.0),
    _rule("rmsprop", "RMSprop", _rmsprop, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0),
    _rule("adam", "Adam", partial(_adam, decoupled=False), **_ADAM_DEFAULTS, weight_decay=0.0),
    _rule("adamw", "AdamW", partial(_adam, decoupled=True), **_ADAM_DEFAULTS, weight_decay=1e-2),
)})

OPTIMIZERS: tuple[str, ...] = tuple(RULES)  # the line searches join them in .registry
