"""The labs there are, by the name their scenes carry in files (``"lab": "roots"``).

Everything that lists labs (the scene file reader, the main window's tabs, the command line)
reads this table, so a new lab is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

from .descent.presets import start_scene as descent_start_scene
from .descent.scene import DescentScene
from .lab_titles import LAB_TITLES
from .lr_search.scene import LrSearchScene
from .roots.examples import start_scene as roots_start_scene
from .roots.scene import RootScene
from .scene import Scene
from .vectors.scene import VectorScene
from .vectors.scene import start_scene as vectors_start_scene


@dataclass(frozen=True)
class LabKind:
    name: str
    title: str
    scene_type: type[Scene]
    start_scene: Callable[[], Scene]  # what the lab opens on when nothing was saved


LABS = MappingProxyType({kind.name: kind for kind in (
    LabKind("roots", LAB_TITLES["roots"], RootScene, roots_start_scene),
    LabKind("descent", LAB_TITLES["descent"], DescentScene, descent_start_scene),
    LabKind("lr_search", LAB_TITLES["lr_search"], LrSearchScene, LrSearchScene),
    LabKind("vectors", LAB_TITLES["vectors"], VectorScene, vectors_start_scene),
)})
