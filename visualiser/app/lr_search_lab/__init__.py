"""The learning-rate lab: bisection for the largest stable rate, golden section for the fastest, sweep and heatmap."""

from .lab import LearningRateLab

__all__ = ["LearningRateLab"]
