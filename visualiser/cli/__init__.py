"""The ``visualiser`` command: the desktop app with no arguments, headless subcommands otherwise.

Each subcommand is a module with ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> exit code``. This package stays free of Qt so headless commands start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

from .. import __version__
from ..engine import ExpressionError
from ..labs.scene import SceneError
from . import (descend_command, examples_command, inspect_command, lr_search_command, presets_command, render_command,
               roots_command)
from .arguments import CommandLineParser, fail

SUBCOMMANDS = (inspect_command, roots_command, descend_command, lr_search_command, presets_command, examples_command,
               render_command)


def build_parser() -> CommandLineParser:
    parser = CommandLineParser(
        prog="visualiser",
        description="Make the mathematics of machine learning visible and playable. "
                    "With no command, opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"visualiser {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandLineParser)
    for module in SUBCOMMANDS:
        module.add_arguments(commands.add_parser(module.NAME, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and argv[0].lower().endswith(".json"):
        return launch_app(argv[0])  # `visualiser lesson.json`, as a file manager opens a lesson
    args = build_parser().parse_args(argv)
    if args.command is None:
        return launch_app()
    module = next(m for m in SUBCOMMANDS if m.NAME == args.command)
    try:
        return module.run(args)
    except ExpressionError as error:
        return fail(error)
    except SceneError as error:  # an option the scene it builds refuses
        return fail(error.problem)
    except BrokenPipeError:
        # `visualiser roots ... | head` closed the pipe early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def display_available() -> bool:
    """Whether Qt can open a window: an explicit platform, a non-Linux desktop, or an X/Wayland display."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch_app(lesson: str | None = None) -> int:
    if not display_available():
        return fail("no display found: the visualiser app needs a desktop session; "
                    "run 'visualiser --help' for the headless commands")
    from ..app.application import run_app  # Qt is imported only when a window is wanted

    return run_app(lesson=lesson)
