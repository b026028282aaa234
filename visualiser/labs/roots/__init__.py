"""The root-finding lab without its window: the scene, its methods and examples, and solving it."""
