"""SVG pictures as documents: their size in pixels, and one stacked above another (a caption above a figure).

pyqtgraph's exporter writes a ``viewBox`` alone, which viewers size as they like (a browser: the
window's width); a picture exported at a size says so in ``width`` and ``height`` too. The documents
are the app's own (pyqtgraph's and Qt's SVG generators'), never a file from elsewhere.
"""

from __future__ import annotations

from xml.dom import minidom

NOT_DRAWN = {"title", "desc", "style", "defs"}  # an SVG root's children that draw nothing themselves


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height of the picture's ``viewBox``, in pixels."""
    _x, _y, width, height = (float(number) for number in
                             minidom.parseString(svg).documentElement.getAttribute("viewBox").split())
    return width, height


def sized_svg(svg: bytes) -> bytes:
    """``svg`` with ``width`` and ``height`` in pixels, its ``viewBox``'s."""
    document = minidom.parseString(svg)
    _size(document.documentElement, *svg_size(svg))
    return document.toxml(encoding="utf-8")


def stacked_svg(top: bytes, bottom: bytes, gap: float) -> bytes:
    """The picture ``bottom`` moved down by ``gap`` pixels, with what ``top`` draws in the room above it:
    ``bottom``'s document (its background, which fills the whole picture, and its definitions), taller."""
    document = minidom.parseString(bottom)
    root = document.documentElement
    width, height = svg_size(bottom)
    moved = document.createElement("g")
    moved.setAttribute("transform", f"translate(0 {gap:g})")
    for node in list(root.childNodes):
        if node.nodeType == node.ELEMENT_NODE and node.tagName not in NOT_DRAWN and not _is_background(node):
            moved.appendChild(node)  # (moved from the root)
    above = document.createElement("g")
    for node in minidom.parseString(top).documentElement.childNodes:
        if node.nodeType == node.ELEMENT_NODE and node.tagName not in NOT_DRAWN:
            above.appendChild(document.importNode(node, True))
    root.appendChild(above)
    root.appendChild(moved)
    root.setAttribute("viewBox", f"0 0 {width:g} {height + gap:g}")
    _size(root, width, height + gap)
    return document.toxml(encoding="utf-8")


def _size(root, width: float, height: float) -> None:
    root.setAttribute("width", f"{width:g}")
    root.setAttribute("height", f"{height:g}")


def _is_background(node) -> bool:
    return node.tagName == "rect" and node.getAttribute("width") == "100%" and node.getAttribute("height") == "100%"
