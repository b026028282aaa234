"""The timeline's slider keeps its groove as a picture: what it paints must be what Qt's own slider paints."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QSlider, QStyle, QStyleFactory, QStyleOptionSlider, QVBoxLayout, QWidget

from picture_measures import pixels
from visualiser.app.timeline_slider import TimelineSlider

ROUNDING = 2  # of 255: the groove is composed from pictures with alpha, Qt's slider paints it straight on


def _pair(qtbot, width=600, frames=41):
    sliders = TimelineSlider(), QSlider(Qt.Orientation.Horizontal)
    for slider in sliders:
        qtbot.addWidget(slider)
        slider.setRange(0, frames - 1)
        slider.resize(width, slider.sizeHint().height())
    return sliders


def _picture(slider, ratio=1.0) -> np.ndarray:
    image = QImage(slider.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#efefef"))
    slider.render(image)
    return pixels(image)


def _largest_difference(sliders, value, ratio=1.0) -> int:
    for slider in sliders:
        slider.setValue(value)
    ours, qts = (_picture(slider, ratio) for slider in sliders)
    return int(np.abs(ours - qts).max())


def test_the_tests_run_on_fusion_whose_groove_the_slider_keeps(qtbot):
    """Qt's style offscreen (and on most Linux desktops): without it the tests here compare Qt with itself."""
    slider = TimelineSlider()
    qtbot.addWidget(slider)
    assert slider.style().name().lower() == "fusion"


@pytest.mark.parametrize("ratio", [1.0, 2.0])
@pytest.mark.parametrize("width", [180, 600, 1031])
def test_every_position_looks_as_qts_slider_draws_it(qtbot, width, ratio):
    sliders = _pair(qtbot, width)
    differences = [_largest_difference(sliders, value, ratio) for value in range(41)]
    assert max(differences) <= ROUNDING, differences


@pytest.mark.parametrize("ratio", [1.25, 1.5, 1.75])
def test_at_a_fractional_scale_a_slider_off_the_origin_looks_as_qts(qtbot, ratio):
    """In a window a slider sits at some offset in its parent, which a fractional scale puts between device
    pixels; Fusion smooths its groove there, and a kept picture copied to the nearest pixel would not match."""
    parents = []
    for slider in _pair(qtbot):
        parent = QWidget()
        qtbot.addWidget(parent)
        slider.setParent(parent)
        slider.move(263, 7)
        parent.resize(slider.width() + 300, slider.height() + 14)
        parents.append(parent)
    for value in (0, 9, 40):
        for parent in parents:
            parent.findChild(QSlider).setValue(value)
        ours, qts = (_picture(parent, ratio) for parent in parents)
        assert int(np.abs(ours - qts).max()) <= ROUNDING, value


def test_the_groove_is_drawn_once_for_a_whole_run_and_again_for_other_pixels(qtbot, monkeypatch):
    drawn = []
    keep = TimelineSlider._groove
    monkeypatch.setattr(TimelineSlider, "_groove", lambda *args: drawn.append(args[-1]) or keep(*args))
    sliders = _pair(qtbot)
    assert max(_largest_difference(sliders, value) for value in range(41)) <= ROUNDING
    assert drawn == [0, 1]  # empty and filled, once: moving the handle draws no groove
    # The window moved to a screen of twice the pixels, and back.
    assert max(_largest_difference(sliders, value, 2.0) for value in (3, 30)) <= ROUNDING
    assert max(_largest_difference(sliders, value) for value in (3, 30)) <= ROUNDING
    assert drawn == [0, 1] * 3


def test_the_groove_is_drawn_again_when_the_slider_is_resized_and_when_the_range_changes(qtbot):
    sliders = _pair(qtbot)
    assert _largest_difference(sliders, 20) <= ROUNDING
    for slider in sliders:
        slider.resize(350, slider.height())
    assert _largest_difference(sliders, 20) <= ROUNDING
    for slider in sliders:
        slider.setRange(0, 4)
    assert max(_largest_difference(sliders, value) for value in range(5)) <= ROUNDING


def test_a_new_palette_and_a_disabled_slider_are_drawn_in_their_colours(qtbot):
    sliders = _pair(qtbot)
    assert _largest_difference(sliders, 30) <= ROUNDING  # the grooves are now kept
    palette = QPalette(sliders[0].palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#d55e00"))  # as a change of colours would
    for slider in sliders:
        slider.setPalette(palette)
    assert _largest_difference(sliders, 30) <= ROUNDING
    for slider in sliders:
        slider.setEnabled(False)
    assert _largest_difference(sliders, 30) <= ROUNDING


def test_keyboard_focus_is_drawn_as_qt_draws_it(qtbot):
    """Fusion outlines the groove of a slider that the keyboard gave the focus: the kept groove must follow."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    sliders = TimelineSlider(), QSlider(Qt.Orientation.Horizontal)
    for slider in sliders:
        layout.addWidget(slider)
        slider.setRange(0, 40)
        slider.setValue(12)
    window.resize(600, 80)
    window.show()
    qtbot.waitExposed(window)
    _picture(sliders[0])  # its grooves are now kept, without focus
    window.activateWindow()
    qtbot.waitActive(window)
    pictures = []
    for slider in sliders:
        slider.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(slider.hasFocus)
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # as a press of Tab leaves it
        option = QStyleOptionSlider()
        slider.initStyleOption(option)
        assert option.state & QStyle.StateFlag.State_HasFocus and option.state & QStyle.StateFlag.State_KeyboardFocusChange
        pictures.append(_picture(slider))
    assert int(np.abs(pictures[0] - pictures[1]).max()) <= ROUNDING


def test_a_run_of_one_frame_has_a_slider_with_nowhere_to_go_and_the_next_run_a_filled_groove(qtbot):
    """The window's timeline is painted with one frame before the first run arrives, then the run's frames."""
    sliders = _pair(qtbot, frames=1)
    assert _largest_difference(sliders, 0) <= ROUNDING
    for slider in sliders:
        slider.setRange(0, 40)
    assert max(_largest_difference(sliders, value) for value in (1, 4, 20, 40)) <= ROUNDING


def test_a_style_other_than_fusion_paints_the_slider_itself(qtbot):
    sliders = _pair(qtbot)
    windows = QStyleFactory.create("Windows")
    for slider in sliders:
        slider.setStyle(windows)
    assert all(_largest_difference(sliders, value) == 0 for value in (0, 17, 40))
