"""A projection as CSV: one row per vector, in the data's order, with its label, group and place."""

from __future__ import annotations

import csv
import io

import numpy as np

from ...engine.vectors import VectorSet


def points_csv(data: VectorSet, xy: np.ndarray) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("label", "group", "x", "y"))
    writer.writerows((label, group, repr(float(x)), repr(float(y)))
                     for label, group, (x, y) in zip(data.labels, data.groups, xy))
    return out.getvalue()
