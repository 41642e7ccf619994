"""Reports as a reviewer reads them: a text listing grouped by family, JSON lines, a summary across files."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..export.flat import Sheet
from ..model import Finding, Severity, Source
from ..text import display_width
from .registry import get
from .report import Report

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


def render_text(report: Report, color: bool = False) -> str:
    """One file's findings as a readable listing, grouped by family, in document order."""
    lines = [f"== {report.file}", headline(report)]
    if not report.findings:
        lines.append("  没有发现问题。")
    for family, findings in report.by_family():
        lines.append("")
        lines.append(family.heading)
        lines.extend(finding_line(f, color) for f in findings)
    return "\n".join(lines) + "\n"


def render_json(report: Report, indent: int | None = None) -> str:
    return json.dumps(report.to_data(), ensure_ascii=False, indent=indent)


def summary_rows(reports: Sequence[Report]) -> list[tuple[str, str, str, int, int, int]]:
    return [
        (
            r.file,
            r.department or "",
            str(r.year or ""),
            r.count(Severity.ERROR),
            r.count(Severity.WARNING),
            r.count(Severity.INFO),
        )
        for r in reports
    ]


def render_summary(reports: Sequence[Report], unusable: Sequence[str] = ()) -> str:
    """A table across files (a county's departments): errors, warnings and notes per package."""
    rows = summary_rows(reports)
    header = ("文件", "部门", "年度", "错误", "警告", "提示")
    width = max([len(header[0]), *(len(r[0]) for r in rows)])
    dept = max([4, *(len(r[1]) * 2 for r in rows)])
    out = [f"{header[0]:<{width}}  {_pad(header[1], dept)}  年度    错误  警告  提示"]
    for file, department, year, e, w, i in rows:
        out.append(f"{file:<{width}}  {_pad(department, dept)}  {year:<6}  {e:>4}  {w:>4}  {i:>4}")
    for file in unusable:
        out.append(f"{file:<{width}}  {_pad('（无法读取）', dept)}")
    errors, warnings, notes = (sum(r[k] for r in rows) for k in (3, 4, 5))  # type: ignore[misc]
    label = f"合计 {len(rows)} 个文件"
    out.append(f"{label:<{width - 4}}  {_pad('', dept)}          {errors:>4}  {warnings:>4}  {notes:>4}")
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
