"""The application's icon, for every window: the PNGs of resources/icons, one per size, in one QIcon."""

from __future__ import annotations

import re

from PySide6.QtGui import QIcon, QPixmap

from ..resource_files import resource_folder

ICON_FILE = re.compile(r"visualiser-(\d+)\.png")


def application_icon() -> QIcon:
    """Every size of the icon (16 to 512 px), so that each place draws the one made for it, not a blurred scale.

    Read as bytes, so that it works from any installed form (wheel, zip, bundle) alike.
    """
    icon = QIcon()
    for entry in resource_folder("icons").iterdir():
        if ICON_FILE.fullmatch(entry.name):
            pixmap = QPixmap()
            if not pixmap.loadFromData(entry.read_bytes(), "PNG"):
                raise RuntimeError(f"the icon {entry.name} does not load")  # a broken shipped file is our bug
            icon.addPixmap(pixmap)
    return icon
