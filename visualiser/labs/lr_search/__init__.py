"""The learning-rate lab without a window: its scene and what it computes (Qt-free)."""
