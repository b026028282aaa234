"""Telling a root from a pole or a jump: near a root f shrinks towards 0, near a pole or a jump it does not.

Every method stops when its uncertainty about x is below the tolerance: a narrow bracket, or a
short step. That happens next to a pole or a jump too, so before a run reports a root it compares
how big f is (or, across a bracket, how much f changes) where it stopped with the same measure
about :data:`REFERENCE_RATIO` times farther away. A continuous f has shrunk by well over half over
that distance (roughly in proportion to it when f is differentiable, like its cube root for cbrt);
across a jump it keeps the jump's size, and towards a pole it grows.
"""

from __future__ import annotations

# How much farther away the comparison is made: ten halvings of a bracket.
REFERENCE_RATIO = 1024.0

SHRINKS = "shrinks"  # towards a root
STAYS = "stays"      # at a jump (or where f is not near 0 at all)
GROWS = "grows"      # towards a pole


def size_change(near: float, far: float) -> str:
    """How a size of f changes on the way in: :data:`SHRINKS`, :data:`STAYS` or :data:`GROWS`.

    ``near`` is the size (at least 0) where the run stopped, ``far`` the same measure about
    :data:`REFERENCE_RATIO` times farther away.
    """
    if near < 0.5 * far:
        return SHRINKS
    return GROWS if near > 2 * far else STAYS
