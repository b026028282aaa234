"""The labs the main window shows, one tab each, in the order of ``LAB_TITLES`` (their scenes: visualiser.labs.registry).

A lab's widget class is imported when the window opens its labs, after the window's first frame:
the labs' packages import sympy, pyqtgraph and superqt (~1.5 s of CPU), which a window needs none of
to appear.
"""

from __future__ import annotations

import importlib

from .lab_interface import Lab

_LAB_CLASSES = {  # name -> (module, class)
    "roots": (".roots_lab", "RootFindingLab"),
    "descent": (".descent_lab", "GradientDescentLab"),
    "lr_search": (".lr_search_lab", "LearningRateLab"),
    "vectors": (".vectors_lab", "VectorSpaceLab"),
}


def lab_class(name: str) -> type[Lab]:
    """The widget class of the lab ``name`` (importing its package)."""
    module, class_name = _LAB_CLASSES[name]
    return getattr(importlib.import_module(module, __package__), class_name)
