"""The lesson being worked on, kept every few seconds, so that a crash or a kill loses almost nothing.

The autosave lives in the user's state folder (``~/.local/state/visualiser`` on Linux). A clean
close removes it, so one found at start-up means the last session did not end normally, and the
window offers to bring the lesson back. It is written atomically: a kill in the middle of a write
leaves the previous autosave, never half of one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..labs.atomic_file import write_atomically
from ..labs.lesson_document import LessonDocument, autosave_from_json, autosave_to_json
from ..labs.scene_file import SceneFileError

log = logging.getLogger(__name__)
AUTOSAVE_SECONDS = 5
FILE_NAME = "autosave.json"


def state_directory() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation))


class Autosave:
    def __init__(self, directory: Path):
        self.path = Path(directory) / FILE_NAME
        self._written: bytes | None = None

    def write(self, document: LessonDocument) -> None:
        """Keep ``document``, unless it is as last kept."""
        data = autosave_to_json(document)
        if data == self._written:
            return
        try:
            write_atomically(self.path, data)
        except OSError as error:  # a full disk must not stop the person's work: try again next time
            log.warning("the lesson could not be autosaved to %s: %s", self.path, error)
            return
        self._written = data

    def pending(self) -> LessonDocument | None:
        """The lesson a session that did not close normally was working on, if there is one worth offering."""
        if not self.path.is_file():
            return None
        try:
            document = autosave_from_json(self.path.read_bytes())
        except (OSError, SceneFileError) as error:
            log.warning("an autosave was found but cannot be read (%s); it is set aside", error)
            self.path.replace(self.path.with_suffix(".unreadable.json"))
            return None
        if not (document.changed or document.path is not None):
            self.discard()  # an untouched untitled scene: the settings keep each lab's scene anyway
            return None
        return document

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self._written = None
