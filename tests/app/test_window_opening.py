"""The window is on screen before its labs are built (issue 12, item 18: the first frame under 1.5 s).

The app shows the window's frame (menus, tabs, status bar) first and opens the labs once that frame
is painted; the labs' packages (sympy, pyqtgraph, superqt) are what the first frame used to wait for.
"""

import json
import subprocess
import sys
import threading

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from visualiser.app.job_runner import LatestJobRunner
from visualiser.app.lab_registry import lab_class
from visualiser.app import main_window
from visualiser.app.main_window import MainWindow
from visualiser.engine import ExpressionError
from visualiser.labs.lab_titles import LAB_TITLES
from visualiser.labs.scene_file import scene_from_json

IMPORTED_BY_THE_FRAME = """
import json, sys
import visualiser.app.application, visualiser.app.main_window
print(json.dumps(sorted(name for name in ("sympy", "pyqtgraph", "superqt", "numpy", "msgspec") if name in sys.modules)))
"""


def test_the_windows_frame_imports_none_of_the_labs_packages():
    result = subprocess.run([sys.executable, "-c", IMPORTED_BY_THE_FRAME], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == []


def test_every_lab_has_its_widget_under_its_name():
    for name in LAB_TITLES:
        assert lab_class(name).name == name


def test_the_frame_shows_the_tabs_then_the_labs_open_once_it_is_painted(qtbot, settings, state, monkeypatch):
    monkeypatch.setattr(main_window, "OPEN_LABS_FALLBACK_MS", 600_000)  # the paint opens them, not the fallback
    settings.setValue("window/tab", 1)
    window = MainWindow(settings, state, open_labs=False)
    qtbot.addWidget(window)
    assert not window.labs_open
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(LAB_TITLES.values())
    placeholder = window.tabs.widget(0)
    assert isinstance(placeholder, QLabel) and placeholder.text() == "Opening the root finding lab…"
    with qtbot.waitSignal(window.labsOpened, timeout=30_000):
        window.show()
    assert [lab.name for lab in window.labs] == list(LAB_TITLES)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(LAB_TITLES.values())  # the labs' own
    assert window.current_lab is window.lab("descent")  # the tab the last session ended on
    assert window.tabs.count() == len(LAB_TITLES)
    assert window.statusBar().currentMessage() == window.current_lab.hint
    assert window.file_menu.actions() and window.view_menu.actions()


def test_closing_before_the_labs_open_leaves_the_saved_scenes_as_they_were(qtbot, settings, state):
    window = MainWindow(settings, state)
    qtbot.addWidget(window)
    roots = window.lab("roots")
    roots.set_scene(roots.scene().with_expression("x^2 - 3"))  # changed, then kept at the close
    window.close()
    kept = dict((key, settings.value(key)) for key in settings.allKeys())

    opening = MainWindow(QSettings(settings.fileName(), QSettings.Format.IniFormat), state, open_labs=False)
    qtbot.addWidget(opening)
    opening.close()  # before it was ever painted
    settings.sync()
    assert dict((key, settings.value(key)) for key in settings.allKeys()) == kept
    assert scene_from_json(settings.value("scenes/roots"), lab="roots").expression == "x^2 - 3"


def test_an_abandoned_runner_delivers_nothing(qtbot):
    runner = LatestJobRunner()
    release = threading.Event()
    delivered = []
    runner.succeeded.connect(delivered.append)
    runner.failed.connect(delivered.append)

    def cut_short():  # as a compile does when the window's close kills the symbolic worker (the lab,
        # told, once took it for its saved scene not compiling and started afresh)
        release.wait(10)
        raise ExpressionError("cancelled: a newer expression replaced this one")
    with qtbot.waitSignal(runner.busyChanged, timeout=10_000):  # busy, then idle again
        runner.submit(cut_short)
        runner.abandon()
        release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert delivered == []



def test_a_tab_picked_while_the_labs_open_stays_picked(qtbot, settings, state):
    settings.setValue("window/tab", 1)
    window = MainWindow(settings, state, open_labs=False)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(3)  # a click on "Vector spaces" before the labs are there
    window.open_labs()
    assert window.current_lab is window.lab("vectors")
