"""Build the one-folder PyInstaller bundle and check that it starts: build the wheel, install it with
PyInstaller in a fresh virtual environment, bundle it with packaging/pyinstaller/visualiser.spec, and run
the bundle's smoke commands (--version, a headless render, ...) from a folder outside the checkout.

    python packaging/build_bundle.py [--out DIR]     (needs 'build': pip install build)

The bundle is DIR/visualiser/ (default dist/bundle/visualiser/); start it as DIR/visualiser/visualiser.
Slow (minutes) and large (hundreds of MB): run by hand, not by .ci/run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from release_checks import CHECKOUT, build_distributions, fresh_venv, run, run_smoke_commands

SPEC = CHECKOUT / "packaging" / "pyinstaller" / "visualiser.spec"
PYINSTALLER = "pyinstaller>=6.10"


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build_bundle(out: Path, work: Path) -> Path:
    started = time.perf_counter()
    _, wheel = build_distributions(work / "dist")
    python = fresh_venv(work / "venv", str(wheel), PYINSTALLER)
    print(f"wheel built and installed with PyInstaller in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(out),
         "--workpath", str(work / "build"), str(SPEC)], cwd=work)
    bundle = out / "visualiser"
    print(f"bundled in {time.perf_counter() - started:.0f} s: {bundle}, {folder_size(bundle) / 1e6:.0f} MB")
    executable = bundle / ("visualiser.exe" if sys.platform == "win32" else "visualiser")
    run_smoke_commands([str(executable)], work / "outside")
    print(f"the bundle starts and renders headless: {executable}")
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CHECKOUT / "dist" / "bundle",
                        help="where the bundle folder goes (default: dist/bundle)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="visualiser-bundle-"))
    try:
        build_bundle(args.out.resolve(), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
