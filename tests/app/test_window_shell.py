"""The window around the labs, as a teacher at a projector uses it: keys, a small screen, a steady layout, playback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from visualiser.app.main_window import MainWindow
from visualiser.app.playback import SPEEDS

TIMEOUT_MS = 15_000


@pytest.fixture
def window(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.lab("roots").run is not None, timeout=TIMEOUT_MS)
    main_window.activateWindow()
    return main_window


def action(window, text: str):
    return next(a for menu in window.menus.values() for a in menu.actions() if a.text() == text)


def test_enter_takes_the_expression_and_gives_the_keys_back_to_the_plot(qtbot, window):
    lab = window.lab("roots")
    line_edit = lab.editor.line_edit
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "x^2 - 2")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert lab.scene().expression == "x^2 - 2"
    qtbot.waitUntil(lambda: lab.figure_view.hasFocus(), timeout=TIMEOUT_MS)
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Space)  # Space now plays, it does not type a space
    assert window.playback.playing and line_edit.text() == "x^2 - 2"


def test_enter_on_a_mistake_keeps_the_box_and_esc_leaves_it(qtbot, window):
    lab = window.lab("roots")
    line_edit = lab.editor.line_edit
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "x^2 - (2")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert line_edit.hasFocus() and lab.editor.has_error  # there is something to fix here
    qtbot.keyClick(line_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: lab.figure_view.hasFocus(), timeout=TIMEOUT_MS)
    assert line_edit.text() == "x^2 - (2"  # the draft stays, to be fixed later


def test_menu_shortcuts_work_while_the_expression_box_has_focus(qtbot, window, monkeypatch):
    lab = window.lab("roots")
    lab.editor.line_edit.setFocus()
    QApplication.clipboard().clear()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(lab.editor.line_edit, Qt.Key.Key_C, modifiers)
    assert not QApplication.clipboard().image().isNull()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: asked.append(1) or ("", ""))
    qtbot.keyClick(lab.editor.line_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == [1]
    assert "F11" in [key.toString() for key in action(window, "&Full screen").shortcuts()]


@pytest.mark.smoke
def test_the_first_window_fits_a_small_screen(window):
    screen = window.screen().availableGeometry()  # offscreen: 800 x 800, smaller than the 1400 x 900 default
    window.fit_to_screen()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    assert screen.contains(window.frameGeometry().center())


def test_the_side_panel_folds_away_for_the_plots(qtbot, window):
    lab = window.lab("roots")
    width = lab.figure_view.width()
    toggle = action(window, "Side &panel")
    assert toggle.isCheckable() and toggle.isChecked()
    qtbot.keyClick(lab.figure_view, Qt.Key.Key_Backslash, Qt.KeyboardModifier.ControlModifier)  # one entry, one key
    qtbot.waitUntil(lambda: lab.figure_view.width() > width + 200, timeout=TIMEOUT_MS)
    assert not lab.side_panel.isVisible() and not toggle.isChecked()
    assert all(other.side_panel.isHidden() for other in window.labs)  # the next tab has the room too
    toggle.trigger()
    assert lab.side_panel.isVisible()


@pytest.mark.parametrize("name", ["roots", "descent"])
def test_the_side_panel_never_clips_its_panels_at_1024_by_768(qtbot, settings, state, name):
    window = MainWindow(settings, state)
    qtbot.addWidget(window)
    window.resize(1024, 740)  # a 1024x768 projector, less the title bar: the first layout is at that size
    window.show()
    lab = window.lab(name)
    window.tabs.setCurrentWidget(lab)
    if name == "roots":  # parameter rows are wider than the hint that there are none
        qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
        lab.editor.line_edit.setText("a*sin(x) - b")
        lab.editor.line_edit.returnPressed.emit()
        qtbot.waitUntil(lambda: len(lab.parameters.names) == 2, timeout=TIMEOUT_MS)
    column = lab.side_panel.widget()
    qtbot.waitUntil(lambda: lab.side_panel.viewport().width() >= column.minimumSizeHint().width(),
                    timeout=TIMEOUT_MS)
    assert not lab.side_panel.horizontalScrollBar().isVisible()
    assert lab.figure_view.width() > 500  # and the plots keep most of the window

def test_a_mistake_or_a_long_notice_does_not_move_the_plots(qtbot, window):
    lab = window.lab("roots")
    top = lab.figure_view.mapTo(window, lab.figure_view.rect().topLeft()).y()
    lab.editor.line_edit.setText("x^2 + (x")
    lab.editor.line_edit.returnPressed.emit()
    lab.notice.setText("<br>".join(f"line {n}: a long explanation of what happened" * 3 for n in range(6)))
    QApplication.processEvents()
    assert lab.editor.has_error
    assert lab.figure_view.mapTo(window, lab.figure_view.rect().topLeft()).y() == top
    assert "and 5 more" in lab.notice.text() and "line 5" in lab.notice.toolTip()


def test_the_mistakes_column_is_underlined_in_the_box(qtbot, window):
    line_edit = window.lab("roots").editor.line_edit
    line_edit.setText("sin(x) + foo(x)")
    line_edit.returnPressed.emit()
    assert line_edit.error_column == 10
    left, right = line_edit.column_span(10)
    metrics = line_edit.fontMetrics()
    first, f = line_edit.column_span(1)  # the text starts at the first character's left edge
    assert left - first == metrics.horizontalAdvance("sin(x) + ") and right - left == metrics.horizontalAdvance("f")


def test_playback_reaches_hundreds_of_steps_a_second_or_a_whole_run_in_seconds(qtbot, window, settings, open_window):
    playback = window.playback
    assert "240 steps/s" in SPEEDS and "whole run in 5 s" in SPEEDS
    playback.show_timeline(5001, 0)
    playback.speed.setCurrentText("whole run in 5 s")
    assert playback.steps_per_second() == 1000.0
    assert playback._stride * 1000 / playback._timer.interval() == pytest.approx(1000, rel=0.05)
    playback.speed.setCurrentText("240 steps/s")
    assert playback._stride * 1000 / playback._timer.interval() == pytest.approx(240, rel=0.1)
    window.close()
    assert open_window(settings).playback.speed.currentText() == "240 steps/s"  # remembered


def test_view_toggles_show_check_marks_that_follow_the_setting(qtbot, window):
    lab = window.lab("roots")
    auto_zoom = action(window, "Follow the &bracket (auto-zoom)")
    assert auto_zoom.isCheckable() and not auto_zoom.isChecked()
    auto_zoom.trigger()
    assert lab.scene().auto_zoom and lab.method_panel.auto_zoom.isChecked() and auto_zoom.isChecked()
    lab.method_panel.auto_zoom.setChecked(False)
    assert not auto_zoom.isChecked()
    descent = window.lab("descent")
    log_scale = action(window, "&Log-scale colours")
    assert log_scale.isChecked()
    descent.log_scale.setChecked(False)
    assert not log_scale.isChecked() and not descent.scene().log_scale


def test_each_tab_says_what_to_do_first(qtbot, window):
    assert "drag the bracket" in window.statusBar().currentMessage()
    window.tabs.setCurrentWidget(window.lab("descent"))
    assert "Click the surface to add a start point" in window.statusBar().currentMessage()
