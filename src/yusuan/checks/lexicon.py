"""The wording a reviewer flags, curated: each entry says what it is, what to write instead and
where a real package printed it (docs/rules.md lists them all, from here).

The wording rules of `text.py` and `codes.py` read these lists and nothing else, so that a word is
added here, with the package that showed it, rather than in a rule. An entry's `pattern` is a
regular expression over the text after `halfwidth` (full-width digits and number punctuation made
ASCII; Chinese brackets stay as printed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Wording:
    """One entry: the words, what they are, what belongs there, and where they were seen."""

    pattern: str
    what: str
    instead: str
    seen: str = ""


# Placeholders of a template, left where the department's own words or numbers belong.
PLACEHOLDERS = (
    Wording(r"X{2,}|x{2,}|×{2,}|ＸＸ|＊{2,}|\*{2,}", "占位符 XX / ×× / **", "实际的名称或数字", "部门决算公开模板"),
    Wording(r"某某", "占位词“某某”", "实际的名称"),
    Wording(r"(?<![.\d])\.{3,}(?![.\d])|…{1,2}", "省略号（未写完的内容）", "完整的内容"),
    Wording(r"[（(]\s*[)）]", "空括号", "括号内应有的内容"),
    Wording(r"此处填写|请填写|填写说明", "填写提示", "填写的内容"),
    Wording(r"[（(](单位|部门)名称[)）]", "“（单位名称）”", "单位的名称"),
)

# Instructions to whoever fills the template in, left in the published text.
INSTRUCTIONS = (
    Wording(
        r"仍保留该表格式|并在本表下方作下述说明", "模板的填表说明", "删去说明，只留下对本表的说明", "rd02 p15、p16"
    ),
    Wording(r"[（(]如持平作持平表述[)）]", "模板的填表说明", "删去", "部门决算公开模板"),
    Wording(r"按上述格式[^。；]{0,20}(说明|列示|填列)", "模板的填表说明", "删去", "部门决算公开模板"),
    Wording(r"预决算持平的不用说明", "模板的填表说明", "删去", "部门决算公开模板"),
)

# A template's alternatives, of which the department was to keep one.
CHOICES = (
    Wording(
        r"增加[（(]减少[)）]|减少[（(]增加[)）]", "“增加（减少）”两种写法并存", "“增加”或“减少”", "rd14 p6；n142 p23"
    ),
    Wording(r"增长[（(]下降[)）]|下降[（(]增长[)）]", "“增长（下降）”两种写法并存", "“增长”或“下降”", "rd03 p25"),
    Wording(r"增[（(]减[)）]|减[（(]增[)）]", "“增（减）”两种写法并存", "“增”或“减”"),
    Wording(
        r"[大小]于[（(][大小]于[)）]|高于[（(]低于[)）]|低于[（(]高于[)）]", "“大于（小于）”两种写法并存", "其中一种"
    ),
    Wording(
        # ("县（市、区）", the counties, county-level cities and districts under a city, is no choice:
        # n164, n165, n170 p4)
        r"(?<!兄弟)(?<!各)省[（(]市[/、][县区][)）]|(?<![省县])[（(]市[/、][县区][)）]",
        "“省（市/县）”两种写法并存",
        "本级政府的名称",
    ),
    Wording(r"[（(]部[、/]委[、/]办[)）]", "“局（部、委、办）”几种写法并存", "本部门的名称"),
)

# A reason announced and not given.
EMPTY_REASONS = (
    # ("…等原因。" gives a reason: only 原因是/为/： announce one)
    Wording(r"原因(是|为|主要是|[:：])\s*[。；;]", "原因后面没有内容", "变动的原因", "rd12 p16；rd14 p21"),
    # (not "…主要原因是" at a paragraph's end: a reader may break a paragraph there, n148 p23)
)

# Words that contradict each other or are doubled.
CONTRADICTIONS = (
    Wording(r"(增加|减少|增长|下降)\1(?![（(])", "方向词重复", "一个方向词", "002 p7（增加增加）"),
    Wording(
        r"(增加|减少|增长|下降)(持平)|持平(增加|减少|增长|下降)",
        "变动与持平并存",
        "“增加”“减少”或“持平”之一",
        "002 p7（增加持平）",
    ),
    Wording(r"大小于|小大于", "“大于”与“小于”并存", "“大于”或“小于”", "005 p28"),
    Wording(
        r"(增加|增长)(减少|下降)|(减少|下降)(增加|增长)|(?<!增)减(增加|增长)|(?<!减)增(减少|下降)",
        "相反的方向词相连",
        "一个方向词",
        "005 p39（减增加）",
    ),
    Wording(r"(无增减变化|与上年持平|持平)\1", "同一短语重复", "写一次", "n089 p33（无增减变化无增减变化）"),
)

# Terms no longer in use, with the year the current term took their place (style: info).
OBSOLETE_TERMS = (
    Wording(r"公共财政(拨款|预算|支出|收入)", "“公共财政”是旧称", "一般公共预算（2015年起，新《预算法》）", "n149 p9"),
)
OBSOLETE_SINCE = {OBSOLETE_TERMS[0].pattern: 2015}


@dataclass(frozen=True, slots=True)
class SubjectName:
    """A 支出功能分类 name that changed: the old name, the new one, the code, and the first budget
    year of the new name (the 政府收支分类科目 of that year)."""

    old: str
    new: str
    code: str
    since: int
    seen: str = ""


# Only renames whose year is certain; the list grows with the packages that show one.
OLD_SUBJECTS = (
    SubjectName("医疗卫生与计划生育支出", "卫生健康支出", "210", 2019, "rd12 p6、p7、p10；rd13 p9；rd14 p7"),
    SubjectName("文化体育与传媒支出", "文化旅游体育与传媒支出", "207", 2019, "005 p28"),
    SubjectName("其他文化体育与传媒支出", "其他文化旅游体育与传媒支出", "20799", 2019, "002 p8"),
    SubjectName("国土海洋气象等支出", "自然资源海洋气象等支出", "220", 2019),
    SubjectName("行政事业单位离退休", "行政事业单位养老支出", "20805", 2021, "005 p32、p33"),
)

# Words that belong to the other kind of package: a 单位预算 speaking of the 部门预算 (and the reverse).
UNIT_WORDS = (Wording(r"部门预算安排", "单位预算写作“部门预算安排”", "单位预算安排", "rd14 p21；rd15 p21；n001 p21"),)
DEPARTMENT_WORDS = (Wording(r"单位预算安排", "部门预算写作“单位预算安排”", "部门预算安排"),)


@cache
def compiled(entries: tuple[Wording, ...]) -> tuple[tuple[re.Pattern[str], Wording], ...]:
    return tuple((re.compile(e.pattern), e) for e in entries)


def first_match(entries: tuple[Wording, ...], text: str) -> tuple[re.Match[str], Wording] | None:
    """The earliest place in `text` where an entry of `entries` matches, with the entry."""
    found = [(m, e) for pattern, e in compiled(entries) if (m := pattern.search(text))]
    return min(found, key=lambda x: x[0].start()) if found else None


def lexicon_markdown() -> str:
    """The lexicon as a section of docs/rules.md."""
    groups = (
        ("text.template", "模板占位符", PLACEHOLDERS),
        ("text.template", "模板的填表说明", INSTRUCTIONS),
        ("text.template-choice", "模板中的并列写法", CHOICES),
        ("text.empty-reason", "空的原因", EMPTY_REASONS),
        ("text.contradiction", "相互矛盾或重复的词", CONTRADICTIONS),
        ("text.unit-wording", "单位预算中的部门措辞（反之亦然）", UNIT_WORDS + DEPARTMENT_WORDS),
        ("text.obsolete-term", "旧称", OBSOLETE_TERMS),
    )
    out = ["\n## 词表（the lexicon of the wording rules）\n"]
    out.append(
        "\n规则 `text.*` 与 `code.old-name` 依据下列词表（`src/yusuan/checks/lexicon.py`）。“见于”是印有该写法的"
        "真实公开文件及页码：rdNN 为 `../shared/data/real_pdfs/`，nNNN 为 `../shared/data/national/`，"
        "00N 为 `../shared/data/real_texts/` 中的文件。\n"
    )
    for rule_id, heading, entries in groups:
        out.append(f"\n### {heading}（`{rule_id}`）\n\n| 写法（正则） | 问题 | 应为 | 见于 |\n|---|---|---|---|\n")
        for e in entries:
            pattern = e.pattern.replace("|", "\\|")
            out.append(f"| `{pattern}` | {e.what} | {e.instead} | {e.seen or '—'} |\n")
    out.append("\n### 科目的旧名称（`code.old-name`）\n\n")
    out.append("| 旧名称 | 现名称 | 科目编码 | 自哪一年的科目起 | 见于 |\n|---|---|---|---|---|\n")
    for s in OLD_SUBJECTS:
        out.append(f"| {s.old} | {s.new} | {s.code} | {s.since} | {s.seen or '—'} |\n")
    return "".join(out)
