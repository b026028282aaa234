"""Built-in examples for the root-finding lab, each chosen to teach one thing."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from .scene import RootScene


@dataclass(frozen=True)
class RootExample:
    title: str
    expression: str
    bracket: tuple[float, float]
    method: str
    race: bool
    lesson: str

    def applied_to(self, scene: RootScene) -> RootScene:
        """``scene`` showing this example: its function, bracket and method, framed afresh.

        The person's tolerances, iteration limit and auto-zoom stay as they were.
        """
        return msgspec.structs.replace(scene, expression=self.expression, parameters={}, method=self.method,
                                       bracket=self.bracket, race=self.race, x0=None, view_x=None, view_y=None,
                                       frame=None)


EXAMPLES = (
    RootExample("Cube root of 2: x^3 - 2", "x^3 - 2", (0.0, 2.0), "bisect", False,
                "Bisection halves [0, 2] until it pins down 2^(1/3) = 1.2599..."),
    RootExample("Fixed point: cos(x) - x", "cos(x) - x", (0.0, 1.0), "bisect", True,
                "Race all five methods: Newton and Brent need a handful of steps, bisection about 40."),
    RootExample("Three roots: (x+2)(x-0.5)(x-2)", "(x+2)(x-0.5)(x-2)", (-3.0, 3.0), "bisect", False,
                "Bisection finds one root of three; narrow the bracket to choose which."),
    RootExample("A pole, not a root: tan(x)", "tan(x)", (1.0, 2.0), "bisect", False,
                "tan changes sign at the pole pi/2: bisection closes in on it, and the app says so."),
    RootExample("Flat root: (x-1)^9", "(x-1)^9", (0.0, 1.7), "bisect", True,
                "Near a flat root f is tiny everywhere: Newton crawls, bisection does not care."),
    RootExample("A parameter to play with: a*x^3 - x", "a*x^3 - x", (0.3, 2.0), "bisect", False,
                "Drag the slider for a and watch the root 1/sqrt(a) move."),
    RootExample("A jump: 1/(x-1)", "1/(x-1)", (0.0, 3.0), "bisect", False,
                "A sign change without a root: the function jumps from -inf to +inf at x = 1."),
    RootExample("Wiggly: sin(3x) - x/2", "sin(3x) - x/2", (0.5, 1.5), "bisect", True,
                "A wiggly function: secant and Newton can wander, bracketing methods cannot."),
)

START_EXAMPLE = EXAMPLES[0]


def start_scene() -> RootScene:
    """What the lab opens on the first time: the first example."""
    return START_EXAMPLE.applied_to(RootScene())
