"""Pictures of a figure through pyqtgraph's own exporters, so that they look like the screen.

A picture at another pixel density (twice the screen's, for print) is not this figure exported
wider: pyqtgraph would lay the plots out again at the larger size and enlarge the tick labels
only. It is the same scene drawn by a figure of that size and scale (:mod:`.offscreen`). That
holds for both formats, PNG (pixels) and SVG (vectors, whose line widths and text sizes are the
figure's at its scale); each takes a caption above the figure the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from ..labs.atomic_file import write_atomically
from .caption import captioned, captioned_svg
from .svg_document import sized_svg


def figure_image(figure: QGraphicsItem) -> QImage:
    """The figure as pixels, at its size on screen."""
    return ImageExporter(figure).export(toBytes=True)


def figure_svg(figure: QGraphicsItem) -> bytes:
    """The figure as SVG vectors, as large in pixels as it is on screen."""
    return sized_svg(SVGExporter(figure).export(toBytes=True))


def save_png(image: QImage, path: Path) -> Path:
    """``image`` as a PNG file, written atomically (never half a picture over an older one)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"{path} could not be written")
    return write_atomically(path, bytes(data))


def save_svg(svg: bytes, path: Path) -> Path:
    return write_atomically(path, svg)


@dataclass(frozen=True)
class PictureFormat:
    """How a figure becomes a picture of one kind, takes a caption above it and is written to a file."""

    of_figure: Callable[[QGraphicsItem], object]  # the figure, as large as it is, as a picture
    captioned: Callable                            # (picture, Caption, FigureStyle) -> the picture with it above
    save: Callable[[object, Path], Path]


PICTURE_FORMATS = {".png": PictureFormat(figure_image, captioned, save_png),
                   ".svg": PictureFormat(figure_svg, captioned_svg, save_svg)}


def picture_format(path: Path) -> PictureFormat:
    """The format ``path``'s suffix asks for (raises ValueError for one that is not a picture's)."""
    try:
        return PICTURE_FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"'{path.name}' should end in .png or .svg") from None


def export_image(figure: QGraphicsItem, path: Path) -> Path:
    """Write the figure to ``path``: ``.svg`` as vectors, ``.png`` as its pixels on screen."""
    picture = picture_format(path)
    return picture.save(picture.of_figure(figure), path)


def copy_image(figure: QGraphicsItem) -> None:
    ImageExporter(figure).export(copy=True)
