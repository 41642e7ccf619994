"""The HTML report: one self-contained page a reviewer can send on, each finding beside what it points at.

No external assets: the style sheet is inline, the filters are checkboxes that CSS alone obeys
(no script), and the page works offline. The findings of each package are listed as the text
report lists them: errors, then warnings, then the notes (rounding and the like), which are
hidden until their box is ticked; each severity and each family of rules can be shown or hidden.

Every finding says where it is in words (`marks.place_parts`): the page or line, the table by its
number and kind, the row by its name and code, the column by its printed header. For text inputs
the page quotes the source lines of the finding (and of the figures it relates to) whole, as the
Disclosure keeps them; for PDFs and scans it shows the part of the page image where the cited rows
are, with the rows and the cited cells marked (`pictures.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..model import Disclosure, Finding, Severity, Source
from .marks import place_parts
from .output import NOTES, SEVERITY_LABELS, rule_title
from .pictures import Pictures
from .registry import Family, get
from .report import INCOMPLETE, UNREADABLE, Report, family_of

STYLE = "".join(
    (
        'body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;',
        "margin:0;background:#f6f7f9;color:#1d2430}",
        "header{background:#1f3a5f;color:#fff;padding:18px 28px}",
        "header h1{margin:0;font-size:22px}",
        "header p{margin:6px 0 0;opacity:.85;font-size:14px}",
        "main{padding:16px 28px 40px;max-width:1280px}",
        "h2{font-size:19px;margin:28px 0 6px;border-bottom:2px solid #1f3a5f;padding-bottom:4px}",
        "h3{font-size:17px;margin:22px 0 4px}",
        "h4{font-size:15px;margin:14px 0 6px;color:#1f3a5f}",
        "table.summary{border-collapse:collapse;background:#fff;margin:10px 0}",
        "table.summary th,table.summary td{border:1px solid #d5d9e0;padding:6px 10px;font-size:14px;text-align:left}",
        "table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}",
        ".counts span{display:inline-block;margin-right:14px}",
        ".badge{display:inline-block;border-radius:3px;padding:1px 7px;font-size:12px;font-weight:bold;color:#fff}",
        ".error{background:#c0392b}.warning{background:#d68910}.info{background:#2e86c1}",
        ".finding{display:grid;grid-template-columns:minmax(300px,2fr) minmax(320px,3fr);gap:14px;",
        "background:#fff;border:1px solid #d5d9e0;border-left:5px solid #999;border-radius:4px;",
        "padding:10px 14px;margin:8px 0}",
        ".finding.sev-error{border-left-color:#c0392b}.finding.sev-warning{border-left-color:#d68910}",
        ".finding.sev-info{border-left-color:#2e86c1}",
        ".finding .msg{font-size:14px;line-height:1.55}",
        ".finding .meta{font-size:12px;color:#5b6575;margin-top:6px;line-height:1.6}",
        ".finding .meta code{background:#eef1f5;padding:0 4px;border-radius:2px}",
        ".finding .where{font-size:13px;margin-top:6px}",
        '.src{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;font-size:12px;',
        "background:#fbfbfc;border:1px solid #e3e6eb;border-radius:3px;",
        "white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.5}",
        ".src div{padding:0 8px 0 5.2em;text-indent:-4.6em}",
        ".src .hit{background:#fff3c4}",
        ".src .no{color:#9aa3af;display:inline-block;width:4.2em;text-align:right;margin-right:.4em;",
        "text-indent:0;user-select:none}",
        ".src .gap{color:#9aa3af;padding:0 8px}",
        ".pic{position:relative;background-repeat:no-repeat;border:1px solid #d5d9e0;margin-bottom:6px;",
        "max-width:100%;overflow:hidden}",
        ".pic i{position:absolute;display:block;background:rgba(255,210,0,.28);outline:1px solid rgba(214,137,16,.7)}",
        ".pic b{position:absolute;display:block;outline:2px solid #c0392b;background:rgba(192,57,43,.12)}",
        ".pic .cap{position:absolute;left:0;top:0;background:rgba(31,58,95,.85);color:#fff;font-size:11px;",
        "padding:1px 6px}",
        ".none{color:#2e7d32;font-weight:bold}",
        ".hint{display:none;color:#5b6575;font-size:14px}#show-info:not(:checked)~main .hint{display:block}",
        ".unread{color:#c0392b;font-weight:bold}",
        "input[id^=show-]{position:absolute;opacity:0;pointer-events:none}",
        "nav.filters{padding:10px 28px;background:#e9edf3;font-size:13px;position:sticky;top:0;z-index:1}",
        "nav.filters span{margin-right:8px;color:#5b6575}",
        "nav.filters label{display:inline-block;margin:2px 4px 2px 0;padding:2px 9px;border-radius:12px;",
        "border:1px solid #9aa3af;cursor:pointer;color:#5b6575;background:#fff;text-decoration:line-through}",
        "footer{color:#7a8494;font-size:12px;padding:0 28px 24px}",
    )
)

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _filter_css(families: Sequence[Family]) -> str:
    """A rule per box: what an unticked box hides, and how a ticked box's label looks."""
    names = [s.value for s in SEVERITIES] + [f"family-{f.value}" for f in families]
    rules = []
    for name in names:
        target = f"sev-{name}" if not name.startswith("family-") else name
        rules.append(f"#show-{name}:not(:checked)~main .{target}{{display:none}}")
        rules.append(
            f"#show-{name}:checked~nav label[for=show-{name}]"
            "{background:#1f3a5f;color:#fff;border-color:#1f3a5f;text-decoration:none}"
        )
    return "".join(rules)


def _filters(reports: Sequence[Report], families: Sequence[Family]) -> tuple[str, str]:
    """The boxes (before everything they filter) and the bar of their labels."""
    boxes, labels = [], ['<nav class="filters"><span>显示：</span>']
    for severity in SEVERITIES:
        checked = "" if severity is Severity.INFO else " checked"
        boxes.append(f'<input type="checkbox" id="show-{severity.value}"{checked}>')
        count = sum(r.count(severity) for r in reports)
        labels.append(f'<label for="show-{severity.value}">{SEVERITY_LABELS[severity]} {count}</label>')
    labels.append("<span>　规则类别：</span>")
    for family in families:
        boxes.append(f'<input type="checkbox" id="show-family-{family.value}" checked>')
        labels.append(f'<label for="show-family-{family.value}">{escape(family.heading.split("（")[0])}</label>')
    labels.append("</nav>")
    return "".join(boxes), "".join(labels)


def _excerpt(lines: Sequence[str], sources: Sequence[Source]) -> str:
    """The lines around each source line, whole (wrapped, never cut), the pointed-at lines marked."""
    hits = sorted({s.line for s in sources if s.line is not None})
    if not lines or not hits:
        return ""
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
        out.append(f'<div{cls}><span class="no">{k}</span>{escape(lines[k - 1])}</div>')
        previous = k
    if len(hits) > 4:
        out.append(f'<div class="gap">另有 {len(hits) - 4} 处</div>')
    return f'<div class="src">{"".join(out)}</div>'


def describe(sources: Sequence[Source], disclosure: Disclosure | None = None) -> str:
    """Where sources point, in words (`marks.place_parts`), each page or line and table named
    once: "第4页 表1 预算收支总表：“十、卫生健康支出”（210） “当年预算安排”列、“上年结转安排”列"."""
    places: dict[str, dict[str, list[str]]] = {}
    for source in sources:
        head, row, column = place_parts(source, disclosure) if disclosure is not None else (source.describe(), "", "")
        columns = places.setdefault(head or source.file, {}).setdefault(row, [])
        if column and column not in columns:
            columns.append(column)
    out = []
    for head, rows in places.items():
        cited = "；".join(" ".join(filter(None, (row, "、".join(columns)))) for row, columns in rows.items())
        out.append(f"{head}：{cited}" if cited else head)
    return "；".join(out)


def _finding(finding: Finding, disclosure: Disclosure | None, pictures: Pictures) -> str:
    sev = finding.severity.value
    family = family_of(finding).value
    entry = get(finding.rule)
    values = ""
    if finding.expected is not None or finding.found is not None:
        expected, found = escape(finding.expected or "—"), escape(finding.found or "—")
        values = f" · 应为 <b>{expected}</b>，实为 <b>{found}</b>"
    badge = f'<span class="badge {sev}">{SEVERITY_LABELS[finding.severity]}</span>'
    meta = f"<code>{escape(finding.rule)}</code> {escape(rule_title(finding))}{values}<br>依据：{escape(entry.basis)}"
    sources = [finding.location, *finding.related]
    where = describe(sources[:8], disclosure)
    lines = disclosure.source_lines if disclosure is not None else ()
    shown = _excerpt(lines, sources) + pictures.show(finding)
    return (
        f'<div class="finding sev-{sev} family-{family}"><div><div class="msg">{badge} {escape(finding.message)}</div>'
        f'<div class="where">位置：{escape(where)}</div><div class="meta">{meta}</div></div>'
        f"<div>{shown}</div></div>"
    )


def _report(disclosure: Disclosure | None, report: Report, anchor: str, pictures: Pictures) -> str:
    title = f"{report.department or report.file} {report.year or ''}".strip()
    out = [f'<h2 id="{anchor}">{escape(title)}</h2>']
    if report.status == UNREADABLE:
        out.append(f'<p>文件：{escape(report.file)}</p><p class="unread">无法读取：{escape(report.reason or "")}</p>')
        return "\n".join(out)
    counts = "".join(
        f'<span><span class="badge {s.value}">{SEVERITY_LABELS[s]}</span> {report.count(s)}</span>' for s in Severity
    )
    out.append(f'<p class="counts">{counts} <span>文件：{escape(report.file)}</span></p>')
    if report.status == INCOMPLETE:
        out.append(f'<p class="unread">未读完：{escape(report.reason or "")}</p>')
    if not report.findings:
        out.append('<p class="none">没有发现问题。</p>')
    notes = report.count(Severity.INFO)
    if notes:
        hint = f"{SEVERITY_LABELS[Severity.INFO]} {notes} 条{NOTES}未显示：勾选上方“提示”显示。"
        out.append(f'<p class="hint">{hint}</p>')
    for severity in SEVERITIES:
        count = report.count(severity)
        if not count:
            continue
        note = NOTES if severity is Severity.INFO else ""
        out.append(f'<section class="sev-{severity.value}"><h3>{SEVERITY_LABELS[severity]} {count} 条{note}</h3>')
        for family, findings in report.by_family(severity):
            out.append(f'<div class="family-{family.value}"><h4>{escape(family.heading)}（{len(findings)}）</h4>')
            out.extend(_finding(f, disclosure, pictures) for f in findings)
            out.append("</div>")
        out.append("</section>")
    return "\n".join(out)


def reports_to_html(entries: Sequence[tuple[Disclosure | None, Report]]) -> str:
    """One page for one package or for many (with a summary table across them first): each
    package's report, in words and with the lines or the page images it points at; a package
    that could not be read (no Disclosure) is listed with the reason."""
    reports = [report for _, report in entries]
    title = "预算公开审核报告"
    if len(reports) == 1 and reports[0].status != UNREADABLE:
        r = reports[0]
        title = f"{r.department or r.file} {r.year or ''} 预算公开审核报告"
    families = sorted({family_of(f) for r in reports for f in r.findings}, key=lambda f: f.rank)
    boxes, bar = _filters(reports, families)
    body = []
    if len(reports) > 1 or any(r.status == UNREADABLE for r in reports):
        rows = []
        for i, r in enumerate(reports):
            name = f'<a href="#r{i}">{escape(r.department or r.file)}</a>'
            if r.status == UNREADABLE:
                rows.append(f'<tr><td>{name}</td><td colspan="4">（无法读取）</td><td>{escape(r.file)}</td></tr>')
                continue
            counts = "".join(f'<td class="n">{r.count(s)}</td>' for s in SEVERITIES)
            year = escape(str(r.year or ""))
            rows.append(f"<tr><td>{name}</td><td>{year}</td>{counts}<td>{escape(r.file)}</td></tr>")
        head = "".join(f"<th>{h}</th>" for h in ("部门", "年度", "错误", "警告", "提示", "文件"))
        body.append(f'<h2>汇总</h2><table class="summary"><tr>{head}</tr>{"".join(rows)}</table>')
    pictures = Pictures()
    for i, (disclosure, report) in enumerate(entries):
        pictures.start(disclosure)
        body.append(_report(disclosure, report, f"r{i}", pictures))
    subtitle = (
        "由 yusuan check 生成：每条发现注明规则、依据和原文位置；"
        "“提示”为四舍五入等不影响结论的差异，勾选上方“提示”显示。"
    )
    style = STYLE + _filter_css(families) + pictures.css()
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body><header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"{boxes}{bar}<main>{''.join(body)}</main><footer>yusuan — 部门预算公开审核</footer></body></html>\n"
    )
