"""The killable child process that does the heavy symbolic work."""

import math
import operator
import time

import pytest

from visualiser.engine import ExpressionError, compile_expression
from visualiser.engine.symbolic_worker import SYMBOLIC_WORKER


def test_a_job_runs_in_the_child_and_returns_its_value():
    assert SYMBOLIC_WORKER.run(operator.add, 2, 3) == 5
    assert SYMBOLIC_WORKER.run(math.factorial, 20) == math.factorial(20)


def test_the_child_is_another_process():
    import os

    assert SYMBOLIC_WORKER.run(os.getpid) != os.getpid()


def test_a_runaway_job_is_killed_at_the_timeout_and_the_next_compile_works():
    SYMBOLIC_WORKER.start()
    first_child = SYMBOLIC_WORKER.run(__import__("os").getpid)
    started = time.perf_counter()
    with pytest.raises(ExpressionError) as caught:
        SYMBOLIC_WORKER.run(time.sleep, 10, timeout=0.5)
    elapsed = time.perf_counter() - started
    assert str(caught.value) == "expression too large: its derivatives took over 0.5 s"
    assert 0.5 <= elapsed < 10  # killed at the timeout, not waited for: the job would have taken 10 s
    # the sleeping child is gone; a fresh one serves the next job
    f = compile_expression("x^3")
    assert float(f.gradient_value(2.0)[0]) == 12.0
    assert SYMBOLIC_WORKER.run(__import__("os").getpid) != first_child


def test_a_slow_derivative_reports_too_large():
    # the Hessian of this product takes sympy about half a second
    text = "*".join(f"(x+{k})^{k}" for k in range(2, 25)) + "+ y"
    with pytest.raises(ExpressionError, match=r"^expression too large: its derivatives took over 0\.05 s$"):
        compile_expression(text, timeout=0.05)
    assert compile_expression("sin(x)").value(0.0) == 0.0


def test_an_exception_in_the_child_becomes_one_sentence():
    with pytest.raises(ExpressionError, match=r"^could not differentiate this expression \(ValueError\)$"):
        SYMBOLIC_WORKER.run(int, "not a number")
    assert SYMBOLIC_WORKER.run(operator.mul, 6, 7) == 42  # the child survived


def test_the_derivative_size_limit_is_reported_from_the_child():
    from visualiser.engine import derivatives

    # a short product whose Hessian has tens of thousands of nodes: the child's
    # ExpressionError crosses the pipe with its message intact
    text = "*".join(f"(x+{k})^{k}" for k in range(2, 25)) + "+ y"
    with pytest.raises(ExpressionError, match=r"^expression too large: its derivatives have (\d+) terms$") as caught:
        compile_expression(text, timeout=20)
    terms = int(str(caught.value).split()[-2])
    assert terms > derivatives.MAX_DERIVATIVE_NODES


def test_files_in_the_users_folder_do_not_shadow_the_childs_imports(tmp_path):
    """A learner's own sympy.py or resource.py next to their work must not run in the child."""
    import subprocess
    import sys
    from pathlib import Path

    marker = tmp_path / "executed"
    for name in ("sympy", "resource", "numpy"):
        (tmp_path / f"{name}.py").write_text(f"open({str(marker)!r}, 'w').write('{name}')\nraise SystemExit(3)\n")
    command = Path(sys.executable).with_name("visualiser")
    result = subprocess.run([str(command), "inspect", "x^3", "--json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert '"3*x**2"' in result.stdout
    assert not marker.exists()
