"""A caption above an exported picture: the formula and the legend of the runs, at the picture's scale.

The screen shows both beside the figure (the editor, the race summary, the runs panel), so a
picture of the figure alone loses them; a handout wants them in the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter

from .style import FigureStyle

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


def captioned(image: QImage, caption: Caption, style: FigureStyle) -> QImage:
    """``image`` with ``caption`` above it, left-aligned, on white; as wide as the image."""
    formula_font, run_font = _font(style, FORMULA_PIXELS), _font(style, RUN_PIXELS)
    margin = style.px(MARGIN)
    lines = ([(formula_font, None, caption.formula)] if caption.formula else []) + \
        [(run_font, colour, text) for colour, text in caption.runs]
    heights = [QFontMetricsF(font).height() for font, _colour, _text in lines]
    header = round(sum(heights) + 2 * margin)
    result = QImage(image.width(), image.height() + header, QImage.Format.Format_ARGB32)
    result.fill(Qt.GlobalColor.white)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = margin
    for (font, colour, text), height in zip(lines, heights):
        left = margin
        if colour is not None:
            painter.setPen(style.pen(colour, SAMPLE_WIDTH))
            middle = top + height / 2
            painter.drawLine(QPointF(left, middle), QPointF(left + style.px(SAMPLE_LENGTH), middle))
            left += style.px(SAMPLE_LENGTH) + margin
        painter.setPen(QColor("black"))
        painter.setFont(font)
        painter.drawText(QRectF(left, top, image.width() - left - margin, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        top += height
    painter.drawImage(0, header, image)
    painter.end()
    return result


def _font(style: FigureStyle, pixels: float) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(max(round(style.px(pixels)), 1))  # pixels: a QImage's own DPI is not the screen's
    return font
