"""The ``visualiser`` command itself: --version, and no display without a Qt abort."""

import os
import subprocess
import sys

import pytest

import visualiser
from visualiser.cli import main


@pytest.mark.smoke
def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"visualiser {visualiser.__version__}"


def test_unknown_command_is_one_error_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: argument COMMAND: invalid choice: 'frobnicate'")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is Linux-specific")
def test_no_display_gives_one_clear_sentence_and_no_qt_abort():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "visualiser"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode != 0
    assert result.returncode > 0, "killed by a signal: Qt aborted"
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: no display found")
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
