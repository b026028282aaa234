"""``visualiser inspect EXPR [--vars x,y] [--json]``."""

import json
import subprocess
import sys

import pytest
import sympy as sp

from visualiser.cli import main


def _json(capsys, *argv):
    assert main(["inspect", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_documented_keys_and_the_right_derivatives(capsys):
    data = _json(capsys, "(1-x)^2 + 100(y-x^2)^2")
    assert {"expression", "latex", "variables", "parameters", "gradient", "hessian"} <= set(data)
    assert data["variables"] == ["x", "y"] and data["parameters"] == []
    x, y = sp.symbols("x y")
    names = {"x": x, "y": y}
    # compare the printed gradient with the hand-derived one, as expressions
    gradient = [sp.sympify(g, locals=names) for g in data["gradient"]]  # test-owned, trusted text
    assert sp.simplify(gradient[0] - (-2 * (1 - x) - 400 * x * (y - x**2))) == 0
    assert sp.simplify(gradient[1] - 200 * (y - x**2)) == 0
    hessian = [[sp.sympify(h, locals=names) for h in row] for row in data["hessian"]]
    assert sp.simplify(hessian[0][1] + 400 * x) == 0 and hessian[1][1] == 200
    assert "x^{2}" in data["latex"]


def test_explicit_variables_and_parameters(capsys):
    data = _json(capsys, "a*t^2 + b", "--vars", "t")
    assert data["variables"] == ["t"] and data["parameters"] == ["a", "b"]
    assert data["gradient"] == ["2*a*t"] and data["hessian"] == [["2*a"]]


def test_plain_text_output(capsys):
    assert main(["inspect", "x^3"]) == 0
    out = capsys.readouterr().out
    assert "expression: x**3" in out
    assert "variables:  x" in out
    assert "parameters: (none)" in out
    assert "d/dx: 3*x**2" in out
    assert "latex: 3 x^{2}" in out
    assert "[6*x]" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["inspect", "sin(x))"], "error: unexpected ')' at column 7"),
        (["inspect", "foo(x)"], "error: unknown function 'foo' at column 1"),
        (["inspect", "__import__('os')"], "error: '__import__' is not allowed at column 1"),
        (["inspect", "x" * 2000], "error: expression too long (2000 characters; the limit is 1000)"),
        (["inspect", "x+y", "--vars", "x,x"], "error: a variable is listed twice"),
        (["inspect"], "error: the following arguments are required: expression (see 'visualiser inspect --help')"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_code_2(capsys, argv, message):
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse mistakes exit from inside parse_args
        code = exit_.code
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [message]


def test_through_a_real_process_bad_input_exits_2_with_one_line():
    result = subprocess.run([sys.executable, "-m", "visualiser", "inspect", "x + ) 9^9^9^9"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert lines[0] == "error: unexpected ')' at column 5"
    assert "Traceback" not in result.stderr


def test_through_a_real_process_good_input_prints_json():
    result = subprocess.run([sys.executable, "-m", "visualiser", "inspect", "x y", "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["gradient"] == ["y", "x"]
