"""The gradient-descent lab without its window: the scene, the edits a person makes, the surface and the runs."""
