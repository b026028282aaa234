"""visualiser: make the mathematics of machine learning visible and playable."""

__version__ = "0.1.0"
