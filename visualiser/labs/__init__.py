"""The labs without their windows: what a person set up (a scene) and what it computes to.

Qt-free, like the engine below it (a test enforces it). Per lab, ``<lab>/scene.py`` holds the scene,
one frozen, serialisable value with every choice the person made, checked when it is built; the
other modules of the lab turn a scene into results (root runs, optimizer traces, surface grids)
synchronously, so that the app's worker threads and the command line call the same code.
``scene_file`` reads and writes scenes as JSON; ``registry`` lists the labs.
"""
