"""What the main window expects of a lab (a tab): the contract both labs keep.

A lab owns its editor, panels and plots; the window owns the shared playback controls, the
menus and the status bar, and talks to the current lab only through this interface.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsScene


class Lab(Protocol):
    title: str                      # the tab's text
    historyChanged: SignalInstance  # (int) a new run history with this many frames
    frameRequested: SignalInstance  # (int) the user picked a frame inside the lab (a table row)
    statusMessage: SignalInstance   # (str) a lesson or a result, for the status bar
    activity: SignalInstance        # (str) what the lab is busy with, "" when idle

    @property
    def frame_count(self) -> int: ...

    @property
    def export_scene(self) -> QGraphicsScene: ...  # what File > Export image saves

    def show_frame(self, frame: int) -> None: ...

    def menu_actions(self, parent: QObject) -> dict[str, list[QAction]]: ...  # menu title -> entries

    def save_state(self) -> None: ...  # called when the window closes
