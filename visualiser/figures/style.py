"""pyqtgraph's global options, set once before any figure is built (in the window and headless alike)."""

from __future__ import annotations

import pyqtgraph as pg


def configure_pyqtgraph() -> None:
    # Row-major images keep x and y the right way round; white suits projectors and handouts.
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", background="w", foreground="k")
