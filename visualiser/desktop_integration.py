"""Install the app into a Linux desktop's menus: its desktop entry, AppStream metainfo and icons, for one user.

``visualiser --install-desktop-entry`` copies packaging/linux/ (shipped as the folder ``linux``) and the
icons into the user's data folder ($XDG_DATA_HOME, usually ~/.local/share), where freedesktop.org
desktops look: applications/, metainfo/ and the hicolor icon theme. The entry starts the very program
that installed it (a virtual environment's ``visualiser``, or a bundle), so it works without that
environment on the desktop's PATH. ``--uninstall-desktop-entry`` removes exactly those files.

Qt-free, like the rest of the command line.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .resource_files import resource_folder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_ID = "io.github.visualiser.Visualiser"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_PNG = re.compile(r"visualiser-(\d+)\.png")


def data_home(environment: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (as the XDG spec says)."""
    value = (os.environ if environment is None else environment).get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts this copy of the app: a bundle's executable, the ``visualiser`` script, or
    ``python -m visualiser``."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return [sys.executable]
    script = Path(sys.argv[0]).absolute()
    if script.name == "visualiser" and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "visualiser"]


def exec_argument(word: str) -> str:
    """One word of a desktop entry's Exec key, quoted and escaped as the Desktop Entry Specification asks."""
    if not re.fullmatch(r"[\w/.+,:=@-]+", word):
        word = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
    return word.replace("%", "%%").replace("\\", "\\\\")  # then the string escape: a backslash is written twice


def desktop_entry_text(command: list[str]) -> str:
    """The shipped desktop entry, starting ``command`` (and, for TryExec, checking its program is there)."""
    text = (resource_folder("linux") / DESKTOP_FILE).read_text(encoding="utf-8")
    program = " ".join(exec_argument(word) for word in command)
    text = re.sub(r"^Exec=visualiser", lambda _: f"Exec={program}", text, flags=re.MULTILINE)
    return re.sub(r"^TryExec=.*$", lambda _: "TryExec=" + command[0].replace("\\", "\\\\"), text, flags=re.MULTILINE)


def shipped_sources(home: Path) -> dict[Path, Traversable]:
    """Each file installed under the data folder ``home``, and the shipped file it is made from."""
    linux, icons = resource_folder("linux"), resource_folder("icons")
    sources = {
        home / "applications" / DESKTOP_FILE: linux / DESKTOP_FILE,
        home / "metainfo" / METAINFO_FILE: linux / METAINFO_FILE,
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / "visualiser.svg",
    }
    pngs = {int(match.group(1)): entry for entry in icons.iterdir() if (match := ICON_PNG.fullmatch(entry.name))}
    for size, entry in sorted(pngs.items()):
        sources[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = entry
    return sources


def install_desktop_entry(home: Path, command: list[str]) -> list[Path]:
    """Write the desktop entry (starting ``command``), the metainfo and every icon under ``home``; the paths written."""
    written = []
    for path, source in shipped_sources(home).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.name == DESKTOP_FILE:
            path.write_text(desktop_entry_text(command), encoding="utf-8")
        else:
            path.write_bytes(source.read_bytes())
        written.append(path)
    return written


def uninstall_desktop_entry(home: Path) -> list[Path]:
    """Remove what :func:`install_desktop_entry` writes under ``home`` (nothing else); the paths removed."""
    removed = []
    for path in shipped_sources(home):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
