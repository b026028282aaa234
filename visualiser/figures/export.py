"""Pictures of a figure through pyqtgraph's own exporters, so that they look like the screen.

A picture at another pixel density (twice the screen's, for print) is not this figure exported
wider: pyqtgraph would lay the plots out again at the larger size and enlarge the tick labels
only. It is the same scene drawn by a figure of that size and scale (:mod:`.offscreen`).
"""

from __future__ import annotations

from pathlib import Path

from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

PICTURES = (".png", ".svg")


def figure_image(figure: QGraphicsItem) -> QImage:
    """The figure as pixels, at its size on screen."""
    return ImageExporter(figure).export(toBytes=True)


def check_picture_path(path: Path) -> None:
    if path.suffix.lower() not in PICTURES:
        raise ValueError(f"'{path.name}' should end in .png or .svg")


def save_png(image: QImage, path: Path) -> Path:
    if not image.save(str(path), "PNG") or not path.is_file():
        raise OSError(f"{path} could not be written")
    return path


def export_image(figure: QGraphicsItem, path: Path) -> Path:
    """Write the figure to ``path``: ``.svg`` as vectors, ``.png`` as its pixels on screen."""
    check_picture_path(path)
    if path.suffix.lower() == ".png":
        return save_png(figure_image(figure), path)
    SVGExporter(figure).export(str(path))
    if not path.is_file():
        raise OSError(f"nothing was written to {path}")
    return path


def copy_image(figure: QGraphicsItem) -> None:
    ImageExporter(figure).export(copy=True)
