"""The root-finding lab: watch the bisection interval shrink, and race it against four rivals."""

from .lab import RootFindingLab

__all__ = ["RootFindingLab"]
