"""Animations of a figure, frame by frame: GIF through Pillow, MP4 (H.264) through PyAV.

An :class:`AnimationExport` draws one frame at a time (``step``), so that the app can keep its
window responsive and show progress between frames, and a command line can simply loop. A
cancelled or failed export leaves no half-written file behind.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage

from .offscreen import OffscreenFigure

FORMATS = (".gif", ".mp4")
DEFAULT_FPS = 10
DEFAULT_MOST_FRAMES = 120


def frames_to_show(frame_count: int, most: int) -> list[int]:
    """At most ``most`` frames from 0 to the last, evenly spaced, the first and the last always among them."""
    last = max(frame_count - 1, 0)
    if frame_count <= most:
        return list(range(frame_count))
    return sorted({round(k * last / (most - 1)) for k in range(most)})


def rgb_pixels(image: QImage) -> np.ndarray:
    """The image as an (height, width, 3) uint8 array."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = converted.width(), converted.height()
    rows = np.frombuffer(converted.constBits(), dtype=np.uint8, count=converted.sizeInBytes())
    return rows.reshape(height, converted.bytesPerLine())[:, : 3 * width].reshape(height, width, 3).copy()


class _GifFrames:
    """Pillow needs every frame at once to write a GIF: frames are kept quantised (a byte a pixel).

    Every frame uses the first frame's palette, undithered, so what does not move (the surface, the
    axes) keeps the same bytes from frame to frame and Pillow stores only each frame's changed
    rectangle: a 40-frame 1280x720 descent race is 0.5 MB instead of 4.7 MB with a palette per frame,
    and quantising is twice as fast.
    """

    def __init__(self, path: Path, fps: float):
        self.path, self.duration = path, round(1000 / fps)
        self.frames: list[Image.Image] = []
        self.palette: Image.Image | None = None

    def add(self, pixels: np.ndarray) -> None:
        image = Image.fromarray(pixels)
        if self.palette is None:  # FASTOCTREE: about 5 times faster than Pillow's default quantiser
            self.palette = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        # The first frame too is mapped to the nearest colour (the octree maps some pixels differently).
        self.frames.append(image.quantize(palette=self.palette, dither=Image.Dither.NONE))

    def close(self) -> None:
        first, *rest = self.frames
        first.save(self.path, save_all=True, append_images=rest, duration=self.duration, loop=0, disposal=1)


class _Mp4Frames:
    """H.264 in an MP4 file, through PyAV (in-process; no ffmpeg program needed)."""

    def __init__(self, path: Path, fps: float):
        import av  # only when an MP4 is asked for: it is large

        self.container = av.open(str(path), mode="w")
        self.fps = round(fps)
        self.stream = None  # made at the first frame, which gives the size
        self._frame_type = av.VideoFrame

    def add(self, pixels: np.ndarray) -> None:
        height, width = pixels.shape[:2]
        # yuv420p wants even sides: pad with the figure's white background rather than resize (no blur).
        even = np.full((height + height % 2, width + width % 2, 3), 255, dtype=np.uint8)
        even[:height, :width] = pixels
        if self.stream is None:
            self.stream = self.container.add_stream("libx264", rate=self.fps)
            self.stream.width, self.stream.height = even.shape[1], even.shape[0]
            self.stream.pix_fmt = "yuv420p"
            self.stream.options = {"crf": "20"}  # visually lossless for plots; small files
        for packet in self.stream.encode(self._frame_type.from_ndarray(even, format="rgb24")):
            self.container.mux(packet)

    def close(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()


class AnimationExport:
    """Write ``frames`` of an offscreen figure to ``path`` (.gif or .mp4) at ``fps`` frames a second."""

    def __init__(self, figure: OffscreenFigure, path: Path, frames: list[int], fps: float = DEFAULT_FPS):
        path = Path(path)
        if path.suffix.lower() not in FORMATS:
            raise ValueError(f"'{path.name}' should end in .gif or .mp4")
        if not frames:
            raise ValueError("there are no frames to write")
        if not fps > 0:
            raise ValueError(f"frames a second must be positive, not {fps}")
        self.figure, self.path, self.frames = figure, path, list(frames)
        writer = _GifFrames if path.suffix.lower() == ".gif" else _Mp4Frames
        self._writer = writer(path, fps)
        self._done = 0

    @property
    def progress(self) -> float:
        return self._done / len(self.frames)

    @property
    def finished(self) -> bool:
        return self._done == len(self.frames)

    def step(self) -> bool:
        """Draw and write the next frame; True while there are more. The file is complete after the last."""
        try:
            self.figure.draw(self.frames[self._done])
            self._writer.add(rgb_pixels(self.figure.image()))
            self._done += 1
            if self.finished:
                self._writer.close()
        except BaseException:
            self.cancel()
            raise
        return not self.finished

    def run(self) -> Path:
        while self.step():
            pass
        return self.path

    def cancel(self) -> None:
        """Stop, and leave no half-written file."""
        if not self.finished:
            try:
                if isinstance(self._writer, _Mp4Frames):
                    self._writer.container.close()
            finally:
                self.path.unlink(missing_ok=True)
