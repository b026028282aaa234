"""Start-up time: the headless answers (``--version``, ``--help``) and the window's first frame.

Run by hand:  python benchmarks/bench_startup.py [--repeats N]

Every process it starts runs the visualiser of the checkout this file is in (it is put first on
PYTHONPATH and made the working folder), whatever is installed, so two checkouts compare fairly.

Every figure is the median of N fresh processes (default 9), beside a baseline measured in the
same run, since on a shared machine only the ratios carry over from one run to the next:
  * ``python -c pass`` (the interpreter alone) and ``python -c "import sympy"``;
  * CPU (user + system, from ``os.wait4``) and wall time of ``python -m visualiser --version``, of
    ``--help`` and of the installed ``visualiser --version`` console script (target: < 0.2 s CPU);
  * the app's first frame on a warm start (target: < 1.5 s): from just before the process is
    launched to the end of the first paint of the main window (its frame: menus, tabs, "Opening
    the root finding lab…"), then to the end of the first paint with the labs open, then to the
    end of the first paint after the shown lab's run has arrived (the example drawn and ready to
    play); with the CPU the app's process had used by then (its threads, not the symbolic
    worker's process).

The window is opened by a probe process that runs the app as ``python -m visualiser`` does
(``visualiser.cli.main([])``), with an application-wide event filter that notes the two paints on
``time.monotonic()``, a clock shared by every process (CLOCK_MONOTONIC), then closes the window
cleanly. The app draws on Xvfb when it is installed (the xcb platform, as on a desktop),
offscreen otherwise. A warm start is a launch after the first one: byte code compiled (as pip
compiles it when it installs the app; here into a temporary PYTHONPYCACHEPREFIX, even where
PYTHONDONTWRITEBYTECODE is set), files in the page cache, and settings (window geometry, each
lab's scene) kept from the previous close, in a temporary folder rather than the user's own.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADLESS_TARGET_CPU_S = 0.2
FIRST_FRAME_TARGET_S = 1.5
SCREEN = "1600x1000"
PROBE_TIMEOUT_S = 60
CHECKOUT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {**{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
               "PYTHONPATH": os.pathsep.join(filter(None, (str(CHECKOUT), os.environ.get("PYTHONPATH")))),
               "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="visualiser-bench-pycache-")}
atexit.register(shutil.rmtree, ENVIRONMENT["PYTHONPYCACHEPREFIX"], ignore_errors=True)

# Runs in the launched process. The QApplication is made first so that the filter sees every event;
# the app's own create_application() then takes that instance.
FIRST_FRAME_PROBE = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow
from visualiser.app.application import create_application
from visualiser.cli import main

class FirstFrames(QObject):
    def __init__(self):
        super().__init__()
        self.window = None
        self.times = {}

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if self.window is None and isinstance(watched, QMainWindow):
                self.window = watched
                QTimer.singleShot(0, lambda: self.note("window"))  # once this paint is done
            elif self.window is not None and "window" in self.times and self.window.labs_open:
                QTimer.singleShot(0, lambda: self.note("labs"))
                if self.window.current_lab.frame_count > 1:
                    QTimer.singleShot(0, lambda: self.note("example"))
        return False

    def note(self, what):
        if what in self.times:
            return
        self.times[what] = (time.monotonic(), time.process_time())
        if len(self.times) == 3:
            print(json.dumps(self.times), flush=True)
            self.window.close()

app = create_application()
frames = FirstFrames()
app.installEventFilter(frames)
sys.exit(main([]))
"""


def run_timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (CPU of the process itself, from the kernel)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT,
                               cwd=CHECKOUT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} exited with status {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def median_run(argv: list[str], repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds over ``repeats`` runs, after one unmeasured run."""
    run_timed(argv)
    runs = [run_timed(argv) for _ in range(repeats)]
    return statistics.median(wall for wall, _ in runs), statistics.median(cpu for _, cpu in runs)


class Display:
    """An Xvfb screen for the probe if Xvfb is installed (stopped on exit), else Qt's offscreen platform."""

    def __init__(self):
        self.server = None
        self.env = {"QT_QPA_PLATFORM": "offscreen"}
        self.name = "offscreen (no Xvfb found)"
        if shutil.which("Xvfb"):
            # -displayfd: Xvfb picks a free display number and writes it here once it accepts clients.
            read_end, write_end = os.pipe()
            self.server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN}x24",
                                            "-nolisten", "tcp"], pass_fds=(write_end,),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(write_end)
            with os.fdopen(read_end) as number:
                display = f":{number.readline().strip()}"
            self.env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
            self.name = f"Xvfb {SCREEN}"

    def close(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait()


def first_frames(repeats: int, display: Display) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds from launch to the window's first frame ("window"), to the first
    frame with the labs open ("labs") and to the first frame with the example drawn ("example")."""
    home = Path(tempfile.mkdtemp(prefix="visualiser-bench-startup-"))
    env = {**ENVIRONMENT, **display.env, "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache")}
    try:
        times = [_probe(env) for _ in range(repeats + 1)][1:]  # the first launch is the cold one
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {what: (statistics.median(run[what][0] for run in times), statistics.median(run[what][1] for run in times))
            for what in ("window", "labs", "example")}


def _probe(env: dict[str, str]) -> dict[str, tuple[float, float]]:
    launched = time.monotonic()
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME_PROBE], capture_output=True, text=True, env=env,
                            cwd=CHECKOUT, timeout=PROBE_TIMEOUT_S)
    try:
        painted = json.loads(result.stdout.splitlines()[-1])
    except (IndexError, ValueError):
        sys.exit(f"the probe reported no first frame (status {result.returncode}):\n{result.stderr}")
    return {what: (at - launched, cpu) for what, (at, cpu) in painted.items()}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="runs per figure (default 9); the median is shown")
    repeats = parser.parse_args().repeats
    python = sys.executable
    script = Path(python).with_name("visualiser")
    print(f"median of {repeats} runs each; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"{'command':<40} {'wall s':>7} {'cpu s':>7} {'cpu / pass':>10} {'cpu / sympy':>11}")
    rows = [("python -c pass", [python, "-c", "pass"]),
            ("python -c 'import sympy'", [python, "-c", "import sympy"]),
            ("python -m visualiser --version", [python, "-m", "visualiser", "--version"]),
            ("python -m visualiser --help", [python, "-m", "visualiser", "--help"])]
    if script.exists():
        rows.append(("visualiser --version (console script)", [str(script), "--version"]))
    measured = {label: median_run(argv, repeats) for label, argv in rows}
    interpreter_cpu, sympy_cpu = measured[rows[0][0]][1], measured[rows[1][0]][1]
    for label, (wall, cpu) in measured.items():
        print(f"{label:<40} {wall:7.3f} {cpu:7.3f} {cpu / interpreter_cpu:10.1f} {cpu / sympy_cpu:11.2f}")
    headless_ok = all(cpu < HEADLESS_TARGET_CPU_S for label, (_, cpu) in measured.items() if "visualiser" in label)

    display = Display()
    try:
        frames = first_frames(repeats, display)
    finally:
        display.close()
    print(f"first frame, warm start, on {display.name}:")
    for what, label in (("window", "window on screen"), ("labs", "labs open (the shown lab drawn)"),
                        ("example", "example drawn (first run arrived)")):
        wall, cpu = frames[what]
        print(f"{label:<40} {wall:7.3f} {cpu:7.3f} {cpu / interpreter_cpu:10.1f} {cpu / sympy_cpu:11.2f}")
    frame_ok = frames["window"][0] < FIRST_FRAME_TARGET_S
    print(f"targets: --version/--help < {HEADLESS_TARGET_CPU_S} s CPU: {verdict(headless_ok)}; "
          f"first frame < {FIRST_FRAME_TARGET_S} s: {verdict(frame_ok)}")
    return 0 if headless_ok and frame_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
