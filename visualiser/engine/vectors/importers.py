"""The person's own vectors: TensorFlow Embedding Projector TSV, and word2vec / GloVe text.

Files may come from anywhere, so they are read as untrusted text: the size is checked before
anything is read, no byte is ever unpickled or evaluated, and every problem is one sentence that
names the file and the line (``vectors.tsv, line 7: 49 numbers where line 1 has 50``) raised as
:class:`VectorDataError` before anything is returned, so what the caller had loaded stays.

* Projector: ``vectors.tsv`` has one vector per line, tab-separated numbers, no header. Its labels
  come from ``metadata.tsv``: one label per line, or, with more than one column, a header line
  and then a row per vector (the first column labels it, the second groups it), as the Projector reads it.
  Without metadata the labels are the row numbers.
* word2vec text: an optional header ``COUNT DIMENSIONS``, then ``word v1 v2 ...`` per line,
  separated by spaces. GloVe's text files are the same without the header.
"""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np

from .vector_set import VectorDataError, VectorSet

MAX_VECTORS = 50_000
MAX_DIMENSIONS = 1_000
MAX_BYTES = 600 * 2**20  # 50,000 x 1,000 numbers written with about 12 characters each
FLOAT32_MAX = float(np.finfo(np.float32).max)


def read_vector_file(path: str | Path, metadata: str | Path | None = None) -> VectorSet:
    """A ``.tsv`` as Projector vectors (its ``metadata.tsv`` beside it, or ``metadata``), else word2vec text."""
    path = Path(path)
    if path.suffix.lower() == ".tsv":
        return read_projector_tsv(path, metadata)
    if metadata is not None:
        raise VectorDataError(f"{path.name}: a word2vec file labels its own rows; "
                              f"--metadata is for Projector .tsv files")
    return read_word2vec_text(path)


def read_projector_tsv(path: str | Path, metadata: str | Path | None = None) -> VectorSet:
    path = Path(path)
    lines = _text_lines(path)
    rows = [_numbers(path, number, line.split("\t")) for number, line in lines]
    vectors = _stack(path, lines, rows)
    if metadata is None and (path.parent / "metadata.tsv").is_file() and path.name != "metadata.tsv":
        metadata = path.parent / "metadata.tsv"
    if metadata is None:
        labels = tuple(str(row) for row in range(len(vectors)))
        return VectorSet(path.name, vectors, labels, ("",) * len(labels))
    labels, groups = read_projector_metadata(Path(metadata), len(vectors), path.name)
    return VectorSet(path.name, vectors, labels, groups)


def read_projector_metadata(path: Path, count: int, vectors_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Labels (first column) and groups (second column, if any) for ``count`` vectors."""
    lines = _text_lines(path, allow_blank=True)
    columns = len(lines[0][1].split("\t"))
    if columns > 1:
        lines = lines[1:]  # with more than one column the first line names them
    if len(lines) != count:
        header = " after its header line" if columns > 1 else ""
        raise VectorDataError(f"{path.name}: {len(lines):,} labels{header} for the {count:,} vectors of "
                              f"{vectors_name}; it needs one line per vector")
    cells = [line.split("\t") for _, line in lines]
    for (number, _), row in zip(lines, cells):
        if len(row) != columns:
            raise VectorDataError(f"{path.name}, line {number}: {len(row)} columns where the header has {columns}")
    labels = tuple(row[0] for row in cells)
    groups = tuple(row[1] for row in cells) if columns > 1 else ("",) * count
    return labels, groups


def read_word2vec_text(path: str | Path) -> VectorSet:
    path = Path(path)
    lines = _text_lines(path)
    header = _word2vec_header(lines[0][1])
    if header is not None:
        lines = lines[1:]
        if not lines:
            raise VectorDataError(f"{path.name}, line 1: a header for {header[0]:,} vectors, and no vector after it")
    words, rows = [], []
    for number, line in lines:
        word, *fields = line.split()
        words.append(word)
        rows.append(_numbers(path, number, fields, first_column=2))
    if header is not None:
        count, dimensions = header
        if count != len(rows):
            raise VectorDataError(f"{path.name}, line 1: the header says {count:,} vectors, "
                                  f"but the file has {len(rows):,}")
        if dimensions != len(rows[0]):
            raise VectorDataError(f"{path.name}, line 1: the header says {dimensions:,} numbers per vector, but line "
                                  f"{lines[0][0]} has {len(rows[0]):,}")
    vectors = _stack(path, lines, rows)
    return VectorSet(path.name, vectors, tuple(words), ("",) * len(words))


def _word2vec_header(line: str) -> tuple[int, int] | None:
    """``COUNT DIMENSIONS`` as two whole numbers, or None when the first line is a vector."""
    fields = line.split()
    if len(fields) == 2 and all(field.isdigit() for field in fields):
        count, dimensions = int(fields[0]), int(fields[1])
        if count <= MAX_VECTORS and dimensions <= MAX_DIMENSIONS:
            return count, dimensions
        raise VectorDataError(f"line 1: the header says {count:,} vectors of {dimensions:,} numbers; at most "
                              f"{MAX_VECTORS:,} vectors of {MAX_DIMENSIONS:,} are read")
    return None


def _text_lines(path: Path, allow_blank: bool = False) -> list[tuple[int, str]]:
    """The file's non-blank lines with their 1-based numbers, after checking its size and that it is text."""
    limit = f"files of up to {MAX_BYTES // 2**20} MB ({MAX_VECTORS:,} vectors of {MAX_DIMENSIONS:,} numbers) are read"
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # /dev/zero or a pipe would never end, whatever its size says
            raise VectorDataError(f"{path.name} is not a file; {limit}")
        if status.st_size > MAX_BYTES:
            raise VectorDataError(f"{path.name} is {status.st_size / 2**20:,.0f} MB; {limit}")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # the bytes read, not the size stated: a file may grow meanwhile
        if len(data) > MAX_BYTES:
            raise VectorDataError(f"{path.name} is over {MAX_BYTES // 2**20} MB; {limit}")
    except OSError as error:
        raise VectorDataError(f"{path.name} could not be read ({error.strerror or error})") from None
    if b"\0" in data:
        raise VectorDataError(f"{path.name} is a binary file, not text (save word2vec vectors in its text format)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise VectorDataError(f"{path.name}, line {line}: not UTF-8 text (is it a binary file?)") from None
    lines = [(number, line.rstrip("\r")) for number, line in enumerate(text.split("\n"), start=1)]
    if allow_blank:  # a label may be empty, but the blank lines after the last one are no labels
        while lines and not lines[-1][1].strip():
            lines.pop()
        kept = lines
    else:
        kept = [(number, line) for number, line in lines if line.strip()]
    if not kept:
        raise VectorDataError(f"{path.name} is empty")
    if len(kept) > MAX_VECTORS + 1:
        raise VectorDataError(f"{path.name} has {len(kept):,} lines; at most {MAX_VECTORS:,} vectors are read")
    return kept


def _numbers(path: Path, number: int, fields: list[str], first_column: int = 1) -> np.ndarray:
    """One line's numbers as float32, or the sentence naming the line and the column of the first bad one."""
    if not fields:
        raise VectorDataError(f"{path.name}, line {number}: a label and no numbers")
    if len(fields) > MAX_DIMENSIONS:
        raise VectorDataError(f"{path.name}, line {number}: {len(fields):,} numbers; vectors of up to "
                              f"{MAX_DIMENSIONS:,} are read")
    try:
        values = np.array(fields, dtype=np.float64)
    except ValueError:
        column = next(column for column, field in enumerate(fields) if not _is_number(field))
        raise VectorDataError(f"{path.name}, line {number}, column {column + first_column}: "
                              f"'{_short(fields[column])}' is not a number") from None
    finite = np.abs(values) <= FLOAT32_MAX  # False for NaN, infinity, and what float32 cannot hold
    if not finite.all():
        column = int(np.argmin(finite))
        raise VectorDataError(f"{path.name}, line {number}, column {column + first_column}: {_short(fields[column])} "
                              f"is not a finite number (NaN and infinity cannot be placed)")
    return values.astype(np.float32)


def _is_number(text: str) -> bool:
    try:
        np.float64(text)
    except ValueError:
        return False
    return True


def _stack(path: Path, lines: list[tuple[int, str]], rows: list[np.ndarray]) -> np.ndarray:
    if len(rows) > MAX_VECTORS:
        raise VectorDataError(f"{path.name} has {len(rows):,} vectors; at most {MAX_VECTORS:,} are read")
    width = len(rows[0])
    for (number, _), row in zip(lines, rows):
        if len(row) != width:
            raise VectorDataError(f"{path.name}, line {number}: {len(row):,} numbers where line {lines[0][0]} has "
                                  f"{width:,} (every vector needs the same length)")
    return np.stack(rows)


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
