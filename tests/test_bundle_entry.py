"""The PyInstaller bundle's entry point (packaging/pyinstaller/visualiser_main.py), run unfrozen: the command,
and ``-m visualiser.MODULE`` as the symbolic worker starts its child, but no other module."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import visualiser

ENTRY = Path(__file__).resolve().parents[1] / "packaging" / "pyinstaller" / "visualiser_main.py"


def entry(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ENTRY), *argv], capture_output=True, timeout=60, **kwargs)


def test_it_is_the_visualiser_command():
    done = entry("--version")
    assert done.returncode == 0 and done.stdout.decode().strip() == f"visualiser {visualiser.__version__}"


def test_dash_m_runs_the_symbolic_child_which_answers_a_job():
    done = entry("-m", "visualiser.engine.symbolic_child", input=pickle.dumps((len, ([1, 2, 3],))))
    assert done.returncode == 0, done.stderr
    assert pickle.loads(done.stdout) == ("ok", 3)


def test_dash_m_runs_no_module_outside_visualiser():
    done = entry("-m", "http.server")
    assert done.returncode == 2 and done.stderr.decode().startswith("error: argument COMMAND: invalid choice: '-m'")
