"""Reports as a reviewer reads them: a text listing grouped by family, JSON lines, a summary across files."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..export.flat import Sheet
from ..model import Finding, Severity, Source
from ..text import display_width
from .registry import get
from .report import INCOMPLETE, UNREADABLE, Report

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def place(source: Source) -> str:
    """'第82行' for text inputs, '第3页' for PDFs, '' when unknown."""
    if source.line is not None:
        return f"第{source.line}行"
    if source.page is not None:
        return f"第{source.page}页"
    return ""


def headline(report: Report) -> str:
    parts = [report.department or "（未识别部门）", f"{report.year}年" if report.year else "（未识别年度）"]
    counts = "，".join(f"{SEVERITY_LABELS[s]} {report.count(s)}" for s in Severity)
    return f"{' · '.join(parts)} — {counts}"


def finding_line(finding: Finding, color: bool = False) -> str:
    label = SEVERITY_LABELS[finding.severity]
    if color:
        import click

        label = click.style(
            label, fg={"error": "red", "warning": "yellow", "info": "cyan"}[finding.severity.value], bold=True
        )
    return f"  {label}  {place(finding.location):<7} {finding.rule:<28} {finding.message}"


NOTES = "（四舍五入等，不影响结论）"


def render_text(report: Report, color: bool = False, verbose: bool = False) -> str:
    """One file's findings as a reviewer acts on them: the errors, then the warnings, each by family
    in document order; then the notes (rounding and the like) counted in one line, or listed when
    `verbose`. A file that could not be read says why."""
    lines = [f"== {report.file}"]
    if report.status == UNREADABLE:
        return "\n".join([*lines, f"无法读取：{report.reason}"]) + "\n"
    lines.append(headline(report))
    if report.status == INCOMPLETE:
        lines.append(f"未读完：{report.reason}")
    notes = report.count(Severity.INFO)
    if not report.findings:
        lines += ["", "没有发现问题。"]
    elif notes == len(report.findings) and not verbose:
        lines += ["", "没有错误或警告。"]
    else:
        for severity in (
            (Severity.ERROR, Severity.WARNING, Severity.INFO) if verbose else (Severity.ERROR, Severity.WARNING)
        ):
            count = report.count(severity)
            if count:
                lines += ["", f"{SEVERITY_LABELS[severity]} {count} 条" + (NOTES if severity is Severity.INFO else "")]
                for family, findings in report.by_family(severity):
                    lines.append(family.heading)
                    lines.extend(finding_line(f, color) for f in findings)
        if notes and not verbose:
            lines.append("")
    if notes and not verbose:
        lines.append(f"{SEVERITY_LABELS[Severity.INFO]} {notes} 条{NOTES}未列出，加 --verbose 列出")
    return "\n".join(lines) + "\n"


def render_json(report: Report, indent: int | None = None) -> str:
    return json.dumps(report.to_data(), ensure_ascii=False, indent=indent)


def render_summary(reports: Sequence[Report]) -> str:
    """A table across files (a county's departments): errors, warnings and notes per package, a
    row for each file that could not be read, and a last line that counts what is listed."""
    header = ("文件", "部门", "年度", "错误", "警告", "提示")
    width = max([len(header[0]), *(len(r.file) for r in reports)])
    dept = max([4, *(display_width(r.department or "") for r in reports), display_width("（无法读取）")])
    out = [f"{header[0]:<{width}}  {_pad(header[1], dept)}  年度    错误  警告  提示"]
    for r in reports:
        if r.status == UNREADABLE:
            out.append(f"{r.file:<{width}}  {_pad('（无法读取）', dept)}")
            continue
        counts = "".join(f"  {r.count(s):>4}" for s in Severity)
        out.append(f"{r.file:<{width}}  {_pad(r.department or '', dept)}  {r.year or '':<6}{counts}")
    unreadable = sum(1 for r in reports if r.status == UNREADABLE)
    incomplete = sum(1 for r in reports if r.status == INCOMPLETE)
    parts = [f"已检查 {len(reports) - unreadable}", f"无法读取 {unreadable}"]
    if incomplete:
        parts.append(f"其中未读完 {incomplete}")
    totals = "".join(f"  {sum(r.count(s) for r in reports):>4}" for s in Severity)
    out.append(_pad(f"合计 {len(reports)} 个文件（{'，'.join(parts)}）", width + dept + 10) + totals)
    return "\n".join(out) + "\n"


def _pad(text: str, width: int) -> str:
    """Left-align `text` in `width` terminal columns (a CJK character takes two)."""
    used = display_width(text)
    return text + " " * max(0, width - used)


def rule_title(finding: Finding) -> str:
    return get(finding.rule).title


def report_sheet(report: Report) -> Sheet:
    """A report as one sheet (the XLSX download): a row per finding, errors first, with its rule,
    severity, message, place and the values expected and found."""
    header = ("序号", "严重程度", "规则", "规则名称", "说明", "页", "行号", "表", "表内行", "列", "应为", "实为")
    ordered = sorted(enumerate(report.findings, start=1), key=lambda nf: (nf[1].severity.rank, nf[0]))
    rows = tuple(
        (
            n,
            SEVERITY_LABELS[f.severity],
            f.rule,
            rule_title(f),
            f.message,
            f.location.page,
            f.location.line,
            f.location.table,
            None if f.location.row is None else f.location.row + 1,
            f.location.column,
            f.expected,
            f.found,
        )
        for n, f in ordered
    )
    name = f"{report.department or report.file} {report.year or ''}".strip()
    return Sheet(f"审核发现 {name}"[:31], header, rows)
