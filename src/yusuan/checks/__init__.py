"""Check a published package as a finance-bureau reviewer would: the rule catalogue and its engine.

`check(disclosure)` runs every rule and returns a `Report`; `RULES` is the catalogue (rule id →
`Rule`), built once when this package is imported. One module per family of rules:

- totals.py     totals and hierarchy within each table
- xtable.py     identities between tables
- narrative.py  the 情况说明 against the tables (amounts, parts, shares, changes, components)
- perf.py       performance-target forms against the tables and the narrative
- labels.py     year labels, department and unit names, codes and captions across the package
- complete.py   required parts present, empty tables marked
- codes.py      classification codes and their names
- text.py       wording a reviewer flags
- culprit.py    the one cell that explains several broken identities; the cells OCR most likely misread

and the machinery they share:

- registry.py   `rule` (the decorator that registers a rule), `Rule`, `Family`, `flag`
- arith.py      `Term`, `Identity`, rounding bounds, `evaluate`, the culprit search
- tables.py     the tables as rules read them: amount columns, top rows, cells and their labels
- statements.py the narrative read into claims (lead, parts, change, rate, share, components)
- quantities.py the table cells a narrative's words name (收入总计, 基本支出, …)
- matching.py   which performance form stands for which 项目支出表 row
- engine.py     `check`: rules → flags and identities → findings stamped with the rule's id → one
                sorted `Report`
- report.py     `Report` and the JSON of `yusuan check --format json`
- output.py     the text listing and the summary across files; html.py the HTML page, and
                pictures.py the part of a page image each of its PDF findings cites
- docs.py       docs/rules.md, generated from the catalogue
"""

from __future__ import annotations

from types import MappingProxyType

from . import codes, complete, culprit, labels, narrative, perf, text, totals, xtable  # noqa: F401  (registration)
from .engine import check, run_rule
from .registry import Family, Rule, registered
from .report import Report

RULES = MappingProxyType(registered())

__all__ = ["RULES", "Family", "Report", "Rule", "check", "run_rule"]
