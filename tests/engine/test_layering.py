"""The layers' import rule: the engine, the labs' scenes and compute, and the command line never load Qt;
the figures never load the app.

Checked in a fresh interpreter, because the test session itself has Qt loaded by tests/app.
"""

import pkgutil
import subprocess
import sys

import visualiser.engine
import visualiser.figures
import visualiser.labs

QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "superqt", "qtpy")


def modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(output.split())


def every_module(package) -> list[str]:
    return [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_no_module_of_the_engine_imports_qt():
    modules = every_module(visualiser.engine)
    assert {"visualiser.engine.roots", "visualiser.engine.optim", "visualiser.engine.vectors",
            "visualiser.engine.lr_search"} <= set(modules)
    loaded = top_level(modules_loaded_by("\n".join(f"import {name}" for name in modules)))
    assert not loaded & set(QT_MODULES)
    assert {"numpy", "sympy"} <= loaded


def test_no_module_of_the_labs_imports_qt():
    modules = every_module(visualiser.labs)
    assert {"visualiser.labs.scene_file", "visualiser.labs.roots.compute", "visualiser.labs.descent.runs"} <= set(modules)
    loaded = top_level(modules_loaded_by("\n".join(f"import {name}" for name in modules)))
    assert not loaded & set(QT_MODULES)


def test_the_figures_do_not_import_the_app():
    loaded = modules_loaded_by("\n".join(f"import {name}" for name in every_module(visualiser.figures)))
    assert not {name for name in loaded if name.startswith("visualiser.app")}


def test_headless_commands_do_not_import_qt():
    loaded = top_level(modules_loaded_by(
        "from visualiser.cli import main\n"
        "main(['inspect', 'x^2'])\n"
        "main(['roots', 'x^3 - 2', '--bracket', '0', '2'])\n"
        "main(['descend', '--preset', 'booth', '--steps', '5'])\n"
        "main(['lr-search', '--preset', 'booth', '--steps', '5'])\n"
        "main(['examples'])\n"
        "main(['neighbours', 'king'])\n"
        "main(['project', '--method', 'pca', '--data', 'words'])\n"
        "main(['softmax', '1', '2'])"))
    assert not loaded & set(QT_MODULES)
