"""``visualiser --install-desktop-entry`` and ``--uninstall-desktop-entry``: the app in this user's Linux menus."""

from __future__ import annotations

import argparse
import sys

from ..desktop_integration import data_home, install_desktop_entry, launcher_command, uninstall_desktop_entry
from .arguments import fail


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options = parser.add_mutually_exclusive_group()
    options.add_argument("--install-desktop-entry", action="store_true",
                         help="add the app to this user's desktop menus (Linux: a desktop entry, AppStream "
                              "metainfo and icons under $XDG_DATA_HOME, usually ~/.local/share) and exit")
    options.add_argument("--uninstall-desktop-entry", action="store_true",
                         help="remove what --install-desktop-entry added and exit")


def run(args: argparse.Namespace) -> int | None:
    """The exit code if one of the options was given, else None (the command goes on)."""
    if not (args.install_desktop_entry or args.uninstall_desktop_entry):
        return None
    if not sys.platform.startswith("linux"):
        return fail("desktop entries are for Linux desktops; the README says how to add the app on macOS and Windows")
    home = data_home()
    if args.install_desktop_entry:
        command = launcher_command()
        written = install_desktop_entry(home, command)
        print(f"installed the desktop entry, metainfo and {len(written) - 2} icons for {' '.join(command)}:")
        paths = written
    else:
        paths = uninstall_desktop_entry(home)
        print(f"removed {len(paths)} files" + (":" if paths else " (nothing was installed)"))
    for path in paths:
        print(f"  {path}")
    return 0
