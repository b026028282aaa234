"""Open the vector-space lab on the digits with t-SNE running, for the README screenshot.

    ../shared/tools/screenshot docs/screenshot-vectors.png --size 1440x900 --wait 170 -- \
        python docs/screenshot_vectors.py
"""

import os
import tempfile

import msgspec
from PySide6.QtCore import QSettings

from visualiser.app.application import create_application
from visualiser.app.main_window import MainWindow

app = create_application()
window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat))
window.showMaximized()
lab = window.lab("vectors")
window.tabs.setCurrentWidget(lab)
lab.set_scene(msgspec.structs.replace(lab.scene(), data="digits", method="tsne", selected=0, arrows=True,
                                      analogy=("0", "1", "7"), iterations=1000))
app.exec()
