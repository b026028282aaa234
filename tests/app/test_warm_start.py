"""A warm start builds the window without compiling anything (issue 12, item 18).

Each lab is built on the scene saved at the last close. Building a start scene first, as the window
once did, compiled the descent lab's preset: a wait for the symbolic worker's sympy import and the
first lambdifies, about a second before the first frame. Checked in fresh interpreters, since this
test session has compiled many expressions already.
"""

import json
import subprocess
import sys

OPEN_CLOSE_AND_REPORT = """
import json, sys
from PySide6.QtCore import QSettings
from visualiser.app.application import create_application
from visualiser.app.main_window import MainWindow
from visualiser.engine.symbolic_worker import SYMBOLIC_WORKER
from visualiser.labs.scene_file import scene_to_json

app = create_application()
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat), sys.argv[2])
print(json.dumps({"differentiated": SYMBOLIC_WORKER.process_id is not None,
                  "scenes": [scene_to_json(lab.scene()) for lab in window.labs]}))
window.close()  # keeps each lab's scene in the settings, as quitting the app does
"""


def launch(tmp_path) -> dict:
    result = subprocess.run([sys.executable, "-c", OPEN_CLOSE_AND_REPORT, str(tmp_path / "settings.ini"),
                             str(tmp_path / "state")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_a_warm_start_shows_the_saved_scenes_without_compiling(tmp_path):
    first = launch(tmp_path)
    assert first["differentiated"]  # the first launch builds the descent lab's start scene: a compile
    warm = launch(tmp_path)
    assert warm["scenes"] == first["scenes"]
    assert not warm["differentiated"]
