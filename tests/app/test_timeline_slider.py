"""The timeline keeps a picture of each of its looks: it must look exactly as the plain QSlider it replaces, at
every position and in every state, and never show a kept picture that is out of date."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from visualiser.app.playback import PlaybackControls
from visualiser.app.timeline_slider import TimelineSlider


def _pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4].copy()


def _looks_the_same(timeline, plain) -> bool:
    """The same pixels, up to 2 levels of 255 where an edge is antialiased: the timeline's picture is drawn on
    transparency and then laid over the background, and the rounding of the two blends differs there."""
    return int(np.abs(_pixels(timeline).astype(int) - _pixels(plain)).max()) <= 2


@pytest.fixture
def sliders(qtbot):
    """A timeline and a plain QSlider side by side, the same size and range."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    timeline, plain = TimelineSlider(Qt.Orientation.Horizontal), QSlider(Qt.Orientation.Horizontal)
    for slider in (timeline, plain):
        slider.setFixedSize(400, 22)
        slider.setRange(0, 40)
        layout.addWidget(slider)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    yield timeline, plain
    holder.close()  # (held until here: the sliders are its children)


def _set(sliders, change, *args):
    for slider in sliders:
        getattr(slider, change)(*args)


def test_the_timeline_looks_as_a_plain_slider_at_every_position(sliders):
    timeline, plain = sliders
    seen = []
    for value in (0, 1, 17, 39, 40, 17, 0):  # positions met again are drawn from their kept pictures
        _set(sliders, "setValue", value)
        assert _looks_the_same(timeline, plain), value
        seen.append(_pixels(timeline))
    assert not np.array_equal(seen[0], seen[2])  # the handle moved: a picture kept from before would not show it


def test_a_new_range_disabled_or_a_new_palette_is_painted_anew(sliders):
    timeline, plain = sliders
    _set(sliders, "setValue", 20)
    before = _pixels(timeline)
    _set(sliders, "setRange", 0, 80)
    assert _looks_the_same(timeline, plain)
    assert not np.array_equal(_pixels(timeline), before)  # value 20 of 80 is further left than 20 of 40

    _set(sliders, "setEnabled", False)
    assert _looks_the_same(timeline, plain)

    _set(sliders, "setEnabled", True)
    palette = QPalette(timeline.palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#D55E00"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#202020"))
    plain_before = _pixels(plain)
    _set(sliders, "setPalette", palette)
    assert not np.array_equal(_pixels(plain), plain_before)  # the palette does show on a slider
    assert _looks_the_same(timeline, plain)


def test_a_wider_timeline_is_painted_at_its_new_size(sliders):
    timeline, plain = sliders
    _set(sliders, "setValue", 30)
    assert _looks_the_same(timeline, plain)  # (its picture at 400 px kept)
    _set(sliders, "setFixedWidth", 250)
    assert _looks_the_same(timeline, plain)


def test_playback_moves_the_handle_on_screen(qtbot):
    controls = PlaybackControls()
    qtbot.addWidget(controls)
    controls.resize(700, 40)
    controls.show()
    qtbot.waitExposed(controls)
    controls.show_timeline(41, 0)
    start = _pixels(controls.timeline)
    controls.step_forward()
    controls.step_forward()
    assert controls.timeline.value() == 2
    assert not np.array_equal(_pixels(controls.timeline), start)
    controls.reset()
    assert np.array_equal(_pixels(controls.timeline), start)
