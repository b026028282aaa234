"""``visualiser render LESSON.json --out FILE``: a lesson's scene as a picture or an animation, with no display.

The picture is the app's own figure, drawn in a view that is never shown (Qt's offscreen platform,
chosen here unless QT_QPA_PLATFORM says otherwise), so a script makes the figures a teacher sees
in the window. Qt is imported only when this command runs.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..engine import ExpressionError
from ..labs.lesson_file import read_lesson
from ..labs.lessons import builtin_lesson
from ..labs.scene_file import SceneFileError

PICTURES = (".png", ".svg")
ANIMATIONS = (".gif", ".mp4")
MAX_SIDE = 8000  # pixels: a 4K frame is 3840; larger is a typo, not a figure


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("lesson", nargs="?", type=Path, help="a lesson file (.json)")
    source.add_argument("--example", metavar="NAME", help="a built-in lesson instead (see 'visualiser examples')")
    parser.add_argument("--scene", type=int, default=1, metavar="N", help="which scene of the lesson, from 1 (default 1)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the file to write: .png or .svg (the scene's frame), .gif or .mp4 (the run played)")
    parser.add_argument("--size", type=_size, default=(1000, 700), metavar="WxH",
                        help="the figure's size in pixels (default 1000x700)")
    parser.add_argument("--scale", type=float, default=1.0, metavar="S",
                        help="lines, markers and text S times their size on screen: 2 with twice the --size "
                             "is the screen's picture for print (default 1)")
    parser.add_argument("--frames", type=int, default=120, metavar="N",
                        help="animations: at most this many frames, spread over the run (default 120)")
    parser.add_argument("--fps", type=float, default=10.0, help="animations: frames a second (default 10)")


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)[x×](\d+)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' should look like 1280x720")
    width, height = int(match[1]), int(match[2])
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"'{text}': each side must be from 16 to {MAX_SIDE} pixels")
    return width, height


def run(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in PICTURES + ANIMATIONS:
        raise ExpressionError(f"'{args.out.name}' should end in .png, .svg, .gif or .mp4")
    if args.frames < 1 or not args.fps > 0:
        raise ExpressionError("--frames must be at least 1 and --fps positive")
    if not 0.25 <= args.scale <= 8:
        raise ExpressionError(f"--scale {args.scale:g}: it must be from 0.25 to 8")
    try:
        lesson = builtin_lesson(args.example) if args.example else read_lesson(args.lesson)
    except SceneFileError as error:
        raise ExpressionError(str(error)) from None
    if not 1 <= args.scene <= len(lesson.scenes):
        raise ExpressionError(f"--scene {args.scene}: the lesson has scenes 1 to {len(lesson.scenes)}")
    scene = lesson.scenes[args.scene - 1].scene

    from ..figures.animation import AnimationExport, frames_to_show  # Qt, only now
    from ..figures.export import export_image
    from ..figures.offscreen import OffscreenFigure

    try:
        figure = OffscreenFigure(scene, args.size, args.scale)
    except ValueError as error:  # the scene's expression would not compile, or the like
        raise ExpressionError(f"scene {args.scene} cannot be drawn: {error}") from None
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if suffix in PICTURES:
            figure.draw()
            export_image(figure.figure, args.out)
            what = f"frame {figure.scene.shown_frame(figure.frame_count)}"
        else:
            frames = frames_to_show(figure.frame_count, args.frames)
            AnimationExport(figure, args.out, frames, args.fps).run()
            what = f"{len(frames)} frames at {args.fps:g} fps"
    except OSError as error:
        raise ExpressionError(f"{args.out} could not be written ({error.strerror or error})") from None
    finally:
        figure.close()
    print(f"wrote {args.out}: {what}, {args.size[0]}x{args.size[1]}" + (f" at scale {args.scale:g}" if args.scale != 1 else ""))
    return 0
