"""A parsed expression with its exact derivatives, compiled to fast, warning-free numpy functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from .derivatives import gradient_and_hessian
from .errors import ExpressionError
from .expression import DEFAULT_PARAMETER_VALUE, ParsedExpression, parse_expression, symbol
from .formula_text import formula_latex, formula_plain_text
from .symbolic_worker import DEFAULT_TIMEOUT, SYMBOLIC_WORKER

Params = Mapping[str, float] | None


@dataclass(frozen=True)
class CompiledExpression:
    """Everything a solver or a plot needs from one typed expression.

    Numeric methods take coordinates as arrays (or floats) that broadcast together and return
    float64 arrays of the broadcast shape, with NaN/inf where the expression is undefined,
    and never emit RuntimeWarnings or complex numbers. Parameters not given take their default.
    """

    parsed: ParsedExpression
    gradient: tuple[sp.Expr, ...]
    hessian: tuple[tuple[sp.Expr, ...], ...]
    _function: Callable = field(repr=False)
    _gradient_functions: tuple[Callable, ...] = field(repr=False)
    _hessian_functions: tuple[tuple[Callable, ...], ...] = field(repr=False)

    # --- what it is ---
    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def expression(self) -> sp.Expr:
        return self.parsed.expression

    @property
    def variables(self) -> tuple[str, ...]:
        return self.parsed.variables

    @property
    def parameters(self) -> tuple[str, ...]:
        return self.parsed.parameters

    @property
    def parameter_defaults(self) -> dict[str, float]:
        return {name: DEFAULT_PARAMETER_VALUE for name in self.parameters}

    # --- numbers ---
    def parameter_values(self, params: Params = None) -> tuple[float, ...]:
        """Parameter values in argument order; unknown names are an error, missing ones default."""
        params = dict(params or {})
        unknown = set(params) - set(self.parameters)
        if unknown:
            raise ExpressionError(f"the expression has no parameter '{sorted(unknown)[0]}'")
        return tuple(float(params.get(name, DEFAULT_PARAMETER_VALUE)) for name in self.parameters)

    def own_parameters(self, params: Params) -> dict[str, float]:
        """The entries of ``params`` that are parameters of this expression.

        A GUI keeps slider values across edits; after ``a*x + b`` becomes ``a*x`` the value of
        ``b`` is still there, and must not make ``parameter_values`` refuse the call.
        """
        return {name: float(value) for name, value in (params or {}).items() if name in self.parameters}

    def value(self, *coordinates, params: Params = None) -> np.ndarray:
        """f at the given coordinates (one array per variable)."""
        arrays, shape = self._coordinates(coordinates)
        return _evaluate(self._function, arrays, self.parameter_values(params), shape)

    def gradient_value(self, *coordinates, params: Params = None) -> np.ndarray:
        """The gradient, shape ``(n_variables, *shape)``."""
        arrays, shape = self._coordinates(coordinates)
        values = self.parameter_values(params)
        return np.stack([_evaluate(fn, arrays, values, shape) for fn in self._gradient_functions])

    def bind(self, params: Params = None) -> "BoundExpression":
        """f and ∇f with ``params`` bound, for a loop that evaluates them at every step (checked once, here)."""
        return BoundExpression(self._function, self._gradient_functions, self.parameter_values(params))

    def hessian_value(self, *coordinates, params: Params = None) -> np.ndarray:
        """The Hessian, shape ``(n_variables, n_variables, *shape)``."""
        arrays, shape = self._coordinates(coordinates)
        values = self.parameter_values(params)
        return np.stack([
            np.stack([_evaluate(fn, arrays, values, shape) for fn in row])
            for row in self._hessian_functions
        ])

    def scalar_function(self, params: Params = None) -> Callable[[float], float]:
        """``f(x) -> float`` for 1-D solvers, with the parameters bound (NaN where undefined)."""
        return self._bind_scalar(self._function, params)

    def scalar_derivative(self, params: Params = None) -> Callable[[float], float]:
        """``f'(x) -> float`` for Newton's method on a 1-D expression."""
        return self._bind_scalar(self._gradient_functions[0], params)

    def _bind_scalar(self, function: Callable, params: Params) -> Callable[[float], float]:
        if len(self.variables) != 1:
            raise ExpressionError(f"expected a function of one variable, not of {', '.join(self.variables)}")
        values = self.parameter_values(params)

        def scalar(x: float) -> float:
            with np.errstate(all="ignore"):
                return float(_real(function(np.float64(x), *values)))

        return scalar

    def _coordinates(self, coordinates: Sequence) -> tuple[list[np.ndarray], tuple[int, ...]]:
        if len(coordinates) != len(self.variables):
            raise ExpressionError(
                f"expected {len(self.variables)} coordinate(s) for {', '.join(self.variables)}, "
                f"got {len(coordinates)}")
        arrays = [np.asarray(c, dtype=np.float64) for c in coordinates]
        return arrays, np.broadcast_shapes(*(a.shape for a in arrays))

    # --- text (large constants in scientific notation: see formula_text) ---
    @property
    def latex(self) -> str:
        return formula_latex(self.expression)

    @property
    def plain_text(self) -> str:
        """The formula as one line of text, where it cannot be typeset."""
        return formula_plain_text(self.expression)

    @property
    def gradient_latex(self) -> tuple[str, ...]:
        return tuple(formula_latex(g) for g in self.gradient)

    @property
    def hessian_latex(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(formula_latex(h) for h in row) for row in self.hessian)

    @property
    def gradient_plain_text(self) -> tuple[str, ...]:
        return tuple(formula_plain_text(g) for g in self.gradient)

    @property
    def hessian_plain_text(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(formula_plain_text(h) for h in row) for row in self.hessian)


@dataclass(frozen=True)
class BoundExpression:
    """f and ∇f of a :class:`CompiledExpression` at fixed parameter values, on rows of points.

    The same numbers as ``value`` and ``gradient_value``, without their per-call checks: an
    optimizer's inner loop calls it once a step, where those checks cost more than the function.
    """

    function: Callable
    gradient_functions: tuple[Callable, ...]
    params: tuple[float, ...]

    def value_and_gradient(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """f and ∇f at each row of the float64 ``points`` (rows, dimensions), as (rows,) and (rows, dimensions)."""
        columns = tuple(points.T)
        with np.errstate(all="ignore"):
            return _evaluated(self.function, columns, self.params, points.shape[:1]), self._gradient(columns, points)

    def value(self, points: np.ndarray) -> np.ndarray:
        """f alone at each row of ``points`` (a line search's trial steps)."""
        with np.errstate(all="ignore"):
            return _evaluated(self.function, tuple(points.T), self.params, points.shape[:1])

    def gradient(self, points: np.ndarray) -> np.ndarray:
        """∇f alone at each row of ``points`` (the slope of a line search's slice)."""
        with np.errstate(all="ignore"):
            return self._gradient(tuple(points.T), points)

    def _gradient(self, columns: tuple, points: np.ndarray) -> np.ndarray:
        gradient = np.empty_like(points)
        for index, function in enumerate(self.gradient_functions):
            gradient[:, index] = _real(function(*columns, *self.params))  # a constant broadcasts
        return gradient


def _real(value):
    """Complex results (a power of a negative base) become NaN, as numpy's real functions do."""
    if np.iscomplexobj(value):
        value = np.where(np.imag(value) == 0, np.real(value), np.nan)
    return value


def _evaluate(function: Callable, arrays: list[np.ndarray], params: tuple[float, ...],
              shape: tuple[int, ...]) -> np.ndarray:
    with np.errstate(all="ignore"):
        return _evaluated(function, arrays, params, shape)


def _evaluated(function: Callable, arrays, params: tuple[float, ...], shape: tuple[int, ...]) -> np.ndarray:
    """``function`` at ``arrays`` as float64 of ``shape`` (the caller silences numpy's warnings)."""
    result = np.asarray(_real(function(*arrays, *params)), dtype=np.float64)
    if result.shape != shape:  # a constant, or a term free of some variable
        result = np.broadcast_to(result, shape).copy()
    return result


def _lambdify(symbols: tuple[sp.Symbol, ...], expression: sp.Expr) -> Callable:
    # The code lambdify generates comes from the printer walking a validated sympy tree, never
    # from user text. Arguments are renamed to dummies so that no user name (``lambda``, or a
    # variable called ``maximum``) can collide with the names of the numpy functions it calls.
    return sp.lambdify(symbols, expression, modules="numpy", cse=True, dummify=True)


def _lambdify_symmetric(symbols: tuple[sp.Symbol, ...], matrix) -> tuple[tuple[Callable, ...], ...]:
    """One compiled function per entry of the upper triangle, shared with its mirror entry."""
    size = len(matrix)
    upper = {(i, j): _lambdify(symbols, matrix[i][j]) for i in range(size) for j in range(i, size)}
    return tuple(tuple(upper[min(i, j), max(i, j)] for j in range(size)) for i in range(size))


def compile_parsed(parsed: ParsedExpression, timeout: float = DEFAULT_TIMEOUT) -> CompiledExpression:
    """Differentiate (in the killable worker process) and compile a parsed expression."""
    variables = tuple(symbol(v) for v in parsed.variables)
    gradient, hessian = SYMBOLIC_WORKER.run(
        gradient_and_hessian, parsed.expression, variables, timeout=timeout)
    symbols = parsed.symbols
    return CompiledExpression(
        parsed=parsed,
        gradient=gradient,
        hessian=hessian,
        _function=_lambdify(symbols, parsed.expression),
        _gradient_functions=tuple(_lambdify(symbols, g) for g in gradient),
        _hessian_functions=_lambdify_symmetric(symbols, hessian),
    )


def compile_expression(text: str, variables: Sequence[str] | None = None,
                       timeout: float = DEFAULT_TIMEOUT) -> CompiledExpression:
    """Text -> :class:`CompiledExpression`, or :class:`ExpressionError` with one clear sentence."""
    return compile_parsed(parse_expression(text, variables), timeout=timeout)
