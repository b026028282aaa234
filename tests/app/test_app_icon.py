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
from visualiser.desktop_integration import APP_ID

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


@pytest.fixture
def app(qapp):
    """The test session's QApplication as the app sets it up, given back as it was (names decide where
    QSettings and QStandardPaths point)."""
    names = qapp.organizationName(), qapp.applicationName(), qapp.applicationDisplayName(), qapp.desktopFileName()
    icon = qapp.windowIcon()
    yield create_application()
    for setter, name in zip((qapp.setOrganizationName, qapp.setApplicationName, qapp.setApplicationDisplayName,
                             qapp.setDesktopFileName), names):
        setter(name)
    qapp.setWindowIcon(icon)


@pytest.mark.smoke
def test_the_application_and_its_window_wear_the_icon(app, main_window):
    assert sorted(size.width() for size in app.windowIcon().availableSizes()) == SIZES
    assert not main_window.windowIcon().isNull()
    assert main_window.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    assert app.desktopFileName() == APP_ID  # how Wayland matches the window to the installed entry's icon


def test_the_pngs_in_the_repository_are_what_the_svg_makes(qapp):
    render_icons = load_render_icons()
    assert list(render_icons.SIZES) == SIZES
    svg = render_icons.SOURCE.read_bytes()
    for size in SIZES:
        committed = pixels(QImage(str(render_icons.png_path(size))))
        made = pixels(render_icons.render_icon(svg, size))
        assert np.abs(committed - made).max() <= 2, f"visualiser-{size}.png is stale: run packaging/render_icons.py"
