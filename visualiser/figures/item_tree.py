"""The items of a graphics item's tree, for the figures' passes over a whole plot or layer."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QGraphicsItem


def items_in(root: QGraphicsItem) -> Iterator[QGraphicsItem]:
    """``root`` and everything in it, at any depth."""
    items = [root]
    while items:
        item = items.pop()
        yield item
        items += item.childItems()
