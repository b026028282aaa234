"""The person's own vector files: what reads, and one sentence naming the line for each malformed file."""

from pathlib import Path

import numpy as np
import pytest

from visualiser.engine.vectors import VectorDataError, read_vector_file
from visualiser.engine.vectors import importers


def write(folder, name, text):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_a_projector_tsv_reads_with_its_metadata_beside_it(tmp_path):
    vectors = write(tmp_path, "vectors.tsv", "1\t2\t3\n4\t5\t6\n\n7\t8\t9.5e-1\n")
    write(tmp_path, "metadata.tsv", "word\tkind\nsun\tstar\nmoon\tsatellite\nearth\tplanet\n")
    data = read_vector_file(vectors)
    np.testing.assert_array_equal(data.vectors, np.float32([[1, 2, 3], [4, 5, 6], [7, 8, 0.95]]))
    assert data.labels == ("sun", "moon", "earth") and data.groups == ("star", "satellite", "planet")


def test_single_column_metadata_has_no_header_and_another_file_can_be_named(tmp_path):
    vectors = write(tmp_path, "v.tsv", "1\t0\n0\t1\n")
    labels = write(tmp_path, "names.tsv", "left\nright\n")
    assert read_vector_file(vectors, labels).labels == ("left", "right")
    assert read_vector_file(vectors).labels == ("0", "1")  # no metadata: row numbers


def test_word2vec_text_with_and_without_its_header(tmp_path):
    with_header = write(tmp_path, "w2v.txt", "2 3\ncat 0.1 0.2 0.3\ndog 0.4 0.5 0.6\n")
    glove = write(tmp_path, "glove.txt", "cat 0.1 0.2 0.3\r\ndog 0.4 0.5 0.6\r\n")
    for path in (with_header, glove):
        data = read_vector_file(path)
        assert data.labels == ("cat", "dog")
        np.testing.assert_allclose(data.vectors, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], rtol=1e-7)


@pytest.mark.parametrize("name, content, message", [
    ("vectors.tsv", "1\t2\t3\n4\t5\n",
     "vectors.tsv, line 2: 2 numbers where line 1 has 3 (every vector needs the same length)"),
    ("vectors.tsv", "1\t2\n3\tabc\n", "vectors.tsv, line 2, column 2: 'abc' is not a number"),
    ("vectors.tsv", "1\t2\nnan\t3\n", "vectors.tsv, line 2, column 1: nan is not a finite number"),
    ("vectors.tsv", "1\t2\n3\tinf\n", "vectors.tsv, line 2, column 2: inf is not a finite number"),
    ("vectors.tsv", "1\t2\n3\t1e39\n", "vectors.tsv, line 2, column 2: 1e39 is not a finite number"),
    ("vectors.tsv", "", "vectors.tsv is empty"),
    ("vectors.tsv", "\n  \n", "vectors.tsv is empty"),
    ("vectors.bin", b"\x02\x00\x00\x00\x32\x00\xff\xfe", "vectors.bin is a binary file, not text"),
    ("vectors.txt", b"cat 0.1 \xe9\xff 0.2\n", "vectors.txt, line 1: not UTF-8 text"),
    ("w2v.txt", "3 2\ncat 1 2\ndog 3 4\n", "w2v.txt, line 1: the header says 3 vectors, but the file has 2"),
    ("w2v.txt", "2 3\ncat 1 2\ndog 3 4\n", "w2v.txt, line 1: the header says 3 numbers per vector, but line 2 has 2"),
    ("w2v.txt", "2 2\n", "w2v.txt, line 1: a header for 2 vectors, and no vector after it"),
    ("w2v.txt", "900000 300\ncat 1 2\n", "line 1: the header says 900,000 vectors of 300 numbers"),
    ("w2v.txt", "cat 1 2\ndog\n", "w2v.txt, line 2: a label and no numbers"),
    ("w2v.txt", "cat 1 2\ndog 1 x2\n", "w2v.txt, line 2, column 3: 'x2' is not a number"),
    ("wide.tsv", "\t".join(["1"] * 1001) + "\n", "wide.tsv, line 1: 1,001 numbers; vectors of up to 1,000 are read"),
])
def test_each_malformed_file_is_one_sentence_naming_the_line(tmp_path, name, content, message):
    with pytest.raises(VectorDataError) as error:
        read_vector_file(write(tmp_path, name, content))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_metadata_that_does_not_fit_its_vectors(tmp_path):
    vectors = write(tmp_path, "vectors.tsv", "1\t2\n3\t4\n5\t6\n")
    write(tmp_path, "metadata.tsv", "word\tkind\nsun\tstar\nmoon\n")
    with pytest.raises(VectorDataError, match="metadata.tsv: 2 labels after its header line for the 3 vectors"):
        read_vector_file(vectors)
    write(tmp_path, "metadata.tsv", "word\tkind\nsun\tstar\nmoon\nearth\tplanet\n")
    with pytest.raises(VectorDataError, match="metadata.tsv, line 3: 1 columns where the header has 2"):
        read_vector_file(vectors)


def test_files_over_the_limits_are_refused_before_they_are_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "MAX_BYTES", 100)
    with pytest.raises(VectorDataError, match="big.tsv is 0 MB; files of up to 0 MB"):
        read_vector_file(write(tmp_path, "big.tsv", "1\t2\n" * 60))
    with pytest.raises(VectorDataError, match="zero is not a file; files of up to 0 MB"):
        read_vector_file(Path("/dev/zero"))  # endless: refused before a byte is read
    monkeypatch.setattr(importers, "MAX_BYTES", 10**9)
    monkeypatch.setattr(importers, "MAX_VECTORS", 5)
    with pytest.raises(VectorDataError, match="many.tsv has 7 lines; at most 5 vectors are read"):
        read_vector_file(write(tmp_path, "many.tsv", "1\t2\n" * 7))


def test_a_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(VectorDataError, match="nothing.tsv could not be read"):
        read_vector_file(tmp_path / "nothing.tsv")
