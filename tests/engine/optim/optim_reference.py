"""A deliberately plain second implementation of the optimizers, for the tests to compare against.

Scalar Python floats and loops, written from the algorithm boxes of the ``torch.optim``
documentation (SGD, Adagrad, RMSprop, Adam, AdamW) rather than from the engine's code; Adam is
written with the documented ``m_hat``/``v_hat`` rather than PyTorch's folded step size.
The surfaces' gradients are differentiated by hand, so sympy is not involved either.
"""

from __future__ import annotations

import math

DEFAULTS = {
    "gd": {"lr": 1e-3, "weight_decay": 0.0},
    "momentum": {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0},
    "nesterov": {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {"lr": 1e-2, "eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0},
    "adam": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2},
}


def rosenbrock_gradient(x, y):
    return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]


def himmelblau_gradient(x, y):
    a, b = x * x + y - 11, x + y * y - 7
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b]


def beale_gradient(x, y):
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y * y
    c = 2.625 - x + x * y ** 3
    return [2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
            2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y]


def ill_conditioned_gradient(x, y, kappa=50.0):
    return [x, kappa * y]


def reference_trajectory(optimizer, gradient, start, hyperparameters, steps):
    """``[(point, state), ...]`` after each of ``steps`` updates."""
    hp = {**DEFAULTS[optimizer], **hyperparameters}
    lr, wd = hp["lr"], hp["weight_decay"]
    theta = [float(v) for v in start]
    n = len(theta)
    buffer = None
    total = [0.0] * n
    square_avg = [0.0] * n
    m = [0.0] * n
    v = [0.0] * n
    out = []
    for t in range(1, steps + 1):
        g = gradient(*theta)
        if optimizer == "adamw":
            theta = [p * (1 - lr * wd) for p in theta]
        elif wd != 0:
            g = [g[i] + wd * theta[i] for i in range(n)]
        state = {}
        if optimizer == "gd":
            theta = [theta[i] - lr * g[i] for i in range(n)]
        elif optimizer in ("momentum", "nesterov"):
            mu = hp["momentum"]
            if buffer is None:
                buffer = list(g)
            else:
                buffer = [mu * buffer[i] + g[i] for i in range(n)]
            if optimizer == "nesterov":
                direction = [g[i] + mu * buffer[i] for i in range(n)]
            else:
                direction = buffer
            theta = [theta[i] - lr * direction[i] for i in range(n)]
            state = {"momentum_buffer": list(buffer)}
        elif optimizer == "adagrad":
            for i in range(n):
                total[i] = total[i] + g[i] ** 2
                theta[i] = theta[i] - lr * g[i] / (math.sqrt(total[i]) + hp["eps"])
            state = {"sum": list(total)}
        elif optimizer == "rmsprop":
            alpha = hp["alpha"]
            for i in range(n):
                square_avg[i] = alpha * square_avg[i] + (1 - alpha) * g[i] ** 2
                theta[i] = theta[i] - lr * g[i] / (math.sqrt(square_avg[i]) + hp["eps"])
            state = {"square_avg": list(square_avg)}
        elif optimizer in ("adam", "adamw"):
            beta1, beta2 = hp["betas"]
            for i in range(n):
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
                m_hat = m[i] / (1 - beta1 ** t)
                v_hat = v[i] / (1 - beta2 ** t)
                theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + hp["eps"])
            state = {"exp_avg": list(m), "exp_avg_sq": list(v),
                     "bias_correction1": 1 - beta1 ** t, "bias_correction2": 1 - beta2 ** t}
        else:
            raise AssertionError(optimizer)
        out.append((list(theta), state))
    return out


# Each optimizer's learning rate relative to the surface's base rate, and its other settings.
# The rates stay out of the chaotic regime (e.g. RMSprop at 10x bouncing across Rosenbrock's valley),
# where any two correct implementations drift apart from their last-bit rounding within 100 steps.
SETTINGS = {
    "gd": (1.0, {}),
    "momentum": (0.3, {"momentum": 0.8}),
    "nesterov": (0.3, {"momentum": 0.85}),
    "adagrad": (100.0, {"eps": 1e-6}),
    "rmsprop": (1.0, {"alpha": 0.9}),
    "adam": (20.0, {"betas": (0.8, 0.99), "eps": 1e-7}),
    "adamw": (20.0, {"weight_decay": 0.05}),
}


def case_hyperparameters(optimizer: str, base_lr: float, weight_decay: float | None) -> dict:
    """The hyperparameters of one comparison case: the surface's base rate scaled per optimizer."""
    scale, extra = SETTINGS[optimizer]
    hyperparameters = {"lr": base_lr * scale, **extra}
    if weight_decay is not None:
        hyperparameters["weight_decay"] = weight_decay
    return hyperparameters
