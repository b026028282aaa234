"""Make the app icon's PNGs (resources/icons/visualiser-N.png, 16 to 512 px) from its SVG source.

Run after editing resources/icons/visualiser.svg:  python packaging/render_icons.py
Uses Qt's own SVG renderer (PySide6.QtSvg, part of the app's dependencies), so it needs nothing more;
tests/app/test_app_icon.py checks that the PNGs in the repository are what this script makes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, Qt  # noqa: E402 - the platform is chosen before Qt loads
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "visualiser.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual sizes


def png_path(size: int) -> Path:
    return ICONS / f"visualiser-{size}.png"


def render_icon(svg: bytes, size: int) -> QImage:
    """The SVG drawn at size x size pixels on a transparent background."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon's SVG does not parse")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = SOURCE.read_bytes()
    for size in SIZES:
        if not render_icon(svg, size).save(str(png_path(size))):
            raise OSError(f"could not write {png_path(size)}")
        print(f"wrote {png_path(size).relative_to(ICONS.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
