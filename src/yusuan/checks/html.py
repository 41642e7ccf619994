"""The HTML report: one self-contained page a reviewer can send on, each finding beside the lines it points at.

No external assets: the style sheet is inline and the page works offline. For text inputs the
page quotes the source lines of every finding (and of the figures it relates to), as the
Disclosure keeps them (`source_lines`); for PDFs it names the page, table, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..model import Disclosure, Finding, Severity, Source
from .output import SEVERITY_LABELS, place, rule_title
from .registry import get
from .report import Report

STYLE = "".join(
    (
        'body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;',
        "margin:0;background:#f6f7f9;color:#1d2430}",
        "header{background:#1f3a5f;color:#fff;padding:18px 28px}",
        "header h1{margin:0;font-size:22px}",
        "header p{margin:6px 0 0;opacity:.85;font-size:14px}",
        "main{padding:16px 28px 40px;max-width:1280px}",
        "h2{font-size:19px;margin:28px 0 6px;border-bottom:2px solid #1f3a5f;padding-bottom:4px}",
        "h3{font-size:16px;margin:22px 0 8px;color:#1f3a5f}",
        "table.summary{border-collapse:collapse;background:#fff;margin:10px 0}",
        "table.summary th,table.summary td{border:1px solid #d5d9e0;padding:6px 10px;font-size:14px;text-align:left}",
        "table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}",
        ".counts span{display:inline-block;margin-right:14px}",
        ".badge{display:inline-block;border-radius:3px;padding:1px 7px;font-size:12px;font-weight:bold;color:#fff}",
        ".error{background:#c0392b}.warning{background:#d68910}.info{background:#2e86c1}",
        ".finding{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1fr);gap:14px;",
        "background:#fff;border:1px solid #d5d9e0;border-left:5px solid #999;border-radius:4px;",
        "padding:10px 14px;margin:8px 0}",
        ".finding.sev-error{border-left-color:#c0392b}.finding.sev-warning{border-left-color:#d68910}",
        ".finding.sev-info{border-left-color:#2e86c1}",
        ".finding .msg{font-size:14px;line-height:1.55}",
        ".finding .meta{font-size:12px;color:#5b6575;margin-top:6px}",
        ".finding .meta code{background:#eef1f5;padding:0 4px;border-radius:2px}",
        '.src{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;font-size:12px;',
        "background:#fbfbfc;border:1px solid #e3e6eb;border-radius:3px;overflow-x:auto;",
        "white-space:pre;line-height:1.5}",
        ".src div{padding:0 8px}",
        ".src .hit{background:#fff3c4}",
        ".src .no{color:#9aa3af;display:inline-block;width:4.2em;text-align:right;margin-right:8px;user-select:none}",
        ".src .gap{color:#9aa3af;padding:0 8px}",
        "details{margin:6px 0}summary{cursor:pointer;color:#2e86c1;font-size:14px}",
        ".none{color:#2e7d32;font-weight:bold}",
        "footer{color:#7a8494;font-size:12px;padding:0 28px 24px}",
    )
)

WIDTH = 110  # characters of a source line shown (long table rows are cut, the hit cell stays visible)


def _clip(line: str, char: int | None = None) -> str:
    """A long line cut to WIDTH characters, keeping the pointed-at character in view."""
    if len(line) <= WIDTH:
        return line
    if char is None or char < WIDTH - 30:
        return line[: WIDTH - 1] + "…"
    start = max(0, min(char - 40, len(line) - WIDTH + 1))
    return "…" + line[start : start + WIDTH - 2] + ("…" if start + WIDTH - 2 < len(line) else "")


def _excerpt(lines: Sequence[str], sources: Sequence[Source]) -> str:
    """The lines around each source line, the pointed-at lines highlighted."""
    hits = sorted({s.line for s in sources if s.line is not None})
    chars = {s.line: s.char for s in reversed(sources) if s.line is not None and s.char is not None}
    if not lines or not hits:
        where = "；".join(dict.fromkeys(_describe(s) for s in sources))
        return f'<div class="src"><div>{escape(where)}</div></div>'
    shown: list[int] = []
    for n in hits[:4]:
        for k in range(max(1, n - 1), min(len(lines), n + 2) + 1):
            if k not in shown:
                shown.append(k)
    shown.sort()
    out, previous = [], None
    for k in shown:
        if previous is not None and k != previous + 1:
            out.append('<div class="gap">⋮</div>')
        cls = ' class="hit"' if k in hits else ""
        out.append(f'<div{cls}><span class="no">{k}</span>{escape(_clip(lines[k - 1], chars.get(k)))}</div>')
        previous = k
    if len(hits) > 4:
        out.append(f'<div class="gap">…另有 {len(hits) - 4} 处</div>')
    return f'<div class="src">{"".join(out)}</div>'


def _describe(source: Source) -> str:
    parts = [place(source) or source.file]
    if source.table:
        parts.append(source.table)
    if source.row is not None:
        parts.append(f"第{source.row + 1}行（表内）")
    if source.column:
        parts.append(source.column)
    return " ".join(parts)


def _finding(finding: Finding, lines: Sequence[str]) -> str:
    sev = finding.severity.value
    entry = get(finding.rule)
    values = ""
    if finding.expected is not None or finding.found is not None:
        expected, found = escape(finding.expected or "—"), escape(finding.found or "—")
        values = f" · 应为 <b>{expected}</b>，实为 <b>{found}</b>"
    badge = f'<span class="badge {sev}">{SEVERITY_LABELS[finding.severity]}</span>'
    meta = f"<code>{escape(finding.rule)}</code> {escape(rule_title(finding))} · {escape(place(finding.location))}"
    return (
        f'<div class="finding sev-{sev}"><div><div class="msg">{badge} {escape(finding.message)}</div>'
        f'<div class="meta">{meta}{values}<br>依据：{escape(entry.basis)}</div></div>'
        f"{_excerpt(lines, [finding.location, *finding.related])}</div>"
    )


def _report(disclosure: Disclosure, report: Report, anchor: str) -> str:
    lines = disclosure.source_lines
    counts = "".join(
        f'<span><span class="badge {s.value}">{SEVERITY_LABELS[s]}</span> {report.count(s)}</span>' for s in Severity
    )
    out = [
        f'<h2 id="{anchor}">{escape(report.department or report.file)} {escape(str(report.year or ""))}</h2>',
        f'<p class="counts">{counts} <span>文件：{escape(report.file)}</span></p>',
    ]
    if not report.findings:
        out.append('<p class="none">没有发现问题。</p>')
    for family, findings in report.by_family():
        out.append(f"<h3>{escape(family.heading)}（{len(findings)}）</h3>")
        out.extend(_finding(f, lines) for f in findings if f.severity is not Severity.INFO)
        notes = [f for f in findings if f.severity is Severity.INFO]
        if notes:
            out.append(f"<details><summary>提示 {len(notes)} 条（四舍五入等，不影响结论）</summary>")
            out.extend(_finding(f, lines) for f in notes)
            out.append("</details>")
    return "\n".join(out)


def reports_to_html(checked: Sequence[tuple[Disclosure, Report]], unusable: Sequence[str] = ()) -> str:
    """One page for one package or for many (with a summary table across them first): each
    package's report, quoting its lines from the Disclosure it was made from."""
    reports = [report for _, report in checked]
    title = "预算公开审核报告"
    if len(reports) == 1:
        r = reports[0]
        title = f"{r.department or r.file} {r.year or ''} 预算公开审核报告"
    body = []
    if len(reports) > 1 or unusable:
        rows = "".join(
            f'<tr><td><a href="#r{i}">{escape(r.department or r.file)}</a></td><td>{escape(str(r.year or ""))}</td>'
            f'<td class="n">{r.count(Severity.ERROR)}</td><td class="n">{r.count(Severity.WARNING)}</td>'
            f'<td class="n">{r.count(Severity.INFO)}</td><td>{escape(r.file)}</td></tr>'
            for i, r in enumerate(reports)
        )
        rows += "".join(f'<tr><td colspan="5">（无法读取）</td><td>{escape(f)}</td></tr>' for f in unusable)
        head = "".join(f"<th>{h}</th>" for h in ("部门", "年度", "错误", "警告", "提示", "文件"))
        body.append(f'<h2>汇总</h2><table class="summary"><tr>{head}</tr>{rows}</table>')
    body.extend(_report(d, r, f"r{i}") for i, (d, r) in enumerate(checked))
    subtitle = "由 yusuan check 生成：每条发现注明规则、依据和原文位置；“提示”为四舍五入等不影响结论的差异。"
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"<main>{''.join(body)}</main><footer>yusuan — 部门预算公开审核</footer></body></html>\n"
    )
