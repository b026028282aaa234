"""A printable summary of a compiled expression: what ``visualiser inspect`` reports."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .compiled import CompiledExpression


@dataclass(frozen=True)
class ExpressionSummary:
    expression: str
    latex: str
    variables: tuple[str, ...]
    parameters: tuple[str, ...]
    gradient: tuple[str, ...]
    hessian: tuple[tuple[str, ...], ...]
    gradient_latex: tuple[str, ...]
    hessian_latex: tuple[tuple[str, ...], ...]


def summarize(compiled: CompiledExpression) -> ExpressionSummary:
    return ExpressionSummary(
        expression=sp.sstr(compiled.expression),
        latex=compiled.latex,
        variables=compiled.variables,
        parameters=compiled.parameters,
        gradient=tuple(sp.sstr(g) for g in compiled.gradient),
        hessian=tuple(tuple(sp.sstr(h) for h in row) for row in compiled.hessian),
        gradient_latex=compiled.gradient_latex,
        hessian_latex=compiled.hessian_latex,
    )
