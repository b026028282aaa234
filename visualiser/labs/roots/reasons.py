"""How a root run ended, in the few words a list of methods has room for.

The engine's message says it in full (a tooltip shows it); these phrases are the lab's, built on
the engine's :attr:`RootResult.reason`, and never call a pole, a jump or a stall a root.
"""

from __future__ import annotations

from ...engine.roots import RootResult
from ...engine.roots.steps import (FLAT_LINE, ITERATION_LIMIT, JUMP, LEFT_BRACKET, NO_SIGN_CHANGE, POLE, ROOT_AT_END,
                                   STALLED, UNDEFINED_SLOPE, UNDEFINED_VALUE, VERTICAL_TANGENT)

# Reasons whose result's ``root`` is where the run stopped, which is not a root.
NOT_A_ROOT = frozenset({POLE, JUMP, STALLED})

_FAILURES = {
    NO_SIGN_CHANGE: "no sign change",
    POLE: "pole, not a root",
    JUMP: "jump, not a root",
    STALLED: "stalled where f ≠ 0",
    LEFT_BRACKET: "left the bracket",
    UNDEFINED_VALUE: "f undefined (NaN or ∞)",
    UNDEFINED_SLOPE: "slope undefined",
    VERTICAL_TANGENT: "vertical tangent",
}


def short_reason(result: RootResult) -> str:
    """Why the run stopped in a few words: "root", "a is already a root", "left the bracket", ..."""
    if result.reason == ROOT_AT_END:
        return f"{_end(result)} is already a root"
    if result.converged:
        return "root"
    if result.reason == ITERATION_LIMIT:
        return f"stopped after {result.iterations} iterations"
    if result.reason == FLAT_LINE:
        return "flat tangent (f' = 0)" if result.method == "newton" else "flat secant line"
    return _FAILURES[result.reason]


def verdict(result: RootResult) -> str:
    """A method's row in a race: ✓ for a root (and which end, if it was one), else ✗ and why."""
    if result.reason == ROOT_AT_END:
        return f"✓ {short_reason(result)}"
    return "✓" if result.converged else f"✗ {short_reason(result)}"


def outcome(result: RootResult) -> str:
    """The end of a one-method summary: the root, or what the run found instead of one."""
    where = f"x ≈ {result.root:.12g}"
    if result.reason == ROOT_AT_END:
        return f"{_end(result)} = {result.root:.12g} is already a root"
    if result.converged:
        return f"root ≈ {result.root:.12g}"
    if result.reason in (POLE, JUMP):
        return f"{'pole' if result.reason == POLE else 'jump'} at {where}, not a root"
    if result.reason == STALLED:
        return f"stalled at {where}, where f ≠ 0: not a root"
    if result.reason == ITERATION_LIMIT:
        return f"stopped after {result.iterations} iterations, last estimate {where}"
    return f"✗ {short_reason(result)}"


def suggestions_heading(result: RootResult) -> str:
    """What the result's suggested brackets are, to introduce them."""
    if result.reason == ROOT_AT_END:
        a, b = result.bracket
        return f"Other sign changes inside [{a:.4g}, {b:.4g}]"
    return "Sign changes found nearby"


def _end(result: RootResult) -> str:
    return "a" if result.root == result.bracket[0] else "b"
