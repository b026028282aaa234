"""The layers' import rule: the engine and the command line never load Qt.

Checked in a fresh interpreter, because the test session itself has Qt loaded by tests/app.
"""

import subprocess
import sys

QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "superqt", "qtpy")


def modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in output.split()}


def test_engine_packages_do_not_import_qt():
    loaded = modules_loaded_by("import visualiser.engine, visualiser.engine.roots, visualiser.engine.optim")
    assert not loaded & set(QT_MODULES)
    assert {"numpy", "sympy"} <= loaded


def test_headless_commands_do_not_import_qt():
    loaded = modules_loaded_by(
        "from visualiser.cli import main\n"
        "main(['inspect', 'x^2'])\n"
        "main(['roots', 'x^3 - 2', '--bracket', '0', '2'])\n"
        "main(['descend', '--preset', 'booth', '--steps', '5'])")
    assert not loaded & set(QT_MODULES)
