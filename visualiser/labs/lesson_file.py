"""Lessons: a titled list of scenes, each with a note, kept as one JSON file a teacher can share.

::

    {"format": "visualiser-lesson", "version": 1, "title": "Bisection basics",
     "scenes": [{"note": "Bisection **halves** the bracket ...", "scene": {"lab": "roots", ...}}, ...]}

A lesson is a file someone else made, so reading it is as strict as reading a scene (the same
reader: every field checked, every expression through the safe parser, the path of the first bad
field in the message) with limits on what a lesson may hold. A problem is one
:class:`~visualiser.labs.scene_file.SceneFileError` sentence that names the file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import msgspec

from .atomic_file import write_atomically
from .lesson_paths import file_for_lesson, file_from_lesson, lesson_folder
from .scene import SceneError
from .scene_file import SCENE_TYPES, SceneFileError, decode_checked

FORMAT = "visualiser-lesson"
VERSION = 1
MAX_SCENES = 200
MAX_TITLE = 200      # characters
MAX_NOTE = 20_000    # characters, a long page of text


class LessonScene(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    scene: SCENE_TYPES
    note: str = ""

    def __post_init__(self) -> None:
        if len(self.note) > MAX_NOTE:
            raise SceneError("note", f"the note is {len(self.note)} characters long; the limit is {MAX_NOTE}")


class Lesson(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    title: str = "Untitled lesson"
    scenes: tuple[LessonScene, ...]

    def __post_init__(self) -> None:
        if not self.title.strip() or len(self.title) > MAX_TITLE:
            raise SceneError("title", f"a title of 1 to {MAX_TITLE} characters is needed")
        if not 1 <= len(self.scenes) <= MAX_SCENES:
            raise SceneError("scenes", f"a lesson has 1 to {MAX_SCENES} scenes, not {len(self.scenes)}")


class _LessonFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    version: int
    title: str = "Untitled lesson"
    scenes: tuple[LessonScene, ...]


def lesson_to_json(lesson: Lesson) -> bytes:
    document = _LessonFile(format=FORMAT, version=VERSION, title=lesson.title, scenes=lesson.scenes)
    return msgspec.json.format(msgspec.json.encode(document), indent=2)


def lesson_from_json(data: str | bytes) -> Lesson:
    """The lesson in ``data``; raises :class:`SceneFileError` saying what is wrong and where."""
    document = decode_checked(data, _LessonFile, FORMAT, VERSION)
    try:
        return Lesson(title=document.title, scenes=document.scenes)
    except SceneError as error:
        raise SceneFileError(str(error)) from None


def read_lesson(path: Path) -> Lesson:
    """The lesson in the file ``path``, the files it names found from its folder (see :mod:`.lesson_paths`);
    every problem (missing, unreadable, refused) as one sentence naming it."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_READ)
    except OSError as error:
        raise SceneFileError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    try:
        lesson = lesson_from_json(data)
    except SceneFileError as error:
        raise SceneFileError(f"{path.name}: {error}") from None
    return _with_files(lesson, functools.partial(file_from_lesson, lesson_folder(path)))


def write_lesson(path: Path, lesson: Lesson) -> Path:
    """``lesson`` to the file ``path``, each file it names relative to ``path``'s folder if it is in it."""
    kept = _with_files(lesson, functools.partial(file_for_lesson, lesson_folder(path)))
    return write_atomically(Path(path), lesson_to_json(kept))


def _with_files(lesson: Lesson, convert: Callable[[str], str]) -> Lesson:
    return msgspec.structs.replace(lesson, scenes=tuple(
        msgspec.structs.replace(entry, scene=entry.scene.with_files(convert)) for entry in lesson.scenes))


MAX_READ = 5 * 2**20 + 1  # one byte past the scene reader's limit, so that a larger file is refused as such
