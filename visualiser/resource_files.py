"""Where the files the app ships are (lessons, icons, desktop files, ...): one folder of them by name.

An installed wheel (or a PyInstaller bundle) has them all inside the package ``visualiser.resources``
(setup.py puts them there). Python started in a checkout (pytest, ``python -m visualiser`` from the
repository) imports ``visualiser`` from the source folder instead, which has no such subpackage, so the
files are found in the checkout, where :data:`SHIPPED_FOLDERS` says. The checkout's own files win even
when some ``visualiser.resources`` is importable (an editable install of another checkout): the data
must match the code that reads it. Qt-free and numpy-free: the engine, the labs and the command line
all use it.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

RESOURCES_PACKAGE = "visualiser.resources"
_CHECKOUT = Path(__file__).resolve().parents[1]

# Every folder that ships, by name (its place under visualiser/resources in a wheel), and where it is in a
# checkout. setup.py's package_dir and package_data put each one in the wheel, and the smoke tests that
# packaging/check_wheel.py runs against the wheel check it holds every file of every folder listed here:
# a new folder is one line here (and its pattern in setup.py's package_data).
SHIPPED_FOLDERS = {
    "lessons": "resources/lessons",
    "icons": "resources/icons",
    "linux": "packaging/linux",  # the desktop entry and AppStream metainfo, for --install-desktop-entry
}


def resource_folder(name: str) -> Traversable:
    """The shipped folder ``name`` (a key of :data:`SHIPPED_FOLDERS`), in this source checkout or installed."""
    if name not in SHIPPED_FOLDERS:
        raise KeyError(f"no shipped folder '{name}' (there are {', '.join(SHIPPED_FOLDERS)}): add it to SHIPPED_FOLDERS")
    if (_CHECKOUT / "setup.py").is_file() and (_CHECKOUT / "resources" / "__init__.py").is_file():
        return _CHECKOUT / SHIPPED_FOLDERS[name]
    return importlib.resources.files(RESOURCES_PACKAGE) / name
