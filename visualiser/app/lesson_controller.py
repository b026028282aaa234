"""The window's lesson: File > New, Open, Open Recent, Examples, Save, Save As; the lesson panel; autosave.

The document (visualiser.labs.lesson_document) holds the lesson; its shown scene is the scene of
the lab that shows it, kept in step both ways: stepping to a scene sets its lab's scene, and an edit
in that lab changes the lesson's scene. A file that cannot be read is refused in one sentence and
nothing on screen changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox

from ..labs.lesson_document import LessonDocument
from ..labs.lesson_file import read_lesson, write_lesson
from ..labs.lessons import builtin_lessons
from ..labs.scene_file import SceneFileError, scene_lab
from .autosave import AUTOSAVE_SECONDS, Autosave
from .lesson_panel import LessonPanel
from .menu_action import make_action

SETTINGS_RECENT = "lessons/recent"
RECENT_COUNT = 8
DOCK_WIDTH = 300  # px: the note beside the figure, not instead of it
FILE_FILTER = "Lessons (*.json);;All files (*)"


class LessonController(QObject):
    documentChanged = Signal()  # a new document, another scene shown, or a change that needs saving

    def __init__(self, window: QMainWindow, settings: QSettings, autosave: Autosave):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.autosave = autosave
        self.document = LessonDocument.untitled(window.current_lab.scene())
        self.panel = LessonPanel()
        self.dock = QDockWidget("Lesson", window)
        self.dock.setObjectName("lesson")  # for saveState/restoreState
        self.dock.setWidget(self.panel)
        self.dock.hide()
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.recent_menu = QMenu("Open &Recent", window)
        self.examples_menu = QMenu("E&xamples", window)
        for name, lesson in builtin_lessons().items():
            self.examples_menu.addAction(make_action(
                self, lesson.title, lambda _=False, name=name: self.open_document(
                    LessonDocument(builtin_lessons()[name])), tip=f"The built-in lesson '{name}'"))
        self._update_recent_menu()

        self.panel.previousRequested.connect(lambda: self.step_scene(-1))
        self.panel.nextRequested.connect(lambda: self.step_scene(+1))
        self.panel.addRequested.connect(self.add_current_scene)
        self.panel.removeRequested.connect(self.remove_scene)
        self.panel.noteEdited.connect(lambda note: self._edit(self.document.set_note, note))
        self.panel.titleEdited.connect(lambda title: self._edit(self.document.set_title, title))
        for lab in window.labs:
            lab.sceneChanged.connect(lambda lab=lab: self._on_lab_scene(lab))
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_SECONDS * 1000)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._autosave_timer.start()

    def actions(self) -> list[QAction | QMenu]:
        """The File menu's lesson entries, in order (menus are submenus)."""
        return [
            make_action(self, "&New lesson", self.new_lesson, QKeySequence.StandardKey.New,
                        "Start a lesson from the scene on screen"),
            make_action(self, "&Open lesson…", self.open_dialog, QKeySequence.StandardKey.Open, "Open a lesson file"),
            self.recent_menu,
            self.examples_menu,
            make_action(self, "&Save lesson", self.save, QKeySequence.StandardKey.Save, "Save the lesson"),
            make_action(self, "Save lesson &as…", self.save_as_dialog, QKeySequence.StandardKey.SaveAs,
                        "Save the lesson to another file"),
        ]

    # --- documents ---
    def new_lesson(self) -> None:
        if self.ask_to_keep_changes():
            self.open_document(LessonDocument.untitled(self.window.current_lab.scene()))

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open lesson", str(self._folder()), FILE_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open the lesson at ``path``; a file that cannot be read is one sentence, and nothing changes."""
        try:
            lesson = read_lesson(path)
        except SceneFileError as error:
            QMessageBox.warning(self.window, "Open lesson", f"The lesson could not be opened: {error}")
            return False
        if not self.ask_to_keep_changes():
            return False
        self.open_document(LessonDocument(lesson, Path(path)))
        self._remember_recent(Path(path))
        return True

    def open_document(self, document: LessonDocument) -> None:
        self.document = document
        if not self.dock.isVisible():
            self.dock.show()
            self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self._show_current_scene()
        self.window.statusBar().showMessage(f"Lesson: {document.lesson.title}", 8000)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as_dialog()
        return self._write(self.document.path)

    def save_as_dialog(self) -> bool:
        suggested = self.document.path or self._folder() / f"{_file_name(self.document.lesson.title)}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save lesson", str(suggested), FILE_FILTER)
        return bool(path) and self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            write_lesson(path, self.document.lesson)
        except OSError as error:
            QMessageBox.warning(self.window, "Save lesson", f"The lesson could not be saved: {error.strerror or error}")
            return False
        self.document.saved_as(path)
        self._remember_recent(path)
        self.window.statusBar().showMessage(f"Saved {path}", 8000)
        self.documentChanged.emit()
        return True

    def ask_to_keep_changes(self) -> bool:
        """Before the lesson goes (another lesson, quitting): save, discard, or stay. False: stay."""
        if not self.document.worth_asking_about:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved lesson", f"Save the changes to \u201c{self.document.lesson.title}\u201d?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- scenes ---
    def step_scene(self, step: int) -> bool:
        """The next (+1) or previous (-1) scene of the lesson; False at either end."""
        if not self.document.go_to(self.document.index + step):
            return False
        self._show_current_scene()
        return True

    def add_current_scene(self) -> None:
        try:
            self.document.add_scene(self.window.current_lab.scene())
        except ValueError as error:
            self.window.statusBar().showMessage(str(error), 8000)
            return
        self.dock.show()
        self._show_current_scene()

    def remove_scene(self) -> None:
        try:
            self.document.remove_scene()
        except ValueError as error:
            self.window.statusBar().showMessage(str(error), 8000)
            return
        self._show_current_scene()

    def _show_current_scene(self) -> None:
        scene = self.document.current.scene
        lab = self.window.lab(scene_lab(scene))
        lab.set_scene(scene)  # before its tab is shown: a hidden lab computes nothing until it is
        self.window.tabs.setCurrentWidget(lab)
        self.panel.show_document(self.document)
        self.documentChanged.emit()

    def _on_lab_scene(self, lab) -> None:
        if lab.name == scene_lab(self.document.current.scene):
            was_changed = self.document.changed
            self.document.show_scene(lab.scene())
            if self.document.changed != was_changed:
                self.documentChanged.emit()

    def _edit(self, edit, value) -> None:
        edit(value)
        self.panel.show_document(self.document)
        self.documentChanged.emit()

    # --- autosave ---
    def autosave_now(self) -> None:
        self.autosave.write(self.document)

    def offer_to_restore(self) -> None:
        """After a session that did not end normally: offer its autosaved lesson back."""
        pending = self.autosave.pending()
        if pending is None:
            return
        answer = QMessageBox.question(
            self.window, "Restore lesson",
            f"visualiser did not close normally last time. Restore the lesson \u201c{pending.lesson.title}\u201d "
            f"as it was a few seconds before?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.open_document(pending)
        else:
            self.autosave.discard()

    def closed_cleanly(self) -> None:
        self._autosave_timer.stop()
        self.autosave.discard()

    # --- recent files ---
    def _folder(self) -> Path:
        recent = self._recent()
        return recent[0].parent if recent else Path.home()

    def _recent(self) -> list[Path]:
        value = self.settings.value(SETTINGS_RECENT)
        entries = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return [Path(entry) for entry in entries if isinstance(entry, str) and entry]

    def _remember_recent(self, path: Path) -> None:
        path = path.resolve()
        recent = [path, *(entry for entry in self._recent() if entry != path)][:RECENT_COUNT]
        self.settings.setValue(SETTINGS_RECENT, [str(entry) for entry in recent])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(make_action(self, path.name, lambda _=False, p=path: self.open_path(p),
                                                   tip=str(path)))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))


def _file_name(title: str) -> str:
    return "".join(c if c.isalnum() or c in "-_ " else "-" for c in title).strip().replace(" ", "-").lower() or "lesson"
