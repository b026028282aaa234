"""Measures of exported pictures, for tests that compare pictures at different pixel densities."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from visualiser.figures.animation import rgb_pixels


def pixels(image: QImage) -> np.ndarray:
    return rgb_pixels(image).astype(np.float64)


def widget_pixels(widget) -> np.ndarray:
    """What ``widget`` shows, rendered on white, as RGB pixels."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    widget.render(painter)
    painter.end()
    return pixels(image)


def each_alone(widget, items) -> dict:
    """What ``widget`` shows with each of ``items`` shown and the others hidden: item -> pixels."""
    pictures = {}
    for shown in items:
        for item in items:
            item.setVisible(item is shown)
        pictures[shown] = widget_pixels(widget)
    return pictures


def blurred_difference(large: np.ndarray, small: np.ndarray, radius: float = 2) -> float:
    """Mean absolute difference (0-255) of ``large`` reduced to ``small``'s size (box filter) and ``small``,
    both blurred by ``radius`` pixels.

    The blur forgives what no two renderings at different densities share (a 1-px line snapped
    to the pixel above, hinted glyphs) and keeps what a reader sees: how thick the lines, how
    large the markers and the text, where everything is.
    """
    height, width = small.shape[:2]

    def blurred(array: np.ndarray) -> np.ndarray:
        image = Image.fromarray(array.astype(np.uint8)).resize((width, height), Image.Resampling.BOX)
        return np.asarray(image.filter(ImageFilter.GaussianBlur(radius)), dtype=float)

    return float(np.abs(blurred(large) - blurred(small)).mean())


def ink(strip: np.ndarray, colour: str) -> float:
    """How many pixels of ``colour`` a strip of pixels (n, 3) across a line holds, counting the
    antialiased edges by their share; the strip's first pixel is the background."""
    line = np.array(QColor(colour).getRgb()[:3], dtype=float)
    background = strip[0]
    towards = line - background
    shares = (strip - background) @ towards / (towards @ towards)
    return float(np.clip(shares, 0, 1).sum())


def scene_to_pixel(figure, point: QPointF) -> tuple[int, int]:
    """A scene point's pixel in the figure's exported picture (the picture starts at the figure's corner)."""
    corner = figure.sceneBoundingRect().topLeft()
    return round(point.x() - corner.x()), round(point.y() - corner.y())
