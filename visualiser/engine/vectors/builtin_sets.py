"""The data sets that ship with the app (resources/data/, written by scripts/build_data.py), by name.

``words``: 2,000 GloVe 6B 50-d word vectors, grouped for the lessons (animals, capitals, verbs...).
``digits``: the 1,797 8x8 handwritten digits as 64-d vectors, labelled and grouped by digit.
The files are read with ``allow_pickle=False``: arrays of numbers and fixed-width strings only.
"""

from __future__ import annotations

import functools

import numpy as np

from ...resource_files import resource_folder
from .importers import read_vector_file
from .vector_set import VectorDataError, VectorSet

BUILTIN_SETS = ("words", "digits")


@functools.cache
def builtin_set(name: str) -> VectorSet:
    """The built-in data set ``name`` (read once), or one sentence naming those there are."""
    if name not in BUILTIN_SETS:
        raise VectorDataError(f"no built-in data set '{name}' (there are {', '.join(BUILTIN_SETS)})")
    with (resource_folder("data") / f"{name}.npz").open("rb") as file, np.load(file, allow_pickle=False) as arrays:
        if name == "words":
            words = tuple(str(word) for word in arrays["words"])
            return VectorSet("words", arrays["vectors"].astype(np.float32), words,
                             tuple(str(group) for group in arrays["groups"]))
        labels = tuple(str(label) for label in arrays["labels"])
        return VectorSet("digits", arrays["images"].astype(np.float32), labels, labels)


def load_vector_set(source: str, metadata: str | None = None) -> VectorSet:
    """A built-in set by name (``words``, ``digits``: names win over files so called), else a vector file."""
    if source in BUILTIN_SETS:
        if metadata is not None:
            raise VectorDataError(f"the built-in {source} are labelled already; --metadata is for Projector .tsv files")
        return builtin_set(source)
    return read_vector_file(source, metadata)
