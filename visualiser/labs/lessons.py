"""The lessons that ship with the app (resources/lessons/NN-name.json), by name.

A lesson's name is its file's name without the number that orders the files and without ``.json``:
``01-bisection-basics.json`` is ``bisection-basics``.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..resource_files import resource_folder
from .lesson_file import Lesson, lesson_from_json
from .scene_file import SceneFileError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def lessons_folder() -> Traversable:
    """The folder of built-in lessons: inside the installed package, or in the source checkout."""
    return resource_folder("lessons")


@functools.cache
def builtin_lessons() -> dict[str, Lesson]:
    """Every built-in lesson, in file-name order (the files start with a number for that)."""
    files = sorted((entry for entry in lessons_folder().iterdir() if entry.name.endswith(".json")), key=lambda e: e.name)
    lessons = {}
    for entry in files:
        name = re.sub(r"^\d+-", "", entry.name.removesuffix(".json"))
        try:
            lessons[name] = lesson_from_json(entry.read_bytes())
        except SceneFileError as error:  # a broken built-in lesson is our bug: say which, loudly
            raise RuntimeError(f"the built-in lesson {entry.name} is broken: {error}") from None
    return lessons


def builtin_lesson(name: str) -> Lesson:
    """The built-in lesson ``name``, or one sentence listing the names."""
    lessons = builtin_lessons()
    if name not in lessons:
        raise SceneFileError(f"no built-in lesson '{name}' (see 'visualiser examples': {', '.join(lessons)})")
    return lessons[name]
