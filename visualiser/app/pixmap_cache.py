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
_FOLLOWING = "visualiser_pixmap_cache_follows_screens"
# An 8K screen would ask for 506 MB, and pictures of other tabs' figures stay in the cache up to its limit:
# room for one full-screen figure's pictures there (about one and a half screenfuls) is enough.
MOST_KB = 256 * 1024


def fit_pixmap_cache_to_screens(app: QGuiApplication) -> None:
    """Give the cache room for the largest screen (see ``room_kb``), now and whenever a screen (a projector) is
    plugged in or one changes its resolution or scaling. Room is a limit, not memory taken: the cache holds what
    is put in it."""
    def fit(*_changed) -> None:
        QPixmapCache.setCacheLimit(room_kb([device_pixels(screen) for screen in app.screens()]))

    def follow(screen) -> None:
        screen.geometryChanged.connect(fit)  # a new resolution or scale (the geometry is in logical pixels)

    def added(screen) -> None:
        follow(screen)
        fit()

    fit()
    if app.property(_FOLLOWING):
        return  # create_application again on the same application: its screens are followed already
    app.setProperty(_FOLLOWING, True)
    for screen in app.screens():
        follow(screen)
    app.screenAdded.connect(added)


def room_kb(screens_device_pixels: list[int]) -> int:
    """``SCREENFULS`` of the largest screen's pixels, in the kilobytes ``QPixmapCache.setCacheLimit`` takes; never
    less than Qt's own room, nor more than ``MOST_KB``."""
    largest = max(screens_device_pixels, default=0)
    return min(max(QT_DEFAULT_KB, SCREENFULS * largest * BYTES_PER_PIXEL // 1024), MOST_KB)


def device_pixels(screen) -> int:
    """A screen's size in device pixels (twice its width and height at 200%)."""
    size, ratio = screen.size(), screen.devicePixelRatio()
    return round(size.width() * ratio) * round(size.height() * ratio)
