"""The folders of files the app ships besides code (lessons, icons, desktop files), wherever it runs from.

An installed wheel (or a PyInstaller bundle) has them all inside the package ``visualiser.resources``
(setup.py maps them there). Python started in a source checkout (pytest, ``python -m visualiser`` from
the repository) imports ``visualiser`` from the source folder instead, which has no such subpackage, so
the same folders are found in the checkout, where :data:`SHIPPED_FOLDERS` says they are.

This module stays free of Qt: the labs and the command line read their resources through it too.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

RESOURCES_PACKAGE = "visualiser.resources"

# Every folder that ships, by name (its place under visualiser/resources in a wheel), and where it is in a
# checkout. setup.py's package_dir and package_data put each one in the wheel; packaging/check_wheel.py
# checks the wheel holds every file of every folder listed here, so a new folder is one line here (and
# its pattern in setup.py's package_data).
SHIPPED_FOLDERS = {
    "lessons": "resources/lessons",
    "icons": "resources/icons",
    "linux": "packaging/linux",  # the desktop entry and AppStream metainfo, for --install-desktop-entry
}

CHECKOUT_ROOT = Path(__file__).resolve().parents[1]


def resource_folder(name: str) -> Traversable:
    """The shipped folder ``name`` (a key of :data:`SHIPPED_FOLDERS`): in the installed package, or in the checkout."""
    if name not in SHIPPED_FOLDERS:
        raise KeyError(f"no shipped folder '{name}' (there are {', '.join(SHIPPED_FOLDERS)}): add it to SHIPPED_FOLDERS")
    if _resources_installed_beside_this_package():
        return importlib.resources.files(RESOURCES_PACKAGE) / name
    return CHECKOUT_ROOT / SHIPPED_FOLDERS[name]


def _resources_installed_beside_this_package() -> bool:
    """Whether ``visualiser.resources`` is this copy's own (``visualiser/resources``, in a wheel or a bundle).

    Not when it is missing (a checkout), nor when an editable install of another checkout maps it to that
    checkout's folder while this one runs from ``PYTHONPATH``: those files may not be these.
    """
    try:
        spec = importlib.util.find_spec(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        return False
    return spec is not None and spec.origin is not None and Path(spec.origin).parent.parent == Path(__file__).parent
