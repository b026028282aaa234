"""``visualiser lr-search``: the real command, in-process and as a separate process."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from visualiser.cli import main


def run(capsys, *argv):
    """The exit code and output of ``visualiser lr-search argv`` (argparse's refusals exit with SystemExit)."""
    try:
        code = main(["lr-search", *argv])
    except SystemExit as exit_info:
        code = exit_info.code
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_documented_keys_and_the_threshold_is_two_over_lambda_max(capsys):
    code, out, err = run(capsys, "x^2 + 10y^2", "--start", "1", "1", "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert {"goal", "threshold", "iterations", "steps", "theory"} <= set(data) and "probes" not in data
    assert data["goal"] == "stable" and data["iterations"] == len(data["steps"])
    assert all({"low", "high", "mid", "diverged"} <= set(step) for step in data["steps"])
    assert data["steps"][0]["high"] is None  # no diverging rate known yet: null, not NaN
    assert data["theory"]["formula"] == "2/λ_max" and data["theory"]["value"] == pytest.approx(0.1)
    assert abs(math.log10(data["threshold"]) - math.log10(0.1)) < 1e-4  # λ_max = 20
    assert data["optimizer"] == "gd" and data["start"] == [1.0, 1.0] and data["max_steps"] == 1000


def test_goal_fastest_reports_best_near_two_over_the_sum_of_the_eigenvalues(capsys):
    code, out, _ = run(capsys, "x^2 + 10y^2", "--start", "1", "1", "--goal", "fastest", "--json")
    data = json.loads(out)
    assert code == 0 and data["goal"] == "fastest"
    assert data["best"] == pytest.approx(2 / 22, rel=0.1)
    assert data["theory"]["formula"] == "2/(λ_min+λ_max)"
    assert any(step["phase"] == "golden" for step in data["steps"])


def test_momentum_and_other_hyperparameters_reach_the_search(capsys):
    code, out, _ = run(capsys, "x^2 + 10y^2", "--start", "1", "1", "--optimizer", "momentum", "--momentum", "0.5",
                       "--steps", "2000", "--json")
    data = json.loads(out)
    assert code == 0 and data["hyperparameters"] == {"momentum": 0.5}
    assert data["theory"]["value"] == pytest.approx(2 * 1.5 / 20)
    assert data["threshold"] == pytest.approx(0.15, rel=2e-3)


def test_adam_has_no_theory_null_in_json(capsys):
    code, out, _ = run(capsys, "x^2 + 10y^2", "--start", "1", "1", "--optimizer", "adam", "--steps", "200", "--json")
    data = json.loads(out)
    assert code == 0 and data["theory"] is None


def test_table_lists_every_probe_then_the_result(capsys):
    code, out, _ = run(capsys, "--preset", "quadratic", "--low", "0.01", "--high", "0.1")
    lines = out.splitlines()
    assert code == 0
    assert lines[1].split()[:5] == ["n", "phase", "low", "high", "mid"]
    rows = [line.split() for line in lines[2:] if line.split()[0].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0][1] == "bracket" and rows[-1][1] == "bisect"
    threshold = float(next(line for line in lines if line.startswith("threshold:")).split()[1])
    assert abs(math.log10(threshold) - math.log10(1.0)) < 1e-4  # x^2 + y^2: λ_max = 2
    assert any(line.startswith("theory: 2/λ_max = 1 ") for line in lines)


def test_no_rate_diverging_is_exit_code_1_with_the_reason(capsys):
    code, out, _ = run(capsys, "exp(-x)", "--start", "0", "--steps", "100")
    assert code == 1 and "no rate diverged" in out and "threshold: none found" in out
    code, out, _ = run(capsys, "--preset", "rosenbrock", "--goal", "fastest", "--low", "1e-5", "--high", "1e-3",
                       "--steps", "20", "--json")
    assert code == 1 and json.loads(out)["best"] is None


@pytest.mark.parametrize("argv, message", [
    (["x^2 +", "--start", "1"], "error: the expression ends too early"),
    (["x^2", "--start", "1", "2"], "error: the start point needs 1 coordinate"),
    (["x^2", "--start", "1", "--low", "0.1", "--high", "0.01"], "error: the low learning rate 0.1 must be below"),
    (["x^2", "--start", "1", "--optimizer", "sgd"], "error: argument --optimizer: invalid choice"),
    (["x^2", "--start", "1", "--momentum", "-1", "--optimizer", "momentum"], "error: momentum must be zero or positive"),
    (["x^2"], "error: give a start point"),
    (["log(x)", "--start", "-1"], "error: stopped before the first step"),
])
def test_bad_input_is_one_error_line_and_exit_code_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and len(err.strip().splitlines()) == 1


def test_the_installed_command_exits_with_the_documented_codes():
    def code(*argv):
        return subprocess.run([sys.executable, "-m", "visualiser", "lr-search", *argv], capture_output=True).returncode
    assert code("x^2", "--start", "1", "--steps", "100") == 0
    assert code("exp(-x)", "--start", "0", "--steps", "50") == 1
    assert code("x^2", "--start", "nope") == 2


def test_on_a_preset_the_bracket_grows_from_the_race_rate_of_descend(capsys):
    _, out, _ = run(capsys, "--preset", "rosenbrock", "--optimizer", "adam", "--steps", "50", "--json")
    first = json.loads(out)["steps"][0]
    assert main(["descend", "--preset", "rosenbrock", "--optimizer", "adam", "--steps", "1", "--json"]) == 0
    raced = json.loads(capsys.readouterr().out)["hyperparameters"]["lr"]
    assert first["phase"] == "bracket" and first["mid"] == raced == 0.04  # a hundredth of the 4-wide view
