"""Everything that imports PySide6 or pyqtgraph: windows, panels, plots, workers, exporters.

The engine (``visualiser.engine``) never imports from here.
"""
