"""Every optimizer the engine runs, by name: the seven ``torch.optim`` update rules, each with a learning rate,
and the two line searches, which choose each step's length themselves."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .line_search_rules import LINE_SEARCH_RULES, LineSearchRule
from .rules import OPTIMIZERS, RULES, UpdateRule

ALL_RULES: Mapping[str, UpdateRule | LineSearchRule] = MappingProxyType({**RULES, **LINE_SEARCH_RULES})
LINE_SEARCHES: tuple[str, ...] = tuple(LINE_SEARCH_RULES)
ALL_OPTIMIZERS: tuple[str, ...] = OPTIMIZERS + LINE_SEARCHES
OPTIMIZER_LABELS: Mapping[str, str] = MappingProxyType({name: rule.label for name, rule in ALL_RULES.items()})
