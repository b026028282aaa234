"""The solver engine: numpy + sympy only, pure, and never imports Qt.

Public entry points for the expression layer::

    from visualiser.engine import compile_expression, ExpressionError
    f = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    f.value(x_grid, y_grid)          # float64, warning-free
    f.gradient_value(1.0, 2.0)       # exact, from sympy

These names are imported when first used (PEP 562), not with the package: importing a light part
of the engine, such as ``visualiser.engine.errors`` for the command line's ``--help``, then costs
no sympy import (~0.6 s of CPU).
"""

import importlib

_MODULE_OF = {
    "CompiledExpression": ".compiled",
    "ExpressionError": ".errors",
    "ParsedExpression": ".expression",
    "compile_expression": ".compiled",
    "compile_parsed": ".compiled",
    "parse_expression": ".expression",
}

__all__ = list(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name], __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
