"""What both labs' tabs share: the scene they show, how an edit becomes the next scene, and the figure.

The scene is the single source of truth. A widget never keeps a value of its own: it writes the
person's change through :meth:`SceneLab.edit` (or :meth:`SceneLab.apply` for a computed next
scene), which checks it by building the next scene, and then every widget showing a changed field
follows, with its signals blocked so that nothing echoes back (napari's and glue's pattern: a
``_on_<field>_change`` method per field that needs one). A change the scene refuses is shown as one
sentence and the refused field's widgets show the scene again. Computing is the lab's own business
(:meth:`_after_change`), from the scene alone.

The expression editor is the one place a draft lives: text that does not parse, or that parsed but
would not compile, stays there with its error while the scene keeps the last expression that did.
"""

from __future__ import annotations

import logging
from typing import Callable

import msgspec
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from ..labs.registry import LABS
from ..labs.rejection import Rejected
from ..labs.scene import Parameter, Scene, SceneError, changed_fields
from .expression_editor import ExpressionEditor
from .notice_label import NoticeLabel
from .parameter_panel import ParameterPanel
from .preferences import restore_history, restore_splitters, save_history, save_splitters


log = logging.getLogger(__name__)


class FigureView(pg.GraphicsView):
    """The window's view of a figure: the figure fills it and follows its size."""

    def __init__(self, figure: pg.GraphicsLayout, parent=None):
        super().__init__(parent)
        self.figure = figure
        self.setCentralItem(figure)


class SceneLab(QWidget):
    """One tab of the main window, showing one scene of its lab. The window's playback drives ``show_frame``."""

    name: str    # the lab's name in scene files (see visualiser.labs.registry)
    title: str   # the tab's text: the lab's title in the registry, set for each subclass
    hint: str    # what to do first, for the status bar when the tab is shown
    figure_view: FigureView
    splitters: tuple[QSplitter, ...]  # whose sizes are kept between sessions
    sceneChanged = Signal()     # the scene is another one (an edit, a frame, a whole new scene)
    timelineChanged = Signal()  # the number of frames or the shown frame changed
    statusMessage = Signal(str)  # a lesson or a result, for the status bar
    activity = Signal(str)  # what the lab is busy with now ("" when idle), shown apart from lessons

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.title = LABS[cls.name].title

    def __init__(self, scene: Scene, editor: ExpressionEditor | None, parameters: ParameterPanel | None,
                 notice: NoticeLabel, parent=None):
        """``editor`` and ``parameters``: None for a lab whose scene has no typed expression (the vector lab)."""
        super().__init__(parent)
        self._scene = scene
        self.editor = editor
        self.parameters = parameters
        self.notice = notice
        if editor is not None:
            editor.show_text(scene.expression)
            editor.expressionChanged.connect(self._on_text)
            editor.committed.connect(self._on_committed)
            editor.left.connect(lambda: self.figure_view.setFocus())
        if parameters is not None:
            parameters.parameterEdited.connect(self._on_parameter_edited)

    def _figure_beside_panel(self, table: QWidget | None = None) -> QSplitter:
        """The figure with the side panel at its right, which folds away while the figure stays, above ``table``
        if one is given; these splitters are the lab's (their sizes are kept between sessions)."""
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.figure_view)
        top.addWidget(self.side_panel)
        top.setStretchFactor(0, 1)
        top.setCollapsible(0, False)
        if table is None:
            self.splitters = (top,)
            return top
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(table)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 1)
        main.setSizes([620, 200])
        self.splitters = (top, main)
        return main

    # --- the contract with the window ---
    def scene(self) -> Scene:
        return self._scene

    def set_scene(self, scene: Scene) -> None:
        """Show ``scene`` whole (a restored session, a lesson's scene, an example); a draft in the editor goes."""
        self.change_scene(scene)
        if self.editor is not None:
            self.editor.show_text(scene.expression)

    @property
    def frame_count(self) -> int:
        raise NotImplementedError

    @property
    def frame(self) -> int:
        """The frame on screen: the scene's, within the history shown."""
        return self._scene.shown_frame(self.frame_count)

    def show_frame(self, frame: int) -> None:
        """Show ``frame``; the last one is kept as "the last", so a longer new run shows its end too."""
        last = self.frame_count - 1
        self.edit(frame=None if frame >= last else max(int(frame), 0))

    def save_preferences(self, settings: QSettings) -> None:
        """Keep what is not part of a scene: the splitters and the editor's history, under the lab's name."""
        save_splitters(settings, f"{self.name}/splitters", self.splitters)
        if self.editor is not None:
            save_history(settings, f"{self.name}/history", self.editor.line_edit)

    def restore_preferences(self, settings: QSettings) -> None:
        restore_splitters(settings, f"{self.name}/splitters", self.splitters)
        if self.editor is not None:
            restore_history(settings, f"{self.name}/history", self.editor.line_edit)

    def stop_workers(self) -> None:
        """The window is closing: stop work that would not end by itself (a job does, so nothing here)."""

    # --- changes ---
    def edit(self, **changes) -> bool:
        """The scene with ``changes``; False (and one sentence on screen) if the scene refuses them."""
        return self.apply(msgspec.structs.replace, **changes)

    def apply(self, edit: Callable[..., Scene], *args, **kwargs) -> bool:
        """The scene ``edit(scene, *args, **kwargs)`` returns; False (and why, on screen) if it is refused."""
        try:
            scene = edit(self._scene, *args, **kwargs)
        except SceneError as error:
            self.refuse(error)
            return False
        self.change_scene(scene)
        return True

    def change_scene(self, scene: Scene) -> None:
        if scene == self._scene:
            return
        old, self._scene = self._scene, scene
        changed = changed_fields(old, scene)
        self._follow(changed)
        self._after_change(changed)
        self.sceneChanged.emit()
        if "frame" in changed:
            self.timelineChanged.emit()

    def refuse(self, error: SceneError) -> None:
        """A change the scene cannot take: say why, and let the refused field's widgets show the scene again."""
        self.notice.show_error(error.problem)
        field = error.field.split(".")[0].split("[")[0]
        self._follow({field} if field in self._scene.__struct_fields__ else self._scene.__struct_fields__)

    def _follow(self, fields) -> None:
        """Call each ``_on_<field>_change`` of ``fields`` once (several fields may share one)."""
        handlers = dict.fromkeys(getattr(self, f"_on_{field}_change", None) for field in sorted(fields))
        for follow in handlers:
            if follow is not None:
                follow()

    # --- the expression and its parameters, which every lab has ---
    def _on_text(self, text: str) -> None:
        try:
            scene = self._scene.with_expression(text)
        except SceneError as error:
            self.editor.show_error(error.problem, error.column)  # the scene, and the picture, stay as they were
            return
        self.editor.clear_error()
        if scene is not self._scene:
            self.change_scene(self._with_new_expression(scene))

    def _on_committed(self, _text: str) -> None:
        """Enter: the text is taken (if it parses), and the keys go to the plot again (Space plays)."""
        if not self.editor.has_error:
            self.figure_view.setFocus()

    def expression_refused(self, rejected: Rejected, compiled: Scene | None) -> None:
        """The newest expression parsed but would not compile ("too large", a timeout).

        The editor keeps it, with why; the scene goes back to ``compiled``, the scene of the last
        expression that did compile, so that what is saved and shown is never a picture-less scene.
        With nothing compiled yet (a saved scene that no longer compiles) the lab starts afresh.
        """
        if compiled is None:
            refused = self._scene.expression
            log.warning("the %s scene's expression %r would not compile, so the lab starts afresh: %s",
                        self.name, refused, rejected.message)
            self.set_scene(LABS[self.name].start_scene())
            self.notice.show_error(f"The expression {refused!r} could not be used: {rejected.message}")
            return
        self.editor.show_error(rejected.message, rejected.column)
        self.change_scene(msgspec.structs.replace(self._scene, expression=compiled.expression,
                                                  parameters=compiled.parameters))

    def _with_new_expression(self, scene: Scene) -> Scene:
        """What else changes with a new expression (the root lab frames f's values afresh)."""
        return scene

    def _on_parameter_edited(self, name: str, value: float, low: float, high: float) -> None:
        self.apply(self._with_parameter, name, Parameter(value=value, minimum=low, maximum=high))

    def _with_parameter(self, scene: Scene, name: str, parameter: Parameter) -> Scene:
        return scene.with_parameter(name, parameter)

    def _on_expression_change(self) -> None:
        self.parameters.show_scene(self._scene)  # (the editor shows what was typed, or set_scene set it)

    _on_parameters_change = _on_expression_change

    def _after_change(self, changed: frozenset[str]) -> None:
        """Compute what the changed fields need, or redraw."""
        raise NotImplementedError

    # --- visibility ---
    def showEvent(self, event) -> None:
        # A lab computes only while it can be seen: at start-up the other tab's first compile
        # would compete with this one for the one symbolic worker.
        super().showEvent(event)
        self._after_change(frozenset())
