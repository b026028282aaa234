"""The vector-space lab's figure: the projection, t-SNE's KL divergence, the PCA scree, the toy cloud, softmax.

1. The data set in 2-D (PCA, or t-SNE at the shown iteration), one scatter per group so that a
   t-SNE frame only moves points; the selected point, its neighbours and the analogy's words
   labelled; optionally t-SNE's gradient arrows on a few points (where the step pushes them).
2. KL(P || Q) against iteration, the exaggerated iterations shaded, the shown one marked.
3. The scree plot: each principal axis's share of the variance, and their running total.
4. A stretched 2-D cloud with its principal axes as arrows (two standard deviations long).
5. Softmax: a bar per class, the target's in another colour, the cross-entropy in the title.

Items are built once, without sizes or colours; :meth:`VectorFigure.set_style` gives every pen, marker,
arrow head, font and axis its size and colour (through one :class:`FigureStyle`), and ``draw`` only sets
data on them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetricsF

from ..labs.palette import OKABE_ITO, Palette
from ..labs.vectors.compute import VectorResult, toy_cloud, tracked_rows
from ..labs.vectors.scene import VectorScene
from .legend_sample import ScaledItemSample
from .style import TEXT_MARGIN, TITLE_POINTS, FigureStyle, translucent

UNGROUPED = "#B0B0B0"
SCREE_BARS = 20
LABELLED_NEIGHBOURS = 5  # the selected point's nearest, labelled with their words
ARROW_SCALE = 0.15  # of the layout's size: the longest tracked gradient arrow
# Sizes at scale 1 (px, or points for text).
PROJECTION_TITLE_POINTS = 10
TITLE_ROW = 30          # a plot's title row: pyqtgraph's
LEGEND_POINTS = 8
LEGEND_OFFSET = 5
LEGEND_SAMPLE_SPACING = 5  # between a sample and its text: pyqtgraph's
LEGEND_MARGIN = 9       # around the entries: Qt's
LEGEND_ROW = 21         # an entry's height: its 8 pt text and margins
LEGEND_SPACING = -6     # between entries: their texts' margins overlap
LABEL_POINTS = None     # a word's label: the application's font size
POINT_SIZE = {True: 5, False: 8}  # a group's points, for more than 500 points or fewer
TOY_POINT_SIZE = 4
ARROW_HEAD = 16


def group_colours(groups: tuple[str, ...], colours: Palette = OKABE_ITO) -> dict[str, str]:
    """Each group's colour, in the legend's order (digits by value, names alphabetically, no group last)."""
    names = sorted(dict.fromkeys(groups), key=lambda name: (name == "", name.isdigit() and int(name), name))
    coloured = [name for name in names if name]
    hues = colours.groups
    return {name: hues[coloured.index(name) % len(hues)] if name else UNGROUPED for name in names}


def shown_step(scene: VectorScene, result: VectorResult, frame: int):
    """The t-SNE step the figure shows at ``frame``, or None (PCA, or t-SNE before its first step)."""
    return result.tsne[min(frame, len(result.tsne) - 1)] if scene.method == "tsne" and result.tsne else None


def projection_title(scene: VectorScene, result: VectorResult, step) -> str:
    """What the projection shows: the title over it, and an exported picture's caption."""
    return (f"t-SNE of {result.data.name}, iteration {step.iteration}" if step is not None else
            f"t-SNE of {result.data.name}: starting…" if scene.method == "tsne" else
            f"PCA of {result.data.name}: {100 * result.pca.explained_variance_ratio[:2].sum():.0f}% of the variance")


class VectorFigure(pg.GraphicsLayout):
    """Draws a :class:`VectorScene` and its :class:`VectorResult` at a frame, in a window or offscreen."""

    pointClicked = Signal(int)  # the row of a clicked point

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[pg.ScatterPlotItem] = []
        self._data = None
        self._panels: tuple | None = None
        self._titles: dict = {}  # plot -> (text, points) last set
        self._legend_entries: list[tuple[pg.ScatterPlotItem, str]] = []  # (sample at scale 1, group)
        self._point_size = POINT_SIZE[False]
        self.projection_plot = self.addPlot(row=0, col=0, rowspan=2)
        self.projection_plot.setMenuEnabled(False)
        self.projection_plot.hideAxis("left")
        self.projection_plot.hideAxis("bottom")
        self.legend = self.projection_plot.addLegend()
        self.highlight = pg.ScatterPlotItem(brush=None, symbol="o")
        self.highlight.setZValue(20)
        self.selected_marker = pg.ScatterPlotItem(symbol="star")
        self.selected_marker.setZValue(21)
        self.arrows = pg.PlotDataItem(connect="pairs")
        self.arrows.setZValue(22)
        for item in (self.highlight, self.selected_marker, self.arrows):
            self.projection_plot.addItem(item)
        self.labels: list[pg.TextItem] = []

        self.kl_plot = self.addPlot(row=0, col=1)
        self.kl_plot.setMenuEnabled(False)
        self.kl_plot.setLabel("bottom", "iteration")
        self.kl_curve = self.kl_plot.plot()
        self.exaggeration = pg.LinearRegionItem(movable=False, pen=pg.mkPen(None))
        self.kl_plot.addItem(self.exaggeration)
        self.kl_now = pg.InfiniteLine(angle=90)
        self.kl_plot.addItem(self.kl_now)

        self.scree_plot = self.addPlot(row=1, col=1)
        self.scree_plot.setMenuEnabled(False)
        self.scree_plot.setLabel("bottom", "principal axis")
        self.scree_plot.setYRange(0, 1)
        self.scree_bars = pg.BarGraphItem(x=[], height=[], width=0.7, pen=None)
        self.scree_plot.addItem(self.scree_bars)
        self.scree_total = self.scree_plot.plot(symbol="o", name="running total")

        self.toy_plot = self.addPlot(row=2, col=0)
        self.toy_plot.setMenuEnabled(False)
        self.toy_plot.setAspectLocked(True)
        self._draw_toy()

        self.softmax_plot = self.addPlot(row=2, col=1)
        self.softmax_plot.setMenuEnabled(False)
        self.softmax_plot.setLabel("bottom", "class")
        self.softmax_plot.setYRange(0, 1.05)
        self.softmax_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brushes=[], pen=None)
        self.softmax_plot.addItem(self.softmax_bars)
        self._softmax_target: int | None = None  # the class whose bar is in another colour
        self.layout.setColumnStretchFactor(0, 3)
        self.layout.setColumnStretchFactor(1, 2)
        self.layout.setRowStretchFactor(0, 2)
        self.layout.setRowStretchFactor(1, 2)
        self.layout.setRowStretchFactor(2, 2)
        self.set_style(FigureStyle())

    def _draw_toy(self) -> None:
        toy = toy_cloud()
        self.toy_points = self.toy_plot.plot(toy.points[:, 0], toy.points[:, 1], pen=None, symbol="o",
                                             symbolBrush=pg.mkBrush(85, 85, 85, 120), symbolPen=None)
        self.toy_axes: list[tuple[pg.PlotDataItem, pg.ArrowItem]] = []  # the first's, the second's
        for axis, variance in zip(toy.pca.components, toy.pca.explained_variance):
            tip = toy.pca.mean + 2 * np.sqrt(variance) * axis
            line = self.toy_plot.plot([toy.pca.mean[0], tip[0]], [toy.pca.mean[1], tip[1]])
            angle = np.degrees(np.arctan2(axis[1], axis[0]))
            head = pg.ArrowItem(pos=(float(tip[0]), float(tip[1])), angle=180 - angle)
            head.setZValue(10)
            self.toy_plot.addItem(head)
            self.toy_axes.append((line, head))

    # --- sizes and colours ---
    @property
    def plots(self) -> tuple[pg.PlotItem, ...]:
        return self.projection_plot, self.kl_plot, self.scree_plot, self.toy_plot, self.softmax_plot

    def set_style(self, style: FigureStyle) -> None:
        """Draw every line, marker, arrow and text ``style.scale`` times its size on screen (2: a picture at
        twice the pixel density; more than 1: a projector), in ``style.palette``'s colours. Sizes and colours
        are set here, once, not in ``draw``."""
        self.style, colours = style, style.palette
        self.highlight.setSize(style.px(12))
        self.highlight.setPen(style.pen("k", 1.5))
        self.selected_marker.setSize(style.px(18))
        self.selected_marker.setPen(style.pen("k", 1))
        self.selected_marker.setBrush(colours.yellow)
        self.arrows.setPen(style.pen(colours.vermillion, 2))
        for label in self.labels:
            style.style_text(label.textItem, LABEL_POINTS)
        self.kl_curve.setPen(style.pen(colours.blue, 2))
        self.kl_now.setPen(style.pen(colours.grey, 1, Qt.PenStyle.DashLine))
        self.exaggeration.setBrush(translucent(colours.orange, 40))
        self.scree_bars.setOpts(brush=colours.sky)
        self.scree_total.setPen(style.pen(colours.blue, 1.5))
        self.scree_total.setSymbolBrush(colours.blue)
        self.scree_total.setSymbolPen(colours.blue)
        self.scree_total.setSymbolSize(style.px(4))
        self.toy_points.setSymbolSize(style.px(TOY_POINT_SIZE))
        for (line, head), colour in zip(self.toy_axes, (colours.vermillion, colours.green)):
            line.setPen(style.pen(colour, 3))
            head.setStyle(headLen=style.px(ARROW_HEAD), pen=style.pen(colour), brush=colour)
        self._colour_groups()
        self._colour_softmax()
        style.style_layout(self)
        style.style_plot(self.projection_plot, sides=())  # its axes are hidden
        for plot in self.plots[1:]:
            style.style_plot(plot)
        self.legend.setOffset((style.px(LEGEND_OFFSET), style.px(LEGEND_OFFSET)))
        self.legend.layout.setVerticalSpacing(style.px(LEGEND_SPACING))
        self.legend.layout.setHorizontalSpacing(style.px(LEGEND_SAMPLE_SPACING))
        self.legend.layout.setContentsMargins(*[style.px(LEGEND_MARGIN)] * 4)
        self.legend.setLabelTextSize(style.css_size(LEGEND_POINTS))
        self._fill_legend()
        titles, self._titles = self._titles, {}
        for plot in self.plots:
            style.style_text(plot.titleLabel.item)
            if plot in titles:
                self._set_title(plot, *titles[plot])  # again, at the new size
        if not titles:
            self._set_title(self.kl_plot, "t-SNE: KL(P‖Q)")
        self._set_title(self.scree_plot, "PCA: variance per axis")
        self._set_title(self.toy_plot, "PCA on a 2-D cloud: the principal axes")

    def _set_title(self, plot: pg.PlotItem, text: str, points: float = TITLE_POINTS) -> None:
        """``plot``'s title at the figure's scale; nothing to do if it shows that already (t-SNE's frames)."""
        if self._titles.get(plot) == (text, points):
            return
        self._titles[plot] = (text, points)
        plot.setTitle(text, size=self.style.css_size(points))
        plot.layout.setRowFixedHeight(0, self.style.px(TITLE_ROW))  # (pyqtgraph fixes both at 30 px)
        plot.titleLabel.setMaximumHeight(self.style.px(TITLE_ROW))
        # A title widens its column to its text. Text is not quite proportional to its size (glyphs are fitted
        # to whole pixels): the room is the text's at scale 1, scaled, so that the columns scale with the figure.
        at_1 = QFontMetricsF(FigureStyle().font(points)).horizontalAdvance(text) + 2 * TEXT_MARGIN
        plot.titleLabel.setMinimumWidth(self.style.px(at_1))
        # Qt passes a changed minimum on to the figure's columns only when the figure is laid out again (a
        # window's resize): without this, a figure drawn offscreen would keep the columns of its first titles.
        self.layout.invalidate()

    def _fill_legend(self) -> None:
        """The groups' legend: samples at scale 1, which the legend's samples scale (see ``legend_sample``)."""
        self.legend.clear()
        for sample, name in self._legend_entries:
            self.legend.addItem(ScaledItemSample(sample, self.style.scale), name)
        # Text is not quite proportional to its size (glyphs are fitted to whole pixels), and pyqtgraph's
        # legend sizes itself from its rows' last heights: each row is fixed at the row of scale 1, scaled.
        for row, (_sample, label) in enumerate(self.legend.items):
            self.style.style_text(label.item, LEGEND_POINTS)
            label.setText(label.text)  # sized again for the margin
            self.legend.layout.setRowFixedHeight(row, self.style.px(LEGEND_ROW))

    # --- drawing ---
    def draw(self, scene: VectorScene, result: VectorResult | None, frame: int) -> None:
        if result is None:
            return
        if result.data is not self._data:
            self._set_groups(result)
        step = shown_step(scene, result, frame)
        xy = step.embedding if step is not None else result.pca.projection
        for scatter, rows in zip(self._groups, self._group_rows):
            scatter.setData(x=xy[rows, 0], y=xy[rows, 1], data=rows)
        self._set_title(self.projection_plot, projection_title(scene, result, step), PROJECTION_TITLE_POINTS)
        self._show_words(scene, result, xy)
        self._show_arrows(scene, result, step, xy)
        self._show_kl(scene, result, step)
        panels = (result.pca, result.softmax)
        if self._panels is None or panels[0] is not self._panels[0] or panels[1] != self._panels[1]:
            self._panels = panels  # (a t-SNE frame changes neither: drawing them again would only cost time)
            self._show_scree(result)
            self._show_softmax(scene, result)

    def _set_groups(self, result: VectorResult) -> None:
        self._data = result.data
        for scatter in self._groups:
            self.projection_plot.removeItem(scatter)
        groups = np.array(result.data.groups)
        colours = group_colours(result.data.groups)
        self._groups, self._group_rows, self._legend_entries = [], [], []
        self._point_size = POINT_SIZE[len(groups) > 500]
        for name, colour in colours.items():
            scatter = pg.ScatterPlotItem(pen=None, hoverable=True,
                                         tip=lambda x, y, data, labels=result.data.labels: labels[int(data)])
            scatter.setZValue(10 if name else 5)
            scatter.sigClicked.connect(self._on_clicked)
            self.projection_plot.addItem(scatter)
            if len(colours) <= 13 and name:
                sample = pg.ScatterPlotItem(size=self._point_size, pen=None)
                # A click on an entry hides its sample (pyqtgraph's legend), and so the group's points.
                sample.visibleChanged.connect(lambda sample=sample, scatter=scatter:
                                              scatter.setVisible(sample.isVisible()))
                self._legend_entries.append((sample, name))
            self._groups.append(scatter)
            self._group_rows.append(np.flatnonzero(groups == name))
        self._colour_groups()
        self._fill_legend()

    def _colour_groups(self) -> None:
        """Each group's points, and its legend's sample, in its colour (at the style's size)."""
        if self._data is None:
            return
        colours = group_colours(self._data.groups, self.style.palette)
        samples = {name: sample for sample, name in self._legend_entries}
        for scatter, name in zip(self._groups, colours):
            scatter.setSize(self.style.px(self._point_size))
            scatter.setBrush(colours[name])
            if name in samples:
                samples[name].setBrush(colours[name])

    def _on_clicked(self, _scatter, points, _event=None) -> None:
        if len(points):
            self.pointClicked.emit(int(points[0].data()))

    def _show_words(self, scene: VectorScene, result: VectorResult, xy: np.ndarray) -> None:
        """Mark the selected point and label it, its neighbours, and the analogy's words and best answer."""
        rows = []
        if not isinstance(result.neighbours, str):
            rows = [n.row for n in result.neighbours.neighbours]
        self.highlight.setData(pos=xy[rows] if rows else np.zeros((0, 2)))
        selected = scene.selected if scene.selected is not None and scene.selected < len(xy) else None
        self.selected_marker.setData(pos=xy[[selected]] if selected is not None else np.zeros((0, 2)))
        labelled = ([selected] if selected is not None else []) + rows[:LABELLED_NEIGHBOURS]
        if not isinstance(result.analogy, str):
            labelled += [result.data.row_of(word) for word in scene.analogy] + [result.analogy.neighbours[0].row]
        labelled = list(dict.fromkeys(labelled))
        while len(self.labels) < len(labelled):
            label = pg.TextItem(color="k", anchor=(0, 1))
            self.style.style_text(label.textItem, LABEL_POINTS)
            label.setZValue(30)
            self.projection_plot.addItem(label)
            self.labels.append(label)
        for label, row in zip(self.labels, labelled):
            label.setText(result.data.labels[row])
            label.setPos(float(xy[row, 0]), float(xy[row, 1]))
            label.show()
        for label in self.labels[len(labelled):]:
            label.hide()

    def _show_arrows(self, scene: VectorScene, result: VectorResult, step, xy: np.ndarray) -> None:
        """Where t-SNE's step pushes a few points: minus the gradient, scaled to a share of the layout."""
        if not (scene.arrows and step is not None and len(step.gradient)):
            self.arrows.setData([], [])
            return
        starts = xy[tracked_rows(result.data)]
        push = -step.gradient.astype(np.float64)
        longest = np.abs(push).max()
        span = float(np.ptp(xy, axis=0).max())
        ends = starts + push * (ARROW_SCALE * span / longest if longest > 0 else 0.0)
        segments = np.empty((2 * len(starts), 2))
        segments[0::2], segments[1::2] = starts, ends
        self.arrows.setData(segments[:, 0], segments[:, 1])

    def _show_kl(self, scene: VectorScene, result: VectorResult, step) -> None:
        # The whole run's iterations, whatever was drawn before (a figure that streamed the run from its
        # start and a fresh one drawing the same run draw the same axis), so the curve grows into it.
        self.kl_plot.setXRange(0, scene.iterations)
        if not result.tsne:
            self.kl_curve.setData([], [])
            self.exaggeration.hide()
            self._set_title(self.kl_plot, "t-SNE: KL(P‖Q) (choose t-SNE)")
            return
        kl = np.fromiter((s.kl_divergence for s in result.tsne), dtype=np.float64, count=len(result.tsne))
        self.kl_curve.setData(np.arange(len(kl)), kl)
        self.exaggeration.show()
        self.exaggeration.setRegion((0, scene.exaggeration_iterations))
        self.kl_now.setValue(step.iteration if step is not None else 0)
        self._set_title(self.kl_plot, f"KL(P‖Q) = {kl[-1]:.4f} at {len(kl) - 1} (shaded: exaggerated)")

    def _colour_softmax(self) -> None:
        """The target's bar orange, the others blue."""
        colours, bars = self.style.palette, len(self.softmax_bars.opts["height"])
        self.softmax_bars.setOpts(brushes=[pg.mkBrush(colours.orange if k == self._softmax_target else colours.blue)
                                           for k in range(bars)])

    def _show_scree(self, result: VectorResult) -> None:
        ratios = result.pca.explained_variance_ratio[:SCREE_BARS]
        axes = np.arange(1, len(ratios) + 1)
        self.scree_bars.setOpts(x=axes, height=ratios)
        self.scree_total.setData(axes, np.cumsum(ratios))

    def _show_softmax(self, scene: VectorScene, result: VectorResult) -> None:
        probabilities = np.array(result.softmax.probabilities)
        self._softmax_target = scene.target
        self.softmax_bars.setOpts(x=np.arange(len(probabilities)), height=probabilities)
        self._colour_softmax()
        self._set_title(self.softmax_plot, f"softmax(z / {scene.temperature:.3g}): "
                                           f"−log p[{scene.target}] = {result.softmax.cross_entropy:.4g}")
