"""The gradient-descent lab: loss surfaces, start points, racing optimizers, curvature overlays."""

from .lab import GradientDescentLab

__all__ = ["GradientDescentLab"]
