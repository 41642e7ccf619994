"""Chinese text and numbers as published: the ground floor that every reader, view, rule and renderer uses.

- characters and widths: `halfwidth` (full-width digits and number punctuation → ASCII), `nfkc`,
  `is_han`, `display_width`;
- keys for matching: `compact` (no white space), `name_key` (nor a leading ordinal), `one_line`;
- amounts: `parse_amount` and its non-raising forms (`amount_or_error`, `amount_or_none`,
  `is_amount`), and `amount_text`, how a table prints one;
- figures in running text: `text_to_figures` ("3,776.24万元", "占95.29%", "3辆"), `year_of`;
- Chinese numerals: `chinese_number` (12 → 十二) and `numeral_value` (十二 → 12);
- lines and paragraphs: `joins_without_space`, `join_wrapped` (a text layer's lines), `join_recognised`
  (OCR's), `starts_paragraph`;
- regions and levels: `region_of` (文水县人力资源和社会保障局 → 文水县), `level_of_region`, `level_of`.

Pure functions over strings and Decimals; only the model's records (`Figure`, `Source`, `GovLevel`)
come from below.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .model import Figure, GovLevel, Source

# ---------------------------------------------------------------------------------------------
# widths

# Full-width forms that OCR and Chinese typesetting produce inside numbers, each one character
# for one (offsets in the text stay as they were).
_WIDE_FORMS: tuple[tuple[str, str], ...] = (
    *((chr(0xFF10 + i), str(i)) for i in range(10)),
    ("．", "."),
    ("，", ","),
    ("－", "-"),
    ("％", "%"),
    ("＋", "+"),
    ("\u2212", "-"),  # minus sign
)


def halfwidth(text: str) -> str:
    """Full-width digits and number punctuation → ASCII; other characters are kept.

    (A replace per form present rather than str.translate, which looks every character up in a
    table and is several times slower on Chinese text.)"""
    if text.isascii():
        return text
    for wide, narrow in _WIDE_FORMS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


@lru_cache(maxsize=16384)
def nfkc(text: str) -> str:
    """Compatibility-normalized text for matching labels (（）→(), ：→:, full-width → ASCII)."""
    return unicodedata.normalize("NFKC", text)


def is_han(ch: str) -> bool:
    """True for one Chinese character (a CJK unified ideograph), not a punctuation mark or a digit."""
    return len(ch) == 1 and "\u4e00" <= ch <= "\u9fff"


def display_width(text: str) -> int:
    """Width of `text` in character cells (a terminal's, a table column's): wide (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---------------------------------------------------------------------------------------------
# keys for matching

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """Normalized text without any white space, for comparing labels that OCR broke with spaces
    (and how a 目录 entry names a heading)."""
    return _SPACE.sub("", nfkc(text))


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①②③④⑤⑥⑦⑧⑨⑩])")


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name's matching key: NFKC, no white space, no leading ordinal ("八、", "①", "1.")."""
    return _ORDINAL.sub("", compact(name))


def one_line(text: str) -> str:
    """Text as one printed line: runs of white space (new lines too) become one space."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# amounts

_AMOUNT = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
# Separators regular from the right but one left out at the left ("120258,600" for 120,258,600):
# the digits are the amount (`regrouped` tells such a cell, so that a reader can say so).
_REGROUPED = re.compile(r"[-+]?\d{4,6}(,\d{3})+(\.\d+)?")
_DASHES = {"-", "—", "——", "--", "－", "/"}
_INNER_SPACE = re.compile(r"(?<=\d)[\s\u3000]+(?=\d)")


def parse_amount(text: str) -> Decimal | None:
    """A table cell → Decimal, or None for a blank (or dash) cell.

    Accepts "1,000,084.00", "３５９８．４９", "( 12.00 )" (negative) and spaces inside the number
    ("3 598.49" from OCR), and a separator left out at the left ("120258,600" is 120,258,600). Raises
    ValueError when the cell holds something else.
    """
    value = amount_or_error(text)
    if isinstance(value, str):
        raise ValueError(value)
    return value


@lru_cache(maxsize=16384)
def amount_or_error(text: str) -> Decimal | str | None:
    """`parse_amount`'s result, or the message of its error instead of raising it: cached either
    way, since readers try every cell of a row, names included, as an amount."""
    cell = halfwidth(text).strip()
    if not cell or cell in _DASHES:
        return None
    negative = cell.startswith("(") and cell.endswith(")")
    if negative:
        cell = cell[1:-1].strip()
    cell = _INNER_SPACE.sub("", cell)
    if not _AMOUNT.fullmatch(cell) and not _REGROUPED.fullmatch(cell):
        return f"not an amount: {text!r}"
    try:
        value = Decimal(cell.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return f"not an amount: {text!r}"
    return -value if negative else value


def regrouped(text: str) -> bool:
    """True for an amount printed with a thousands separator left out ("120258,600"): read from its
    digits, as the rest of its separators say."""
    cell = _INNER_SPACE.sub("", halfwidth(text).strip().strip("()"))
    return "," in cell and _REGROUPED.fullmatch(cell) is not None


def amount_or_none(text: str) -> Decimal | None:
    """`parse_amount` for a cell that may hold anything: None for a blank and for text alike."""
    value = amount_or_error(text)
    return None if isinstance(value, str) else value


def is_amount(text: str) -> bool:
    """True when `text` reads as an amount (a blank does not)."""
    return amount_or_none(text) is not None


def amount_text(value: Decimal | None, decimals: int = 2, *, separators: bool = True) -> str:
    """An amount as a table prints it: a fixed number of decimals, with thousands separators (the
    OCR markdown of published packages prints none: `separators=False`). A blank cell (None) stays
    blank, which is not the same as 0.00."""
    if value is None:
        return ""
    return f"{value:,.{decimals}f}" if separators else f"{value:.{decimals}f}"


# ---------------------------------------------------------------------------------------------
# figures in running text

_UNITS = "万元|元|%|个|辆|平方米|台（套）|台\\(套\\)|台|套|人|项|家|次|批"
# A number with thousands separators, or plain, then its unit. The first digit is matched once,
# before the two forms part: fewer paths for the engine to try at each position of the text.
FIGURE = re.compile(rf"(?<![\d.,])([-+]?\d(?:\d{{0,2}}(?:,\d{{3}})+|\d*)(?:\.\d+)?)\s?({_UNITS})")
# What ends a clause: punctuation, and white space, except the space a text layer sets beside a
# number ("年初预算为 256.44 万元", "比 2024 年度减少"), which is typography, not a pause.
_BREAK = re.compile(r"[，。；：,;:、\t\u3000]|(?<!\d) (?!\d)")


def text_to_figures(text: str, source: Source) -> tuple[Figure, ...]:
    """Every amount, percentage and count stated in `text`, with the clause before it as label.

    `text` may hold full-width digits; offsets in `source.char` are offsets in `text`.
    """
    plain = halfwidth(text)
    found = []
    breaks: list[int] | None = None
    for m in FIGURE.finditer(plain):
        number, unit = m.group(1), m.group(2)
        if unit.startswith("台"):
            unit = "台（套）" if "套" in unit else "台"
        start = m.start()
        if breaks is None:
            breaks = [b.start() for b in _BREAK.finditer(plain)]
        before = bisect_left(breaks, start)  # the clause starts after the last break before it
        label = plain[breaks[before - 1] + 1 if before else 0 : start]
        found.append(
            Figure(
                value=Decimal(number.replace(",", "")),
                unit=unit,
                text=text[m.start() : m.end()],
                label=label,
                source=source.at(char=start),
            )
        )
    return tuple(found)


def year_of(text: str) -> int | None:
    """The first four-digit year (20xx) that `text` names ("2026年度" → 2026)."""
    m = re.search(r"(20\d\d)\s*年", halfwidth(text))
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------------------------
# Chinese numerals

CHINESE_DIGITS = "一二三四五六七八九十"
_DIGIT_VALUES = {ch: k for k, ch in enumerate(CHINESE_DIGITS, start=1)}


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 30 → 三十 (part, table, section and glossary numbers)."""
    if n <= 10:
        return CHINESE_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens - 1]
    return head + "十" + (CHINESE_DIGITS[ones - 1] if ones else "")


def numeral_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三十 → 30; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_DIGIT_VALUES.get(text[1:], 0) if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _DIGIT_VALUES[tens] * 10 + (_DIGIT_VALUES[ones] if ones else 0)
    return _DIGIT_VALUES.get(text, 0)


# ---------------------------------------------------------------------------------------------
# lines and paragraphs

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")


def joins_without_space(before: str, after: str) -> bool:
    """True when a line ending in `before` and the next starting with `after` join with no space
    (either side is CJK); otherwise the wrapped lines of a cell or paragraph join with one."""
    return bool(_CJK.match(before) or _CJK.match(after))


def join_wrapped(parts: Sequence[str]) -> str:
    """Lines of one paragraph or cell → one string; CJK text wraps without a space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not joins_without_space(out[-1], part[0]):
            out += " "
        out += part
    return out


_LATIN = re.compile(r"[A-Za-z]")


# Characters the recogniser returns for a look-alike that is printed: 丶 (a radical that running
# text never uses) for the enumeration comma 、 ("货物预算12.01万元丶工程预算…").
_LOOKALIKES = str.maketrans({"丶": "、"})


def join_recognised(parts: Sequence[str]) -> str:
    """Lines as OCR recognised them (of one cell or paragraph) → one string: only two Latin letters
    keep a space between them, since recognition drops spaces before and after Chinese and a number
    wrapped in a narrow cell runs on into its next line; a look-alike the recogniser returns for a
    printed character is that character (丶 → 、)."""
    text = ""
    for part in parts:
        part = part.strip()
        if text and part and _LATIN.match(text[-1]) and _LATIN.match(part[0]):
            text += " "
        text += part
    return text.translate(_LOOKALIKES)


PARAGRAPH_START = re.compile(
    # "1、" and "1." (not "1.5"), and "4．2026年…": ASCII digits before a full-width point number an item
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[0-9]+．|第[一二三四五六七八九十]+(?:部分|章|节|条|篇|[、，,：:])|注[:：])"
)


def starts_paragraph(text: str) -> bool:
    """True when a line starting with `text` opens a paragraph of its own (（一）, 1、, 第三部分, 第一，,
    注：); "第四次全国农业普查…" goes on a sentence."""
    return PARAGRAPH_START.match(text) is not None


# ---------------------------------------------------------------------------------------------
# regions and levels

# A region's name is a run of places, each at most 8 characters ending in a place suffix
# ("上海市普陀区"), so that a unit's own name does not pass for one ("上海市统计和大数据研究院（上海市…").
_REGION = re.compile(r"^(?:[^\s\d（()）、，,]{2,8}?(?:省|自治区|市|州|盟|县|区|旗))+")
# The party's name before a place: "中共西安市委宣传部", "中国共产党北京市委员会宣传部".
_PARTY = re.compile(r"^(?:中国共产党|中共)")
# The four 直辖市: their 市级 departments are at the provincial level.
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")

# The suffix of a region's name and the level it implies, in the order they are tried.
_REGION_LEVELS = (
    (("自治区",), GovLevel.PROVINCE),
    (("县", "旗"), GovLevel.COUNTY),
    (("区",), GovLevel.DISTRICT),
    (("市", "州"), GovLevel.CITY),
    (("省",), GovLevel.PROVINCE),
)
# The words that name a level outright (区级, 县级, …), in the order they are looked for.
_LEVEL_WORDS = (GovLevel.DISTRICT, GovLevel.COUNTY, GovLevel.CITY, GovLevel.PROVINCE)


def region_of(department: str | None) -> str | None:
    """The region prefix of a department's name ("文水县人力资源和社会保障局" → "文水县",
    "中共西安市委宣传部" → "西安市"), or of a package's title ("上海市2026年市级单位预算" → "上海市")."""
    if not department:
        return None
    m = _REGION.match(_PARTY.sub("", department.strip()))
    return m.group(0) if m and len(m.group(0)) >= 2 else None


def level_of_region(region: str | None) -> GovLevel | None:
    """The level a region's name implies (…县 → county, …区 → district, …市 → city, …省 → province)."""
    if not region:
        return None
    for suffixes, level in _REGION_LEVELS:
        if region.endswith(suffixes):
            return level
    return None


# A central department names no region: one of the State Council's ministries (a closed list: a
# county's 人民武装部 names no region either), a 国家… body (国家统计局, 国家税务总局), one named for
# the nation or the centre (中国科学院, 中华全国总工会, 中共中央宣传部, 国务院国有资产监督管理委员会,
# 最高人民法院), 审计署 or 海关总署.
_MINISTRIES = (
    "外交部|国防部|教育部|科学技术部|工业和信息化部|公安部|民政部|司法部|财政部|人力资源(?:和)?社会保障部|"
    "自然资源部|生态环境部|住房(?:和)?城乡建设部|交通运输部|水利部|农业农村部|商务部|文化和旅游部|"
    "退役军人事务部|应急管理部|审计署|海关总署"
)
_CENTRAL = re.compile(rf"^(?:(?:中共中央|中央|国务院|国家|中国|中华|全国|最高人民)\S{{2,}}|(?:{_MINISTRIES})$)")


def level_of(department: str | None, title: str | None = None) -> GovLevel | None:
    """The level of government a package is for: a level word in its title or department name
    (区级, 县级, 市级, 省级), else the level its department's region implies, else central for a
    department that names no region and is named as central ones are (`_CENTRAL`). A 直辖市's own
    departments (北京市…, 上海市2026年市级单位预算) are at the provincial level."""
    text = (title or "") + " " + (department or "")
    region = region_of(department) or region_of(title)
    found = next((level for level in _LEVEL_WORDS if level.word in text), None) or level_of_region(region)
    if found is None and region is None and department and _CENTRAL.match(department.strip()):
        return GovLevel.CENTRAL
    if found is GovLevel.CITY and region in MUNICIPALITIES:
        return GovLevel.PROVINCE
    return found
