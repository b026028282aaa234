"""The work the lab hands to a worker thread: compile the expression, run the methods.

Plain functions returning plain values, so they run off the GUI thread and can be tested alone.
A user's mistake comes back as a ``Rejected`` value (to show next to what caused it), not as
an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...engine import CompiledExpression, ExpressionError, compile_expression
from ...engine.roots import METHODS, RootResult, solve_expression
from ..formula_view import render_latex_png
from ..rejection import Rejected
from .settings import RootSettings


@dataclass(frozen=True)
class CompiledFunction:
    compiled: CompiledExpression
    formula_png: bytes | None
    derivative_png: bytes | None


@dataclass(frozen=True)
class Solved:
    results: dict[str, RootResult]
    settings: RootSettings
    params: dict[str, float]


@dataclass(frozen=True)
class Update:
    function: CompiledFunction | None  # None: the expression did not change
    solved: Solved | Rejected


def compile_and_solve(text: str, settings: RootSettings, params: dict[str, float]) -> Update | Rejected:
    try:
        compiled = compile_expression(text, ("x",))
    except ExpressionError as error:
        return Rejected.from_error("expression", error)
    function = CompiledFunction(
        compiled,
        render_latex_png(f"f(x) = {compiled.latex}"),
        render_latex_png(f"f'(x) = {compiled.gradient_latex[0]}"),
    )
    return Update(function, solve(compiled, settings, compiled.own_parameters(params)))


def solve(compiled: CompiledExpression, settings: RootSettings, params: dict[str, float]) -> Solved | Rejected:
    methods = METHODS if settings.race else (settings.method,)
    try:
        results = {
            method: solve_expression(compiled, method, settings.bracket, params=params, x0=settings.x0,
                                     xtol=settings.xtol, rtol=settings.rtol, maxiter=settings.maxiter)
            for method in methods
        }
    except ExpressionError as error:
        return Rejected.from_error("solve", error)
    return Solved(results, settings, params)


def solve_update(compiled: CompiledExpression, settings: RootSettings, params: dict[str, float]) -> Update:
    return Update(None, solve(compiled, settings, params))
