"""The root-finding methods: one row each, with the CLI spelling, the label a GUI shows and whether it brackets."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class RootMethodInfo:
    name: str        # the CLI spelling and the key everywhere
    label: str       # what a GUI or a table shows
    bracketing: bool  # keeps a sign-changing bracket [a, b] at every step; the others follow a line from x0


METHOD_INFO = MappingProxyType({row.name: row for row in (
    RootMethodInfo("bisect", "Bisection", bracketing=True),
    RootMethodInfo("false-position", "False position", bracketing=True),
    RootMethodInfo("secant", "Secant", bracketing=False),
    RootMethodInfo("newton", "Newton", bracketing=False),
    RootMethodInfo("brent", "Brent", bracketing=True),
)})

# Views of the one table, for the places that need only a name or a label.
METHODS = tuple(METHOD_INFO)
METHOD_LABELS = MappingProxyType({name: row.label for name, row in METHOD_INFO.items()})
BRACKETING_METHODS = tuple(name for name, row in METHOD_INFO.items() if row.bracketing)
