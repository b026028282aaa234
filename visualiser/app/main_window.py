"""The main window: a tab per lab, shared playback controls, menus, status bar, settings.

The window opens in two steps, so that it is on screen about a second sooner: its frame (title,
menu bar, tabs with their titles, status bar) is built and shown first, importing nothing but Qt;
once that frame has been painted, ``open_labs`` imports the labs' packages (sympy, pyqtgraph and
superqt: most of the start-up's CPU) and builds the labs, menus, playback and lesson. Built with
``open_labs=True`` (the default, as tests and scripts build it), it does both at once.

Each lab's scene is kept in the settings file as a scene file (``visualiser.labs.scene_file``) and
shown again at the next start; one that cannot be read gives the lab its start scene, and the
reason goes to the log. The lesson (File > Open, the lesson panel, autosave) is the
LessonController's; presentation mode (F5) the PresentationMode's.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from .. import __version__
from ..engine.symbolic_worker import SYMBOLIC_WORKER
from ..labs.lab_titles import LAB_TITLES
from .lab_interface import Lab
from .lab_registry import lab_class
from .menu_action import make_action, make_toggle, show_checked

if TYPE_CHECKING:
    from ..figures.caption import Caption
    from ..labs.scene import Scene

log = logging.getLogger(__name__)

SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_STATE = "window/state"
SETTINGS_TAB = "window/tab"
SETTINGS_SCENE = "scenes/{name}"
SETTINGS_SPEED = "window/speed"
DEFAULT_SIZE = (1400, 900)
SCREEN_SHARE = 0.95  # of the screen's free area, at most, for the first window (a 1024x768 projector)
JOBS_AT_CLOSE_TIMEOUT_MS = 10_000
OPEN_LABS_FALLBACK_MS = 1000  # if the frame is never painted (a window shown minimised), the labs open anyway

ABOUT_TEXT = f"""<h3>visualiser {__version__}</h3>
<p>Makes the mathematics of machine learning visible and playable: type a function and watch
numerical methods work on it.</p>
<p>Built on PySide6 (Qt), pyqtgraph, numpy and sympy. Typed expressions are parsed by a
whitelisting parser, never executed.</p>"""


class MainWindow(QMainWindow):
    labsOpened = Signal()  # open_labs is done: the labs, menus, playback and lesson exist

    def __init__(self, settings: QSettings | None = None, state: Path | None = None, *, open_labs: bool = True):
        """``settings``: where preferences and each lab's scene are kept; ``state``: the autosave's folder;
        ``open_labs``: False to show the frame first and open the labs once it is painted (see the module)."""
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self._state = state
        self.setWindowTitle("visualiser")
        self.resize(*DEFAULT_SIZE)
        self.labs: list[Lab] = []
        self.tabs = QTabWidget()
        for title in LAB_TITLES.values():  # until the labs open: their titles, and a word in the shown tab
            opening = QLabel(f"Opening the {title.lower()} lab…")
            opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            opening.setEnabled(False)
            self.tabs.addTab(opening, title)
        # Lessons and results go to the status bar's message; busy/timing notes to its right end,
        # so "Computing…" never replaces the lesson a teacher has just opened.
        self.activity_label = QLabel()
        self.statusBar().addPermanentWidget(self.activity_label)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(4, 4, 4, 0)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        bar = self.menuBar()
        # References are kept: PySide6 deletes a QMenu whose Python wrapper is collected.
        self.menus = {title: bar.addMenu(title) for title in ("&File", "&Edit", "&View")}
        self.file_menu, self.edit_menu, self.view_menu = self.menus.values()
        geometry = self.settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._opening = False
        self._tab_picked = False
        self.tabs.currentChanged.connect(self._on_tab_picked_while_opening)
        if open_labs:
            self.open_labs()

    @property
    def labs_open(self) -> bool:
        return bool(self.labs)

    def open_labs(self) -> None:
        """Build the labs on their saved scenes, then the playback, lesson, presentation and menus."""
        if self.labs_open:
            return
        # Imported here, not with the module: the labs' packages are what a window's first frame waits for.
        from .lesson_controller import LessonController
        from .autosave import Autosave, state_directory
        from .playback import PlaybackControls
        from .presentation import PresentationMode

        self.setUpdatesEnabled(False)  # the placeholders give way to the labs in one paint
        # The tab picked while the labs opened, else the one the last session ended on.
        tab = self.tabs.currentIndex() if self._tab_picked else self.settings.value(SETTINGS_TAB, 0)
        # Each lab is built on the scene it shows first: a start scene is made only when none was saved
        # (the descent lab's start scene compiles its preset to pick the race's rates, ~1 s at start-up).
        labs = [lab_class(name)(self._saved_scene(name)) for name in LAB_TITLES]
        placeholders = [self.tabs.widget(index) for index in range(self.tabs.count())]
        self.tabs.clear()
        for placeholder in placeholders:
            placeholder.deleteLater()
        for lab in labs:
            self.tabs.addTab(lab, lab.title)
            lab.timelineChanged.connect(lambda lab=lab: self._on_timeline(lab))
            lab.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 15000))
            lab.activity.connect(self.activity_label.setText)
        self.labs = labs
        self.playback = PlaybackControls()
        self.playback.frameChanged.connect(lambda frame: self.current_lab.show_frame(frame))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._central_layout.addWidget(self.playback)
        if str(tab).isdigit():  # a hand-edited or damaged file may hold anything here
            self.tabs.setCurrentIndex(int(tab))
        for lab in self.labs:
            lab.restore_preferences(self.settings)
        self.lessons = LessonController(self, self.settings,
                                        Autosave(self._state if self._state is not None else state_directory()))
        self.lessons.documentChanged.connect(self._show_title)
        self.presentation = PresentationMode(self)
        self.animation_export = None
        self._build_menus()
        self._build_shortcuts()
        self._restore_window_state()
        self._show_title()
        self.statusBar().showMessage(self.current_lab.hint)
        self.setUpdatesEnabled(True)
        self.labsOpened.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.labs_open:
            QTimer.singleShot(OPEN_LABS_FALLBACK_MS, self._open_labs_soon)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.labs_open:
            QTimer.singleShot(0, self._open_labs_soon)  # after this paint has reached the screen

    def _on_tab_picked_while_opening(self, _index: int) -> None:
        if not self.labs_open:
            self._tab_picked = True

    def _open_labs_soon(self) -> None:
        if not self._opening and self.isVisible():  # one timer opens them; the others find it under way or closed
            self._opening = True
            self.open_labs()

    @property
    def current_lab(self) -> Lab:
        return self.tabs.currentWidget()

    def lab(self, name: str) -> Lab:
        return next(lab for lab in self.labs if lab.name == name)

    def fit_to_screen(self) -> None:
        """Shrink the window to the screen it is on, if it is larger (a projector at 1024x768), and centre it."""
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width = min(self.width(), int(SCREEN_SHARE * screen.width()))
        height = min(self.height(), int(SCREEN_SHARE * screen.height()))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
            self.move(screen.center() - self.rect().center())

    # --- menus ---
    def _build_menus(self) -> None:
        """File, Edit and View, then each lab's own menus (its View entries under its name)."""
        from .export_dialogs import export_data_dialog, export_image_dialog

        bar = self.menuBar()
        for entry in self.lessons.actions():
            self.file_menu.addMenu(entry) if isinstance(entry, QMenu) else self.file_menu.addAction(entry)
        self.file_menu.addSeparator()
        self.file_menu.addActions([
            make_action(self, "&Export image…", lambda: export_image_dialog(self), "Ctrl+E",
                        "Save the plots as PNG (choose a size, or double for print) or SVG"),
            make_action(self, "Export &animation…", self._export_animation, "Ctrl+Shift+E",
                        "Save the run played as a GIF animation or an MP4 video"),
            make_action(self, "Export &data…", lambda: export_data_dialog(self), tip="Save every step of the run "
                                                                                    "on screen as a CSV table"),
        ])
        self.file_menu.addSeparator()
        self.file_menu.addAction(make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit visualiser"))
        self.edit_menu.addAction(make_action(self, "&Copy image", self.copy_image, "Ctrl+Shift+C",
                                             "Put a picture of the plots on the clipboard"))
        for lab in self.labs:
            for title, actions in lab.menu_actions(self).items():
                if title not in self.menus:
                    self.menus[title] = bar.addMenu(title)
                menu = self.menus[title]
                if menu is self.view_menu:
                    menu.addSection(lab.title)
                for action in actions:
                    # a lab's entry shows that lab, wherever the user was
                    action.triggered.connect(lambda _=False, lab=lab: self.tabs.setCurrentWidget(lab))
                    menu.addAction(action)
        self.view_menu.addSeparator()
        # One entry for every lab's panel: a lab's own entries share one menu, and four with one key do nothing.
        self.side_panel_action = make_toggle(self, "Side &panel", self.show_side_panels, True, "Ctrl+\\",
                                             "Show or hide the panels at the right, to give the plots the room")
        self.view_menu.addAction(self.side_panel_action)
        lesson_panel = self.lessons.dock.toggleViewAction()
        lesson_panel.setText("&Lesson panel")
        lesson_panel.setToolTip("The lesson's scenes and notes")
        self.view_menu.addAction(lesson_panel)
        self.view_menu.addAction(make_action(self, "&Presentation mode", self.presentation.toggle, "F5",
                                             "Full screen with large type and the note: PageDown/PageUp step, "
                                             "B blanks, Esc leaves"))
        self.view_menu.addAction(make_action(self, "&Full screen", self._toggle_full_screen,
                                             [QKeySequence.StandardKey.FullScreen, "F11"], "Full screen, for a projector"))
        self.menus["&Help"] = self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(make_action(self, "&About visualiser", self.show_about, tip="Version and credits"))

    def _build_shortcuts(self) -> None:
        # Window-wide keys; a focused line edit or spin box still gets its own Space/arrows/Home.
        for key, slot in ((Qt.Key.Key_Space, self.playback.toggle_play), (Qt.Key.Key_Right, lambda: self.step(+1)),
                          (Qt.Key.Key_Left, lambda: self.step(-1)), (Qt.Key.Key_Home, self.playback.reset)):
            QShortcut(QKeySequence(key), self, activated=slot)

    def step(self, step: int) -> None:
        """Right and Left: a frame on or back (and, presenting, on to the next or previous scene)."""
        if self.presentation.active:
            self.presentation.step(step)
        elif step > 0:
            self.playback.step_forward()
        else:
            self.playback.step_back()

    def play_from_start(self) -> None:
        """What a newcomer sees first: the current example animating from iteration 0."""
        self.playback.set_frame(0)
        self.playback.play()

    # --- playback ---
    def _on_timeline(self, lab: Lab) -> None:
        if lab is self.current_lab:
            self.playback.show_timeline(lab.frame_count, lab.frame)

    @property
    def side_panels_shown(self) -> bool:
        return self.side_panel_action.isChecked()

    def show_side_panels(self, visible: bool) -> None:
        """Every lab's side panel shown or folded away (View > Side panel; presentation folds them)."""
        show_checked(self.side_panel_action, visible)
        for lab in self.labs:
            lab.side_panel.setVisible(visible)

    def _on_tab_changed(self, _index: int) -> None:
        self.playback.pause()
        self._on_timeline(self.current_lab)
        if self.statusBar().currentMessage() in ("", *(lab.hint for lab in self.labs)):  # a lesson stays
            self.statusBar().showMessage(self.current_lab.hint)

    # --- images ---
    def _export_animation(self) -> None:
        from .export_dialogs import export_animation_dialog

        self.animation_export = export_animation_dialog(self)  # kept while it runs

    def export_image(self, path: str | Path, density: float = 1.0, caption: Caption | None = None) -> Path:
        """Save the current lab's figure; the suffix picks the format (.png or .svg). See ``save_picture``."""
        from ..figures.caption import Caption
        from .export_dialogs import save_picture

        return save_picture(self.current_lab, Path(path), density, caption if caption is not None else Caption())

    def copy_image(self) -> None:
        from ..figures.export import copy_image

        copy_image(self.current_lab.figure)
        self.statusBar().showMessage("Copied a picture of the plots to the clipboard", 5000)

    # --- window ---
    def show_about(self) -> None:
        QMessageBox.about(self, "About visualiser", ABOUT_TEXT)

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _show_title(self) -> None:
        document = self.lessons.document
        unsaved = "*" if document.changed else ""
        self.setWindowTitle(f"{document.lesson.title}{unsaved} — visualiser" if self.lessons.dock.isVisible()
                            or document.path else "visualiser")

    def _restore_window_state(self) -> None:
        """The docks (the lesson panel) as they were, and the playback speed."""
        from .playback import SPEEDS

        state = self.settings.value(SETTINGS_STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        speed = self.settings.value(SETTINGS_SPEED)
        if speed in SPEEDS:
            self.playback.speed.setCurrentText(speed)

    def _saved_scene(self, name: str) -> Scene:
        """The scene this lab showed when the app last closed; its start scene if none can be read."""
        from ..labs.registry import LABS
        from ..labs.scene_file import SceneFileError, scene_from_json

        saved = self.settings.value(SETTINGS_SCENE.format(name=name))
        if saved is None:
            return LABS[name].start_scene()
        try:
            return scene_from_json(saved, lab=name)
        except SceneFileError as error:
            log.warning("the saved %s scene could not be read, so the lab starts afresh: %s", name, error)
            return LABS[name].start_scene()

    def closeEvent(self, event) -> None:
        if not self.labs_open:  # closed while opening: nothing was changed, so nothing is saved
            super().closeEvent(event)
            return
        from ..labs.scene_file import scene_to_json
        from .job_runner import LatestJobRunner

        if not self.lessons.ask_to_keep_changes():
            event.ignore()
            return
        self.presentation.leave()
        self.lessons.closed_cleanly()
        self.settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTINGS_STATE, self.saveState())
        self.settings.setValue(SETTINGS_TAB, self.tabs.currentIndex())
        self.settings.setValue(SETTINGS_SPEED, self.playback.speed.currentText())
        for lab in self.labs:
            self.settings.setValue(SETTINGS_SCENE.format(name=lab.name), scene_to_json(lab.scene()))
            lab.save_preferences(self.settings)
        self.settings.sync()
        # Let worker threads finish while the labs they report to still exist (a slow
        # differentiation is abandoned rather than waited for, a t-SNE run stopped); what they find
        # now is for nobody, and a compile cut short is not an expression the lab should give up on.
        for lab in self.labs:
            lab.stop_workers()
        for runner in self.findChildren(LatestJobRunner):
            runner.abandon()
        SYMBOLIC_WORKER.cancel()
        QThreadPool.globalInstance().waitForDone(JOBS_AT_CLOSE_TIMEOUT_MS)
        super().closeEvent(event)
