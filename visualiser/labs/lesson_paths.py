"""Where a lesson's files are (a vector scene's data and metadata): beside the lesson file, so they travel with it.

A lesson file names a file as a path relative to its own folder (``vectors.tsv``, ``data/words.tsv``),
or an absolute one. Reading a lesson turns each into an absolute path, so that a scene in memory,
in a lab, in the window's settings or in the autosave, names its files wherever the app was started
from (a relative path there is of the working directory, as a path typed or kept by an older
version always was). Writing a lesson, Save As to another folder too, names each file for the file
being written: relative, with forward slashes, when it is in the lesson's folder or below it, so that
the folder can be moved, zipped or shared whole; absolute otherwise, since a ``../`` path breaks as
soon as the lesson alone is copied elsewhere, and an absolute one keeps working on this machine.
"""

from __future__ import annotations

import os
from pathlib import Path


def lesson_folder(lesson: Path) -> Path:
    """The absolute folder of the lesson file ``lesson`` (no symbolic links followed: paths stay as written)."""
    return Path(os.path.abspath(lesson)).parent


def file_from_lesson(folder: Path, name: str) -> str:
    """A file as a lesson file in ``folder`` names it, as a path to open: a relative one is of ``folder``."""
    return name if Path(name).is_absolute() else os.path.normpath(folder / name)


def file_for_lesson(folder: Path, path: str) -> str:
    """A file's path as a lesson file in ``folder`` keeps it: relative within ``folder``, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(folder).as_posix()
    except ValueError:  # outside the folder (or on another drive)
        return str(absolute)
