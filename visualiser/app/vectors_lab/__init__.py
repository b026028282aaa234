"""The vector-space lab: word vectors and digits, neighbours and analogies, PCA, t-SNE as it descends, softmax."""

from .lab import VectorSpaceLab

__all__ = ["VectorSpaceLab"]
