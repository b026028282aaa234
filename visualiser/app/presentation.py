"""Presentation mode (F5): full screen, large type, lines and markers, high-contrast colours, the lesson's note
beside the figure, a clicker's keys.

A presentation clicker sends PageDown and PageUp (some send Right and Left): each steps the
animation, and past its last (or first) frame moves to the next (or previous) scene of the lesson.
B blanks the screen and any key brings it back; Esc leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ..figures.style import FigureStyle
from ..labs.palette import HIGH_CONTRAST

FONT_SCALE = 1.6   # the window's type, for the back of a classroom
# The figures' lines, markers and text 1.6 times as large, in colours darker and more saturated than
# Okabe-Ito's, which a projector washes out (see visualiser.figures.style and visualiser.labs.palette).
FIGURE_STYLE = FigureStyle(1.6, HIGH_CONTRAST)
NOTE_SCALE = 2.2   # the note's


class PresentationMode(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.active = False
        self._was_full_screen = False
        self._normal_font = window.font()
        self._normal_note_font = None
        self._normal_styles: list[FigureStyle] = []  # each lab's figure's, to go back to
        self._dock_was_visible = False
        self._side_panels_were_shown = True
        self.blank = QWidget(window)
        self.blank.setStyleSheet("background: black;")
        self.blank.setToolTip("The screen is blank: any key brings it back")
        self.blank.hide()
        self._shortcuts = [QShortcut(QKeySequence(key), window, activated=slot) for key, slot in (
            (Qt.Key.Key_PageDown, lambda: self.step(+1)), (Qt.Key.Key_PageUp, lambda: self.step(-1)),
            (Qt.Key.Key_B, self.toggle_blank), (Qt.Key.Key_Escape, self.leave))]
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        window = self.window
        self._was_full_screen = window.isFullScreen()
        window.showFullScreen()
        # The figure takes the panels' room: at a projector's 1024x768 and 1.6 times the size, it needs it.
        self._side_panels_were_shown = window.side_panels_shown
        window.show_side_panels(False)
        self._normal_font = window.font()
        font = window.font()
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        window.setFont(font)
        self._normal_styles = [lab.figure.style for lab in window.labs]
        for lab in window.labs:
            lab.figure.set_style(FIGURE_STYLE)
        lessons = window.lessons
        self._dock_was_visible = lessons.dock.isVisible()
        note = lessons.panel.view
        self._normal_note_font = note.font()
        note_font = note.font()
        note_font.setPointSizeF(self._normal_font.pointSizeF() * NOTE_SCALE)
        note.setFont(note_font)
        if lessons.document.count > 1 or lessons.document.current.note:
            lessons.dock.show()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        window.statusBar().showMessage("Presentation: PageDown and PageUp step, B blanks the screen, Esc leaves")

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self._unblank()
        window = self.window
        window.setFont(self._normal_font)
        for lab, style in zip(window.labs, self._normal_styles):
            lab.figure.set_style(style)
        window.lessons.panel.view.setFont(self._normal_note_font)
        window.lessons.dock.setVisible(self._dock_was_visible)
        window.show_side_panels(self._side_panels_were_shown)
        if not self._was_full_screen:
            window.showNormal()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        window.statusBar().showMessage(window.current_lab.hint)

    def step(self, step: int) -> None:
        """One frame on (+1) or back (-1); past either end of the run, the next or previous scene."""
        self._unblank()
        playback = self.window.playback
        playback.pause()
        at_end = playback.frame >= playback.frame_count - 1 if step > 0 else playback.frame <= 0
        if not (at_end and self.window.lessons.step_scene(step)):
            playback.set_frame(playback.frame + step)

    def toggle_blank(self) -> None:
        if self.blank.isVisible():
            self._unblank()
            return
        self.blank.setGeometry(self.window.rect())
        self.blank.raise_()
        self.blank.show()
        QApplication.instance().installEventFilter(self)  # any key, wherever the focus is, brings it back

    def _unblank(self) -> None:
        if self.blank.isVisible():
            self.blank.hide()
            QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:  # keys that are not shortcuts (those step or leave)
            self._unblank()
            return True
        return False
