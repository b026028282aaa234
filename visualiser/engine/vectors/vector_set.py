"""A set of vectors with a label per row (a word, a digit) and a group that colours it in a projection."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class VectorDataError(ValueError):
    """Vectors that cannot be used (a bad file, an unknown word), in one sentence."""


@dataclass(frozen=True, eq=False)
class VectorSet:
    """``vectors`` (n x d float32), ``labels`` (n strings, the file's order) and ``groups`` (n strings, "" for none).

    Labels need not be unique (a Projector file may repeat one): a word is looked up at its first row.
    """

    name: str
    vectors: np.ndarray
    labels: tuple[str, ...]
    groups: tuple[str, ...]
    _rows: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        vectors = np.asarray(self.vectors)
        if vectors.ndim != 2 or len(vectors) != len(self.labels) or len(self.groups) != len(self.labels):
            raise ValueError(f"{self.name}: {vectors.shape} vectors, {len(self.labels)} labels, "
                             f"{len(self.groups)} groups")
        rows: dict[str, int] = {}
        for row, label in enumerate(self.labels):
            rows.setdefault(label, row)
        object.__setattr__(self, "_rows", rows)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def labels_repeat(self) -> bool:
        """Some label is on more than one row (the digits' "0" to "9"): a row number tells them apart."""
        return len(self._rows) < len(self.labels)

    @property
    def dimensions(self) -> int:
        return self.vectors.shape[1]

    def row_of(self, word: str) -> int:
        """The first row labelled ``word`` (or, failing that, its lower case), or one sentence saying there is none."""
        for candidate in (word, word.lower()):
            if candidate in self._rows:
                return self._rows[candidate]
        raise VectorDataError(f"'{word}' is not one of the {len(self):,} labels of {self.name}")
