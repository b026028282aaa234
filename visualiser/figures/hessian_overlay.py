"""The local quadratic at a point, from the exact Hessian: its axes, eigenvalues and stability bound."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ..engine.optim import condition_number, stability_bound
from .descent_style import LineStyle
from .outlined_lines import OutlinedLines
from .style import FigureStyle

AXIS_FRACTION = 0.15  # the longer axis is this fraction of the view
LABEL_MARGIN = 6     # pixels between the curvature numbers and the view box's corner


def quadratic_axes(point, eigenvalues, eigenvectors, length: float) -> np.ndarray:
    """Line pairs along both eigen-directions through ``point``, half-lengths proportional to 1/sqrt|λ|.

    These are the axes of the local quadratic's level ellipse (a hyperbola's for a negative λ); the
    longer one is ``length`` long. Empty when the Hessian is undefined or zero.
    """
    eigenvalues = np.asarray(eigenvalues, dtype=np.float64)
    if not np.all(np.isfinite(eigenvalues)) or not np.any(eigenvalues):
        return np.zeros((0, 2))
    with np.errstate(divide="ignore"):
        radii = 1.0 / np.sqrt(np.abs(eigenvalues))
    radii = np.where(np.isfinite(radii), radii, 0.0)
    finite = radii[radii > 0]
    radii = np.where(radii > 0, radii, 0.0) * (length / finite.max())
    point = np.asarray(point, dtype=np.float64)
    pairs = []
    for k in range(2):
        direction = np.asarray(eigenvectors)[:, k] * max(radii[k], 1e-3 * length)
        pairs += [point - direction, point + direction]
    return np.array(pairs)


SEPARATOR = "   "


def curvature_parts(eigenvalues) -> list[str]:
    """What the curvature means, part by part: both eigenvalues, the condition number, 2/λ_max."""
    eigenvalues = np.asarray(eigenvalues, dtype=np.float64)
    if not np.all(np.isfinite(eigenvalues)):
        return ["Hessian undefined here"]
    bound = float(stability_bound(eigenvalues))
    limit = f"2/λ_max = {bound:.3g}" if np.isfinite(bound) else "λ_max ≤ 0: no step-size limit"
    # Named one by one: "λ = -0.273, 893" reads as a single number with a thousands separator.
    return [f"λ₁ = {eigenvalues[0]:.3g}", f"λ₂ = {eigenvalues[1]:.3g}",
            f"κ = {condition_number(eigenvalues):.3g}", limit]


class HessianOverlay:
    """Eigen-directions drawn at the current point of the selected run; their numbers in a corner.

    The numbers sit in the view box's bottom-right corner, not at the point: next to the point
    they would hide the paths and the minimum the learner is watching, and move every frame.
    """

    def __init__(self, plot: pg.PlotItem, style: LineStyle):
        self.line_style = style
        self.axes = OutlinedLines(connect="pairs")  # moves every frame: one cheap item, see outlined_lines
        self.axes.setToolTip("Eigen-directions of the Hessian: the axes of the local quadratic "
                             "(longer where the curvature is smaller)")
        self.axes.setZValue(4)
        plot.addItem(self.axes)
        self.label = pg.TextItem(color="w", fill=pg.mkBrush(0, 0, 0, 150), anchor=(1, 1))
        self.label.setToolTip("Curvature at the selected run's current point: the Hessian's eigenvalues λ, "
                              "condition number κ, and 2/λ_max, the largest stable learning rate of plain "
                              "gradient descent")
        self.label.setParentItem(plot.vb)  # view-box pixels: stays in the corner while panning and zooming
        self.label.setZValue(20)
        self._vb = plot.vb
        plot.vb.sigResized.connect(self._place_label)
        self.text = ""
        self._parts: list[str] = []
        self.set_style(FigureStyle())

    def set_style(self, style: FigureStyle) -> None:
        """The axes' lines, the numbers' text and margin at a figure's scale."""
        self.style = style
        self.axes.set_styles([self.line_style.scaled(style.scale)])
        style.style_text(self.label.textItem)
        self._place_label()

    def _place_label(self, *_args) -> None:
        corner, margin = self._vb.rect().bottomRight(), self.style.px(LABEL_MARGIN)
        self.label.setPos(corner.x() - margin, corner.y() - margin)
        self._fit_label()

    def _fit_label(self) -> None:
        """On as few lines as fit across the view box (one, two, or a part a line); in a view too narrow
        for even that, not at all: numbers cut off at the side would be wrong numbers."""
        room = self._vb.rect().width() - 2 * self.style.px(LABEL_MARGIN)
        half = (len(self._parts) + 1) // 2
        fits = False
        for lines in ([self._parts], [self._parts[:half], self._parts[half:]], [[part] for part in self._parts]):
            self.label.setText("\n".join(SEPARATOR.join(line) for line in lines if line))
            fits = self.label.boundingRect().width() <= room
            if fits:
                break
        self.label.setVisible(fits and bool(self._parts))

    def show(self, point, eigenvalues, eigenvectors, view_width: float) -> None:
        self.axes.set_lines([quadratic_axes(point, eigenvalues, eigenvectors, AXIS_FRACTION * view_width)])
        parts = curvature_parts(eigenvalues)
        if parts != self._parts:
            self._parts = parts
            self.text = SEPARATOR.join(parts)
            self._fit_label()  # and shows it, if it fits
        self.axes.show()

    def hide(self) -> None:
        self.axes.hide()
        self.label.hide()
        self.text = ""
        self._parts = []
