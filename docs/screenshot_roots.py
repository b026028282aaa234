"""Open the root-finding lab racing five methods, for the README screenshot.

    ../shared/tools/screenshot docs/screenshot-roots.png --size 1440x900 --wait 9 -- python docs/screenshot_roots.py
"""

import os
import tempfile

from PySide6.QtCore import QSettings, QTimer

from visualiser.app.application import create_application
from visualiser.app.main_window import MainWindow
from visualiser.labs.roots.examples import EXAMPLES

app = create_application()
window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat))
window.showMaximized()
lab = window.lab("roots")
lab.load_example(next(e for e in EXAMPLES if e.expression == "cos(x) - x"))
QTimer.singleShot(5000, lambda: window.playback.set_frame(4))
app.exec()
