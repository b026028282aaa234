"""``visualiser examples`` and ``visualiser render``: the built-in lessons listed, and pictures made with no display."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import av
import numpy as np
import pytest
from picture_measures import blurred_difference
from PIL import Image

from visualiser.cli import main
from visualiser.labs.lessons import builtin_lessons
from visualiser.labs.roots.compute import solve_scene


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.smoke
def test_examples_lists_every_builtin_lesson_name_first(capsys):
    code, out, err = run(capsys, "examples")
    lines = out.splitlines()
    assert code == 0 and err == "" and len(lines) == len(builtin_lessons())
    for line, (name, lesson) in zip(lines, builtin_lessons().items()):
        assert line.split()[0] == name and lesson.title in line


@pytest.mark.smoke
def test_a_png_of_a_builtin_lesson_is_the_size_asked_for_and_a_real_picture(capsys, tmp_path):
    out_file = tmp_path / "figure.png"
    code, out, err = run(capsys, "render", "--example", "bisection-basics", "--scene", "2", "--out", str(out_file),
                         "--size", "800x600")
    assert code == 0 and err == "" and f"wrote {out_file}: frame 3, 800x600" in out
    image = np.asarray(Image.open(out_file).convert("RGB"))
    assert image.shape == (600, 800, 3)
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 50 and (image == 255).all(axis=2).mean() < 0.95


def test_scale_draws_the_picture_at_a_higher_pixel_density(capsys, tmp_path):
    """--scale 2 with twice the --size is the 1x picture, twice as fine (issue 12, item 19)."""
    small, large = tmp_path / "small.png", tmp_path / "large.png"
    common = ("render", "--example", "bisection-basics", "--scene", "2")
    assert run(capsys, *common, "--out", str(small), "--size", "800x600")[0] == 0
    code, out, _ = run(capsys, *common, "--out", str(large), "--size", "1600x1200", "--scale", "2")
    assert code == 0 and "1600x1200 at scale 2" in out
    at_1x, at_2x = (np.asarray(Image.open(path).convert("RGB"), dtype=float) for path in (small, large))
    assert at_2x.shape == (1200, 1600, 3)
    assert blurred_difference(at_2x, at_1x) < 1.2
    code, _out, err = run(capsys, *common, "--out", str(large), "--scale", "0")
    assert code == 2 and "--scale 0" in err


def test_an_svg_is_vectors(capsys, tmp_path):
    out_file = tmp_path / "figure.svg"
    assert run(capsys, "render", "--example", "saddle", "--out", str(out_file))[0] == 0
    root = ElementTree.parse(out_file).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 100


def test_a_gif_and_an_mp4_have_the_frames_asked_for(capsys, tmp_path):
    gif, mp4 = tmp_path / "bisection.gif", tmp_path / "bisection.mp4"
    frame_count = solve_scene(builtin_lessons()["bisection-basics"].scenes[0].scene).frame_count  # 41
    assert run(capsys, "render", "--example", "bisection-basics", "--out", str(gif), "--size", "320x240",
               "--frames", "12")[0] == 0
    with Image.open(gif) as image:
        assert image.n_frames == 12 and image.size == (320, 240)
    code, out, _ = run(capsys, "render", "--example", "bisection-basics", "--out", str(mp4), "--size", "321x241",
                       "--frames", "500", "--fps", "20")
    assert code == 0 and f"{frame_count} frames at 20 fps" in out  # a run shorter than --frames: all of it
    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        assert sum(1 for _ in container.decode(stream)) == frame_count
        assert (stream.width, stream.height) == (322, 242) and float(stream.average_rate) == 20  # even sides


@pytest.mark.parametrize("argv, message", [
    (["render", "missing.json", "--out", "x.png"], "error: missing.json: cannot be read"),
    (["render", "--example", "fourier", "--out", "x.png"], "error: no built-in lesson 'fourier'"),
    (["render", "--example", "saddle", "--out", "x.jpg"], "error: 'x.jpg' should end in .png, .svg, .gif or .mp4"),
    (["render", "--example", "saddle", "--scene", "9", "--out", "x.png"], "error: --scene 9: the lesson has scenes 1 to 2"),
    (["render", "--example", "saddle", "--out", "x.png", "--size", "big"], "error: argument --size: 'big' should look"),
    (["render", "--example", "saddle", "--out", "x.png", "--size", "100000x10"], "error: argument --size: '100000x10'"),
    (["render", "--example", "saddle", "--out", "x.gif", "--fps", "0"], "error: --frames must be at least 1"),
    (["render", "--out", "x.png"], "error: one of the arguments lesson --example is required"),
])
def test_bad_input_is_one_error_line_and_exit_2(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own mistakes
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith(message)
    assert not any(tmp_path.iterdir())  # nothing half written


def test_a_lesson_renders_its_own_data_file_from_any_working_directory(capsys, tmp_path, monkeypatch):
    """A lesson names its data relative to itself (issue 13): `render` finds it beside the lesson."""
    (tmp_path / "course").mkdir()
    (tmp_path / "elsewhere").mkdir()
    rng = np.random.default_rng(2)
    (tmp_path / "course" / "vectors.tsv").write_text(
        "\n".join("\t".join(f"{v:.4f}" for v in row) for row in rng.standard_normal((25, 3))) + "\n")
    lesson = tmp_path / "course" / "own-data.json"
    lesson.write_text('{"format": "visualiser-lesson", "version": 1, "scenes": [{"scene": {"lab": "vectors", '
                      '"data": "vectors.tsv"}}]}')
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, out, err = run(capsys, "render", str(lesson), "--out", "figure.png", "--size", "640x480")
    assert (code, err) == (0, "") and (tmp_path / "elsewhere" / "figure.png").is_file()


def test_a_bad_lesson_file_is_named_in_its_one_error_line(capsys, tmp_path):
    lesson = tmp_path / "shared.json"
    lesson.write_text('{"format": "visualiser-lesson", "version": 1, "scenes": [{"scene": {"lab": "roots", '
                      '"expression": "sin(x"}}]}')
    code, out, err = run(capsys, "render", str(lesson), "--out", str(tmp_path / "x.png"))
    assert code == 2 and err == "error: shared.json: scenes[0].scene.expression: missing ')' at column 6\n"


def test_render_needs_no_display_in_a_real_process(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "QT_QPA_PLATFORM")}
    out_file = tmp_path / "descent.png"
    done = subprocess.run([sys.executable, "-m", "visualiser", "render", "--example", "learning-rate", "--out",
                           str(out_file), "--size", "640x480"], capture_output=True, text=True, timeout=120,
                          env=environment)
    assert done.returncode == 0, done.stderr
    assert Image.open(out_file).size == (640, 480)
