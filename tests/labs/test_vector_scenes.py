"""The vector-space lab's scene: it survives a scene file exactly, refuses what it cannot show, and computes."""

from __future__ import annotations

import json

import msgspec
import numpy as np
import pytest

from visualiser.engine.vectors import builtin_set, neighbours_of_row
from visualiser.labs.rejection import Rejected
from visualiser.labs.scene import SceneError
from visualiser.labs.scene_file import SceneFileError, scene_from_json, scene_to_json
from visualiser.labs.vectors.compute import compute_scene, toy_cloud
from visualiser.labs.vectors.scene import VectorScene, start_scene

EDITED = VectorScene(data="/somewhere/vectors.tsv", metadata="/somewhere/labels.tsv", method="tsne", perplexity=12.5,
                     learning_rate=75.0, early_exaggeration=4.0, exaggeration_iterations=100, momentum=0.6, seed=9,
                     iterations=321, arrows=True, selected=17, neighbour_count=7, analogy=("paris", "france", "japan"),
                     logits=(1000.0, -1000.0, 0.5, 3.25), temperature=0.37, target=3, frame=42)


@pytest.mark.parametrize("scene", [start_scene(), EDITED], ids=["start", "edited"])
def test_a_vector_scene_survives_a_scene_file_exactly(scene):
    text = scene_to_json(scene)
    assert scene_from_json(text, lab="vectors") == scene
    assert json.loads(text)["scene"]["lab"] == "vectors"


@pytest.mark.parametrize("field, value, message", [
    ("method", "umap", "scene.method: unknown projection 'umap' (choose from pca, tsne)"),
    ("perplexity", 0.5, "scene.tsne: the perplexity must be at least 1, not 0.5"),
    ("momentum", 1.0, "scene.tsne: the momentum must be from 0 up to (not including) 1, not 1"),
    ("temperature", 0.0, "scene.temperature: the temperature must be from 0.01 to 100, not 0"),
    ("logits", [1.0], "scene.logits: the softmax panel has from 2 to 10 logits, not 1"),
    ("logits", [1.0, 1e6], "scene.logits: every logit must be from -1000 to 1000"),
    ("target", 3, "scene.target: the target class must be from 0 to 2, not 3"),
    ("analogy", ["king", "", "woman"], "scene.analogy: an analogy a - b + c needs three words"),
    ("iterations", 0, "scene.iterations: t-SNE runs from 1 to 5,000 iterations, not 0"),
])
def test_a_damaged_scene_file_names_the_field(field, value, message):
    scene = json.loads(scene_to_json(start_scene()))
    scene["scene"][field] = value
    with pytest.raises(SceneFileError) as error:
        scene_from_json(json.dumps(scene))
    assert str(error.value) == message


def test_an_edit_the_scene_refuses_is_a_scene_error():
    with pytest.raises(SceneError, match="the temperature must be from 0.01 to 100, not 500"):
        msgspec.structs.replace(start_scene(), temperature=500.0)


def test_the_start_scene_computes_king_s_neighbours_and_its_analogy():
    result = compute_scene(start_scene())
    words = builtin_set("words")
    assert result.neighbours == neighbours_of_row(words, words.row_of("king"), 10)
    assert result.analogy.neighbours[0].word == "queen"
    assert result.frame_count == 1 and result.pca.projection.shape == (2000, 2)


def test_a_tsne_scene_runs_to_its_frame_and_a_bad_file_is_rejected_with_its_sentence(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "vectors.tsv"
    path.write_text("\n".join("\t".join(f"{v:.5f}" for v in row) for row in rng.standard_normal((40, 4))))
    scene = VectorScene(data=str(path), method="tsne", perplexity=5, frame=30, selected=0)
    result = compute_scene(scene)
    assert result.frame_count == 31 and result.tsne[-1].iteration == 30
    assert result.data.labels[:3] == ("0", "1", "2")
    path.write_text("1\t2\n3\n")
    rejected = compute_scene(scene)
    assert rejected == Rejected("data", "vectors.tsv, line 2: 1 numbers where line 1 has 2 (every vector needs the "
                                        "same length)")


def test_the_toy_cloud_s_first_axis_is_its_stretch():
    toy = toy_cloud()
    assert abs(toy.pca.components[0] @ [np.cos(np.pi / 6), np.sin(np.pi / 6)]) > 0.99
    assert toy.pca.explained_variance_ratio[0] > 0.85
