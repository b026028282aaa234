"""File > Export: a picture of the figure, the run as an animation, the run's numbers as CSV.

The animation is drawn by a copy of the figure in a view that is never shown, one frame per turn
of the event loop, so the window stays responsive, shows the progress and can cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox, QProgressDialog

from ..figures.animation import DEFAULT_FPS, DEFAULT_MOST_FRAMES, AnimationExport, frames_to_show
from ..figures.export import export_image
from ..figures.offscreen import OffscreenFigure
from ..labs.atomic_file import write_atomically


def image_size_choices(width: int) -> dict[str, int]:
    return {f"As on screen ({width} px wide)": width, f"Double, for print ({2 * width} px)": 2 * width,
            "Full HD (1920 px)": 1920, "4K (3840 px)": 3840}


def export_image_dialog(window: QMainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Export image", "visualiser.png",
                                          "PNG image (*.png);;SVG drawing (*.svg)")
    if not path:
        return
    width = None
    if not path.lower().endswith(".svg"):
        choices = image_size_choices(round(window.current_lab.figure.size().width()))
        choice, accepted = QInputDialog.getItem(window, "Export image", "Image width:", list(choices), 0, False)
        if not accepted:
            return
        width = choices[choice]
    try:
        saved = export_image(window.current_lab.figure, Path(path), width)
    except (OSError, ValueError) as error:
        QMessageBox.warning(window, "Export image", f"The image could not be saved: {error}")
        return
    window.statusBar().showMessage(f"Saved {saved}", 8000)


class AnimationExportDialog(QProgressDialog):
    """Draws and writes the animation a frame at a time; Cancel stops it and removes the file."""

    def __init__(self, window: QMainWindow, path: Path, fps: float = DEFAULT_FPS,
                 most_frames: int = DEFAULT_MOST_FRAMES):
        super().__init__(f"Writing {path.name}…", "Cancel", 0, 1000, window)
        self.setWindowTitle("Export animation")
        self.setMinimumDuration(0)
        self.window_ = window
        lab = window.current_lab
        size = lab.figure.size()
        self.figure = OffscreenFigure(lab.scene(), (round(size.width()), round(size.height())))
        self.export = AnimationExport(self.figure, path, frames_to_show(self.figure.frame_count, most_frames), fps)
        self.canceled.connect(self._cancel)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._next_frame)
        self._timer.start(0)

    def _next_frame(self) -> None:
        try:
            more = self.export.step()
        except (OSError, ValueError) as error:
            self._timer.stop()
            self.figure.close()
            self.reset()
            QMessageBox.warning(self.window_, "Export animation", f"The animation could not be written: {error}")
            return
        self.setValue(round(1000 * self.export.progress))
        if not more:
            self._timer.stop()
            self.figure.close()
            self.window_.statusBar().showMessage(f"Saved {self.export.path} ({len(self.export.frames)} frames)", 8000)

    def _cancel(self) -> None:
        self._timer.stop()
        self.export.cancel()
        self.figure.close()
        self.window_.statusBar().showMessage("Export cancelled: nothing was written", 5000)


def export_animation_dialog(window: QMainWindow) -> AnimationExportDialog | None:
    path, _ = QFileDialog.getSaveFileName(window, "Export animation", "visualiser.gif",
                                          "GIF animation (*.gif);;MP4 video (*.mp4)")
    if not path:
        return None
    try:
        dialog = AnimationExportDialog(window, Path(path))
    except ValueError as error:  # the scene cannot be drawn (its expression would not compile), a bad name
        QMessageBox.warning(window, "Export animation", f"The animation could not be written: {error}")
        return None
    dialog.show()
    return dialog


def export_data_dialog(window: QMainWindow) -> None:
    lab = window.current_lab
    history = lab.history_csv()
    if history is None:
        QMessageBox.information(window, "Export data", "There is no run to export yet.")
        return
    path, _ = QFileDialog.getSaveFileName(window, "Export data", f"visualiser-{lab.name}.csv", "CSV table (*.csv)")
    if not path:
        return
    try:
        write_atomically(Path(path), history.encode())
    except OSError as error:
        QMessageBox.warning(window, "Export data", f"The table could not be saved: {error.strerror or error}")
        return
    window.statusBar().showMessage(f"Saved {path}", 8000)
