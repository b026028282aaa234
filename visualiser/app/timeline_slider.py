"""The timeline's slider: Fusion's own picture of a slider, with its groove drawn once instead of on every move.

Fusion (Qt 6.10) strokes a slider's rounded groove afresh on every paint: 0.48 of the slider's 0.50 ms, and 8% of a
frame of the root lab's playback (benchmarks/bench_roots_fps.py), in which the timeline moves every frame. The
groove looks the same at every position but for where its filled part ends, under the handle. So this slider has
Fusion draw its groove twice, empty and filled to the end, into pictures kept until the slider's size, state or
palette changes. A paint copies the filled picture left of the handle's middle and the empty one right of it, and
then lets Fusion draw the handle, which covers the seam. The result is Fusion's picture to within rounding
(tests/app/test_timeline_slider.py). Other styles (the app does not choose one: Fusion is Qt's default offscreen
and on most Linux desktops, while Windows, macOS and KDE have their own), fractional scales and sliders this does
not cover paint as they always do, at their usual cost.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

_SLIDER = QStyle.ComplexControl.CC_Slider
_GROOVE = QStyle.SubControl.SC_SliderGroove
_HANDLE = QStyle.SubControl.SC_SliderHandle


class TimelineSlider(QSlider):
    """A horizontal slider that paints what Fusion paints, at a fraction of the cost of a move."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._grooves: tuple[QPixmap, QPixmap] | None = None  # empty and filled
        self._grooves_key = None  # what they were drawn for

    def paintEvent(self, event) -> None:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        painter = QPainter(self)
        # The pixels of what is painted on, which need not be the screen's (QWidget.render on a 2x picture).
        ratio = painter.paintEngine().paintDevice().devicePixelRatioF()
        if not self._covered(style, option, ratio):
            painter.end()
            super().paintEvent(event)
            return
        empty, filled = self._grooves_for(style, option, ratio)
        rect = option.rect
        seam = style.subControlRect(_SLIDER, option, _HANDLE, self).center().x()
        painter.setClipRect(QRect(rect.left(), rect.top(), seam - rect.left(), rect.height()))
        painter.drawPixmap(rect.topLeft(), filled)
        painter.setClipRect(QRect(seam, rect.top(), rect.right() + 1 - seam, rect.height()))
        painter.drawPixmap(rect.topLeft(), empty)
        painter.setClipping(False)
        # Fusion draws the handle after the groove with its painter still moved by half a pixel; drawn on its
        # own, the handle would land half a pixel from where Fusion puts it.
        painter.translate(0.5, 0.5)
        option.subControls = _HANDLE
        style.drawComplexControl(_SLIDER, option, painter, self)

    @staticmethod
    def _covered(style: QStyle, option: QStyleOptionSlider, ratio: float) -> bool:
        """Fusion, left to right, without tick marks, on whole device pixels: the slider whose groove is known to
        be drawn this way. At a fractional scale (1.25, 1.5) a slider need not start on a whole device pixel, and
        Fusion's groove, smoothed at where it falls, would not be the picture's, copied to the nearest pixel."""
        return (style.name().lower() == "fusion" and option.orientation == Qt.Orientation.Horizontal
                and not option.upsideDown and option.tickPosition == QSlider.TickPosition.NoTicks
                and ratio.is_integer())

    def _grooves_for(self, style: QStyle, option: QStyleOptionSlider, ratio: float) -> tuple[QPixmap, QPixmap]:
        """The empty and filled grooves for the slider as it is now: drawn again when its size, the pixels
        painted on, its state (focus outlines the groove) or its palette change. Not its range: the pictures
        are drawn on a range of their own (see _groove)."""
        key = (option.rect.size().toTuple(), ratio, option.state.value, option.palette.cacheKey())
        if key != self._grooves_key:
            self._grooves_key = key
            self._grooves = self._groove(style, option, ratio, 0), self._groove(style, option, ratio, 1)
        return self._grooves

    def _groove(self, style: QStyle, option: QStyleOptionSlider, ratio: float, end: int) -> QPixmap:
        """Fusion's groove alone, with the handle at the start (``end`` 0: empty) or the end (1: filled, as the
        fill ends at the handle). On a range of 0 to 1, not the slider's: a run of one frame has a range of
        0 to 0, on which the handle at the end is at the start too, and its filled picture would be empty."""
        groove = QStyleOptionSlider(option)
        groove.subControls = _GROOVE
        groove.activeSubControls = QStyle.SubControl.SC_None
        groove.minimum, groove.maximum = 0, 1
        groove.sliderPosition = groove.sliderValue = end
        groove.rect = QRect(QPoint(0, 0), option.rect.size())
        image = QImage(option.rect.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        style.drawComplexControl(_SLIDER, groove, painter, self)
        painter.end()
        return QPixmap.fromImage(image)
