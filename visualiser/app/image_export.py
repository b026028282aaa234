"""Export what the plots show, through pyqtgraph's own exporters (so it looks like the screen)."""

from __future__ import annotations

from pathlib import Path

from pyqtgraph.exporters import ImageExporter, SVGExporter


def export_scene_image(scene, path: Path, width: int | None = None) -> Path:
    """Write ``scene`` to ``path``: ``.svg`` as vectors, ``.png`` as pixels ``width`` wide."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        SVGExporter(scene).export(str(path))
    elif suffix == ".png":
        exporter = ImageExporter(scene)
        if width is not None:
            exporter.parameters()["width"] = int(width)  # the height follows, keeping the aspect
        exporter.export(str(path))
    else:
        raise ValueError(f"'{path.name}' should end in .png or .svg")
    if not path.is_file():
        raise OSError(f"nothing was written to {path}")
    return path


def copy_scene_image(scene) -> None:
    ImageExporter(scene).export(copy=True)
