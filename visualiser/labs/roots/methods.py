"""The five root-finding methods as the lab shows them: the engine's row for each, with a colour and a tip.

Names, labels and which methods keep a bracket are the engine's (``METHOD_INFO``); the colour a
method is drawn in and the sentence that explains it are the lab's.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ...engine.roots.methods import METHOD_INFO, METHODS
from .. import palette


@dataclass(frozen=True)
class RootMethod:
    name: str
    colour: str
    tip: str

    @property
    def label(self) -> str:
        return METHOD_INFO[self.name].label

    @property
    def bracketing(self) -> bool:
        """Keeps a sign-changing bracket [a, b] at every step (else it follows lines from x0)."""
        return METHOD_INFO[self.name].bracketing


_ROWS = (
    RootMethod("bisect", palette.BLUE, "Halve the bracket, keep the half where f changes sign. "
                                       "Slow but can never fail."),
    RootMethod("false-position", palette.ORANGE, "Cut the bracket where the chord from (a, f(a)) to (b, f(b)) "
                                                 "crosses zero (Illinois variant, so one end cannot get stuck)."),
    RootMethod("secant", palette.GREEN, "Follow the line through the last two points to zero. Fast, but may "
                                        "leave the bracket."),
    RootMethod("newton", palette.VERMILLION, "Follow the tangent (exact derivative) to zero. Fastest near a "
                                             "simple root; can diverge."),
    RootMethod("brent", palette.PURPLE, "Brent's method (scipy's brentq): inverse quadratic steps, with "
                                        "bisection as a safety net."),
)

ROOT_METHODS = MappingProxyType({row.name: row for row in sorted(_ROWS, key=lambda row: METHODS.index(row.name))})
