"""The labs the main window shows, one tab each, in this order (their scenes: visualiser.labs.registry)."""

from __future__ import annotations

from .descent_lab import GradientDescentLab
from .lr_search_lab import LearningRateLab
from .roots_lab import RootFindingLab
from .vectors_lab import VectorSpaceLab

LAB_VIEWS = (RootFindingLab, GradientDescentLab, LearningRateLab, VectorSpaceLab)
