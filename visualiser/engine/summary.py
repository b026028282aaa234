"""A printable summary of a compiled expression: what ``visualiser inspect`` reports."""

from __future__ import annotations

from dataclasses import dataclass

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
        expression=compiled.plain_text,
        latex=compiled.latex,
        variables=compiled.variables,
        parameters=compiled.parameters,
        gradient=compiled.gradient_plain_text,
        hessian=compiled.hessian_plain_text,
        gradient_latex=compiled.gradient_latex,
        hessian_latex=compiled.hessian_latex,
    )
