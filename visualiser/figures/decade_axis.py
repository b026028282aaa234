"""A log-scale axis that reads as a learner expects: ticks at whole decades, all written 10⁻¹⁵ … 1 … 10³.

pyqtgraph's own log axis adds an SI scale factor to its label ("(x0.001)"), which is wrong on a log
axis; ticks 2·10ⁿ … 9·10ⁿ for every decade, which crowd a short axis spanning 17 decades into a
grey bar; and writes some decades as 10⁻⁵ and others as 0.0001.
"""

from __future__ import annotations

import pyqtgraph as pg

from ..labs.decades import decade_text


class DecadeAxis(pg.AxisItem):
    """An axis for a plot with ``setLogMode``: whole decades only, when the range spans at least one."""

    def __init__(self, orientation: str, **options):
        super().__init__(orientation, **options)
        self.enableAutoSIPrefix(False)

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        decades = [(spacing, values) for spacing, values in stdTicks if spacing >= 1 and len(values)]
        return decades or super().logTickValues(minVal, maxVal, size, stdTicks)

    def logTickStrings(self, values, scale, spacing):
        if all(float(value).is_integer() for value in values):
            return [decade_text(int(value)) for value in values]
        return super().logTickStrings(values, scale, spacing)  # a range within one decade: 2·10⁻³ …
