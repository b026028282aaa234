"""``visualiser --install-desktop-entry``: real files into a temporary $XDG_DATA_HOME, starting this very program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from visualiser.desktop_integration import (APP_ID, data_home, desktop_entry_text, install_desktop_entry,
                                            uninstall_desktop_entry)
from visualiser.resource_files import resource_folder

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop.org desktops are Linux's")

ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
VISUALISER_SCRIPT = Path(sys.executable).parent / "visualiser"  # pip's launcher, beside this Python


def visualiser(*argv: str, data: Path, program: list[str] = (sys.executable, "-m", "visualiser")):
    environment = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run([*program, *argv], capture_output=True, text=True, env=environment, timeout=60)


def desktop_key(path: Path, key: str) -> str:
    return next(line.split("=", 1)[1] for line in path.read_text().splitlines() if line.startswith(f"{key}="))


def validate_desktop_file(path: Path) -> None:
    if shutil.which("desktop-file-validate"):  # Debian's desktop-file-utils; .ci/run installs it
        done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout


@pytest.mark.smoke
def test_install_puts_the_entry_metainfo_and_every_icon_where_desktops_look(tmp_path):
    done = visualiser("--install-desktop-entry", data=tmp_path)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert f"installed the desktop entry, metainfo and {len(ICON_SIZES) + 1} icons" in done.stdout
    assert str(entry) in done.stdout
    assert desktop_key(entry, "Exec") == f"{sys.executable} -m visualiser %f"
    assert desktop_key(entry, "TryExec") == sys.executable
    assert desktop_key(entry, "Icon") == APP_ID
    validate_desktop_file(entry)
    metainfo = tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == (resource_folder("linux") / metainfo.name).read_bytes()
    icons = tmp_path / "icons" / "hicolor"
    for size in ICON_SIZES:
        icon = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon.read_bytes() == (resource_folder("icons") / f"visualiser-{size}.png").read_bytes()
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.smoke
@pytest.mark.skipif(not VISUALISER_SCRIPT.exists(), reason="no visualiser launcher beside this Python")
def test_an_entry_installed_by_the_visualiser_command_starts_that_command(tmp_path):
    """A virtual environment is not on the desktop's PATH: the entry names its launcher in full."""
    done = visualiser("--install-desktop-entry", data=tmp_path, program=[str(VISUALISER_SCRIPT)])
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert desktop_key(entry, "Exec") == f"{VISUALISER_SCRIPT} %f"
    assert desktop_key(entry, "TryExec") == str(VISUALISER_SCRIPT)


def test_uninstall_removes_what_install_wrote_and_nothing_else(tmp_path):
    written = install_desktop_entry(tmp_path, ["/opt/visualiser/visualiser"])
    other = tmp_path / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    done = visualiser("--uninstall-desktop-entry", data=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"removed {len(written)} files:")
    assert not any(path.exists() for path in written) and other.exists()
    assert uninstall_desktop_entry(tmp_path) == []


def test_a_launcher_path_with_spaces_quotes_and_percent_signs_is_quoted_as_the_spec_asks(tmp_path):
    program = '/home/ann/my apps/"v"$1 100%/visualiser'
    text = desktop_entry_text([program, "-m", "visualiser"])
    assert 'Exec="/home/ann/my apps/\\\\"v\\\\"\\\\$1 100%%/visualiser" -m visualiser %f' in text.splitlines()
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(text)
    validate_desktop_file(entry)


@pytest.mark.parametrize("value, expected", [
    ("/data/share", Path("/data/share")),
    ("", Path.home() / ".local" / "share"),
    ("relative/share", Path.home() / ".local" / "share"),  # the XDG spec: a relative path is ignored
])
def test_the_data_folder_is_xdg_data_home_when_it_is_an_absolute_path(value, expected):
    assert data_home({"XDG_DATA_HOME": value}) == expected
    assert data_home({}) == Path.home() / ".local" / "share"
