"""Hostile input: every string is refused with a clear sentence, fast, and without side effects.

Each case is (text, the start of the message, the column or None). The 0.1 s bound per case is
the issue's safety property (refusal must not depend on how much work the input asks for), so
it is asserted here, on the process's CPU time, after a warm-up, so that neither a busy machine nor
the first case's imports count; everything else about speed lives in benchmarks/.
"""

import os
import sys
import tempfile
import time

import pytest

from visualiser.engine import ExpressionError, compile_expression

TOO_LONG = "expression too long"
NOT_ALLOWED = "is not allowed"

HOSTILE = [
    # code injection through builtins and dunders
    ("__import__('os').system('touch pwned')", "'__import__' is not allowed", 1),
    ("__builtins__", "'__builtins__' is not allowed", 1),
    ("x + __class__", "'__class__' is not allowed", 5),
    ("_x", "'_x' is not allowed", 1),
    ("x_ + 1", "'x_' is not allowed", 1),
    ("eval(x)", "unknown function 'eval'", 1),
    ("exec(x)", "unknown function 'exec'", 1),
    ("open(x)", "unknown function 'open'", 1),
    ("compile(x)", "unknown function 'compile'", 1),
    ("getattr(x, y)", "unknown function 'getattr'", 1),
    ("globals()", "unknown function 'globals'", 1),
    ("sympify(x)", "unknown function 'sympify'", 1),
    ("breakpoint()", "unknown function 'breakpoint'", 1),
    ("factorial(10**10)", "unknown function 'factorial'", 1),
    ("x.__class__", "'.' is not allowed", 2),
    ("().__class__.__bases__[0].__subclasses__()", "'.' is not allowed", 3),
    ("os.system('ls')", "'.' is not allowed", 3),
    ("sin.__globals__", "'.' is not allowed", 4),
    ("x.real", "'.' is not allowed", 2),
    ("'abc'", "''' is not allowed", 1),
    ('"abc"', "'\"' is not allowed", 1),
    ("f'{x}'", "''' is not allowed", 2),
    ("b'x'", "''' is not allowed", 2),
    # lambdas, comprehensions, walrus, subscripts, keyword and star arguments, statements
    ("lambda: 0", "':' is not allowed", 7),
    ("lambda x: x", "':' is not allowed", 9),
    ("[x for x in y]", "'[' is not allowed", 1),
    ("{x: 1}", "'{' is not allowed", 1),
    ("(y := 1)", "':' is not allowed", 4),
    ("x[0]", "'[' is not allowed", 2),
    ("min(x, key=y)", "'=' is not allowed", 11),
    ("max(*x)", "unexpected '*'", 5),
    ("max(**x)", "unexpected '**'", 5),
    ("x; import os", "';' is not allowed", 2),
    ("x\nimport os", "the character U+000A is not allowed", 2),
    ("x # comment", "'#' is not allowed", 3),
    ("x @ y", "'@' is not allowed", 3),
    ("x == 1", "'=' is not allowed", 3),
    ("x < 1", "'<' is not allowed", 3),
    ("~x", "'~' is not allowed", 1),
    ("x & y", "'&' is not allowed", 3),
    ("`x`", "'`' is not allowed", 1),
    ("$x", "'$' is not allowed", 1),
    ("\\sin x", "'\\' is not allowed", 1),
    ("x ? 1", "'?' is not allowed", 3),
    # huge numbers, powers and towers
    ("9^9^9^9", "exponent too large", 4),
    ("10**10**10", "exponent too large", 3),
    ("2^2^2^2^2", "exponent too large", 2),
    ("x^(10^10)", "exponent too large", 2),
    ("2^-1001", "exponent too large", 2),
    ("(10^299)^2", "number too large", 9),
    ("10^300 * 10^300", "number too large", None),
    ("1e999999999", "number '1e999999999' is too large", 1),
    ("1e309", "number '1e309' is too large", 1),
    ("9" * 41, "number too long (41 digits)", 1),
    ("e^1000", "number too large", 2),
    ("exp(exp(exp(exp(x))))^1e300", "exponent too large", 22),
    ("floor(exp(exp(exp(10))))", "number too large", 11),
    ("floor((pi^1000)^1000)", "number too large", 10),
    ("max(x, exp(exp(exp(10))))", "number too large", 12),
    # size and nesting
    ("x" * 100_000, TOO_LONG, None),
    ("(" * 5000 + "x" + ")" * 5000, TOO_LONG, None),
    ("1+" * 600 + "1", TOO_LONG, None),
    ("(" * 400 + "x" + ")" * 400, "expression too deeply nested", None),
    ("-" * 900 + "x", "expression too deeply nested", None),
    ("sin(" * 150 + "x" + ")" * 150, "expression too deeply nested", None),
    ("|" * 300 + "x" + "|" * 300, "expression too deeply nested", None),
    ("x+" * 499 + "x", "expression too large", None),
    ("x*y" * 330, "expression too large", None),
    # non-ASCII look-alikes, invisible characters, NUL
    ("х^2", "the non-ASCII character 'х' (U+0445) is not allowed", 1),  # Cyrillic ha
    ("x + у", "the non-ASCII character 'у' (U+0443) is not allowed", 5),  # Cyrillic u
    ("ｘ + 1", "the non-ASCII character 'ｘ' (U+FF58) is not allowed", 1),  # fullwidth x
    ("ｓｉｎ(x)", "the non-ASCII character 'ｓ' (U+FF53) is not allowed", 1),
    # (the minus sign, × and ² of pasted text are read as operators: tests/engine/test_pasted_text.py)
    ("x ± 1", "the non-ASCII character '±' (U+00B1) is not allowed", 3),
    ("2✕x", "the non-ASCII character '✕' (U+2715) is not allowed", 2),
    ("xⁿ", "the non-ASCII character 'ⁿ' (U+207F) is not allowed", 2),
    ("π x", "the non-ASCII character 'π' (U+03C0) is not allowed", 1),
    ("x\u200b+1", "the character U+200B is not allowed", 2),  # zero-width space
    ("x\u2060+ 1", "the character U+2060 is not allowed", 2),  # word joiner
    ("x\0", "a NUL character is not allowed", 2),
    ("\0__import__('os')", "a NUL character is not allowed", 1),
    ("\x1b[2J", "the character U+001B is not allowed", 1),
    ("x\r\n", "the character U+000D is not allowed", 2),
    ("\ud800", "the character U+D800 is not allowed", 1),  # lone surrogate
    # values sympy would fold into something unusable
    ("1/0", "the expression is undefined", None),
    ("log(0) + x", "the expression is undefined", None),
    ("sqrt(-1) x", "the expression has complex values", None),
    # plain mistakes
    ("", "the expression is empty", None),
    ("((x)", "missing ')'", 5),
    ("x +* y", "unexpected '*'", 4),
]


def test_the_suite_is_large_enough():
    assert len(HOSTILE) >= 60
    assert len({text for text, _, _ in HOSTILE}) == len(HOSTILE)


@pytest.fixture(scope="module")
def warm_engine():
    """Whatever the engine imports on its first use is imported before any case is timed."""
    compile_expression("sin(x) + y^2")
    with pytest.raises(ExpressionError):
        compile_expression("x +")


@pytest.mark.parametrize("text, message, column", HOSTILE, ids=[repr(t[:25]) for t, _, _ in HOSTILE])
def test_hostile_input_is_refused_quickly_with_a_clear_message(warm_engine, text, message, column):
    started = time.process_time()
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text)
    elapsed = time.process_time() - started
    error = caught.value
    assert str(error).startswith(message)
    assert "\n" not in str(error) and "Traceback" not in str(error)
    if column is not None:
        assert error.column == column
        assert str(error).endswith(f" at column {column}")
    assert elapsed < 0.1, f"took {elapsed:.3f} s"


_SIDE_EFFECT_EVENTS = ("os.system", "subprocess.Popen", "os.posix_spawn", "os.fork", "os.exec",
                       "os.spawn", "os.remove", "os.unlink", "os.rename", "os.mkdir", "os.rmdir",
                       "os.truncate", "os.kill", "shutil.", "pty.spawn", "ctypes.")
_recorded: list[tuple[str, tuple]] | None = None


def _audit(event: str, args: tuple) -> None:
    # audit hooks cannot be removed; this one records only while _recorded is a list
    if _recorded is None:
        return
    if event == "open":
        path, mode, flags = (list(args) + [None, None, None])[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC))
        if writing:
            _recorded.append((event, args))
    elif event.startswith(_SIDE_EFFECT_EVENTS):
        _recorded.append((event, args))


_hook_installed = False


def test_hostile_input_writes_no_file_and_starts_no_process(tmp_path, monkeypatch):
    global _recorded, _hook_installed
    monkeypatch.chdir(tmp_path)
    compile_expression("x^2")  # the symbolic worker is started (legitimately) before recording
    watched = [tmp_path, tempfile.gettempdir()]
    before = {str(d): sorted(os.listdir(d)) for d in watched}
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    _recorded = []
    try:
        # the recorder itself sees a harmless write-mode open of a scratch file
        with open(os.devnull, "w"):
            pass
        assert _recorded, "the audit hook does not record writes"
        _recorded.clear()
        for text, _, _ in HOSTILE:
            with pytest.raises(ExpressionError):
                compile_expression(text)
        events = list(_recorded)
    finally:
        _recorded = None
    assert events == []
    after = {str(d): sorted(os.listdir(d)) for d in watched}
    assert after == before
