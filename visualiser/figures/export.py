"""Pictures of a figure through pyqtgraph's own exporters, so that they look like the screen."""

from __future__ import annotations

from pathlib import Path

from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem


def figure_image(figure: QGraphicsItem, width: int | None = None) -> QImage:
    """The figure as pixels, ``width`` wide (default: its size on screen), the height in proportion."""
    exporter = ImageExporter(figure)
    if width is not None:
        exporter.parameters()["width"] = int(width)
    return exporter.export(toBytes=True)


def export_image(figure: QGraphicsItem, path: Path, width: int | None = None) -> Path:
    """Write the figure to ``path``: ``.svg`` as vectors, ``.png`` as pixels ``width`` wide."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        SVGExporter(figure).export(str(path))
    elif suffix == ".png":
        if not figure_image(figure, width).save(str(path), "PNG"):
            raise OSError(f"{path} could not be written")
    else:
        raise ValueError(f"'{path.name}' should end in .png or .svg")
    if not path.is_file():
        raise OSError(f"nothing was written to {path}")
    return path


def copy_image(figure: QGraphicsItem) -> None:
    ImageExporter(figure).export(copy=True)
