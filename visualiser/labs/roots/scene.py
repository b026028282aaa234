"""Everything a person sets up in the root-finding lab, as one checked value."""

from __future__ import annotations

import math
from typing import ClassVar

from ...engine.roots import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL, METHODS
from ..scene import Parameter, Scene, SceneError, check_choice, check_interval

MAXITER_RANGE = (1, 10_000)

class RootScene(Scene, tag="roots"):
    """f(x), the method and its options, and how the plots show the run.

    ``bracket`` is kept at full float precision (auto-zoom reaches widths of 1e-11). ``x0`` None
    starts Newton and secant from the bracket's midpoint. ``view_x`` and ``view_y`` are the ranges
    of the plot of f; None frames the bracket (x) and f's values there (y). With ``auto_zoom`` the
    plot follows the shrinking bracket instead. ``construction`` draws how the shown step chose
    its point: the tangent, secant or chord down to zero, Brent's parabola, bisection's midpoint.
    """

    # What only changes the picture: two scenes that differ only in these solve to the same run.
    DISPLAY_FIELDS: ClassVar[tuple[str, ...]] = ("auto_zoom", "construction", "view_x", "view_y", "frame")

    VARIABLES: ClassVar[tuple[str, ...]] = ("x",)

    expression: str = "x^3 - 2"
    parameters: dict[str, Parameter] = {}
    method: str = "bisect"
    bracket: tuple[float, float] = (0.0, 2.0)
    x0: float | None = None
    xtol: float = DEFAULT_XTOL
    rtol: float = DEFAULT_RTOL
    maxiter: int = DEFAULT_MAXITER
    race: bool = False
    auto_zoom: bool = False
    construction: bool = True
    view_x: tuple[float, float] | None = None
    view_y: tuple[float, float] | None = None
    frame: int | None = None

    def check(self) -> None:
        # Each problem a sentence that stands alone: the app and the command line show it as it is.
        check_choice("method", self.method, METHODS, "method")
        a, b = self.bracket
        if not (math.isfinite(a) and math.isfinite(b)):
            raise SceneError("bracket", f"the bracket ends must be finite numbers, not [{a}, {b}]")
        if not a < b:
            raise SceneError("bracket", f"the bracket [a, b] needs a < b, but a = {a:.17g} and b = {b:.17g}")
        if self.x0 is not None and not math.isfinite(self.x0):
            raise SceneError("x0", f"x0 must be a finite number, not {self.x0}")
        if not (math.isfinite(self.xtol) and self.xtol > 0):
            raise SceneError("xtol", f"xtol must be a positive number, not {self.xtol:g}")
        if not (math.isfinite(self.rtol) and self.rtol >= 0):
            raise SceneError("rtol", f"rtol must be a number of at least 0, not {self.rtol:g}")
        low, high = MAXITER_RANGE
        if not low <= self.maxiter <= high:
            raise SceneError("maxiter", f"maxiter must be a whole number from {low} to {high}, not {self.maxiter}")
        for name in ("view_x", "view_y"):
            if getattr(self, name) is not None:
                check_interval(name, getattr(self, name))

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods to run: all five in a race, else the chosen one."""
        return METHODS if self.race else (self.method,)
