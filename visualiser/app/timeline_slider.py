"""The playback timeline: a QSlider that paints each of its looks once and then copies it.

While a run plays, the timeline is painted on every frame, and Fusion strokes the slider's rounded groove
afresh each time (``QPainter.drawRoundedRect`` through the raster stroker): 0.43 ms and 1.3M instructions a
paint, a tenth of a frame of the root lab's playback (benchmarks/bench_roots_fps.py). What the style paints
depends only on the style option (size, range, position, state, palette), so the picture of each option is
kept in Qt's own bounded ``QPixmapCache`` and copied when it comes again: a run of n frames has n of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPixmap, QPixmapCache
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider


class TimelineSlider(QSlider):
    def paintEvent(self, _event) -> None:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        # As QSlider::paintEvent asks the style for (this slider never has tick marks).
        option.subControls = QStyle.SubControl.SC_SliderGroove | QStyle.SubControl.SC_SliderHandle
        ratio = self.devicePixelRatioF()
        key = "visualiser-timeline:" + ":".join(map(str, (
            self.width(), self.height(), ratio, self.style().name(), option.palette.cacheKey(),
            int(option.state.value), int(option.activeSubControls.value), option.orientation.value,
            option.minimum, option.maximum, option.sliderPosition, option.upsideDown)))
        picture = QPixmapCache.find(key)
        if picture is None:
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            self.style().drawComplexControl(QStyle.ComplexControl.CC_Slider, option, painter, self)
            painter.end()
            QPixmapCache.insert(key, picture)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, picture)
        painter.end()
