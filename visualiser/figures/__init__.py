"""The labs' pictures: pyqtgraph figures with no widget of their own.

A figure is a ``pg.GraphicsLayout`` with ``draw(scene, result, frame)``. The app puts it in a view
in its window; :mod:`.offscreen` puts it in a view that is never shown, at a fixed size, for
pictures without a window. Both paint through the same items and exporters, so they draw the same
pixels. :mod:`.registry` says which figure draws which lab.

Importing this package sets pyqtgraph's options (:func:`.style.configure_pyqtgraph`), so that
every figure, in a window, offscreen or in a benchmark, is built with them.
"""

from .style import configure_pyqtgraph

configure_pyqtgraph()
