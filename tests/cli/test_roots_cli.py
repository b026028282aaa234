"""``visualiser roots``: the real command, in-process and as a separate process."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from scipy import optimize

from visualiser.cli import main


def run(capsys, *argv):
    code = main(["roots", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_lists_every_halving_and_ends_with_the_root(capsys):
    code, out, err = run(capsys, "x^3 - 2", "--bracket", "0", "2")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Bisection on [0, 2]"
    assert lines[1].split() == ["n", "a", "b", "x", "f(x)", "width"]
    rows = [line.split() for line in lines[2:] if line.split()[0].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, len(rows) + 1))
    assert float(rows[0][3]) == 1.0 and float(rows[0][5]) == 1.0  # first midpoint, half the bracket
    assert len(rows) <= math.ceil(math.log2(2 / 2e-12)) + 1
    root = float(next(line for line in lines if line.startswith("root:")).split()[1])
    assert root == pytest.approx(optimize.bisect(lambda x: x**3 - 2, 0, 2, xtol=2e-12), abs=4e-12)
    assert "flag: converged" in lines


def test_json_is_the_result_with_every_step(capsys):
    code, out, _ = run(capsys, "a x^3 - x - 1", "--bracket", "0", "2", "--method", "brent", "--param", "a=2",
                       "--json")
    data = json.loads(out)
    assert code == 0
    assert data["method"] == "brent" and data["flag"] == "converged" and data["converged"] is True
    assert data["root"] == pytest.approx(optimize.brentq(lambda x: 2 * x**3 - x - 1, 0, 2), abs=4e-12)
    assert data["iterations"] == len(data["steps"]) and data["function_calls"] == data["iterations"] + 2
    assert data["bracket"] == [0, 2] and data["suggested_brackets"] == []
    assert data["expression"] == "a x^3 - x - 1" and data["params"] == {"a": 2.0}  # what was solved
    for step in data["steps"]:
        assert step["a"] <= step["x"] <= step["b"]
        assert {"a", "b", "x", "fx"} <= set(step)


def test_json_of_an_open_method_has_null_brackets(capsys):
    code, out, _ = run(capsys, "cos(x) - x", "--bracket", "0", "1", "--method", "newton", "--x0", "0.5", "--json")
    data = json.loads(out)
    assert code == 0
    assert all(step["a"] is None and step["b"] is None and step["width"] is None for step in data["steps"])
    assert data["root"] == pytest.approx(optimize.newton(lambda x: math.cos(x) - x, 0.5), abs=4e-12)


def test_a_run_that_finds_no_root_exits_1_and_explains(capsys):
    code, out, err = run(capsys, "x^2 - 1", "--bracket", "-2", "2")
    assert code == 1 and err == ""
    assert "flag: sign error" in out
    assert "why: f(a) = 3 and f(b) = 3 have the same sign" in out
    suggestions = next(line for line in out.splitlines() if line.startswith("f changes sign in:"))
    assert suggestions.count("[") == 2


def test_a_pole_is_reported_not_hidden(capsys):
    code, out, _ = run(capsys, "tan(x)", "--bracket", "1", "2", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["flag"] == "discontinuity" and data["converged"] is False
    assert data["message"].endswith("so this is a pole, not a root")


@pytest.mark.parametrize("argv, message", [
    (["x^3 - 2", "--bracket", "2", "0"], "error: the bracket [a, b] needs a < b, but a = 2 and b = 0"),
    (["x^3 - 2", "--bracket", "0", "2", "--xtol", "0"], "error: xtol must be a positive number, not 0"),
    (["x^3 - 2", "--bracket", "0", "2", "--maxiter", "0"], "error: maxiter must be a whole number from 1 to 10000, not 0"),
    (["x^3 - 2", "--bracket", "0", "2", "--x0", "1"], "error: --x0 is only used by newton and secant, not by bisect"),
    (["x^3 - 2", "--bracket", "0", "2", "--param", "k=2"], "error: the expression has no parameter 'k'"),
    (["x + y", "--bracket", "0", "2"], "error: expected a function of one variable, not of x, y"),
    (["x^3 - ", "--bracket", "0", "2"], None),
    (["x^3 - 2", "--bracket", "0", "2", "--method", "bisection"], None),
    (["x^3 - 2", "--bracket", "0", "nan"], None),
    (["x^3 - 2", "--bracket", "0"], None),
    (["x^3 - 2"], None),
])
def test_bad_input_is_one_error_line_and_exit_2(capsys, argv, message):
    try:
        code = main(["roots", *argv])
    except SystemExit as exit_:  # argparse's own mistakes (wrong choice, missing option)
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    if message is not None:
        assert err.rstrip("\n") == message
    assert "Traceback" not in err


def test_runs_as_a_separate_process():
    done = subprocess.run([sys.executable, "-m", "visualiser", "roots", "exp(-x) - x", "--bracket", "0", "1",
                           "--method", "false-position", "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["root"] == pytest.approx(optimize.brentq(lambda x: math.exp(-x) - x, 0, 1), abs=4e-12)
    bad = subprocess.run([sys.executable, "-m", "visualiser", "roots", "x", "--bracket", "1", "1"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == "error: the bracket [a, b] needs a < b, but a = 1 and b = 1\n"
