"""The vector-space lab without its window: the scene and what it computes (data, projections, softmax)."""
