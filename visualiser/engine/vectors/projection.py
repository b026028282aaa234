"""A data set's 2-D picture by PCA or t-SNE: every row's label, group and place, in the data's own order."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .pca import pca
from .tsne import TsneSettings, iterate_tsne
from .vector_set import VectorSet

DEFAULT_TSNE_ITERATIONS = 1000


@dataclass(frozen=True)
class ProjectedPoint:
    label: str
    group: str
    x: float
    y: float


@dataclass(frozen=True)
class Projection:
    method: str                                   # "pca" or "tsne"
    points: tuple[ProjectedPoint, ...]
    explained_variance_ratio: tuple[float, ...] | None = None  # PCA: every axis's share, largest first
    kl_divergence: float | None = None                         # t-SNE: KL(P || Q) of the final layout
    iterations: int | None = None                              # t-SNE: steps taken


def _points(vector_set: VectorSet, xy: np.ndarray) -> tuple[ProjectedPoint, ...]:
    return tuple(ProjectedPoint(label, group, float(x), float(y))
                 for label, group, (x, y) in zip(vector_set.labels, vector_set.groups, xy))


def pca_projection(vector_set: VectorSet) -> Projection:
    result = pca(vector_set.vectors, components=2)
    return Projection("pca", _points(vector_set, result.projection),
                      explained_variance_ratio=tuple(float(r) for r in result.explained_variance_ratio))


def tsne_projection(vector_set: VectorSet, settings: TsneSettings = TsneSettings(),
                    iterations: int = DEFAULT_TSNE_ITERATIONS) -> Projection:
    steps = iterate_tsne(vector_set.vectors, settings)
    last = next(itertools.islice(steps, iterations, None))  # the layout after `iterations` steps
    return Projection("tsne", _points(vector_set, last.embedding), kl_divergence=last.kl_divergence,
                      iterations=last.iteration)
