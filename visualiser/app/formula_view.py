"""Typeset formulas (LaTeX through matplotlib's mathtext) shown in a label.

Rendering is a plain function returning PNG bytes so it can run in a worker thread; the label
only turns the bytes into a pixmap on the GUI thread.
"""

from __future__ import annotations

import functools
import io
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy

FORMULA_POINT_SIZE = 15
# mathtext keeps parser state in module globals: two worker threads rendering at once corrupt it.
_MATHTEXT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=64)  # the same formula comes back on every slider drag
def render_latex_png(latex: str, point_size: int = FORMULA_POINT_SIZE, dpi: int = 110) -> bytes | None:
    """Render ``latex`` (math mode, without dollars) to PNG bytes; None if mathtext cannot."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import math_to_image

    buffer = io.BytesIO()
    try:
        with _MATHTEXT_LOCK:
            math_to_image(f"${latex}$", buffer, prop=FontProperties(size=point_size), dpi=dpi, format="png")
    except (ValueError, RuntimeError):  # a construct mathtext does not know: fall back to text
        return None
    return buffer.getvalue()


class FormulaView(QLabel):
    """Shows one rendered formula, or its plain text when it could not be typeset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(28)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._shown: tuple[bytes | None, str] | None = None

    def show_formula(self, png: bytes | None, fallback_text: str) -> None:
        if (png, fallback_text) == self._shown:
            return  # the same formula again (a slider moved): decoding the picture costs a few ms
        self._shown = (png, fallback_text)
        self.setToolTip(fallback_text)
        if png is None:
            self.setPixmap(QPixmap())
            self.setText(fallback_text)
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.setPixmap(pixmap)
