"""The ``visualiser`` command: the desktop app with no arguments, headless subcommands otherwise.

Each subcommand is a module here with ``add_arguments(parser)`` and ``run(args) -> exit code``,
listed in :data:`SUBCOMMANDS` with its one line of help. A module is imported only when its
command is used, so ``visualiser --help`` and ``--version`` load none of numpy, sympy, msgspec
or Qt and answer at once; Qt is imported only by ``render`` and by the app.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import NamedTuple, Sequence

from .. import __version__
from ..engine.errors import ExpressionError
from ..labs.scene_error import SceneError
from . import desktop_entry_option
from .arguments import CommandLineParser, fail


class Subcommand(NamedTuple):
    name: str
    help: str
    module: str  # under visualiser.cli


SUBCOMMANDS = (
    Subcommand("inspect", "show how an expression is read: variables, parameters, gradient and Hessian",
               "inspect_command"),
    Subcommand("roots", "find a root of f(x) = 0 on a bracket, printing every iteration "
                        "(exit code 0 when it converged, 1 when it did not, 2 for bad input)", "roots_command"),
    Subcommand("descend", "run a gradient-descent optimizer (PyTorch's update rules) from a start point "
                          "(exit code 0 when it converged or used all its steps, 1 when it diverged, 2 for bad input)",
               "descend_command"),
    Subcommand("lr-search", "find the largest stable learning rate by bisection, or the fastest one by golden section, "
                            "on log10(lr) (exit code 0 when found, 1 when no rate diverged or none converged, "
                            "2 for bad input)", "lr_search_command"),
    Subcommand("presets", "list the built-in loss surfaces for 'visualiser descend --preset NAME'", "presets_command"),
    Subcommand("examples", "list the built-in lessons (for 'visualiser render --example NAME')", "examples_command"),
    Subcommand("render", "draw a scene of a lesson to a PNG, SVG, GIF or MP4 file, with no display "
                         "(exit code 0 when written, 2 for a bad lesson or option)", "render_command"),
    Subcommand("neighbours", "the nearest neighbours of a word by cosine similarity (exit code 2 for bad input)",
               "neighbours_command"),
    Subcommand("analogy", "a is to b as what is to c: the words nearest a - b + c, with their cosines "
                          "(exit code 2 for bad input)", "analogy_command"),
    Subcommand("project", "the 2-D coordinates of a data set by PCA or t-SNE, with labels (exit code 2 for bad input)",
               "project_command"),
    Subcommand("softmax", "softmax(logits / T) and the cross-entropy -log p of a target (exit code 2 for bad input)",
               "softmax_command"),
)


class SubcommandParser(CommandLineParser):
    """A subcommand's parser, whose module declares its arguments (and sets ``run``) when it first parses.

    argparse gives a subcommand's arguments to its parser's ``parse_known_args``, and only to the
    chosen command's parser, so that is where the command's module is imported.
    """

    def __init__(self, *args, module: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        self.declared = False

    def parse_known_args(self, args=None, namespace=None):
        if not self.declared:
            command = importlib.import_module(f"{__name__}.{self.module}")
            command.add_arguments(self)
            self.set_defaults(run=command.run)
            self.declared = True
        return super().parse_known_args(args, namespace)


def build_parser() -> CommandLineParser:
    parser = CommandLineParser(
        prog="visualiser",
        description="Make the mathematics of machine learning visible and playable. "
                    "With no command, opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"visualiser {__version__}")
    desktop_entry_option.add_arguments(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=SubcommandParser)
    for command in SUBCOMMANDS:
        commands.add_parser(command.name, help=command.help, description=command.help, module=command.module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and argv[0].lower().endswith(".json"):
        return launch_app(argv[0])  # `visualiser lesson.json`, as a file manager opens a lesson
    args = build_parser().parse_args(argv)
    if (code := desktop_entry_option.run(args)) is not None:
        return code
    if args.command is None:
        return launch_app()
    try:
        return args.run(args)
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
