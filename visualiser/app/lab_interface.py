"""What the main window expects of a lab (a tab): the contract every lab keeps.

A lab owns its editor, panels and figure and shows one scene; the window owns the shared playback
controls, the menus, the status bar and the settings file, and talks to a lab only through this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsItem, QWidget

if TYPE_CHECKING:  # the window's first frame imports this, and neither pyqtgraph nor sympy
    from ..figures.caption import Caption
    from ..labs.scene import Scene


class Lab(Protocol):
    name: str                        # the lab's name in scene files
    title: str                       # the tab's text
    hint: str                        # what to do first, in the status bar when the tab is shown
    sceneChanged: SignalInstance     # () the scene is another one
    timelineChanged: SignalInstance  # () the number of frames or the shown frame changed
    statusMessage: SignalInstance    # (str) a lesson or a result, for the status bar
    activity: SignalInstance         # (str) what the lab is busy with, "" when idle
    figure: QGraphicsItem            # what File > Export image saves; has ``style`` and ``set_scale``
    side_panel: QWidget              # the panels at the right, which View > Side panel folds away

    @property
    def frame_count(self) -> int: ...

    @property
    def frame(self) -> int: ...

    def show_frame(self, frame: int) -> None: ...

    def scene(self) -> Scene: ...

    def set_scene(self, scene: Scene) -> None: ...

    def menu_actions(self, parent: QObject) -> dict[str, list[QAction]]: ...  # menu title -> entries

    def current_result(self) -> object | None: ...  # what the figure draws, if it is of scene() (None: computing)

    def history_csv(self) -> str | None: ...  # the run on screen as CSV (File > Export data)

    def caption(self) -> Caption: ...  # the formula and each run's colour and outcome, for an exported picture

    def save_preferences(self, settings: QSettings) -> None: ...  # splitters, history: not part of a scene

    def restore_preferences(self, settings: QSettings) -> None: ...

    def stop_workers(self) -> None: ...  # the window is closing (its question answered): end work that would not end
