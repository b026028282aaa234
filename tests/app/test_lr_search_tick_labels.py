"""The learning-rate lab's figure in a small window: no two tick labels of any of its axes overlap, every plot gets
room, and each axis still labels something (issue 10: "0.050.060.070.09" and "2004006008001000" at 1024x768)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPicture

TIMEOUT_MS = 60_000
PLOTS = ("surface", "bracket", "losses", "sweep", "heatmap", "line_search")


def drawn_labels(axis) -> list[tuple[QRectF, str]]:
    """Each tick label the axis paints, as pyqtgraph places it, widened to the text's full extent in its font."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        metrics = QFontMetricsF(painter.font())
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    labels = []
    for rect, _flags, text in texts:
        extent = metrics.boundingRect(QRectF(0, 0, 1000, 1000), Qt.AlignmentFlag.AlignCenter, text)
        full = QRectF(0, 0, extent.width(), min(extent.height(), rect.height()))
        full.moveCenter(rect.center())
        labels.append((full, text))
    return labels


@pytest.mark.parametrize("size", [(1024, 768), (1600, 1000)], ids=["1024x768", "1600x1000"])
@pytest.mark.parametrize("edits", [{"line_search": True, "line_step": 3},
                                   {"optimizer": "momentum", "hyperparameters": {}, "show_heatmap": True,
                                    "line_search": True}], ids=["gd, line search", "momentum, heatmap, line search"])
def test_no_two_tick_labels_of_the_lr_lab_overlap(qtbot, main_window, size, edits):
    main_window.resize(*size)
    lab = main_window.lab("lr_search")
    main_window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
    lab.edit(**edits)
    qtbot.waitUntil(lambda: lab.run is not None and lab.run.scene.optimizer == lab.scene().optimizer
                    and not lab.search_runner.busy and not lab.heatmap_runner.busy
                    and (lab.run.heatmap is not None) == lab.scene().show_heatmap, timeout=TIMEOUT_MS)
    qtbot.wait(50)  # the layout settles
    figure = lab.figure
    assert figure.geometry().width() <= lab.figure_view.viewport().width() + 1  # nothing is cut off at the right
    shown = {name for name in PLOTS if getattr(figure, name).isVisible()}
    scene = lab.scene()
    assert shown == ({"surface", "bracket", "losses", "sweep"} | ({"heatmap"} if scene.show_heatmap else set())
                     | ({"line_search"} if scene.line_search else set()))  # none is skipped by being hidden
    for name in sorted(shown):
        plot = getattr(figure, name)
        assert plot.vb.width() > 60, f"{name} has {plot.vb.width():.0f} px"  # every plot shown has room to show
        for side in ("left", "bottom"):
            labels = drawn_labels(plot.getAxis(side))
            assert labels, f"{name}'s {side} axis labels nothing"
            for (one, text), (other, other_text) in itertools.combinations(labels, 2):
                assert not one.intersects(other), f"{name}'s {side} axis: {text!r} overlaps {other_text!r}"
