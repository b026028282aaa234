"""The names of the root-finding methods: CLI spellings and the labels a GUI shows."""

from __future__ import annotations

METHODS = ("bisect", "false-position", "secant", "newton", "brent")

METHOD_LABELS = {
    "bisect": "Bisection",
    "false-position": "False position",
    "secant": "Secant",
    "newton": "Newton",
    "brent": "Brent",
}

# Methods that keep a sign-changing bracket [a, b] at every step; the others follow a line from x0.
BRACKETING_METHODS = ("bisect", "false-position", "brent")
