"""Built-in 2-D loss surfaces with their known minima, for the optimizer lessons.

Minima that are not round numbers are given to double precision (solved with 30-digit Newton
iterations), so a test can check that the gradient really vanishes there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..compiled import CompiledExpression, compile_expression
from ..errors import ExpressionError
from .rates import default_learning_rate

Point = tuple[float, float]


@dataclass(frozen=True)
class LossSurface:
    """A named loss surface.

    ``minima`` are the global minima (all with value ``minimum_value``; empty and ``-inf`` for a
    surface unbounded below), ``saddle_points`` the stationary points worth pointing at, and
    ``parameters`` the default values of the expression's parameters. ``note`` is the lesson its
    default race (all seven optimizers from ``default_start`` at their :meth:`learning_rate`, for
    500 steps) shows; tests/labs/test_preset_races.py checks each one.
    """

    name: str
    title: str
    expression: str
    bounds: tuple[Point, Point]
    minima: tuple[Point, ...]
    minimum_value: float
    note: str
    default_start: Point
    parameters: Mapping[str, float] = field(default_factory=dict)
    saddle_points: tuple[Point, ...] = ()

    def compile(self) -> CompiledExpression:
        return compile_expression(self.expression)

    @property
    def stationary_points(self) -> tuple[Point, ...]:
        return (*self.minima, *self.saddle_points)

    def learning_rate(self, optimizer: str, start: Point | None = None, params: Mapping[str, float] | None = None,
                      hyperparameters: Mapping | None = None, compiled: CompiledExpression | None = None) -> float:
        """``optimizer``'s race rate from ``start`` (default: the default start) with these parameter values.

        :func:`race_learning_rate` in the surface's own view; ``hyperparameters`` are the run's others
        (μ changes the momentum methods' bounds). ``compiled`` saves compiling it again.
        """
        return race_learning_rate(compiled or self.compile(), optimizer, self.default_start if start is None else start,
                                  params=self.params(params), hyperparameters=hyperparameters, view=self.bounds)

    def params(self, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
        """The default parameter values, updated with ``overrides``."""
        return {**self.parameters, **(overrides or {})}


def _square(half_width: float) -> tuple[Point, Point]:
    return (-half_width, half_width), (-half_width, half_width)


_SURFACES = (
    LossSurface(
        "quadratic", "Quadratic bowl", "x^2 + y^2", _square(3), ((0.0, 0.0),), 0.0,
        "A round bowl: the gradient points straight at the minimum, so plain descent (in one step of 1/λ) and "
        "momentum go straight there; the adaptive methods scale each coordinate and curve.",
        (2.5, -2.0)),
    LossSurface(
        "ill-conditioned", "Ill-conditioned quadratic", "(x^2 + kappa y^2)/2", _square(3), ((0.0, 0.0),), 0.0,
        "A bowl kappa times steeper across than along: a rate stable across is tiny along, so plain descent "
        "crawls; momentum and Adam cope.",
        (-2.5, 1.0), parameters={"kappa": 100.0}),
    LossSurface(
        "rosenbrock", "Rosenbrock", "(1-x)^2 + 100(y-x^2)^2", ((-2.0, 2.0), (-1.0, 3.0)), ((1.0, 1.0),), 0.0,
        "A curved banana-shaped valley: easy to fall into, slow to follow to the minimum at (1, 1) "
        "(momentum, nearest after 500 steps, arrives after about 1200).",
        (-1.2, 1.0)),
    LossSurface(
        "himmelblau", "Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", _square(5),
        ((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
         (-3.779310253377747, -3.2831859912861696), (3.5844283403304917, -1.8481265269644036)), 0.0,
        "Four equally deep minima: which one you reach depends only on where you start.",
        (0.0, 0.0)),
    LossSurface(
        "beale", "Beale", "(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2",
        _square(4.5), ((3.0, 0.5),), 0.0,
        "Flat valleys walled by steep cliffs: gradients range over many orders of magnitude.",
        (1.0, 1.5)),
    LossSurface(
        "booth", "Booth", "(x + 2y - 7)^2 + (2x + y - 5)^2", _square(10), ((1.0, 3.0),), 0.0,
        "A tilted quadratic bowl: a gentle warm-up with one minimum at (1, 3).",
        (-6.0, 6.0)),
    LossSurface(
        "matyas", "Matyas", "0.26(x^2 + y^2) - 0.48 x y", _square(10), ((0.0, 0.0),), 0.0,
        "A nearly flat diagonal trough: the gradient is tiny along it, so plain descent crawls, taking twice "
        "as long as Nesterov's momentum.",
        (7.0, 3.0)),
    LossSurface(
        "three-hump-camel", "Three-hump camel", "2x^2 - 1.05x^4 + x^6/6 + x y + y^2", _square(5),
        ((0.0, 0.0),), 0.0,
        "One global minimum between two shallower local ones: a start on a side hump stays there.",
        (-1.8, 1.5)),
    LossSurface(
        "saddle", "Saddle", "x^2 - y^2", _square(3), (), -math.inf,
        "Down in y, up in x: a start on the x-axis stalls at the saddle, any tiny tilt escapes downhill.",
        (2.5, 0.01), saddle_points=((0.0, 0.0),)),
    LossSurface(
        "monkey-saddle", "Monkey saddle", "x^3 - 3x y^2", _square(2), (), -math.inf,
        "Three valleys meet at a flat point where the gradient and the curvature both vanish.",
        (1.0, 0.4), saddle_points=((0.0, 0.0),)),
    LossSurface(
        "rastrigin", "Rastrigin", "20 + x^2 - 10cos(2pi x) + y^2 - 10cos(2pi y)", _square(5.12),
        ((0.0, 0.0),), 0.0,
        "A bowl covered in bumps: gradient methods get trapped in the local minimum nearest the start.",
        (3.3, -2.7)),
    LossSurface(
        "ackley", "Ackley", "-20exp(-0.2sqrt(0.5(x^2 + y^2))) - exp(0.5(cos(2pi x) + cos(2pi y))) + e + 20",
        _square(5), ((0.0, 0.0),), 0.0,
        "A nearly flat, rippled plain with a sharp hole at the origin, where the gradient is undefined: the "
        "ripples catch every run long before the hole.",
        (2.5, 1.8)),
    LossSurface(
        "goldstein-price", "Goldstein-Price",
        "(1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6x y + 3y^2))"
        " (30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36x y + 27y^2))",
        _square(2), ((0.0, -1.0),), 3.0,
        "Values from 3 to a million: a rate stable on the walls is tiny in the basin; only the momentum "
        "methods gather the speed to get past a side basin (30) to the minimum (3) at (0, −1).",
        (-0.6, 0.4)),
    LossSurface(
        "styblinski-tang", "Styblinski-Tang", "(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y)/2", _square(5),
        ((-2.903534027771177, -2.903534027771177),), -78.33233140754282,
        "Four basins of different depths, the deepest at the lower left: from the upper right most methods "
        "settle in the nearest, shallowest one; momentum carries over the ridges to the deepest.",
        (4.0, 4.0)),
    LossSurface(
        "plateau", "Plateau", "1 - exp(-(x^2 + y^2))", _square(4), ((0.0, 0.0),), 0.0,
        "A flat plain around a single well: tiny gradients stall plain descent while Adam keeps moving.",
        (2.5, 2.0)),
)

PRESETS: Mapping[str, LossSurface] = MappingProxyType({surface.name: surface for surface in _SURFACES})


def preset(name: str) -> LossSurface:
    """The built-in surface ``name``, or one sentence listing the names."""
    if name not in PRESETS:
        raise ExpressionError(f"unknown preset '{name}' (choose from {', '.join(PRESETS)})")
    return PRESETS[name]


def built_in_surface(expression: str) -> LossSurface | None:
    """The built-in surface whose expression ``expression`` is (it then has known minima), else None."""
    text = expression.strip()
    return next((surface for surface in PRESETS.values() if surface.expression == text), None)


def race_learning_rate(compiled: CompiledExpression, optimizer: str, start, *, params: Mapping | None = None,
                       hyperparameters: Mapping | None = None, view: tuple[Point, Point] | None = None) -> float:
    """The rate a race gives ``optimizer`` from ``start`` on the loss framed by ``view`` ((x0, x1), (y0, y1)).

    The one race rate of the app: the descent lab races at it, the learning-rate lab grows its
    bracket from it, the command line uses it. The rules are :func:`~.rates.default_learning_rate`'s,
    with the width of ``view`` (None: no view, as for a typed expression on the command line) as the
    adaptive methods' distance and, on a built-in surface, its minima and saddle points as known points.
    """
    surface = built_in_surface(compiled.text)
    distance = None if view is None else max(view[0][1] - view[0][0], view[1][1] - view[1][0])
    return default_learning_rate(compiled, optimizer, start, params=params, hyperparameters=hyperparameters,
                                 distance=distance, known_points=surface.stationary_points if surface else ())
