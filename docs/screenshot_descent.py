"""Open the gradient-descent lab racing all seven optimizers on Rosenbrock, for the README screenshot.

    ../shared/tools/screenshot docs/screenshot-descent.png --size 1440x900 --wait 9 -- python docs/screenshot_descent.py
"""

import os
import tempfile

from PySide6.QtCore import QSettings, QTimer

from visualiser.app.application import create_application
from visualiser.app.main_window import MainWindow

FRAME = 120  # far enough that the paths have split, early enough that the arrows still show each step

app = create_application()
window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat))
window.showMaximized()
window.tabs.setCurrentWidget(window.lab("descent"))  # a fresh settings file: the default Rosenbrock race
QTimer.singleShot(5000, lambda: window.playback.set_frame(FRAME))
app.exec()
