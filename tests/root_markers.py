"""The markers the root figure draws on f's plot, by kind: "through", "zero" (the construction's), "bracket end", "estimate"."""

from __future__ import annotations

from visualiser.figures.markers import MarkerStyle


def markers_of(figure, *kinds: str) -> list[tuple[tuple[float, float], MarkerStyle]]:
    """The markers of these kinds in the root figure ``figure``, in the order drawn: each one's point and style."""
    return [((float(x), float(y)), style) for (x, y), style, kind in
            zip(figure.markers.points, figure.markers.styles, figure.marker_kinds) if kind in kinds]


def positions_of(figure, kind: str) -> list[tuple[float, float]]:
    return [point for point, _style in markers_of(figure, kind)]


def sign_markers(figure) -> list[MarkerStyle]:
    """The styles of the markers of f's sign: at the primary method's bracket ends and its estimate."""
    return [style for _point, style in markers_of(figure, "bracket end", "estimate")]
