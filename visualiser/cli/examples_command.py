"""``visualiser examples``: the built-in lessons, one a line, the name first (for ``render --example NAME``)."""

from __future__ import annotations

import argparse

from ..labs.lessons import builtin_lessons


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    lessons = builtin_lessons()
    width = max(map(len, lessons), default=0)
    for name, lesson in lessons.items():
        count = len(lesson.scenes)
        print(f"{name:<{width}}  {lesson.title} ({count} scene{'s' * (count != 1)})")
    return 0
