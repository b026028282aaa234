"""The solver engine: numpy + sympy only, pure, and never imports Qt.

Public entry points for the expression layer::

    from visualiser.engine import compile_expression, ExpressionError
    f = compile_expression("(1-x)^2 + 100(y-x^2)^2")
    f.value(x_grid, y_grid)          # float64, warning-free
    f.gradient_value(1.0, 2.0)       # exact, from sympy
"""

from .compiled import CompiledExpression, compile_expression, compile_parsed
from .errors import ExpressionError
from .expression import ParsedExpression, parse_expression

__all__ = [
    "CompiledExpression",
    "ExpressionError",
    "ParsedExpression",
    "compile_expression",
    "compile_parsed",
    "parse_expression",
]
