"""The markers the root figure draws on f's plot, by kind: "through", "zero" (the construction's), "bracket end", "estimate"."""

from __future__ import annotations

import pyqtgraph as pg


def markers_of(figure, kind: str) -> list[pg.SpotItem]:
    """The markers of ``kind`` in the root figure ``figure``, in the order drawn."""
    return [spot for spot in figure.markers.points() if spot.data() == kind]


def positions_of(figure, kind: str) -> list[tuple[float, float]]:
    return [(spot.pos().x(), spot.pos().y()) for spot in markers_of(figure, kind)]


def sign_markers(figure) -> list[pg.SpotItem]:
    """The markers of f's sign: at the primary method's bracket ends and its estimate."""
    return [spot for spot in figure.markers.points() if spot.data() in ("bracket end", "estimate")]
