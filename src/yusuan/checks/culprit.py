"""The culprit: one cell that alone explains every broken identity around it, and the value that mends them;
and, in a package read by OCR, the cells most likely misread.

The tables are redundant: most figures appear in two to four places, so a misread or mistyped
cell breaks several identities at once (its row sum, its column sum, the same figure in another
table). The search itself is `arith.culprits`, run by the engine over the identities of every
rule; this module registers the rule so that it has an id, a message and a page in the docs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import LOW_CONFIDENCE, Disclosure, Finding, Severity, Source, TableKind
from ..text import amount_or_none
from . import registry
from .registry import Flag, rule


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
def culprit_cell(d: Disclosure) -> Iterator[Flag]:
    """Computed by the engine from the outcomes of every identity (see `engine.culprit_findings`)."""
    return iter(())


# ---------------------------------------------------------------------------------------------
# the cells OCR most likely misread


@rule(
    "culprit.ocr-suspect",
    Severity.WARNING,
    "OCR 最可能读错的单元格",
    "扫描件的表格经 OCR 识别：破坏勾稽关系的单元格若识别置信度低，或改为唯一一个值即可使关系全部成立，"
    "最可能是识别错误；按此排序，请先核对排在前面的原件",
    "第{page}页表格单元格{reading}：{verdict}（嫌疑第{place}位）",
    "第1页表格单元格 OCR 读作“87,267,212.44”（置信度 0.62）；若为 87267272.44，total.summary-expenditure、"
    "xtable.income-expenditure 等勾稽关系全部成立：疑为识别错误（嫌疑第1位）",
)
def ocr_suspect(d: Disclosure) -> Iterator[Flag]:
    """Computed by the engine from every other finding (see `suspect_findings`)."""
    return iter(())


def suspect_findings(disclosure: Disclosure, findings: Sequence[Finding]) -> list[Finding]:
    """The cells OCR most likely misread, likeliest first: the cells of the broken identities
    among `findings` (in report order) joined with OCR's confidence in them.

    The tables are redundant, so a misread amount breaks identities (its row and column sums, the
    same figure in another table). A cell that the culprit search mends, or that OCR read with low
    confidence, is a suspect; those mended come first, then by confidence, then by how many rules
    the cell breaks. A confident reading that only shares a broken identity is left to the rules."""
    cells = disclosure.ocr_cells
    broken: dict[int, set[str]] = {}
    mended: dict[int, str] = {}
    for found in findings:
        if found.severity is Severity.INFO:
            continue  # rounding-size differences: no misreading needed to explain them
        for where in (found.location, *found.related):
            index = _cell_at(disclosure, where)
            if index is None:
                continue
            broken.setdefault(index, set()).add(found.rule)
            if found.rule == "culprit.cell" and where is found.location and found.expected is not None:
                mended[index] = found.expected

    def rank(index: int) -> tuple[bool, float, int]:
        return (index not in mended, cells[index].confidence, -len(broken[index]))

    suspects = []
    for place, index in enumerate(sorted(broken, key=rank), start=1):
        cell = cells[index]
        if index not in mended and cell.confidence >= LOW_CONFIDENCE:
            continue
        rules = "、".join(sorted(broken[index] - {"culprit.cell"}))
        if index in mended:
            reading = f" OCR 读作“{cell.text}”（置信度 {cell.confidence:.2f}）；"
            reading += f"若为 {mended[index]}，{rules} 等勾稽关系全部成立"
            verdict = "疑为识别错误"
        else:
            reading = f"“{cell.text}”OCR 置信度低（{cell.confidence:.2f}），且处在不成立的勾稽关系中（{rules}）"
            verdict = "可能识别有误"
        suspects.append(
            registry.get("culprit.ocr-suspect").finding(
                registry.flag(
                    Source(disclosure.file, page=cell.page, bbox=cell.box),
                    expected=mended.get(index),
                    found=cell.text,
                    page=cell.page,
                    reading=reading,
                    verdict=verdict,
                    place=place,
                )
            )
        )
    return suspects


def _cell_at(disclosure: Disclosure, where: Source) -> int | None:
    """The OCR cell a finding points at: same page, inside the row's box, holding the row's value."""
    if where.table is None or where.row is None or where.column is None or where.page is None:
        return None
    try:
        kind = TableKind(where.table)
    except ValueError:
        return None
    table = disclosure.table(kind)
    if table is None or not 0 <= where.row < len(table.rows):
        return None
    row = table.rows[where.row]
    value = row.value(where.column)
    box = where.bbox or row.source.bbox
    if value is None or box is None:
        return None
    for index, cell in enumerate(disclosure.ocr_cells):
        middle = (cell.box[1] + cell.box[3]) / 2
        if cell.page == where.page and box[1] <= middle <= box[3] and amount_or_none(cell.text) == value:
            return index
    return None
