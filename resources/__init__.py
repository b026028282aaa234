"""What the app ships besides code: built-in lessons (``lessons/*.json``), icons and data sets (``data/``).

This top-level folder is the package ``visualiser.resources`` once installed (see setup.py), and
is read with :mod:`importlib.resources`, so that it works from a wheel, a zip or a bundle alike.
"""
