"""Room in Qt's pixmap cache for the kept pictures of a figure as large as the largest screen.

The still layers of a figure are kept as pictures in device pixels (``figures/cached_layers.py``), and Qt
keeps those pictures in its ``QPixmapCache``, which has room for 10 MB unless told otherwise. A figure on a
4K screen or projector keeps about 30 MB of them, so they did not fit: every frame painted each still layer
into a picture only to throw it away, twice the work of keeping none. In a 3840x2160 window the root lab played
at 49 fps with Qt's room and at 93 fps with this, the descent lab at 24 and 82 (benchmarks/bench_large_window.py).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPixmapCache

QT_DEFAULT_KB = 10 * 1024  # Qt's own limit
SCREENFULS = 4  # a full-screen figure's pictures cover its screen about one and a half times; room for two labs'
BYTES_PER_PIXEL = 4


def fit_pixmap_cache_to_screens(app: QGuiApplication) -> None:
    """Give the cache room for the largest screen (see ``room_kb``), now and whenever a screen (a projector) is
    plugged in. Room is a limit, not memory taken: the cache holds what is put in it."""
    def fit(*_screen) -> None:
        QPixmapCache.setCacheLimit(room_kb([device_pixels(screen) for screen in app.screens()]))

    fit()
    app.screenAdded.connect(fit)


def room_kb(screens_device_pixels: list[int]) -> int:
    """``SCREENFULS`` of the largest screen's pixels, in the kilobytes ``QPixmapCache.setCacheLimit`` takes; never
    less than Qt's own room."""
    largest = max(screens_device_pixels, default=0)
    return max(QT_DEFAULT_KB, SCREENFULS * largest * BYTES_PER_PIXEL // 1024)


def device_pixels(screen) -> int:
    """A screen's size in device pixels (twice its width and height at 200%)."""
    size, ratio = screen.size(), screen.devicePixelRatio()
    return round(size.width() * ratio) * round(size.height() * ratio)
