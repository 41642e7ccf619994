"""Text a reviewer flags: template wording left unfilled, sentences cut off, doubled punctuation,
wording that belongs to another level of government or another kind of document.

Only the package's own text is read (narrative, overview, glossary, form texts); attached
documents (a finance bureau's circular) are someone else's text and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..model import ZERO, Disclosure, DocumentType, GovLevel, Severity, Source, places, rounding_bound
from ..text import FIGURE, amount_text, halfwidth, is_han
from . import lexicon
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
    for note in d.project_notes:
        for label, value in note.texts:
            where = f"项目经费情况说明“{note.name or note.title}”" + (f"的{label}" if label else "")
            yield Passage(where, value, note.source, "project_note")


def _with_table_notes(d: Disclosure) -> Iterator[Passage]:
    """The package's prose and the notes printed under its tables (where a template's
    instructions to the one who fills it in are left most often)."""
    yield from passages(d)
    for table in d.tables:
        for note in (*table.notes, *([table.empty_note] if table.empty_note else [])):
            yield Passage(f"{table.label}的注释", note, table.source, "table_note")


@rule(
    "text.template",
    Severity.WARNING,
    "模板文字已填写",
    "公开文本不应留有模板的占位符（XX、……、“请填写”等）和填表说明（“仍保留该表格式”等），见文末词表",
    "{where}留有模板文字“{placeholder}”：{context}",
    "整体支出绩效目标表“职责履行·预期事项”留有模板文字“...”：…任务3: 推进劳动关系和谐稳定 ...",
)
def template(d: Disclosure) -> Iterator[Flag]:
    yield from _lexicon_flags(lexicon.PLACEHOLDERS + lexicon.INSTRUCTIONS, _with_table_notes(d))


def _lexicon_flags(entries: tuple[lexicon.Wording, ...], pieces: Iterable[Passage], kind: str = "") -> Iterator[Flag]:
    """One flag per passage where an entry of `entries` matches, at its first match (`kind`: what
    the package is, for the rules whose message says it)."""
    for p in pieces:
        text = halfwidth(p.text)
        hit = lexicon.first_match(entries, text)
        if hit is None:
            continue
        m, entry = hit
        yield flag(
            p.source,
            found=m.group(0),
            expected=entry.instead,
            where=p.where,
            placeholder=m.group(0),
            words=m.group(0),
            what=entry.what,
            instead=entry.instead,
            context=_around(text, m.start(), m.end()),
            kind=kind,
        )


def _around(text: str, start: int, end: int, width: int = 14) -> str:
    left = ("…" if start > width else "") + text[max(0, start - width) : start]
    right = text[end : end + width] + ("…" if end + width < len(text) else "")
    return f"{left}{text[start:end]}{right}"


_OPEN_CLOSE = (("《", "》"), ("(", ")"), ("（", "）"), ("“", "”"), ("<", ">"), ("【", "】"))
_CLOSERS = "》)）”>】]」"
_DANGLING = re.compile(r"[的和与及或向对在为把被将更以并、，,（(《“]$")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
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
    if len(text) <= 30 and _NUMBERED_HEADING.match(text):
        return False  # "六、聚焦宜居城市建设,着力建设品质西安": a heading of a list, no sentence
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
        for m in pattern.finditer(p.text):
            if _ABOVE.search(p.text[max(0, m.start() - 4) : m.start()]):
                continue  # "承担中央和省级部门对…": the levels above named beside the centre (n169 p4)
            yield flag(p.source, found=m.group(0), where=p.where, word=m.group(0), level=level)
            break


# The centre named before a higher level's departments: those are others', not the package's own.
_ABOVE = re.compile(r"(中央|国家)[和与及、]$")


# (not 部门决算 or 年度决算 alone: a 预算 may name the 决算 as work to do, "市级部门决算工作会", n138 p19)
_FINAL_WORDS = re.compile(r"决算数|本年决算|决算表")
# (a 决算 compares 决算数 with 年初预算数 by rule: "预算数为" is its own wording, not a 预算's)
_BUDGET_WORDS = re.compile(r"预算公开|部门预算表")
_EARLIER = re.compile(r"(上年|去年|上一年|以前年度|(20\d\d)\s*年度?)[^，。；]{0,4}$")


@rule(
    "text.doc-type",
    Severity.WARNING,
    "措辞与文件类型相符",
    "预算公开与决算公开的模板不同，预算说明中不应出现本年决算的措辞，决算说明中不应出现预算公开的措辞",
    "{where}写有“{word}”，而这是{kind}",
    "情况说明“三、支出预算情况说明”写有“本年决算”，而这是部门预算公开",
)
def doc_type(d: Disclosure) -> Iterator[Flag]:
    if d.document_type is None:
        return
    final = d.document_type.is_final
    pattern = _BUDGET_WORDS if final else _FINAL_WORDS
    for p in passages(d):
        if p.kind != "narrative":
            continue
        text = halfwidth(p.text)
        for m in pattern.finditer(text):
            if not final and _of_an_earlier_year(text[max(0, m.start() - 12) : m.start()], d.year):
                continue  # "2024年度决算数": a 预算 may compare with an earlier year's 决算
            yield flag(
                p.source,
                found=m.group(0),
                where=p.where,
                word=m.group(0),
                kind=f"{d.document_type.label}公开",
            )
            break


def _of_an_earlier_year(before: str, year: int | None) -> bool:
    m = _EARLIER.search(before)
    if m is None:
        return False
    return m.group(2) is None or (year is not None and int(m.group(2)) < year)


# ---------------------------------------------------------------------------------------------
# wording of the lexicon (lexicon.py)


@rule(
    "text.template-choice",
    Severity.WARNING,
    "模板中的并列写法已选定",
    "模板用“增加（减少）”“省（市/县）”等并列写法供填写时选用，公开文本只应留下符合实际的一种，见文末词表",
    "{where}留有模板的并列写法“{words}”（{what}），应写{instead}：{context}",
    "情况说明“2026年部门预算编制说明”留有模板的并列写法“增加（减少）”（“增加（减少）”两种写法并存），"
    "应写“增加”或“减少”：…财政拨款收入支出增加（减少）的主要原因是业务量增加…",
)
def template_choices(d: Disclosure) -> Iterator[Flag]:
    yield from _lexicon_flags(lexicon.CHOICES, _with_table_notes(d))


@rule(
    "text.empty-reason",
    Severity.WARNING,
    "说明了原因",
    "变动的原因须写明；“主要原因是。”留下的是模板的空位，见文末词表",
    "{where}写了“{words}”，却没有写原因：{context}",
    "情况说明“一、2024年“三公”经费预算情况说明”写了“主要原因是。”，却没有写原因：…与2023年预算持平，主要原因是。其中：公务用车…",
)
def empty_reasons(d: Disclosure) -> Iterator[Flag]:
    yield from _lexicon_flags(lexicon.EMPTY_REASONS, passages(d))


@rule(
    "text.contradiction",
    Severity.WARNING,
    "措辞不自相矛盾",
    "同一处不应既写“增加”又写“持平”，也不应把方向词、短语写两遍，见文末词表",
    "{where}写有“{words}”（{what}），应为{instead}：{context}",
    "情况说明“2026年部门预算编制说明”写有“增加持平”（变动与持平并存），应为“增加”“减少”或“持平”之一："
    "…政府性基金拨款支出预算0万元，与2025年预算增加持平；…",
)
def contradictions(d: Disclosure) -> Iterator[Flag]:
    yield from _lexicon_flags(lexicon.CONTRADICTIONS, passages(d))


@rule(
    "text.unit-wording",
    Severity.WARNING,
    "措辞与部门预算、单位预算相符",
    "单位预算说明的是一个预算单位，不应写“部门预算安排”；部门预算也不应写“单位预算安排”，见文末词表",
    "{where}写有“{words}”，而这是{kind}：{context}",
    "情况说明“五、国有资产占有使用情况”写有“部门预算安排”，而这是单位预算：…2026年部门预算安排购置车辆0辆…",
)
def unit_wording(d: Disclosure) -> Iterator[Flag]:
    if d.document_type is DocumentType.UNIT_BUDGET:
        entries = lexicon.UNIT_WORDS
    elif d.document_type is DocumentType.DEPARTMENT_BUDGET:
        entries = lexicon.DEPARTMENT_WORDS
    else:
        return
    yield from _lexicon_flags(entries, passages(d), kind=d.document_type.label)


@rule(
    "text.obsolete-term",
    Severity.INFO,
    "使用现行的名称",
    "2015年起（新《预算法》）“公共财政预算”改称“一般公共预算”，见文末词表",
    "{where}写有“{words}”（{what}），现称{instead}：{context}",
    "情况说明“（二）一般公共预算当年拨款规模变化情况”写有“公共财政拨款”（“公共财政”是旧称），"
    "现称一般公共预算（2015年起，新《预算法》）：…2022年本部门一般公共财政拨款支出1899.9万元…",
)
def obsolete_terms(d: Disclosure) -> Iterator[Flag]:
    if d.year is None:
        return
    current = tuple(e for e in lexicon.OBSOLETE_TERMS if d.year >= lexicon.OBSOLETE_SINCE.get(e.pattern, 0))
    yield from _lexicon_flags(current, passages(d))


# A period from one date to another: "2025年1月1日-2025年12月31日", "2025.1.1-2025.12.31".
_DATE = r"(20\d\d)\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?"
_PERIOD = re.compile(rf"{_DATE}\s*(?:至|到|[-—–~～－])+\s*{_DATE}")


@rule(
    "text.period-year",
    Severity.WARNING,
    "实施期、时限在预算年度内",
    "本年预算安排的项目，其实施期或时限不应整个落在以前年度（沿用上年文本时常见）",
    "{where}的期间为“{period}”，整个在 {year} 年以前，而这是 {year} 年预算",
    "项目经费情况说明“人民调解”的实施周期的期间为“2025年1月1日-2025年12月31日”，整个在 2026 年以前，而这是 2026 年预算",
)
def period_years(d: Disclosure) -> Iterator[Flag]:
    if d.year is None or d.document_type is None or d.document_type.is_final:
        return
    pieces: list[tuple[str, str, Source]] = [(p.where, p.text, p.source) for p in passages(d)]
    for form in d.project_forms:
        for indicator in form.indicators:
            where = f"项目绩效目标表“{form.name}”的指标“{indicator.name}”"
            pieces.append((where, indicator.value, indicator.source))
    for where, text, source in pieces:
        for m in _PERIOD.finditer(halfwidth(text)):
            if int(m.group(2)) < d.year:
                yield flag(
                    source,
                    expected=f"{d.year}年内的期间",
                    found=m.group(0),
                    where=where,
                    period=m.group(0),
                    year=d.year,
                )
                break


# ---------------------------------------------------------------------------------------------
# an amount's unit against the parts listed after it

_OTHER_UNIT = {"元": "万元", "万元": "元"}


@rule(
    "text.amount-unit",
    Severity.WARNING,
    "金额的单位与所列分项相符",
    "一笔金额后列出的分项应与它同一单位：分项以“万元”计的合计恰等于一笔以“元”标注的金额（或相反）时，"
    "数字是对的，单位写错了（差一万倍）",
    "{where}写“{figure}”，其后所列 {count} 项以{other}计合计 {parts} {other}（差额在舍入范围内）：单位应为{other}",
    "情况说明“（三）项目支出预算”写“18,686.86元”，其后所列 8 项以万元计合计 18,686.85 万元"
    "（差额在舍入范围内）：单位应为万元",
)
def amount_units(d: Disclosure) -> Iterator[Flag]:
    for p in passages(d):
        for sentence in halfwidth(p.text).split("。"):
            figures = [(m.group(0), m.group(1), m.group(2)) for m in FIGURE.finditer(sentence)]
            for i, (text, number, unit) in enumerate(figures):
                other = _OTHER_UNIT.get(unit)
                if other is None:
                    continue
                parts: list[str] = []
                for _, n, u in figures[i + 1 :]:
                    if u == unit:  # the list, if any, ended
                        break
                    if u == other:
                        parts.append(n)
                if len(parts) < 2:
                    continue
                value = Decimal(number.replace(",", ""))
                amounts = [Decimal(n.replace(",", "")) for n in parts]
                total = sum(amounts, ZERO)
                bound = sum((rounding_bound(1, places(a)) for a in (value, *amounts)), ZERO)
                if value > 0 and abs(total - value) <= bound:
                    yield flag(
                        p.source,
                        expected=f"{number}{other}",
                        found=text,
                        where=p.where,
                        figure=text,
                        count=len(amounts),
                        other=other,
                        parts=amount_text(total, max(places(a) for a in amounts)),
                    )
                    break


# ---------------------------------------------------------------------------------------------
# a reason that only says the change again

# The reason announced, up to the end of its sentence or clause.
_REASON = re.compile(r"原因(?:主要)?(?:是|为)?(?:主要是|主要为)?[:：]?\s*([^。；;:：]{2,40})(?=[。；;]|$)")
# "主要原因是与上年基本持平": the size of the change, not its cause.
_FLAT = re.compile(r"(?:(?:与|较|比|同)上年)?(?:基本|大致|大体)?(?:持平|相同|一致|无变化)|变化不大|无(?:增减)?变化")
# "主要原因是公务员医疗补助增加" after "公务员医疗补助…较上年增加…": the subject and the direction again.
_ITSELF = re.compile(r"(.{2,20}?)(?:较上年|比上年|相应)?(?:有所|略有)?(增加|增长|上升|减少|下降|降低)")
_NONZERO_CHANGE = re.compile(r"(增加|增长|上升|减少|下降|降低)\s*(\d[\d,]*(?:\.\d+)?)")
# What a subject may open with that is not the subject: an ordinal, the year, 本部门.
_NOT_SUBJECT = re.compile(r"^(?:\s|[（(]?[\d一二三四五六七八九十]+[)）.、．]|[①-⑳]|20\d\d年度?|本年度?|本部门|本单位)*")
_SUBJECT_END = re.compile(r"[\d（(，,:：]")
_GENERIC_TAIL = re.compile(r"(支出|费用|经费|预算|拨款|收入|费)+$")


def _core(name: str) -> str:
    """A subject without the words any amount may end with ("会议费支出" → "会议")."""
    return _GENERIC_TAIL.sub("", _NOT_SUBJECT.sub("", name.strip()))


def restated_reason(before: str, reason: str) -> str | None:
    """What a stated reason restates, or None: `before` is its clause up to 原因 (from the sentence's
    start), `reason` what follows 原因是 up to the sentence's end. Only a reason that is nothing but
    the change again counts: "与上年基本持平（，无增减变化）" after a change that is not 0, or, in one
    clause, the sentence's own subject and direction (a reason that goes on says more)."""
    moves = [m for m in _NONZERO_CHANGE.finditer(before) if Decimal(m.group(2).replace(",", "")) != 0]
    clauses = [c.strip() for c in re.split(r"[,，]", reason) if c.strip()]
    if clauses and all(_FLAT.fullmatch(c) for c in clauses):
        return "变动的幅度" if moves else None
    itself = _ITSELF.fullmatch(reason) if len(clauses) == 1 else None
    if itself is None or not moves:
        return None
    head = _NOT_SUBJECT.sub("", before)
    end = _SUBJECT_END.search(head)
    subject = _core(head[: end.start()] if end else "")
    said = _core(itself.group(1))
    up = moves[0].group(1) in ("增加", "增长", "上升")
    same_way = up == (itself.group(2) in ("增加", "增长", "上升"))
    return "变动本身" if len(subject) >= 2 and said == subject and same_way else None


@rule(
    "text.restated-reason",
    Severity.INFO,
    "原因说明了变动的来由",
    "变动原因应说明为什么变动；只把变动再说一遍（“会议费支出下降，原因是会议费支出下降”，"
    "“比上年减少1.29万元，原因是与上年基本持平”）等于没有说明原因",
    "{where}的原因“{reason}”只复述了{what}：{context}",
    "情况说明“二、“三公”经费安排情况”的原因“与上年基本持平”只复述了变动的幅度："
    "…比上年减少1.29万元，下降0.2%，主要原因是与上年基本持平",
)
def restated_reasons(d: Disclosure) -> Iterator[Flag]:
    for p in passages(d):
        if p.kind != "narrative":
            continue
        text = halfwidth(p.text)  # (one character for one: the printed text is quoted)
        for m in _REASON.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in "。；;") + 1
            what = restated_reason(text[start : m.start()], m.group(1).strip())
            if what is not None:
                reason = p.text[m.start(1) : m.end(1)].strip()
                yield flag(
                    p.source,
                    found=reason,
                    where=p.where,
                    reason=reason,
                    what=what,
                    context=_around(p.text, m.start(), m.end(), 30),
                )


# ---------------------------------------------------------------------------------------------
# a year with a stray letter in it

_YEAR_TYPO = re.compile(r"(?<![0-9A-Za-zＡ-Ｚａ-ｚ])((?:19|20)\d\d)\s*([A-Za-zＡ-Ｚａ-ｚ]{1,2})\s*年")


@rule(
    "text.year-typo",
    Severity.INFO,
    "年份书写无误",
    "年份是四位数字加“年”；数字与“年”之间夹着字母（“2026B 年”）是录入时的错字",
    "{where}的年份“{year}”夹有字母“{letters}”，应为“{right}”：{context}",
    "情况说明“一、部门主要职责”的年份“2026B 年”夹有字母“B”，应为“2026年”：…2026B 年部门预算…",
    budget_only=False,
)
def year_typos(d: Disclosure) -> Iterator[Flag]:
    pieces = list(_with_table_notes(d))
    pieces += [Passage(f"{t.label}的标题", t.title, t.source, "title") for t in d.tables if t.title]
    for p in pieces:
        text = halfwidth(p.text)
        for m in _YEAR_TYPO.finditer(text):
            yield flag(
                p.source,
                expected=f"{m.group(1)}年",
                found=m.group(0),
                where=p.where,
                year=m.group(0),
                letters=m.group(2),
                right=f"{m.group(1)}年",
                context=_around(text, m.start(), m.end()),
            )
            break
