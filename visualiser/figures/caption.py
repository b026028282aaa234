"""A caption above an exported picture (PNG or SVG): the formula and the legend of the runs, at the picture's scale.

The screen shows both beside the figure (the editor, the race summary, the runs panel), so a
picture of the figure alone loses them; a handout wants them in the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from .style import FigureStyle
from .svg_document import stacked_svg, svg_size

FORMULA_PIXELS = 17  # text heights at scale 1
RUN_PIXELS = 13
MARGIN = 8
SAMPLE_LENGTH = 20   # the run's line, as in a legend
SAMPLE_WIDTH = 2.5


@dataclass(frozen=True)
class Caption:
    formula: str = ""                       # "f(x) = x^3 - 2"; "" for none
    runs: tuple[tuple[str, str], ...] = ()  # (colour, text) for each run

    def __bool__(self) -> bool:
        return bool(self.formula or self.runs)


def caption_height(caption: Caption, style: FigureStyle) -> int:
    """The height in pixels of ``caption``'s lines and the margins around them."""
    return round(sum(height for *_line, height in _lines(caption, style)) + 2 * style.px(MARGIN))


def paint_caption(painter: QPainter, caption: Caption, style: FigureStyle, width: float) -> None:
    """``caption`` left-aligned in a band ``width`` wide at the painter's origin (on whatever is there)."""
    margin = style.px(MARGIN)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = margin
    for font, colour, text, height in _lines(caption, style):
        left = margin
        if colour is not None:
            painter.setPen(style.pen(style.palette.counterpart(colour), SAMPLE_WIDTH))  # as the figure draws the run
            middle = top + height / 2
            painter.drawLine(QPointF(left, middle), QPointF(left + style.px(SAMPLE_LENGTH), middle))
            left += style.px(SAMPLE_LENGTH) + margin
        painter.setPen(QColor("black"))
        painter.setFont(font)
        painter.drawText(QRectF(left, top, width - left - margin, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        top += height


def captioned(image: QImage, caption: Caption, style: FigureStyle) -> QImage:
    """``image`` with ``caption`` above it, left-aligned, on white; as wide as the image."""
    header = caption_height(caption, style)
    result = QImage(image.width(), image.height() + header, QImage.Format.Format_ARGB32)
    result.fill(Qt.GlobalColor.white)
    painter = QPainter(result)
    paint_caption(painter, caption, style, image.width())
    painter.drawImage(0, header, image)
    painter.end()
    return result


def captioned_svg(svg: bytes, caption: Caption, style: FigureStyle) -> bytes:
    """The SVG picture ``svg`` with ``caption`` above it, as ``captioned`` puts it above an image: the same
    lines, drawn by the same painter, as vectors and text."""
    width, _height = svg_size(svg)
    header = caption_height(caption, style)
    generator, data = QSvgGenerator(), QBuffer()
    generator.setOutputDevice(data)
    generator.setSize(QSize(math.ceil(width), header))
    generator.setViewBox(QRectF(0, 0, width, header))
    painter = QPainter(generator)
    paint_caption(painter, caption, style, width)
    painter.end()
    return stacked_svg(bytes(data.data()), svg, header)


def _lines(caption: Caption, style: FigureStyle) -> list[tuple[QFont, str | None, str, float]]:
    """(font, the run's colour or None, text, height) for the formula's line and each run's."""
    formula_font, run_font = _font(style, FORMULA_PIXELS), _font(style, RUN_PIXELS)
    lines = ([(formula_font, None, caption.formula)] if caption.formula else []) + \
        [(run_font, colour, text) for colour, text in caption.runs]
    return [(font, colour, text, QFontMetricsF(font).height()) for font, colour, text in lines]


def _font(style: FigureStyle, pixels: float) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(max(round(style.px(pixels)), 1))  # pixels: a QImage's own DPI is not the screen's
    return font
