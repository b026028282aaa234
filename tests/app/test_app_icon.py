"""The app's icon: every size loads from the shipped files, the window wears it, and the PNGs are the SVG's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from visualiser.app.app_icon import application_icon
from visualiser.app.application import create_application

CHECKOUT = Path(__file__).resolve().parents[2]
SIZES = [16, 24, 32, 48, 64, 128, 256, 512]


def load_render_icons():
    """packaging/render_icons.py, the script that makes the PNGs (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("render_icons", CHECKOUT / "packaging" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pixels(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)


@pytest.mark.smoke
def test_the_icon_has_every_size_each_drawn_for_it(qapp):
    icon = application_icon()
    assert sorted(size.width() for size in icon.availableSizes()) == SIZES
    for size in SIZES:
        image = icon.pixmap(QSize(size, size)).toImage()
        assert (image.width(), image.height()) == (size, size)
        alpha = pixels(image)[..., 3]
        assert alpha[size // 2, size // 2] == 255 and alpha[0, 0] == 0  # opaque inside, rounded corners


@pytest.mark.smoke
def test_the_application_and_its_window_wear_the_icon(qapp, main_window):
    app = create_application()
    assert sorted(size.width() for size in app.windowIcon().availableSizes()) == SIZES
    assert not main_window.windowIcon().isNull()
    assert main_window.windowIcon().cacheKey() == app.windowIcon().cacheKey()


def test_the_pngs_in_the_repository_are_what_the_svg_makes(qapp):
    render_icons = load_render_icons()
    assert list(render_icons.SIZES) == SIZES
    svg = render_icons.SOURCE.read_bytes()
    for size in SIZES:
        committed = pixels(QImage(str(render_icons.png_path(size))))
        made = pixels(render_icons.render_icon(svg, size))
        assert np.abs(committed - made).max() <= 2, f"visualiser-{size}.png is stale: run packaging/render_icons.py"
