"""The lessons that ship with the app (resources/lessons/NN-name.json), by name.

A lesson's name is its file's name without the number that orders the files and without ``.json``:
``01-bisection-basics.json`` is ``bisection-basics``.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .lesson_file import Lesson, lesson_from_json
from .scene_file import SceneFileError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LESSONS_PACKAGE = "visualiser.resources"


def lessons_folder() -> Traversable:
    """The folder of built-in lessons: inside the installed package, or in the source checkout.

    An installed wheel has the top-level ``resources/`` as ``visualiser.resources``. Python started
    in a checkout (pytest, ``python -m visualiser`` from the repository) imports ``visualiser`` from
    the source folder instead, which has no such subpackage, so the files are found beside it.
    """
    try:
        return importlib.resources.files(LESSONS_PACKAGE) / "lessons"
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "lessons"


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
