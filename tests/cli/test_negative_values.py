"""Values that start with '-' are values, not options: -1e-3, and an expression like -x^2 + 2."""

import json
import math

import pytest
from scipy.optimize import brentq

from visualiser.cli import main


def run_json(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_bracket_in_scientific_notation_below_zero(capsys):
    result = run_json(capsys, "roots", "x + 0.5", "--bracket", "-1e3", "2e0")
    assert result["bracket"] == [-1000.0, 2.0]
    assert result["root"] == pytest.approx(-0.5, abs=1e-9)


def test_an_expression_that_starts_with_a_minus(capsys):
    result = run_json(capsys, "roots", "-x^2 + 2", "--bracket", "0", "2")
    assert result["root"] == pytest.approx(brentq(lambda x: -x * x + 2, 0, 2), abs=1e-11)
    assert result["root"] == pytest.approx(math.sqrt(2), abs=1e-11)


def test_a_negative_start_point_in_scientific_notation(capsys):
    result = run_json(capsys, "roots", "x^3 - x", "--bracket", "-2", "2", "--method", "newton", "--x0", "-1e-1")
    assert result["root"] == pytest.approx(0.0, abs=1e-12)
    path = run_json(capsys, "descend", "-x + x^2 + y^2", "--start", "-5e-1", "-2e-1", "--steps", "1")["path"]
    assert path[0] == [-0.5, -0.2]


def test_help_is_still_an_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["roots", "-h"])
    assert exit_.value.code == 0
    assert "--bracket" in capsys.readouterr().out
