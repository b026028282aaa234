"""Playback of a run history: reset, step back, play/pause, step forward, speed, timeline.

Frame 0 is the state before the first iteration; frame n is the state after n iterations.
Whoever shows the run listens to ``frameChanged`` (emitted for the person's actions and while
playing) and tells the controls what it shows with ``show_timeline`` (which emits nothing).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget
from superqt.utils import signals_blocked

from .timeline_slider import TimelineSlider

# Steps a second, or the seconds the whole run takes (5000 steps need not take three minutes).
STEP_RATES = {"0.5 steps/s": 0.5, "1 step/s": 1, "2 steps/s": 2, "4 steps/s": 4, "10 steps/s": 10,
              "30 steps/s": 30, "60 steps/s": 60, "120 steps/s": 120, "240 steps/s": 240}
WHOLE_RUN_SECONDS = {"whole run in 5 s": 5, "whole run in 10 s": 10, "whole run in 30 s": 30}
SPEEDS = (*STEP_RATES, *WHOLE_RUN_SECONDS)
DEFAULT_SPEED = "2 steps/s"
FRAME_INTERVAL_MS = 16  # a display shows about 60 frames a second: faster rates skip frames instead


class PlaybackControls(QWidget):
    frameChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._frame_count = 1
        self._frame = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._advance)

        style = self.style()
        self.reset_button = self._button(QStyle.StandardPixmap.SP_MediaSkipBackward, "Reset to the start (Home)", self.reset)
        self.back_button = self._button(QStyle.StandardPixmap.SP_MediaSeekBackward, "Step back (Left)", self.step_back)
        self.play_button = self._button(QStyle.StandardPixmap.SP_MediaPlay, "Play / pause (Space)", self.toggle_play)
        self.forward_button = self._button(QStyle.StandardPixmap.SP_MediaSeekForward, "Step forward (Right)", self.step_forward)
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)

        self._stride = 1  # frames advanced a tick
        self.speed = QComboBox()
        self.speed.addItems(list(SPEEDS))
        self.speed.setCurrentText(DEFAULT_SPEED)
        self.speed.setToolTip("Animation speed")
        self.speed.currentTextChanged.connect(self._apply_speed)

        self.timeline = TimelineSlider()
        self.timeline.setToolTip("Timeline: drag to scrub to any iteration")
        self.timeline.setRange(0, 0)
        self.timeline.valueChanged.connect(self.set_frame)
        self.position_label = QLabel()
        self.position_label.setMinimumWidth(110)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.reset_button, self.back_button, self.play_button, self.forward_button):
            layout.addWidget(widget)
        layout.addWidget(self.speed)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.position_label)
        self._apply_speed(DEFAULT_SPEED)
        self._update_label()

    def _button(self, icon, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # --- state ---
    @property
    def frame(self) -> int:
        return self._frame

    @property
    def frame_count(self) -> int:
        return self._frame_count

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def show_timeline(self, count: int, frame: int) -> None:
        """Show a history of ``count`` frames at ``frame``, without emitting ``frameChanged``."""
        count, frame = max(1, count), min(max(int(frame), 0), max(1, count) - 1)
        if (count, frame) == (self._frame_count, self._frame):
            return  # what the lab shows is already on the timeline (a frame the timeline itself asked for)
        if count != self._frame_count:
            self._frame_count = count
            self._apply_speed(self.speed.currentText())  # "whole run in 5 s" depends on the run's length
        self._frame = frame
        with signals_blocked(self.timeline):
            self.timeline.setRange(0, count - 1)
            self.timeline.setValue(frame)
        self._update_label()

    def set_frame(self, frame: int) -> None:
        frame = min(max(int(frame), 0), self._frame_count - 1)
        if frame == self._frame:
            return
        self._frame = frame
        with signals_blocked(self.timeline):
            self.timeline.setValue(frame)
        self._update_label()
        self.frameChanged.emit(frame)

    # --- actions ---
    def reset(self) -> None:
        self.pause()
        self.set_frame(0)

    def step_forward(self) -> None:
        self.pause()
        self.set_frame(self._frame + 1)

    def step_back(self) -> None:
        self.pause()
        self.set_frame(self._frame - 1)

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self._frame >= self._frame_count - 1:
            self.set_frame(0)  # play from the start again, as media players do
        self._timer.start()
        self.play_button.setIcon(self._pause_icon)

    def pause(self) -> None:
        self._timer.stop()
        self.play_button.setIcon(self._play_icon)

    def _advance(self) -> None:
        if self._frame >= self._frame_count - 1:
            self.pause()
        else:
            self.set_frame(self._frame + self._stride)

    def steps_per_second(self, text: str | None = None) -> float:
        text = text or self.speed.currentText()
        if text in WHOLE_RUN_SECONDS:
            return max(self._frame_count - 1, 1) / WHOLE_RUN_SECONDS[text]
        return STEP_RATES[text]

    def _apply_speed(self, text: str) -> None:
        rate = self.steps_per_second(text)
        interval = max(1000 / rate, FRAME_INTERVAL_MS)
        self._stride = max(1, math.ceil(rate * interval / 1000 - 1e-9))
        self._timer.setInterval(round(interval))

    def _update_label(self) -> None:
        self.position_label.setText(f"iteration {self._frame} / {self._frame_count - 1}")
