"""A data file a lesson names is found beside the lesson, wherever the app runs from, and Save As names it for
the new file: relative within the lesson's folder, absolute outside it (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from visualiser.labs.lesson_file import read_lesson, write_lesson
from visualiser.labs.vectors.compute import compute_scene


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    """A lesson folder with its data (vectors and their labels in a subfolder), a data file in a folder beside it,
    and the working directory somewhere else entirely."""
    folder = tmp_path / "course"
    (folder / "labels").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    rng = np.random.default_rng(4)
    (folder / "vectors.tsv").write_text("\n".join("\t".join(f"{v:.4f}" for v in row) for row in
                                                  rng.standard_normal((12, 3))) + "\n")
    (folder / "labels" / "names.tsv").write_text("name\tkind\n" + "".join(f"w{i}\t{'ab'[i % 2]}\n" for i in range(12)))
    (tmp_path / "shared" / "other.tsv").write_text("1\t2\n3\t4\n5\t6\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return folder


def write_lesson_file(path: Path, *scenes: dict) -> Path:
    path.write_text(json.dumps({"format": "visualiser-lesson", "version": 1, "title": "Own data",
                                "scenes": [{"scene": {"lab": "vectors", **scene}} for scene in scenes]}))
    return path


def files_named(path: Path) -> list[tuple[str, str | None]]:
    """(data, metadata) of each scene as the lesson file spells them."""
    return [(entry["scene"]["data"], entry["scene"].get("metadata")) for entry in json.loads(path.read_text())["scenes"]]


def scenes(lesson) -> list:
    return [entry.scene for entry in lesson.scenes]


def test_a_relative_data_file_is_read_from_the_lessons_folder_not_the_working_directory(course):
    absolute = str(course.parent / "shared" / "other.tsv")
    lesson = read_lesson(write_lesson_file(course / "lesson.json", {"data": "vectors.tsv", "metadata": "labels/names.tsv"},
                                           {"data": "../shared/other.tsv"}, {"data": absolute}, {"data": "digits"}))
    own, beside, elsewhere, builtin = scenes(lesson)
    assert (own.data, own.metadata) == (str(course / "vectors.tsv"), str(course / "labels" / "names.tsv"))
    assert beside.data == elsewhere.data == absolute and builtin.data == "digits"
    result = compute_scene(own)
    written = np.loadtxt(course / "vectors.tsv", delimiter="\t")
    np.testing.assert_allclose(result.data.vectors, written, rtol=1e-6)
    assert result.data.labels == tuple(f"w{i}" for i in range(12)) and result.data.groups[:2] == ("a", "b")
    assert compute_scene(beside).data.vectors.shape == (3, 2)


def test_save_as_keeps_files_in_the_lessons_folder_relative_and_others_absolute(course):
    lesson = read_lesson(write_lesson_file(course / "lesson.json", {"data": "vectors.tsv", "metadata": "labels/names.tsv"},
                                           {"data": "../shared/other.tsv"}, {"data": "words"}))
    shared = str(course.parent / "shared" / "other.tsv")
    write_lesson(course / "copy.json", lesson)  # the same folder
    assert files_named(course / "copy.json") == [("vectors.tsv", "labels/names.tsv"), (shared, None), ("words", None)]
    write_lesson(course.parent / "above.json", lesson)  # the folder above: both data files are below it
    assert files_named(course.parent / "above.json") == [("course/vectors.tsv", "course/labels/names.tsv"),
                                                         ("shared/other.tsv", None), ("words", None)]
    away = course.parent / "elsewhere" / "away.json"
    write_lesson(away, lesson)  # a folder beside: every file is outside it
    assert files_named(away) == [(str(course / "vectors.tsv"), str(course / "labels" / "names.tsv")),
                                 (shared, None), ("words", None)]
    for saved in (course / "copy.json", course.parent / "above.json", away):
        assert read_lesson(saved) == lesson  # each finds the same files again


def test_a_lesson_folder_moved_whole_still_finds_its_data(course):
    write_lesson(course / "lesson.json", read_lesson(write_lesson_file(course / "lesson.json",
                                                                       {"data": "vectors.tsv"})))
    moved = course.rename(course.parent / "moved")
    scene = read_lesson(moved / "lesson.json").scenes[0].scene
    assert scene.data == str(moved / "vectors.tsv") and compute_scene(scene).data.vectors.shape == (12, 3)
