"""What the wheel check and the bundle build share: building the distributions, a fresh virtual
environment, and the smoke commands that an installed copy of the app must run.

Not part of the package; imported by packaging/check_wheel.py and packaging/build_bundle.py.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import venv
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]

# The commands every installed form of the app (wheel, bundle) runs, from a folder outside the checkout,
# headless. Each is (arguments, a file it must write, or None).
SMOKE_COMMANDS = [
    (["--version"], None),
    (["examples"], None),
    (["inspect", "(1-x)^2 + 100(y-x^2)^2"], None),  # derivatives: the symbolic worker's child process starts
    (["render", "--example", "bisection-basics", "--out", "bisection.png"], "bisection.png"),
    (["--install-desktop-entry"], "xdg-data/applications/io.github.visualiser.Visualiser.desktop"),
    # (["neighbours", "king"], None),  # added when the vector-space lab (issue 13) lands
]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run ``command``, echoing it; its output goes to ours. A failure stops the check."""
    print(f"$ {shlex.join(str(word) for word in command)}", flush=True)
    return subprocess.run(command, check=True, **kwargs)


def build_distributions(outdir: Path) -> tuple[Path, Path]:
    """``python -m build`` (an sdist, then the wheel built from it): the sdist and the wheel."""
    run([sys.executable, "-m", "build", "--outdir", str(outdir), str(CHECKOUT)], stdout=subprocess.DEVNULL)
    (sdist,), (wheel,) = outdir.glob("*.tar.gz"), outdir.glob("*.whl")
    for path in sdist, wheel:
        print(f"built {path.name}: {path.stat().st_size / 1e3:.0f} kB")
    return sdist, wheel


def fresh_venv(path: Path, *requirements: str) -> Path:
    """A new virtual environment at ``path`` with only ``requirements`` (and what they need); its Python."""
    venv.create(path, with_pip=True, clear=True)
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run([str(python), "-m", "pip", "install", "-q", *requirements])
    return python


def outside_environment(workdir: Path) -> dict[str, str]:
    """Our environment for running an installed copy in ``workdir``: headless, its desktop files kept in
    ``workdir``, and no PYTHONPATH that could lead back to the checkout."""
    workdir.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(workdir / "xdg-data")}
    environment.pop("PYTHONPATH", None)
    return environment


def run_smoke_commands(program: list[str], workdir: Path) -> None:
    """Run every smoke command with ``program`` in ``workdir`` (outside the checkout), headless."""
    environment = outside_environment(workdir)
    for arguments, output in SMOKE_COMMANDS:
        started = time.perf_counter()
        run([*program, *arguments], cwd=workdir, env=environment, timeout=300)
        print(f"  ({time.perf_counter() - started:.1f} s)")
        if output is not None and not (workdir / output).is_file():
            raise SystemExit(f"'{shlex.join(arguments)}' did not write {output}")
