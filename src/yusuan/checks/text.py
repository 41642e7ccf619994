"""Text a reviewer flags: template wording left unfilled, sentences cut off, doubled punctuation,
wording that belongs to another level of government or another kind of document.

Only the package's own text is read (narrative, overview, glossary, form texts); attached
documents (a finance bureau's circular) are someone else's text and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Disclosure, GovLevel, Severity, Source
from ..text import halfwidth, is_han
from .registry import Flag, flag, rule


@dataclass(frozen=True, slots=True)
class Passage:
    where: str
    text: str
    source: Source
    kind: str  # narrative, overview, glossary, form


_PASSAGES: dict[int, tuple[Disclosure, list[Passage]]] = {}


def passages(d: Disclosure) -> list[Passage]:
    """The package's own prose, each piece with where it is (computed once per package)."""
    cached = _PASSAGES.get(id(d))
    if cached is not None and cached[0] is d:
        return cached[1]
    if len(_PASSAGES) > 8:
        _PASSAGES.clear()
    found = list(_passages(d))
    _PASSAGES[id(d)] = (d, found)
    return found


def _passages(d: Disclosure) -> Iterator[Passage]:
    if d.overview.duties and d.overview.source:
        yield Passage("概况", d.overview.duties, d.overview.source, "overview")
    for section in d.sections:
        for paragraph in section.paragraphs:
            title = section.heading
            yield Passage(f"情况说明“{title}”", paragraph.text, paragraph.source, "narrative")
    for entry in d.glossary:
        yield Passage(f"名词解释“{entry.term}”", entry.definition, entry.source, "glossary")
    for overall in d.overall_forms:
        for label, value in overall.texts:
            yield Passage(f"整体支出绩效目标表“{label}”", value, overall.source_of(f"texts.{label}"), "form")
    for form in d.project_forms:
        for label, value in form.texts:
            yield Passage(f"项目绩效目标表“{form.name}”的{label}", value, form.source_of(f"texts.{label}"), "form")


_TEMPLATE = re.compile(
    r"(X{2,}|×{2,}|x{2,}|＊{2,}|\*{2,}|某某|XX|(?<![.\d])\.{3,}(?![.\d])|…{1,2}|[（(]\s*[)）]|此处填写|请填写|填写说明|[（(](单位|部门)名称[)）])"
)


@rule(
    "text.template",
    Severity.WARNING,
    "模板文字已填写",
    "公开文本不应留有模板占位符（XX、……、“请填写”等）",
    "{where}留有模板文字“{placeholder}”：{context}",
    "整体支出绩效目标表“职责履行·预期事项”留有模板文字“...”：…任务3: 推进劳动关系和谐稳定 ...",
)
def template(d: Disclosure) -> Iterator[Flag]:
    for p in passages(d):
        text = halfwidth(p.text)
        for m in _TEMPLATE.finditer(text):
            yield flag(
                p.source,
                found=m.group(0),
                where=p.where,
                placeholder=m.group(0),
                context=_around(text, m.start(), m.end()),
            )
            break


def _around(text: str, start: int, end: int, width: int = 14) -> str:
    left = ("…" if start > width else "") + text[max(0, start - width) : start]
    right = text[end : end + width] + ("…" if end + width < len(text) else "")
    return f"{left}{text[start:end]}{right}"


_OPEN_CLOSE = (("《", "》"), ("(", ")"), ("（", "）"), ("“", "”"), ("<", ">"), ("【", "】"))
_CLOSERS = "》)）”>】]」"
_DANGLING = re.compile(r"[的和与及或向对在为把被将更以并、，,（(《“]$")
_END = re.compile(r"[。！？!?；;：:）)》”\]】」]$")


def _open_at_end(text: str) -> bool:
    """An opening bracket or quote never closed, with no closing mark of any kind after it."""
    for opener, closer in _OPEN_CLOSE:
        at = text.rfind(opener)
        if at >= 0 and text.find(closer, at) < 0 and not any(c in text[at:] for c in _CLOSERS):
            return True
    return False


def _tail_counts(d: Disclosure) -> tuple[Counter[str], Counter[str]]:
    """For the last character and last two characters of every passage: how often, anywhere in
    the package's own text, more words follow them (`inside`) and how often they end a clause."""
    texts = [halfwidth(p.text).strip() for p in passages(d)]
    wanted = {t[-k:] for t in texts for k in (1, 2) if len(t) >= 2}
    inside: Counter[str] = Counter()
    ending: Counter[str] = Counter()
    for text in texts:
        n = len(text)
        for i, ch in enumerate(text):
            if not is_han(ch):
                continue
            goes_on = i + 1 < n and is_han(text[i + 1])
            if ch in wanted:
                (inside if goes_on else ending)[ch] += 1
            if i and (run := text[i - 1 : i + 1]) in wanted and is_han(text[i - 1]):
                (inside if goes_on else ending)[run] += 1
    return inside, ending


def cut_off(text: str, tails: tuple[Counter[str], Counter[str]] | None = None) -> bool:
    """True when `text` stops in the middle of a sentence: a dangling word, a bracket left open at the
    end, or a last word that everywhere else in the package is followed by more words."""
    text = halfwidth(text).strip()
    if len(text) < 15 or _END.search(text):
        return False
    if _open_at_end(text) or _DANGLING.search(text):
        return True
    tail = text[-2:]
    if not (is_han(tail[0]) and is_han(tail[1])):
        return False
    earlier = text[:-2]
    if tail[0] in "的和与及之对向在于" and any(
        is_han(earlier[i + 2 : i + 3] or " ") for i in range(len(earlier) - 2) if earlier[i : i + 2] == tail
    ):
        return True  # "…的要求…的要": a particle and half a word that went on earlier in the same text
    if tails is not None and ("，" in text or "," in text):
        inside, ending = tails
        if inside[tail] >= 5 and ending[tail] <= 1:
            return True  # a word that everywhere else goes on ("人力资源" → "人力资源和社会保障")
        last = tail[1]
        return inside[last] >= 30 and ending[last] * 20 < inside[last] + ending[last]
    return False


@rule(
    "text.cut-off",
    Severity.WARNING,
    "句子完整",
    "公开文本应完整，不应在句子中间截断（常见于从表格单元格粘贴时）",
    "{where}的文字在句中截断：“{tail}”",
    "项目绩效目标表“社保基金监督举报奖励金”的项目概况的文字在句中截断：“…提高基金管理的透明度和公”",
)
def cut_offs(d: Disclosure) -> Iterator[Flag]:
    tails = _tail_counts(d)
    for p in passages(d):
        if cut_off(p.text, tails):
            text = halfwidth(p.text).strip()
            yield flag(p.source, found=text[-12:], where=p.where, tail="…" + text[-16:])


_DOUBLED = re.compile(r"([，。；、：！？,;:])\1|[，,][。；]|[。；][，,]")
_LEADING = re.compile(r"^\s*[，。；、：,;:]")


@rule(
    "text.punctuation",
    Severity.WARNING,
    "标点无重复、段首无标点",
    "公开文本的标点应规范（GB/T 15834）",
    "{where}{problem}：“{context}”",
    "情况说明“一、部门预算收支数据变动情况及原因”段首有多余的标点：“；本年部门预算支出总计3,776.24万元…”",
)
def punctuation(d: Disclosure) -> Iterator[Flag]:
    for p in passages(d):
        text = p.text
        m = _DOUBLED.search(text)
        if m:
            yield flag(
                p.source,
                found=m.group(0),
                where=p.where,
                problem="有重复的标点",
                context=_around(text, m.start(), m.end()),
            )
        if _LEADING.match(text):
            yield flag(
                p.source,
                found=text.strip()[:1],
                where=p.where,
                problem="段首有多余的标点",
                context=text.strip()[:24] + "…",
            )


@rule(
    "text.unfinished",
    Severity.INFO,
    "段落以句末标点结束",
    "说明文字的段落应以句号等句末标点结束",
    "{where}的段落没有句末标点：“{tail}”",
    "情况说明“十、绩效管理情况”的段落没有句末标点：“…涉及资金1618.53万元”",
)
def unfinished(d: Disclosure) -> Iterator[Flag]:
    for p in passages(d):
        text = halfwidth(p.text).strip()
        if p.kind != "narrative" or len(text) < 20 or ("，" not in text and "," not in text):
            continue
        if not re.search(r"[。！？!?；;：:…”)）]$", text) and not _DANGLING.search(text):
            yield flag(p.source, found=text[-8:], where=p.where, tail="…" + text[-16:])


_HIGHER = {
    GovLevel.COUNTY: re.compile(r"省直(部门|单位|各部门)|省级部门|市直(部门|单位)|省本级"),
    GovLevel.DISTRICT: re.compile(r"省直(部门|单位|各部门)|省级部门|市直(部门|单位)|省本级"),
    GovLevel.CITY: re.compile(r"省直(部门|单位|各部门)|省级部门|省本级"),
}


@rule(
    "text.level-wording",
    Severity.WARNING,
    "措辞与部门的层级相符",
    "县（区）级部门的公开文本不应沿用省、市级模板的措辞（如“省直部门”）",
    "{where}写有“{word}”，而本部门是{level}部门",
    "名词解释““三公”经费”写有“省直部门”，而本部门是县级部门",
)
def level_wording(d: Disclosure) -> Iterator[Flag]:
    pattern = _HIGHER.get(d.level) if d.level else None
    if pattern is None:
        return
    level = d.level.word  # type: ignore[union-attr]
    for p in passages(d):
        m = pattern.search(p.text)
        if m:
            yield flag(p.source, found=m.group(0), where=p.where, word=m.group(0), level=level)


_FINAL_WORDS = re.compile(r"决算数|本年决算|决算表|部门决算|年度决算")
_BUDGET_WORDS = re.compile(r"预算公开|部门预算表|预算数为")


@rule(
    "text.doc-type",
    Severity.WARNING,
    "措辞与文件类型相符",
    "预算公开与决算公开的模板不同，预算说明中不应出现决算的措辞（反之亦然）",
    "{where}写有“{word}”，而这是{kind}",
    "情况说明“三、支出预算情况说明”写有“本年决算”，而这是部门预算公开",
)
def doc_type(d: Disclosure) -> Iterator[Flag]:
    if d.document_type is None:
        return
    pattern = _BUDGET_WORDS if d.document_type.is_final else _FINAL_WORDS
    for p in passages(d):
        if p.kind != "narrative":
            continue
        m = pattern.search(p.text)
        if m and "上年" not in p.text[max(0, m.start() - 4) : m.start()]:
            yield flag(
                p.source,
                found=m.group(0),
                where=p.where,
                word=m.group(0),
                kind=f"{d.document_type.label}公开",
            )
