"""Prove the wheel carries everything: build it, install it alone in a fresh virtual environment, and run
the smoke commands and the suite's smoke tests against it from a folder outside the checkout.

    python packaging/check_wheel.py [--keep]      (needs 'build': pip install build)

The smoke tests (pytest -m smoke) include tests/test_resource_files.py, which compares every shipped
folder of the installed package with the checkout's, file by file. The wheel is built from the sdist
(python -m build does that), so a file missing from the sdist is missing from the wheel too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from release_checks import CHECKOUT, build_distributions, fresh_venv, outside_environment, run, run_smoke_commands


def check_wheel(work: Path) -> None:
    started = time.perf_counter()
    _, wheel = build_distributions(work / "dist")
    python = fresh_venv(work / "venv", f"{wheel}[test]")
    print(f"built and installed in {time.perf_counter() - started:.0f} s")
    outside = work / "outside"  # not the checkout, so that nothing can be imported from its source folder
    run_smoke_commands([str(python.parent / "visualiser")], outside)
    tests = run([str(python), "-m", "pytest", "-m", "smoke", "-p", "no:cacheprovider", str(CHECKOUT / "tests")],
                cwd=outside, env=outside_environment(outside), stdout=subprocess.PIPE, text=True)
    print(tests.stdout, end="")
    imported_from = next(line for line in tests.stdout.splitlines() if line.startswith("visualiser imported from"))
    if not imported_from.split(": ", 1)[1].startswith(str(work / "venv")):
        raise SystemExit(f"the smoke tests did not test the installed wheel ({imported_from})")
    print(f"the wheel {wheel.name} works installed alone ({time.perf_counter() - started:.0f} s in all)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the build folder (its path is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="visualiser-wheel-"))
    try:
        check_wheel(work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
