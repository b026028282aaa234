"""The few words the root lab shows for how each method ended (issue 12, items 4, 5, 11), on scenes a learner sets up."""

from __future__ import annotations

import math

import pytest
from scipy.optimize import brentq

from visualiser.engine.roots import REASON_FLAGS, REASONS, RootResult
from visualiser.labs.roots.compute import solve_scene
from visualiser.labs.roots.reasons import outcome, short_reason, suggestions_heading, verdict
from visualiser.labs.roots.scene import RootScene


def race(expression: str, bracket: tuple[float, float], **options) -> dict[str, str]:
    run = solve_scene(RootScene(expression=expression, bracket=bracket, race=True, **options))
    return {method: verdict(result) for method, result in run.results.items()}


def test_a_bracket_without_a_root_says_why_each_method_failed():
    # x^3 - 2x + 2 > 0 on [0.3, 2]: the bracketing methods refuse it, Newton and secant leave it.
    assert race("x^3 - 2x + 2", (0.3, 2.0)) == {
        "bisect": "✗ no sign change", "false-position": "✗ no sign change", "brent": "✗ no sign change",
        "newton": "✗ left the bracket", "secant": "✗ left the bracket"}


def test_a_pole_is_never_called_a_root():
    run = solve_scene(RootScene(expression="tan(x)", bracket=(1.0, 2.0)))
    summary = outcome(run.primary_result)
    assert "root ≈" not in summary and summary.endswith(", not a root")
    assert summary.startswith("pole at x ≈ ")
    assert float(summary.removeprefix("pole at x ≈ ").split(",")[0]) == pytest.approx(math.pi / 2, abs=1e-11)
    verdicts = race("1/(x-1)", (0.0, 3.0))
    assert verdicts["bisect"] == "✗ pole, not a root"
    assert verdicts["false-position"] == verdicts["brent"] == "✗ f undefined (NaN or ∞)"  # a chord hits x = 1
    assert verdicts["newton"] == "✗ left the bracket"


def test_open_methods_at_a_jump_or_beside_a_pole():
    assert race("sign(x)", (-2.0, 1.0))["secant"] == "✗ jump, not a root"
    stalled = solve_scene(RootScene(expression="tan(x)", bracket=(1.0, 2.0), method="secant", x0=math.pi / 2))
    assert verdict(stalled.primary_result) == "✗ stalled where f ≠ 0"
    assert outcome(stalled.primary_result).startswith("stalled at x ≈ 1.571053")
    assert abs(math.tan(stalled.primary_result.root)) > 1e3


def test_running_out_of_iterations_says_how_many():
    verdicts = race("(x-1)^9", (0.0, 1.7))
    assert verdicts["bisect"] == "✓"
    assert verdicts["false-position"] == verdicts["newton"] == "✗ stopped after 100 iterations"
    run = solve_scene(RootScene(expression="(x-1)^9", bracket=(0.0, 1.7), method="newton", maxiter=30))
    assert outcome(run.primary_result).startswith("stopped after 30 iterations, last estimate x ≈ 0.99")


def test_flat_lines_name_the_line():
    verdicts = race("x^2 - 1", (-2.0, 2.0))
    assert verdicts["newton"] == "✗ flat tangent (f' = 0)"  # x0 = 0, the midpoint
    assert verdicts["secant"] == "✗ flat secant line"       # f(-2) = f(2)


def test_a_root_at_an_end_says_so_and_names_the_sign_changes_inside():
    run = solve_scene(RootScene(expression="sin(3x) - x/2", bracket=(0.0, 2.0)))
    result = run.primary_result
    assert verdict(result) == "✓ a is already a root"
    assert outcome(result) == "a = 0 is already a root"
    assert suggestions_heading(result) == "Other sign changes inside [0, 2]"
    (a, b), = result.suggested_brackets
    assert brentq(lambda x: math.sin(3 * x) - x / 2, a, b) == pytest.approx(0.8929277028, abs=1e-9)
    right_end = solve_scene(RootScene(expression="x^2 - 4", bracket=(-3.0, 2.0))).primary_result
    assert outcome(right_end) == "b = 2 is already a root"


def test_a_found_root_is_shown_to_twelve_digits():
    run = solve_scene(RootScene(expression="x^3 - 2", bracket=(0.0, 2.0)))
    assert verdict(run.primary_result) == "✓"
    assert outcome(run.primary_result) == f"root ≈ {2 ** (1 / 3):.12g}"
    assert suggestions_heading(solve_scene(RootScene(expression="x^2 - 4", bracket=(-1.0, 1.0))).primary_result) \
        == "Sign changes found nearby"


@pytest.mark.parametrize("reason", REASONS)
@pytest.mark.parametrize("method", ["bisect", "newton"])
def test_every_reason_the_engine_gives_has_words(reason, method):
    result = RootResult(method=method, root=0.0, function_calls=3, flag=REASON_FLAGS[reason], reason=reason,
                        message="the whole story", steps=(), bracket=(0.0, 1.0))
    words = short_reason(result)
    assert words and len(words) <= 30  # it fits a row of the race list
    assert outcome(result) and verdict(result).startswith("✓" if result.converged else "✗")
    assert ("root ≈" in outcome(result)) == (result.converged and reason != "root at an end")
