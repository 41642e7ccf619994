"""The culprit: one cell that alone explains every broken identity around it, and the value that mends them.

The tables are redundant: most figures appear in two to four places, so a misread or mistyped
cell breaks several identities at once (its row sum, its column sum, the same figure in another
table). The search itself is `arith.culprits`, run by the engine over the identities of every
rule; this module registers the rule so that it has an id, a message and a page in the docs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Disclosure, Finding, Severity
from .registry import rule


@rule(
    "culprit.cell",
    Severity.ERROR,
    "一个单元格解释了周围所有不成立的勾稽关系",
    "报表间的冗余：同一数字在多处出现；若只改一个单元格即可使其参与的全部恒等式成立，则该单元格即为出错处",
    "{cell} 为 {found_value}，与 {count} 处勾稽关系（{rules}）不符；"
    "若为 {value}，这些关系全部成立（疑为识别或录入错误）",
    "表3“社会保险补贴（2080704）”合计 为 355.51，与 3 处勾稽关系（total.basic-project、total.code-hierarchy、"
    "xtable.income-expenditure）不符；若为 355.15，这些关系全部成立（疑为识别或录入错误）",
)
def culprit_cell(d: Disclosure) -> Iterator[Finding]:
    """Computed by the engine from the outcomes of every identity (see `engine.culprit_findings`)."""
    return iter(())
