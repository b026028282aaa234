"""The shipped folders are found wherever the app runs from, and hold exactly the checkout's files.

Run from the checkout this checks the fallback; run against an installed wheel (packaging/check_wheel.py
runs the smoke tests from outside the checkout) it checks that the wheel carries every shipped file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from visualiser.resource_files import SHIPPED_FOLDERS, resource_folder

CHECKOUT = Path(__file__).resolve().parents[1]


def files_under(folder) -> set[str]:
    """The relative names of the files under a Traversable folder, caches left out."""
    names = set()
    for entry in folder.iterdir():
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            names |= {f"{entry.name}/{name}" for name in files_under(entry)}
        else:
            names.add(entry.name)
    return names


@pytest.mark.smoke
@pytest.mark.parametrize("name", list(SHIPPED_FOLDERS))
def test_each_shipped_folder_holds_exactly_the_checkouts_files(name):
    expected = files_under(CHECKOUT / SHIPPED_FOLDERS[name])
    assert expected, f"{SHIPPED_FOLDERS[name]} is empty in the checkout"
    assert files_under(resource_folder(name)) == expected


@pytest.mark.smoke
def test_a_shipped_file_reads_the_same_as_in_the_checkout():
    lesson = resource_folder("lessons") / "01-bisection-basics.json"
    assert lesson.read_bytes() == (CHECKOUT / "resources/lessons/01-bisection-basics.json").read_bytes()


def test_an_unknown_folder_is_refused_with_the_names_there_are():
    with pytest.raises(KeyError, match="no shipped folder 'fonts' .*lessons, icons, linux"):
        resource_folder("fonts")


def test_python_started_in_the_checkout_reads_the_checkouts_own_folders():
    """``python -m visualiser`` in the repository imports the source folder, which has no visualiser.resources."""
    probe = "from visualiser.resource_files import resource_folder; print(resource_folder('lessons'))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=CHECKOUT, capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()) == CHECKOUT / "resources" / "lessons"
