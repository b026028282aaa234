"""Lesson files: the format round-trips, hostile files are refused in one sentence, notes stay safe HTML."""

from __future__ import annotations

import json

import msgspec
import pytest

from visualiser.labs.lesson_file import (MAX_NOTE, MAX_SCENES, Lesson, LessonScene, lesson_from_json, lesson_to_json,
                                         read_lesson, write_lesson)
from visualiser.labs.lessons import builtin_lesson, builtin_lessons
from visualiser.labs.notes import note_html
from visualiser.labs.roots.scene import RootScene
from visualiser.labs.scene_file import SceneFileError


def lesson_text(*scenes: dict, **fields) -> str:
    return json.dumps({"format": "visualiser-lesson", "version": 1, "title": "A lesson",
                       "scenes": list(scenes), **fields})


ROOTS = {"lab": "roots", "expression": "x^3 - 2", "bracket": [0.0, 2.0]}


@pytest.mark.smoke
def test_there_are_at_least_eight_builtin_lessons_each_with_notes():
    lessons = builtin_lessons()
    assert len(lessons) >= 8
    assert {"bisection-basics", "five-methods", "pole-not-root", "newton-cycles", "conditioning", "rosenbrock",
            "saddle", "learning-rate"} <= set(lessons)
    for name, lesson in lessons.items():
        assert all(len(entry.note) > 80 for entry in lesson.scenes), name


@pytest.mark.parametrize("name", list(builtin_lessons()))
def test_every_builtin_lesson_saves_and_reloads_identically(tmp_path, name):
    lesson = builtin_lesson(name)
    path = write_lesson(tmp_path / f"{name}.json", lesson)
    assert read_lesson(path) == lesson
    assert lesson_to_json(read_lesson(path)) == path.read_bytes()


def test_an_unknown_builtin_lesson_is_one_sentence_naming_the_ones_there_are():
    with pytest.raises(SceneFileError, match="no built-in lesson 'fourier' .*bisection-basics"):
        builtin_lesson("fourier")


@pytest.mark.parametrize("text, message", [
    (lesson_text(), "scenes: a lesson has 1 to 200 scenes, not 0"),
    (lesson_text(*[{"scene": ROOTS}] * (MAX_SCENES + 1)), f"a lesson has 1 to {MAX_SCENES} scenes, not {MAX_SCENES + 1}"),
    (lesson_text({"scene": ROOTS}, title=""), "title: a title of 1 to 200 characters is needed"),
    (lesson_text({"scene": ROOTS}, title=7), "title: expected 'str', got 'int'"),
    (lesson_text({"scene": ROOTS, "note": "x" * (MAX_NOTE + 1)}), "scenes[0].note: the note is 20001 characters long"),
    (lesson_text({"scene": {**ROOTS, "bracket": [3, 1]}}), "scenes[0].scene.bracket: the bracket [a, b] needs a < b"),
    (lesson_text({"scene": {**ROOTS, "expression": "__import__('os').system('rm -rf /')"}}), "scenes[0].scene.expression:"),
    (lesson_text({"scene": {**ROOTS, "expression": "exp(exp(exp(10)))"}}), "scenes[0].scene.expression: number too large"),
    (lesson_text({"scene": {**ROOTS, "xtol": 1e999}}).replace("Infinity", "1e999"), "scenes[0].scene.xtol: number out of range"),
    (lesson_text({"scene": {**ROOTS, "lab": "fourier"}}), "scenes[0].scene.lab: unknown lab 'fourier'"),
    (lesson_text({"scene": ROOTS, "extra": 1}), "scenes[0]: object contains unknown field 'extra'"),
    (lesson_text({"note": "no scene"}), "scenes[0]: object missing required field 'scene'"),
    (lesson_text({"scene": {"lab": "descent", "starts": [[0, 0]], "runs": [{"optimizer": "adam", "hyperparameters":
                                                                              {"lr": -1}}]}}),
     "scenes[0].scene.runs[0].hyperparameters: lr must be positive, not -1"),
    ('{"format": "visualiser-lesson", "version": 2, "scenes": []}', "version 2 written by a newer visualiser"),
    ('{"format": "visualiser-scene", "version": 1, "scene": {}}', "not a visualiser-lesson file"),
    (lesson_text({"scene": ROOTS})[:-30], "not valid JSON"),
    ("\x00\x01\x02garbage\xff", "not valid JSON"),
    ('{"format": "visualiser-lesson", "version": 1, "scenes": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply"),
], ids=lambda value: str(value)[-36:])
def test_a_bad_lesson_is_refused_in_one_sentence_naming_the_field(text, message):
    with pytest.raises(SceneFileError) as refused:
        lesson_from_json(text)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_a_file_names_itself_in_the_message_and_a_huge_one_is_refused_unread(tmp_path):
    bad = tmp_path / "shared.json"
    bad.write_text(lesson_text({"scene": {**ROOTS, "maxiter": 0}}))
    with pytest.raises(SceneFileError, match=r"^shared\.json: scenes\[0\]\.scene\.maxiter: maxiter must be"):
        read_lesson(bad)
    huge = tmp_path / "huge.json"
    huge.write_bytes(lesson_text({"scene": ROOTS}).encode() + b" " * (50 * 2**20))  # 50 MB of padding
    with pytest.raises(SceneFileError, match=r"^huge\.json: too large"):
        read_lesson(huge)
    with pytest.raises(SceneFileError, match=r"^missing\.json: cannot be read"):
        read_lesson(tmp_path / "missing.json")


def test_a_lesson_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "lesson.json"
    lesson = Lesson(title="Keep", scenes=(LessonScene(scene=RootScene(), note="first"),))
    write_lesson(path, lesson)

    def killed(*args):  # the process dies between writing the new file and putting it in place
        raise KeyboardInterrupt
    monkeypatch.setattr("os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_lesson(path, Lesson(title="Half", scenes=lesson.scenes))
    assert read_lesson(path) == lesson and [p.name for p in tmp_path.iterdir()] == ["lesson.json"]


@pytest.mark.parametrize("note, html", [
    ("Bisection **halves** the bracket.", "<p>Bisection <b>halves</b> the bracket.</p>"),
    ("one\n\ntwo", "<p>one</p><p>two</p>"),
    ("after *n* steps `2^-n (b - a)`", "<p>after <i>n</i> steps <code>2^-n (b - a)</code></p>"),
    ("**bold *and* italic**", "<p><b>bold <i>and</i> italic</b></p>"),
    ("x**2 and 2*3*4", "<p>x**2 and 2*3*4</p>"),
    ("<script>alert(1)</script> <a href='x'>link</a> <img src=x>",
     "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&#x27;x&#x27;&gt;link&lt;/a&gt; &lt;img src=x&gt;</p>"),
    ("`**not bold**`", "<p><code>**not bold**</code></p>"),
    ("", ""),
])
def test_a_note_becomes_safe_html(note, html):
    assert note_html(note) == html


def test_lesson_json_is_the_structs_own_encoding():
    lesson = builtin_lesson("bisection-basics")
    data = json.loads(lesson_to_json(lesson))
    assert data["format"] == "visualiser-lesson" and data["version"] == 1 and data["title"] == lesson.title
    assert data["scenes"][0]["scene"] == json.loads(msgspec.json.encode(lesson.scenes[0].scene))
