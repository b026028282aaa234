"""``visualiser --version`` and ``--help`` answer without loading the libraries the commands use.

Importing sympy alone costs ~0.6 s of CPU, numpy ~0.2 s and Qt more; the answers should take a
fraction of that (issue 12, item 18; the figures are in benchmarks/bench_startup.py). Checked in
a fresh interpreter through ``-X importtime``, which lists every module the real command imports.
"""

import subprocess
import sys

import pytest

from visualiser.cli import SUBCOMMANDS, main

HEAVY_PACKAGES = {"numpy", "sympy", "msgspec", "PySide6", "shiboken6", "pyqtgraph", "superqt", "matplotlib"}


def packages_imported_by(*arguments: str) -> set[str]:
    """The top-level packages that ``python -m visualiser ARGUMENTS`` imports."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "visualiser", *arguments],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    names = [line.rpartition("|")[2].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "visualiser.cli" in names, "the probe saw no imports at all"
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_heavy_package(option):
    assert not packages_imported_by(option) & HEAVY_PACKAGES


def test_a_command_still_imports_what_it_uses():
    assert {"numpy", "sympy"} <= packages_imported_by("inspect", "x^2")


@pytest.mark.parametrize("command", [command.name for command in SUBCOMMANDS])
def test_every_subcommand_declares_its_arguments_when_asked_for_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith(f"usage: visualiser {command} [-h]")
    assert command == "examples" or "--" in usage.split("options:")[1].replace("--help", "")
