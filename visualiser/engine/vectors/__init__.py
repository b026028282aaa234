"""Vector spaces: data sets of vectors, similarity and analogies, PCA, t-SNE and softmax (numpy only, no Qt)."""

from .builtin_sets import BUILTIN_SETS, builtin_set, load_vector_set
from .importers import MAX_DIMENSIONS, MAX_VECTORS, read_vector_file
from .pca import PcaResult, pca
from .similarity import Neighbour, NeighbourList, analogy, neighbours, neighbours_of_row
from .softmax import SoftmaxError, SoftmaxResult, softmax, softmax_result
from .tsne import TsneError, TsneSettings, TsneStep, iterate_tsne
from .vector_set import VectorDataError, VectorSet

# What each of these functions raises for input it cannot use: one sentence, for the app or the command line.
VECTOR_ERRORS = (VectorDataError, TsneError, SoftmaxError)

__all__ = [
    "BUILTIN_SETS", "MAX_DIMENSIONS", "MAX_VECTORS", "Neighbour", "NeighbourList", "PcaResult",
    "SoftmaxError", "SoftmaxResult", "TsneError", "TsneSettings", "TsneStep", "VECTOR_ERRORS",
    "VectorDataError", "VectorSet", "analogy", "builtin_set", "iterate_tsne", "load_vector_set", "neighbours",
    "neighbours_of_row", "pca", "read_vector_file", "softmax", "softmax_result",
]
