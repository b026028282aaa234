"""``visualiser neighbours``, ``analogy``, ``project`` and ``softmax``: the real commands, against references."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import numpy as np
import pytest
from scipy import special
from sklearn import decomposition, manifold

from visualiser.cli import main
from visualiser.engine.vectors import builtin_set


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cosines(vectors, query):
    vectors = vectors.astype(np.float64)
    return vectors @ query / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query))


def test_neighbours_json_is_the_brute_force_cosine_order_without_the_word(capsys):
    code, out, err = run(capsys, "neighbours", "seven", "--k", "6", "--json")
    assert code == 0 and err == ""
    found = json.loads(out)["neighbours"]
    words = builtin_set("words")
    scores = cosines(words.vectors, words.vectors[words.labels.index("seven")].astype(np.float64))
    order = [row for row in np.argsort(-scores) if words.labels[row] != "seven"][:6]
    assert [n["word"] for n in found] == [words.labels[row] for row in order]
    np.testing.assert_allclose([n["similarity"] for n in found], scores[order], rtol=1e-9)


def test_analogy_lists_its_answers_best_first_without_the_query_words(capsys):
    code, out, _ = run(capsys, "analogy", "king", "man", "woman", "--json", "--k", "3")
    found = json.loads(out)["neighbours"]
    assert code == 0 and found[0]["word"] == "queen"
    assert [n["similarity"] for n in found] == sorted((n["similarity"] for n in found), reverse=True)
    code, out, _ = run(capsys, "analogy", "paris", "france", "italy")
    assert out.splitlines()[0].split()[:2] == ["1", "rome"]


def test_project_pca_matches_scikit_learn_in_the_data_order(capsys):
    code, out, _ = run(capsys, "project", "--data", "digits", "--method", "pca", "--json")
    result = json.loads(out)
    digits = builtin_set("digits")
    reference = decomposition.PCA(n_components=2).fit(digits.vectors.astype(np.float64))
    xy = np.array([[p["x"], p["y"]] for p in result["points"]])
    expected = reference.transform(digits.vectors.astype(np.float64))
    np.testing.assert_allclose(np.abs(xy), np.abs(expected), rtol=1e-6, atol=1e-9)
    assert [p["label"] for p in result["points"]] == list(digits.labels)
    np.testing.assert_allclose(result["explained_variance_ratio"][:2], reference.explained_variance_ratio_, rtol=1e-9)
    assert "kl_divergence" not in result


@pytest.fixture
def clusters_tsv(tmp_path):
    """Three well-separated clusters of 20 points in 5-D, labelled by a metadata.tsv beside them."""
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((3, 5)) * 10
    data = np.concatenate([centre + rng.standard_normal((20, 5)) for centre in centres])
    (tmp_path / "vectors.tsv").write_text("\n".join("\t".join(f"{v:.6f}" for v in row) for row in data) + "\n")
    (tmp_path / "metadata.tsv").write_text("name\tcluster\n" + "".join(f"p{i}\tc{i // 20}\n" for i in range(60)))
    return tmp_path / "vectors.tsv", data


def test_project_tsne_of_a_tsv_keeps_its_rows_and_separates_its_clusters(capsys, clusters_tsv, tmp_path):
    path, data = clusters_tsv
    out_csv = tmp_path / "points.csv"
    code, out, err = run(capsys, "project", "--data", str(path), "--method", "tsne", "--perplexity", "5",
                         "--iterations", "300", "--seed", "2", "--out", str(out_csv), "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert [p["label"] for p in result["points"]] == [f"p{i}" for i in range(60)]
    assert result["kl_divergence"] > 0 and "explained_variance_ratio" not in result
    xy = np.array([[p["x"], p["y"]] for p in result["points"]])
    assert manifold.trustworthiness(data, xy, n_neighbors=5) > 0.9
    rows = list(csv.DictReader(out_csv.open()))
    assert [(r["label"], r["group"], float(r["x"])) for r in rows] == [(p["label"], f"c{i // 20}", p["x"])
                                                                      for i, p in enumerate(result["points"])]


@pytest.mark.parametrize("logits", [["2", "1", "0.1"], ["1000", "-1000", "0"]])
def test_softmax_matches_scipy(capsys, logits):
    code, out, _ = run(capsys, "softmax", *logits, "--temperature", "0.5", "--target", "2", "--json")
    result = json.loads(out)
    z = np.array([float(v) for v in logits]) / 0.5
    np.testing.assert_allclose(result["probabilities"], special.softmax(z), rtol=1e-12, atol=1e-300)
    assert result["cross_entropy"] == pytest.approx(-special.log_softmax(z)[2], rel=1e-12)


@pytest.mark.parametrize("argv, message", [
    (["neighbours", "qwertyuiop"], "error: 'qwertyuiop' is not one of the 2,000 labels of words"),
    (["neighbours", "cat", "--k", "0"], "error: argument --k: 0 is not 1 or more"),
    (["analogy", "king", "man", "womn"], "error: 'womn' is not one of the 2,000 labels of words"),
    (["project", "--method", "tsne", "--data", "digits", "--perplexity", "0.5"],
     "error: the perplexity must be from 1 to a third of the other points"),
    (["project", "--method", "pca", "--data", "missing.tsv"], "error: missing.tsv could not be read"),
    (["project", "--method", "tsne", "--iterations", "10000000"],
     "error: argument --iterations: t-SNE runs at most 5,000 iterations, not 10,000,000"),
    (["neighbours", "king", "--data", "/dev/zero"], "error: zero is not a file"),
    (["softmax", "1", "2", "--target", "5"], "error: the target class must be from 0 to 1, not 5"),
    (["softmax", "1", "nan"], "error: argument LOGIT: 'nan' is not a finite number"),
])
def test_bad_input_exits_2_with_one_error_line(capsys, argv, message):
    try:
        code = main(argv)
    except SystemExit as exited:  # argparse's own refusals exit from parse_args
        code = exited.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(message) and err.count("\n") == 1


def test_a_malformed_file_names_its_line(capsys, tmp_path):
    (tmp_path / "glove.txt").write_text("cat 0.1 0.2\ndog 0.3\n")
    code, _, err = run(capsys, "neighbours", "cat", "--data", str(tmp_path / "glove.txt"))
    assert code == 2
    assert err == "error: glove.txt, line 2: 1 numbers where line 1 has 2 (every vector needs the same length)\n"


def test_the_command_runs_as_a_program():
    done = subprocess.run([sys.executable, "-m", "visualiser", "neighbours", "king", "--k", "2", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [n["word"] for n in json.loads(done.stdout)["neighbours"]] == ["prince", "queen"]
