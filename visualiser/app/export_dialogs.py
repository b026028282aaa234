"""File > Export: a picture of the figure, the run as an animation, the run's numbers as CSV.

A picture larger than the screen's is the screen's at a higher pixel density: the scene drawn by a
copy of the figure that many times larger, at that scale (lines, markers, text and legends all
larger), never the screen's figure laid out again wider. The animation is drawn by a copy of the
figure too, one frame per turn of the event loop, so the window stays responsive, shows the
progress and can cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QMainWindow, QMessageBox, QProgressDialog)

from ..figures.animation import DEFAULT_FPS, DEFAULT_MOST_FRAMES, AnimationExport, frames_to_show
from ..figures.caption import Caption
from ..figures.export import picture_format
from ..figures.offscreen import OffscreenFigure, scene_image
from ..figures.style import FigureStyle
from ..labs.atomic_file import write_atomically
from .lab_interface import Lab


def image_size_choices(width: int) -> dict[str, float]:
    """What the picture's width can be, and the pixel density that gives it (1: the screen's)."""
    return {f"As on screen ({width} px wide)": 1.0, f"Double, for print ({2 * width} px)": 2.0,
            "Full HD (1920 px)": 1920 / width, "4K (3840 px)": 3840 / width}


def computed_result(lab: Lab):
    """What the lab's figure draws for its scene, for a copy of the figure to draw again (never computed
    again here, on the GUI thread); ValueError while it is still being computed."""
    result = lab.current_result()
    if result is None:
        raise ValueError("the figure is still being computed; export it once it is drawn")
    return result


def save_picture(lab: Lab, path: Path, density: float = 1.0, caption: Caption = Caption()) -> Path:
    """The lab's figure to ``path`` (.png as pixels, .svg as vectors) at ``density`` times the screen's pixel
    density, with ``caption`` above it."""
    picture = picture_format(path)
    style = lab.figure.style
    scale = style.scale * density
    if density == 1:
        drawn = picture.of_figure(lab.figure)
    else:
        size = lab.figure.size()
        drawn = scene_image(lab.scene(), (round(density * size.width()), round(density * size.height())), scale,
                            computed_result(lab), picture.of_figure, style.palette)
    if caption:
        drawn = picture.captioned(drawn, caption, FigureStyle(scale, style.palette))
    return picture.save(drawn, path)


class ImageExportDialog(QDialog):
    """How large a picture (PNG or SVG), and whether the formula and the runs' legend go above the figure."""

    def __init__(self, window: QMainWindow, width: int):
        super().__init__(window)
        self.setWindowTitle("Export image")
        self.size_choice = QComboBox()
        for text, density in image_size_choices(width).items():
            self.size_choice.addItem(text, density)
        self.size_choice.setToolTip("Larger pictures are the screen's at a higher pixel density: "
                                    "lines, markers and text grow with them")
        self.formula = QCheckBox("The formula")
        self.runs = QCheckBox("The legend of the runs")
        for box in (self.formula, self.runs):
            box.setChecked(True)
            box.setToolTip("Put it above the figure, as the window shows it beside the figure")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Width:", self.size_choice)
        form.addRow("Include:", self.formula)
        form.addRow("", self.runs)
        form.addRow(buttons)

    @property
    def density(self) -> float:
        return self.size_choice.currentData()

    def caption(self, lab: Lab) -> Caption:
        full = lab.caption()
        return Caption(full.formula if self.formula.isChecked() else "", full.runs if self.runs.isChecked() else ())


def export_image_dialog(window: QMainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Export image", "visualiser.png",
                                          "PNG image (*.png);;SVG drawing (*.svg)")
    if not path:
        return
    lab = window.current_lab
    options = ImageExportDialog(window, round(lab.figure.size().width()))
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        saved = save_picture(lab, Path(path), options.density, options.caption(lab))
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
        style = lab.figure.style
        self.figure = OffscreenFigure(lab.scene(), (round(size.width()), round(size.height())), style.scale,
                                      computed_result(lab), style.palette)
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
