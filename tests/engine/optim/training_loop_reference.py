"""A plain scalar PyTorch-style training loop, for the schedule, noise and clipping tests to compare against.

Written from the ``torch.optim.lr_scheduler`` documentation's formulas and the
``torch.nn.utils.clip_grad_norm_`` documentation, with Python floats and loops. The three update
rules it needs (SGD, SGD with momentum, Adam) are written out again in their documented form,
because here the learning rate changes from one update to the next.
"""

from __future__ import annotations

import math


def step_lr(base_lr, t, step_size, gamma):
    return base_lr * gamma ** (t // step_size)


def exponential_lr(base_lr, t, gamma):
    return base_lr * gamma**t


def cosine_annealing_lr(base_lr, t, T_max, eta_min):  # noqa: N803 - PyTorch's name
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2


def linear_lr(base_lr, t, start_factor, end_factor, total_iters):
    return base_lr * (start_factor + (end_factor - start_factor) * min(t, total_iters) / total_iters)


def clip_grad_norm(gradient, max_norm):
    norm = math.hypot(*gradient)
    coefficient = min(1.0, max_norm / (norm + 1e-6))
    return [g * coefficient for g in gradient]


def train(optimizer, gradient, start, learning_rate, steps, *, noise=None, max_norm=None, momentum=0.9,
          betas=(0.9, 0.999), eps=1e-8):
    """Points after each update of ``optimizer`` (gd, momentum or adam) for ``steps`` updates.

    ``learning_rate(t)`` is the scheduler's rate at ``last_epoch = t`` (update t + 1), ``noise[t]``
    is added to the gradient of update t + 1, which is then clipped to ``max_norm``.
    """
    theta = [float(v) for v in start]
    n = len(theta)
    buffer = None
    m, v = [0.0] * n, [0.0] * n
    points = []
    for t in range(steps):
        g = gradient(*theta)
        if noise is not None:
            g = [g[i] + noise[t][i] for i in range(n)]
        if max_norm is not None:
            g = clip_grad_norm(g, max_norm)
        lr = learning_rate(t)
        if optimizer == "gd":
            theta = [theta[i] - lr * g[i] for i in range(n)]
        elif optimizer == "momentum":
            buffer = list(g) if buffer is None else [momentum * buffer[i] + g[i] for i in range(n)]
            theta = [theta[i] - lr * buffer[i] for i in range(n)]
        elif optimizer == "adam":
            beta1, beta2 = betas
            for i in range(n):
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
                m_hat = m[i] / (1 - beta1 ** (t + 1))
                v_hat = v[i] / (1 - beta2 ** (t + 1))
                theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        else:
            raise AssertionError(optimizer)
        points.append(list(theta))
    return points
