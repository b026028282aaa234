"""Everything a person sets up in the vector-space lab, as one checked value.

The data set (a built-in name or the path of an imported file), the projection (PCA, or t-SNE
and its settings), the word whose neighbours are listed, the analogy a - b + c, and the softmax
panel's logits, temperature and target. ``frame`` is the t-SNE iteration shown (None: the last).
"""

from __future__ import annotations

import math
from typing import Callable

import msgspec

from ...engine.vectors import BUILTIN_SETS, SoftmaxError, TsneError, TsneSettings, builtin_set
from ...engine.vectors.softmax import softmax_result
from ...engine.vectors.tsne import check_tsne_settings
from ..scene import BaseScene, SceneError, check_choice

METHODS = ("pca", "tsne")
MAX_ITERATIONS = 5000
MAX_NEIGHBOURS = 100
LOGIT_COUNT = (2, 10)
LOGIT_RANGE = (-1000.0, 1000.0)
TEMPERATURE_RANGE = (0.01, 100.0)
# What a t-SNE run depends on: a change to any of these starts it again.
TSNE_FIELDS = ("data", "metadata", "method", "perplexity", "learning_rate", "early_exaggeration",
               "exaggeration_iterations", "momentum", "seed", "iterations")

class VectorScene(BaseScene, tag="vectors"):
    data: str = "words"
    metadata: str | None = None
    method: str = "pca"
    perplexity: float = 30.0
    learning_rate: float | None = None  # None: max(n / early exaggeration / 4, 50)
    early_exaggeration: float = 12.0
    exaggeration_iterations: int = 250
    momentum: float = 0.8
    seed: int = 0
    iterations: int = 1000
    arrows: bool = False
    selected: int | None = None  # the row whose neighbours are listed (a clicked point, or a typed word)
    neighbour_count: int = 10
    analogy: tuple[str, str, str] = ("king", "man", "woman")
    logits: tuple[float, ...] = (2.0, 1.0, 0.1)
    temperature: float = 1.0
    target: int = 0
    frame: int | None = None

    def check(self) -> None:
        if not self.data.strip():
            raise SceneError("data", "the data set needs a name (words, digits) or a file")
        check_choice("method", self.method, METHODS, "projection")
        try:
            check_tsne_settings(self.tsne_settings)
        except TsneError as error:
            raise SceneError("tsne", str(error)) from None
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            raise SceneError("iterations", f"t-SNE runs from 1 to {MAX_ITERATIONS:,} iterations, not {self.iterations}")
        if self.selected is not None and self.selected < 0:
            raise SceneError("selected", f"not a row of the data set: {self.selected}")
        if not 1 <= self.neighbour_count <= MAX_NEIGHBOURS:
            raise SceneError("neighbour_count", f"from 1 to {MAX_NEIGHBOURS} neighbours are listed, "
                                                f"not {self.neighbour_count}")
        if any(not word.strip() for word in self.analogy):
            raise SceneError("analogy", "an analogy a - b + c needs three words")
        low, high = LOGIT_COUNT
        if not low <= len(self.logits) <= high:
            raise SceneError("logits", f"the softmax panel has from {low} to {high} logits, not {len(self.logits)}")
        if any(not (math.isfinite(z) and LOGIT_RANGE[0] <= z <= LOGIT_RANGE[1]) for z in self.logits):
            raise SceneError("logits", f"every logit must be from {LOGIT_RANGE[0]:g} to {LOGIT_RANGE[1]:g}")
        if not TEMPERATURE_RANGE[0] <= self.temperature <= TEMPERATURE_RANGE[1]:
            raise SceneError("temperature", f"the temperature must be from {TEMPERATURE_RANGE[0]:g} to "
                                            f"{TEMPERATURE_RANGE[1]:g}, not {self.temperature:g}")
        try:
            softmax_result(self.logits, self.temperature, self.target)
        except SoftmaxError as error:
            raise SceneError("target", str(error)) from None

    def with_files(self, convert: Callable[[str], str]) -> "VectorScene":
        """The data file and its metadata file converted (a built-in data set's name is no file)."""
        data = self.data if self.data in BUILTIN_SETS else convert(self.data)
        metadata = None if self.metadata is None else convert(self.metadata)
        return msgspec.structs.replace(self, data=data, metadata=metadata)

    @property
    def tsne_settings(self) -> TsneSettings:
        return TsneSettings(perplexity=self.perplexity, learning_rate=self.learning_rate,
                            early_exaggeration=self.early_exaggeration,
                            exaggeration_iterations=self.exaggeration_iterations, momentum=self.momentum,
                            seed=self.seed)


def start_scene() -> VectorScene:
    """The words, projected by PCA, with the neighbours of "king" and king - man + woman."""
    return VectorScene(selected=builtin_set("words").row_of("king"))
