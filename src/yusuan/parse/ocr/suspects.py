"""The cells most likely misread: the checker's broken identities joined with OCR confidence.

The tables are redundant, so a misread amount breaks identities (its row and column sums, the same
figure in another table). The checker names the cells of every broken identity, and, where one
cell alone explains them all, the value that mends them ("culprit"). A cell the checker names
that OCR also read with low confidence is the likeliest misreading; these are reported first.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Disclosure, NoteLevel, ReadNote, Severity, Source, TableKind
from ...text import amount_or_none
from .layout import LOW_CONFIDENCE, ReadCell


def suspect_notes(
    disclosure: Disclosure, cells: Sequence[ReadCell], low_confidence: float = LOW_CONFIDENCE
) -> tuple[ReadNote, ...]:
    """The "ocr-suspect" notes, likeliest misreading first; () when the checker is not available."""
    try:
        from ...checks import check
    except ImportError:  # a build without the checker still reads
        return ()
    report = check(disclosure)
    broken: dict[int, set[str]] = {}
    mended: dict[int, str] = {}
    for finding in report.findings:
        if finding.severity is Severity.INFO:
            continue  # rounding-size differences: no misreading needed to explain them
        for where in (finding.location, *finding.related):
            index = _cell_at(disclosure, where, cells)
            if index is None:
                continue
            broken.setdefault(index, set()).add(finding.rule)
            if finding.rule == "culprit.cell" and where is finding.location and finding.expected is not None:
                mended[index] = finding.expected

    def rank(index: int) -> tuple[bool, float, int]:
        return (index not in mended, cells[index].confidence, -len(broken[index]))

    notes = []
    for place, index in enumerate(sorted(broken, key=rank), start=1):
        cell = cells[index]
        if index not in mended and cell.confidence >= low_confidence:
            continue  # a confident reading that only shares a broken identity: the checker reports it
        rules = "、".join(sorted(broken[index] - {"culprit.cell"}))
        if index in mended:
            message = (
                f"第{cell.page}页表格单元格 OCR 读作“{cell.text}”（置信度 {cell.confidence:.2f}）；"
                f"若为 {mended[index]}，{rules} 等勾稽关系全部成立：疑为识别错误（嫌疑第{place}位）"
            )
        else:
            message = (
                f"第{cell.page}页表格单元格“{cell.text}”OCR 置信度低（{cell.confidence:.2f}），"
                f"且处在不成立的勾稽关系中（{rules}）：可能识别有误（嫌疑第{place}位）"
            )
        notes.append(
            ReadNote(NoteLevel.WARNING, message, Source(disclosure.file, page=cell.page, bbox=cell.box), "ocr-suspect")
        )
    return tuple(notes)


def _cell_at(disclosure: Disclosure, where: Source, cells: Sequence[ReadCell]) -> int | None:
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
    for index, cell in enumerate(cells):
        middle = (cell.box[1] + cell.box[3]) / 2
        if cell.page == where.page and box[1] <= middle <= box[3] and amount_or_none(cell.text) == value:
            return index
    return None
