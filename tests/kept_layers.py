"""Kept pictures of a figure (``figures/cached_layers.py``) in tests: whether an item is kept, switching them off,
and how many pixels two pictures differ in."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

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


def set_kept_pictures(scene: QGraphicsScene, on: bool) -> None:
    """Every ``KeptPicture`` of ``scene`` switched on or off (off: what is in them is painted directly)."""
    for item in scene.items():
        if isinstance(item.graphicsEffect(), KeptPicture):
            item.graphicsEffect().setEnabled(on)


def differing(first: np.ndarray, second: np.ndarray) -> int:
    """Pixels that differ by more than 8 of 255 in some channel."""
    return int((np.abs(first.astype(int) - second.astype(int)).max(axis=-1) > 8).sum())
