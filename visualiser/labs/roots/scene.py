"""Everything a person sets up in the root-finding lab, as one checked value."""

from __future__ import annotations

from typing import ClassVar, Literal

from ...engine.roots import DEFAULT_MAXITER, DEFAULT_RTOL, DEFAULT_XTOL, METHODS
from ..scene import Parameter, Scene, SceneError, check_finite, check_interval

MAXITER_RANGE = (1, 10_000)

MethodName = Literal[METHODS]


class RootScene(Scene, tag="roots"):
    """f(x), the method and its options, and how the plots show the run.

    ``bracket`` is kept at full float precision (auto-zoom reaches widths of 1e-11). ``x0`` None
    starts Newton and secant from the bracket's midpoint. ``view_x`` and ``view_y`` are the ranges
    of the plot of f; None frames the bracket (x) and f's values there (y). With ``auto_zoom`` the
    plot follows the shrinking bracket instead.
    """

    VARIABLES: ClassVar[tuple[str, ...]] = ("x",)

    expression: str = "x^3 - 2"
    parameters: dict[str, Parameter] = {}
    method: MethodName = "bisect"
    bracket: tuple[float, float] = (0.0, 2.0)
    x0: float | None = None
    xtol: float = DEFAULT_XTOL
    rtol: float = DEFAULT_RTOL
    maxiter: int = DEFAULT_MAXITER
    race: bool = False
    auto_zoom: bool = False
    view_x: tuple[float, float] | None = None
    view_y: tuple[float, float] | None = None
    frame: int | None = None

    def check(self) -> None:
        a, b = self.bracket
        check_finite("bracket", a)
        check_finite("bracket", b)
        if not a < b:
            raise SceneError("bracket", f"needs a < b, but a = {a:.17g} and b = {b:.17g}")
        if self.x0 is not None:
            check_finite("x0", self.x0)
        check_finite("xtol", self.xtol)
        check_finite("rtol", self.rtol)
        if not self.xtol > 0:
            raise SceneError("xtol", f"not a positive number: {self.xtol:g}")
        if not self.rtol >= 0:
            raise SceneError("rtol", f"not a number of at least 0: {self.rtol:g}")
        low, high = MAXITER_RANGE
        if not low <= self.maxiter <= high:
            raise SceneError("maxiter", f"not a whole number from {low} to {high}: {self.maxiter}")
        for name in ("view_x", "view_y"):
            if getattr(self, name) is not None:
                check_interval(name, getattr(self, name))

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods to run: all five in a race, else the chosen one."""
        return METHODS if self.race else (self.method,)
