"""``visualiser descend`` and ``visualiser presets``, run as a user runs them."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from visualiser.cli import main
from visualiser.engine.optim import PRESETS


def _json(capsys, *argv, code=0):
    assert main(["descend", *argv, "--json"]) == code
    return json.loads(capsys.readouterr().out)


def test_json_has_the_documented_keys_and_a_path_starting_at_the_start(capsys):
    data = _json(capsys, "x^2 + y^2", "--start", "2", "-1", "--lr", "0.1", "--tol", "1e-6")
    assert {"optimizer", "status", "steps", "path", "loss", "hyperparameters", "message"} <= set(data)
    assert "trajectory" not in data
    assert data["optimizer"] == "gd" and data["status"] == "converged"
    assert data["hyperparameters"] == {"lr": 0.1, "weight_decay": 0.0}
    assert len(data["path"]) == len(data["loss"]) == data["steps"] + 1
    # gd with lr 0.1 on x^2 + y^2 multiplies the point by 0.8 per step.
    assert data["path"][:3] == [[2.0, -1.0], [1.6, -0.8], [pytest.approx(1.28), pytest.approx(-0.64)]]
    assert data["loss"][0] == 5.0
    assert data["variables"] == ["x", "y"] and data["expression"] == "x^2 + y^2"


def test_every_hyperparameter_flag_reaches_the_optimizer(capsys):
    data = _json(capsys, "--preset", "booth", "--optimizer", "adamw", "--lr", "0.05", "--betas", "0.8", "0.9",
                 "--eps", "1e-6", "--weight-decay", "0.2", "--steps", "3")
    assert data["hyperparameters"] == {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-6, "weight_decay": 0.2}
    data = _json(capsys, "--preset", "booth", "--optimizer", "rmsprop", "--alpha", "0.5", "--steps", "3")
    assert data["hyperparameters"]["alpha"] == 0.5
    data = _json(capsys, "--preset", "booth", "--optimizer", "nesterov", "--momentum", "0.5", "--steps", "3")
    # without --lr a preset runs at the app's race rate: half Nesterov's 2(1+μ)/((1+2μ)λ_max), μ = 0.5, λ_max = 18
    assert data["hyperparameters"] == {"lr": 0.041, "momentum": 0.5, "weight_decay": 0.0}
    assert PRESETS["booth"].learning_rate("nesterov", hyperparameters={"momentum": 0.5}) == 0.041
    data = _json(capsys, "x^2 + y^2", "--start", "1", "1", "--steps", "1")
    assert data["hyperparameters"]["lr"] == 0.5  # a typed expression too: 1/λ_max from the curvature at the start
    data = _json(capsys, "x^2 + y^2", "--start", "1", "1", "--optimizer", "adam", "--steps", "1")
    assert data["hyperparameters"]["lr"] == 1e-3  # no view to step across: PyTorch's default


def test_an_adaptive_optimizer_on_a_preset_steps_a_hundredth_of_the_view(capsys):
    # Adam moves about lr per step whatever the gradient: the app races it at span / 100, and so does the CLI.
    (x0, x1), (y0, y1) = PRESETS["rosenbrock"].bounds
    data = _json(capsys, "--preset", "rosenbrock", "--optimizer", "adam", "--steps", "1")
    assert data["hyperparameters"]["lr"] == pytest.approx(max(x1 - x0, y1 - y0) / 100)


def test_a_preset_runs_at_the_apps_race_rate(capsys):
    # Goldstein-Price diverges at PyTorch's lr = 1e-3 from its start; the curvature-based rate does not.
    data = _json(capsys, "--preset", "goldstein-price", "--steps", "200")
    assert data["status"] != "diverged"
    assert data["hyperparameters"]["lr"] == PRESETS["goldstein-price"].learning_rate("gd")


def test_a_preset_uses_its_default_start_and_parameters(capsys):
    data = _json(capsys, "--preset", "ill-conditioned", "--steps", "2")
    assert data["path"][0] == [-2.5, 1.0]
    assert data["params"] == {"kappa": 100.0}
    data = _json(capsys, "--preset", "ill-conditioned", "--param", "kappa=5", "--start", "1", "1", "--steps", "0")
    assert data["params"] == {"kappa": 5.0} and data["loss"] == [3.0]  # (1 + 5) / 2


def test_tol_zero_runs_every_step_even_at_the_minimum(capsys):
    assert _json(capsys, "--preset", "quadratic", "--start", "0", "0")["steps"] == 0
    data = _json(capsys, "--preset", "quadratic", "--start", "0", "0", "--tol", "0", "--steps", "25")
    assert (data["status"], data["steps"]) == ("max_steps", 25)


def test_divergence_is_a_result_with_exit_code_1_and_a_finite_path(capsys):
    data = _json(capsys, "--preset", "rosenbrock", "--start", "-1.2", "1", "--lr", "1", code=1)
    assert data["status"] == "diverged"
    assert all(math.isfinite(v) for point in data["path"] for v in point)
    assert data["message"].startswith("diverged at step 2")


def test_one_variable(capsys):
    data = _json(capsys, "(x - 3)^2", "--start", "0", "--optimizer", "adam", "--lr", "0.5", "--steps", "2000")
    assert data["status"] == "converged" and data["path"][-1][0] == pytest.approx(3.0, abs=1e-6)


def test_the_table(capsys):
    assert main(["descend", "--preset", "rosenbrock", "--optimizer", "adam", "--lr", "0.02", "--steps", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("Adam (lr=0.02, betas=(0.9, 0.999), eps=1e-08, weight_decay=0) "
                        "on (1-x)^2 + 100(y-x^2)^2")
    assert lines[1].split() == ["step", "x", "y", "loss"]
    rows = [line.split() for line in lines[2:-2]]
    assert [int(r[0]) for r in rows] == list(range(0, 101, 10))
    assert [float(v) for v in rows[0]] == [0, -1.2, 1.0, 24.2]
    assert lines[-2] == "status: max_steps"
    assert lines[-1].startswith("why: stopped after 100 step(s) without converging")


@pytest.mark.parametrize("argv, message", [
    (["descend", "x^2+y^2", "--start", "1", "1", "--optimizer", "sgd"], "error: argument --optimizer: invalid choice"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--lr", "-0.1"], "error: lr must be positive, not -0.1"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--lr", "0"], "error: lr must be positive, not 0"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--lr", "nan"], "error: argument --lr: 'nan' is not a finite number"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--optimizer", "adam", "--betas", "1.5", "0.9"],
     "error: betas[0] must be in [0, 1), not 1.5"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--betas", "0.9"], "error: argument --betas: expected 2 arguments"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--momentum", "0.9"],
     "error: gd has no hyperparameter 'momentum' (it takes lr, weight_decay)"),
    (["descend", "x^2+y^2", "--start", "1"], "error: the start point needs 2 coordinate(s) (x, y), got 1"),
    (["descend", "x^2+y^2", "--start", "1", "2", "3"], "error: the start point needs 2 coordinate(s) (x, y), got 3"),
    (["descend", "x^2+y^2"], "error: give a start point with --start, one number per variable (x, y)"),
    (["descend", "--preset", "rosenbrok"], "error: unknown preset 'rosenbrok' (choose from quadratic,"),
    (["descend", "x^2", "--preset", "booth"], "error: give either an expression or --preset NAME"),
    (["descend"], "error: give either an expression or --preset NAME"),
    (["descend", "x^2+", "--start", "1"], "error: "),
    (["descend", "x^2+y^2", "--start", "1", "1", "--steps", "-5"], "error: the number of steps must be a whole number"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--steps", "ten"], "error: argument --steps: invalid int value"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--tol", "-1"], "error: tol must be zero"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--param", "k=2"], "error: the expression has no parameter 'k'"),
    (["descend", "x^2+y^2", "--start", "1", "1", "--optimizer", "nesterov", "--momentum", "0"],
     "error: nesterov needs a momentum above 0"),
])
def test_bad_input_is_exit_code_2_and_one_error_line(capsys, argv, message):
    assert _exit_code(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def _exit_code(argv):
    """What the process would exit with: main's return value, or argparse's SystemExit code."""
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


def test_through_a_real_process():
    run = subprocess.run([sys.executable, "-m", "visualiser", "descend", "--preset", "rosenbrock",
                          "--lr", "1", "--json"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and json.loads(run.stdout)["status"] == "diverged"
    bad = subprocess.run([sys.executable, "-m", "visualiser", "descend", "x^2+y^2", "--start", "1", "1",
                          "--optimizer", "adam", "--betas", "0.9", "1"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == "error: betas[1] must be in [0, 1), not 1\n"


def test_presets_lists_every_surface(capsys):
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    for name, surface in PRESETS.items():
        assert f"{name}: {surface.title}\n  f = {surface.expression}\n" in out
    assert "minimum 3 at (0, -1)" in out and "no minimum: unbounded below" in out
    assert main(["presets", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data] == list(PRESETS)
    assert data[list(PRESETS).index("saddle")]["minimum_value"] is None
    assert data[list(PRESETS).index("himmelblau")]["minima"][1] == [-2.805118086952745, 3.131312518250573]


def test_the_json_names_every_parameter_value_used(capsys):
    data = _json(capsys, "a x^2 + b y^2", "--start", "1", "1", "--param", "b=3", "--steps", "1")
    assert data["params"] == {"a": 1.0, "b": 3.0}  # a took its default, and the file says so
    assert data["loss"][0] == 1.0 * 1 + 3.0 * 1
