"""A log-scale axis that reads as a learner expects: ticks at whole decades, all written 10⁻¹⁵ … 1 … 10³.

pyqtgraph's own log axis adds an SI scale factor to its label ("(x0.001)"), which is wrong on a log
axis; ticks 2·10ⁿ … 9·10ⁿ for every decade, which crowd a short axis spanning 17 decades into a
grey bar; and writes some decades as 10⁻⁵ and others as 0.0001. Its labels, like every
:class:`~.spaced_axis.SpacedAxis`'s, are as many as fit: every decade, or every 2nd, 5th, 10th.
"""

from __future__ import annotations

import math

from ..labs.decades import decade_text
from .spaced_axis import SpacedAxis

# Within less than two decades: the ticks 1·10ⁿ … 9·10ⁿ, thinned to what fits (densest first).
MANTISSAS = ((1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 5), (1, 2, 5), (1, 3), (1,))


class DecadeAxis(SpacedAxis):
    """An axis for a plot with ``setLogMode``: whole decades where two or more show, else 1, 2, 5 × 10ⁿ."""

    def __init__(self, orientation: str, **options):
        super().__init__(orientation, **options)
        self.enableAutoSIPrefix(False)

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        decades = [(spacing, values) for spacing, values in stdTicks if spacing >= 1 and len(values)]
        if sum(len(values) for _spacing, values in decades) >= 2:
            return decades
        return [(None, self._within_decades(minVal, maxVal))]

    def _within_decades(self, low: float, high: float) -> list[float]:
        """Ticks m·10ⁿ between 10^low and 10^high: the densest of MANTISSAS whose labels leave room between them
        and show two or more, else the one that shows the most."""
        best, most = [], -1
        for mantissas in MANTISSAS:
            values = [exponent + math.log10(mantissa) for exponent in range(math.floor(low), math.ceil(high) + 1)
                      for mantissa in mantissas if low <= exponent + math.log10(mantissa) <= high]
            drawn = self.labels_drawn(values, low, high)
            if drawn is not None and drawn >= 2:
                return values
            if drawn is not None and drawn > most:
                best, most = values, drawn
        return best

    def logTickStrings(self, values, scale, spacing):
        if all(float(value).is_integer() for value in values):
            return [decade_text(int(value)) for value in values]
        return super().logTickStrings(values, scale, spacing)  # a range within one decade: 2·10⁻³ …
