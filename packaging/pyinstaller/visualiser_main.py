"""The bundle's entry point: the ``visualiser`` command, and ``-m visualiser.MODULE`` as Python would run it.

A frozen program has no ``python`` to start: ``sys.executable`` is the bundle itself. The app starts its
symbolic worker as ``sys.executable -m visualiser.engine.symbolic_child`` (see engine/symbolic_worker.py),
so the bundle runs that module when asked, and only modules of visualiser.
"""

import runpy
import sys

if len(sys.argv) >= 3 and sys.argv[1] == "-m" and sys.argv[2].startswith("visualiser."):
    module = sys.argv[2]
    sys.argv = [sys.argv[0], *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
else:
    from visualiser.cli import main

    sys.exit(main())
