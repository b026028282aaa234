"""PCA in 3-D, where OpenGL works: the first three principal axes, coloured by group, in a window of its own.

Offscreen, or with no usable OpenGL, the lab says why (visualiser.app.opengl) and keeps the 2-D plot.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...engine.vectors import VectorSet, pca
from ...figures.vectors_figure import group_colours

__all__ = ["Pca3DWindow"]


class Pca3DWindow(QWidget):
    """A window with the data's first three principal components; build only when OpenGL is available."""

    def __init__(self, parent=None, flags=Qt.WindowType.Widget):
        import pyqtgraph.opengl as gl

        super().__init__(parent, flags)
        self.setWindowTitle("PCA in 3-D — visualiser")
        self.resize(700, 600)
        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor("w")
        self.view.setCameraPosition(distance=14)
        # Translucent, not pyqtgraph's default additive blending, which on white shows nothing but white.
        self.scatter = gl.GLScatterPlotItem(size=6, pxMode=True, glOptions="translucent")
        self.view.addItem(self.scatter)
        self.caption = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)

    def show_data(self, data: VectorSet) -> None:
        if data.dimensions < 3:
            self.caption.setText(f"{data.name} has {data.dimensions} dimensions: no third axis to show")
            self.scatter.setData(pos=np.zeros((0, 3)))
            return
        result = pca(data.vectors, components=3)
        points = result.projection / np.abs(result.projection).max() * 5  # well inside the camera's view
        colours = group_colours(data.groups)
        rgba = {name: QColor(colour).getRgbF() for name, colour in colours.items()}
        self.scatter.setData(pos=points, color=np.array([rgba[group] for group in data.groups]))
        shares = ", ".join(f"{100 * r:.1f}%" for r in result.explained_variance_ratio[:3])
        self.caption.setText(f"PCA of {data.name} in 3-D: the axes hold {shares} of the variance "
                             f"(drag to turn, scroll to zoom)")
