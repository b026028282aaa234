"""Open the learning-rate lab on heavy-ball momentum with its heatmap and a cell's run, for the README screenshot.

    ../shared/tools/screenshot docs/screenshot-lr-search.png --size 1440x900 --wait 25 --wm -- python docs/screenshot_lr_search.py
"""

import os
import tempfile

from PySide6.QtCore import QSettings, QTimer

from visualiser.app.application import create_application
from visualiser.app.main_window import MainWindow
from visualiser.labs.lr_search.scene import LrSearchScene

FRAME = 9  # mid-search: the bracket has closed in on 2(1+μ)/λ_max but the rows still show it halving

app = create_application()
window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat))
window.showMaximized()
lab = window.lab("lr_search")
window.tabs.setCurrentWidget(lab)
lab.set_scene(LrSearchScene(optimizer="momentum", max_steps=500, show_heatmap=True, cell=(10, 27)))
QTimer.singleShot(15000, lambda: window.playback.set_frame(FRAME))
app.exec()
