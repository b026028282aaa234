"""The lesson the window is showing: its scenes and notes, which one is shown, and whether it changed.

Qt-free, so that what opening, editing, stepping and saving do to a lesson is tested without a
window. The window keeps the shown scene in step with its lab (``show_scene``) and saves the
document when asked; the autosave writes it every few seconds while it has changes.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from .lesson_file import MAX_SCENES, Lesson, LessonScene
from .scene import Scene
from .scene_file import decode_checked

replace = msgspec.structs.replace


def _without_frame(scene: Scene) -> Scene:
    return replace(scene, frame=None)


class LessonDocument:
    """A lesson with a shown scene. ``changed``: edited since it was opened or saved.

    Playing or scrubbing a scene is not a change a person would be asked to save: the shown frame
    is kept with the scene, but alone it does not make the document ``changed``.
    """

    def __init__(self, lesson: Lesson, path: Path | None = None, index: int = 0):
        self.lesson = lesson
        self.path = path
        self.index = min(max(index, 0), len(lesson.scenes) - 1)
        self.changed = False

    @classmethod
    def untitled(cls, scene: Scene) -> "LessonDocument":
        return cls(Lesson(scenes=(LessonScene(scene=scene),)))

    # --- what it holds ---
    @property
    def current(self) -> LessonScene:
        return self.lesson.scenes[self.index]

    @property
    def count(self) -> int:
        return len(self.lesson.scenes)

    @property
    def worth_asking_about(self) -> bool:
        """Whether closing should offer to save it: a lesson from a file, or one given notes or scenes.

        A learner's plain untitled session is kept anyway (the window saves each lab's scene).
        """
        made = self.count > 1 or any(entry.note for entry in self.lesson.scenes)
        return self.changed and (self.path is not None or made)

    # --- edits ---
    def show_scene(self, scene: Scene) -> None:
        """The shown scene as its lab now has it."""
        if scene == self.current.scene:
            return
        if _without_frame(scene) != _without_frame(self.current.scene):
            self.changed = True
        self._set(self.index, replace(self.current, scene=scene))

    def set_note(self, note: str) -> None:
        if note != self.current.note:
            self._set(self.index, replace(self.current, note=note))
            self.changed = True

    def set_title(self, title: str) -> None:
        if title != self.lesson.title:
            self.lesson = replace(self.lesson, title=title)
            self.changed = True

    def add_scene(self, scene: Scene, note: str = "") -> None:
        """A new scene after the shown one, shown from now on."""
        if self.count >= MAX_SCENES:
            raise ValueError(f"a lesson holds at most {MAX_SCENES} scenes")
        scenes = list(self.lesson.scenes)
        scenes.insert(self.index + 1, LessonScene(scene=scene, note=note))
        self.lesson = replace(self.lesson, scenes=tuple(scenes))
        self.index += 1
        self.changed = True

    def remove_scene(self) -> None:
        """The shown scene goes (a lesson keeps at least one); its neighbour is shown."""
        if self.count == 1:
            raise ValueError("a lesson keeps at least one scene")
        scenes = list(self.lesson.scenes)
        del scenes[self.index]
        self.lesson = replace(self.lesson, scenes=tuple(scenes))
        self.index = min(self.index, self.count - 1)
        self.changed = True

    def go_to(self, index: int) -> bool:
        """Show scene ``index``; False if there is no such scene."""
        if not 0 <= index < self.count:
            return False
        self.index = index
        return True

    def saved_as(self, path: Path) -> None:
        self.path = Path(path)
        self.changed = False

    def _set(self, index: int, entry: LessonScene) -> None:
        scenes = list(self.lesson.scenes)
        scenes[index] = entry
        self.lesson = replace(self.lesson, scenes=tuple(scenes))


AUTOSAVE_FORMAT = "visualiser-autosave"
AUTOSAVE_VERSION = 1


class _AutosaveFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    version: int
    lesson: Lesson
    index: int = 0
    path: str | None = None   # where the lesson was opened from or saved to, if anywhere
    changed: bool = True


def autosave_to_json(document: LessonDocument) -> bytes:
    return msgspec.json.encode(_AutosaveFile(
        format=AUTOSAVE_FORMAT, version=AUTOSAVE_VERSION, lesson=document.lesson, index=document.index,
        path=str(document.path) if document.path is not None else None, changed=document.changed))


def autosave_from_json(data: bytes) -> LessonDocument:
    """The document an autosave holds; :class:`SceneFileError` if the file is damaged."""
    saved = decode_checked(data, _AutosaveFile, AUTOSAVE_FORMAT, AUTOSAVE_VERSION)
    document = LessonDocument(saved.lesson, Path(saved.path) if saved.path else None, saved.index)
    document.changed = saved.changed
    return document
