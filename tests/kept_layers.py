"""Whether Qt copies a kept picture of a figure's item rather than painting it (``figures/cached_layers.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

from visualiser.figures.cached_layers import KeptPicture


def is_kept(item: QGraphicsItem) -> bool:
    """Its own picture (Qt's item cache), or one it is in (an enabled ``KeptPicture`` on it or an ancestor)."""
    if item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache:
        return True
    while item is not None:
        effect = item.graphicsEffect()
        if isinstance(effect, KeptPicture) and effect.isEnabled():
            return True
        item = item.parentItem()
    return False
