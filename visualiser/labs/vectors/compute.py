"""Scene -> everything the vector-space lab shows: the data, its PCA, neighbours, analogy, softmax, t-SNE.

Synchronous and Qt-free. The app streams t-SNE from a worker (:func:`tsne_steps`) and computes the
rest with :func:`compute_scene`; a headless render or the command line runs t-SNE here to the end.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ...engine.vectors import (VECTOR_ERRORS, NeighbourList, PcaResult, SoftmaxResult, TsneStep, VectorSet,
                               analogy, iterate_tsne, load_vector_set, neighbours_of_row, pca, softmax_result)
from ...engine.vectors.builtin_sets import BUILTIN_SETS
from ..rejection import Rejected
from .scene import VectorScene

TOY_POINTS = 150
TOY_SEED = 13
TRACKED_POINTS = 12  # the points whose gradient arrows t-SNE reports


@dataclass(frozen=True)
class ToyCloud:
    """A stretched 2-D Gaussian cloud and its PCA: the principal axes, drawn as arrows, make the idea visible."""

    points: np.ndarray
    pca: PcaResult


@dataclass(frozen=True)
class VectorResult:
    scene: VectorScene
    data: VectorSet
    pca: PcaResult                     # two components, with every axis's explained variance
    neighbours: NeighbourList | str    # of the selected row, or why there are none
    analogy: NeighbourList | str       # a - b + c, or why not (a word not in the data)
    softmax: SoftmaxResult
    tsne: tuple[TsneStep, ...] = ()    # the t-SNE run so far (the app appends as the worker yields)

    @property
    def frame_count(self) -> int:
        return max(len(self.tsne), 1)

    def with_tsne(self, steps: tuple[TsneStep, ...]) -> "VectorResult":
        return replace(self, tsne=steps)


@functools.lru_cache(maxsize=4)
def _loaded(source: str, metadata: str | None, stamp: tuple) -> VectorSet:
    return load_vector_set(source, metadata)


def load_data(scene: VectorScene) -> VectorSet | Rejected:
    """The scene's data set (a file is read again only when it changed), or why it cannot be read."""
    stamp: tuple = ()
    if scene.data not in BUILTIN_SETS:
        try:
            status = Path(scene.data).stat()
            stamp = (status.st_mtime_ns, status.st_size)
        except OSError:
            stamp = ("missing",)
    try:
        return _loaded(scene.data, scene.metadata, stamp)
    except VECTOR_ERRORS as error:
        return Rejected("data", str(error))


@functools.cache
def toy_cloud() -> ToyCloud:
    rng = np.random.default_rng(TOY_SEED)
    angle = np.deg2rad(30)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    points = (rng.standard_normal((TOY_POINTS, 2)) * [2.0, 0.6]) @ rotation.T + [1.0, 0.5]
    return ToyCloud(points, pca(points, components=2))


def neighbours_of(scene: VectorScene, data: VectorSet) -> NeighbourList | str:
    if scene.selected is None:
        return "click a point, or type a word, to list its neighbours"
    if scene.selected >= len(data):
        return f"row {scene.selected} is not in {data.name} ({len(data):,} rows)"
    return neighbours_of_row(data, scene.selected, scene.neighbour_count)


def analogy_of(scene: VectorScene, data: VectorSet) -> NeighbourList | str:
    try:
        return analogy(data, *scene.analogy, k=scene.neighbour_count)
    except VECTOR_ERRORS as error:
        return str(error)


def compute_panels(scene: VectorScene, data: VectorSet) -> VectorResult:
    """Everything but t-SNE: fast enough to follow every edit."""
    return VectorResult(scene, data, _pca(data), neighbours_of(scene, data), analogy_of(scene, data),
                        softmax_result(scene.logits, scene.temperature, scene.target))


@functools.lru_cache(maxsize=4)
def _pca(data: VectorSet) -> PcaResult:  # (a VectorSet hashes by identity: each loaded set once)
    return pca(data.vectors, components=2)


def tracked_rows(data: VectorSet) -> np.ndarray:
    """A few rows spread over the data set, whose gradient arrows the figure can draw."""
    return np.linspace(0, len(data) - 1, min(TRACKED_POINTS, len(data))).astype(np.intp)


def tsne_steps(scene: VectorScene, data: VectorSet):
    """The scene's t-SNE, one step at a time, without end (raises TsneError for settings the data refuses)."""
    return iterate_tsne(data.vectors, scene.tsne_settings, tracked=tracked_rows(data))


def compute_scene(scene: VectorScene) -> VectorResult | Rejected:
    """All of it, t-SNE run to the scene's iterations (or shown frame) when the scene projects by t-SNE."""
    data = load_data(scene)
    if isinstance(data, Rejected):
        return data
    result = compute_panels(scene, data)
    if scene.method != "tsne":
        return result
    last = scene.iterations if scene.frame is None else min(scene.frame, scene.iterations)
    try:
        steps = tuple(itertools.islice(tsne_steps(scene, data), last + 1))
    except VECTOR_ERRORS as error:
        return Rejected("tsne", str(error))
    return result.with_tsne(steps)
