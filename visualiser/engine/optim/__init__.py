"""Gradient-descent optimizers with PyTorch's update rules, and gradient descent with a line search
(exact, or Armijo backtracking), on typed or built-in loss surfaces.

``OPTIMIZERS`` are the seven with a learning rate; ``ALL_OPTIMIZERS`` adds the ``LINE_SEARCHES``.

::

    from visualiser.engine import compile_expression
    from visualiser.engine.optim import run_optimizer, run_batch, PRESETS
    f = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    result = run_optimizer(f, "adam", (-1.2, 1.0), hyperparameters={"lr": 0.01})
    result.status, result.path[-1]

Numpy and the compiled expression only: no Qt.
"""

from .batch import run_batch
from .curvature import condition_number, explain_divergence, local_curvature, stability_bound
from .gradients import vector_norms
from .hyperparameters import default_hyperparameters
from .rates import default_learning_rate
from .registry import ALL_OPTIMIZERS, LINE_SEARCHES, OPTIMIZER_LABELS
from .rules import OPTIMIZERS
from .run import iterate_optimizer, run_optimizer
from .schedules import SCHEDULES, ConstantRate, CosineAnnealingLR, ExponentialLR, LinearLR, Schedule, StepLR
from .steps import CONVERGED, DIVERGED, MAX_STEPS, STATUSES, BatchResult, OptimizationResult, OptimizerStep
from .surfaces import PRESETS, LossSurface, built_in_surface, preset, race_learning_rate

__all__ = [
    "ALL_OPTIMIZERS",
    "BatchResult",
    "CONVERGED",
    "ConstantRate",
    "CosineAnnealingLR",
    "DIVERGED",
    "ExponentialLR",
    "LINE_SEARCHES",
    "LinearLR",
    "LossSurface",
    "MAX_STEPS",
    "OPTIMIZERS",
    "OPTIMIZER_LABELS",
    "OptimizationResult",
    "OptimizerStep",
    "PRESETS",
    "SCHEDULES",
    "STATUSES",
    "Schedule",
    "StepLR",
    "built_in_surface",
    "condition_number",
    "default_hyperparameters",
    "default_learning_rate",
    "explain_divergence",
    "iterate_optimizer",
    "local_curvature",
    "preset",
    "race_learning_rate",
    "run_batch",
    "run_optimizer",
    "stability_bound",
    "vector_norms",
]
