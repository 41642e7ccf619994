"""What the narrative states, structured: each figure of a section given its role and its subject.

A 情况说明 sentence such as "收入总计3,776.24万元，其中：本年收入3,598.49万元，上年结转177.75万元，
比上年减少1390.58万元，下降26.91%，主要原因是1.基本支出…" is read into one `Claim` for the lead
figure (3,776.24) with its parts (本年收入, 上年结转), its change (−1390.58), its rate (−26.91%) and
the components that explain the change (基本支出 +132.76, …). Roles come from the clause before a
figure (`Figure.label`) and the words around it; nothing here looks at the tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..model import Disclosure, Figure, Section, Topic
from ..text import compact, halfwidth


class Role(StrEnum):
    LEVEL = "level"  # an amount of something this year
    CHANGE = "change"  # 比上年增加/减少 X
    RATE = "rate"  # 增长/下降 r%
    SHARE = "share"  # 占 r%
    PRIOR = "prior"  # 上年…为 X (the prior-year amount itself)
    REASON = "reason"  # X增加/减少 Y, explaining a change
    COUNT = "count"  # 29个, 3辆


MONEY = ("万元", "元")
UP = ("增加", "增长", "上升", "提高", "多", "增")
DOWN = ("减少", "下降", "降低", "少", "减", "下调")
_DIRECTION = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|下调|少配套|多配套|少|多)$")
_COMPARE = re.compile(r"(比|较|同比)")
_PRIOR_WORDS = re.compile(r"(执行数|预算数|预算|决算数|支出|为|是)")
_LIST = re.compile(r"(其中|主要包括|主要用于|包括|分别为|具体为)")
_REASONS = re.compile(r"(主要原因|原因是|原因主要|主要是由于|主要是)")
_ORDINAL = re.compile(r"^\s*(?:\d+[.、．)]|[（(]\d+[)）]|[一二三四五六七八九十]+、)")
_GOES_ON = ("；", ";", "，", ",", "：", ":")  # a paragraph that ends so is continued by the next
_DETAIL = re.compile(r"(具体情况|具体)?如下[：:]\s*$")
_SAME = re.compile(r"^[^，。；]{0,6}(与上年|与\d{4}年|和上年)[^，。；]*(相同|持平|一致|无变化)")


def direction(label: str) -> int:
    """+1 for an increase word at the end of `label`, −1 for a decrease word, 0 for none."""
    m = _DIRECTION.search(label)
    if not m:
        return 0
    word = m.group(1)
    return -1 if any(word.startswith(w) for w in DOWN) else 1


@dataclass(slots=True)
class Stated:
    """One figure of a section, with the text around it."""

    figure: Figure
    before: str  # text since the previous figure (or the section start)
    after: str  # text up to the next figure (or the paragraph end)
    paragraph: int
    context: str = ""  # the label of the figure before this one in the same paragraph
    role: Role = Role.LEVEL
    sign: int = 0
    bracketed: bool = False  # printed inside brackets: a remark on the figure before them

    @property
    def label(self) -> str:
        return halfwidth(self.figure.label)


@dataclass(slots=True)
class Claim:
    """A stated amount and everything said about it in the same sentence."""

    level: Stated
    topic: str
    lead: Claim | None = None  # the figure this one is a part or component of
    base: Claim | None = None  # the sentence's first amount, when this one is neither
    part_groups: list[list[Claim]] = field(default_factory=list)  # one list per 其中/主要包括
    components: list[Claim] = field(default_factory=list)  # explaining the lead's change
    change: Stated | None = None
    rate: Stated | None = None
    prior: Stated | None = None
    share: Stated | None = None
    reasons: list[Stated] = field(default_factory=list)
    open_list: bool = False  # the parts end with 等: not every part is named
    same_as_prior: bool = False  # 与上年相同/持平

    @property
    def parts(self) -> list[Claim]:
        return [c for group in self.part_groups for c in group]

    @property
    def figure(self) -> Figure:
        return self.level.figure

    @property
    def value(self) -> Decimal:
        return self.level.figure.value

    @property
    def label(self) -> str:
        return self.level.label

    def change_value(self) -> Decimal | None:
        if self.change is None:
            return None
        return self.change.figure.value * (self.change.sign or 1)


_COMPARED_WITH = re.compile(r"(?:比|较|与)\s*(上年|去年|上一年|(20\d\d)\s*年)度?的?(?:预算数?|执行数|决算数)?$")


def is_prior(label: str, year: int | None) -> bool:
    """A label naming last year's amount ("2025年当年预算执行数为", "上年预算数为", "较上年的")."""
    compared = _COMPARED_WITH.search(label)
    if compared and "结转" not in label:
        return compared.group(2) is None or (year is not None and int(compared.group(2)) < year)
    if "结转" in label or "本年" in label or not _PRIOR_WORDS.search(label):
        return False
    years = [int(y) for y in re.findall(r"(20\d\d)年", label)]
    if years:
        return year is not None and max(years) < year
    return any(w in label for w in ("上年", "去年", "上一年"))


def classify(item: Stated, year: int | None = None) -> None:
    """Give `item` its role from its label and unit (`year`: the document's year). A text layer's
    spaces beside a number ("比 2025 年年初预算增加 ") say nothing of the role."""
    f, label = item.figure, compact(item.label)
    if f.unit == "%":
        if "占" in label or "比重" in label or "比例" in label:
            item.role = Role.SHARE
        elif direction(label):
            item.role, item.sign = Role.RATE, direction(label)
        else:
            item.role = Role.SHARE
        return
    if f.unit not in MONEY:
        item.role = Role.COUNT
        return
    sign = direction(label)
    compared = bool(_COMPARE.search(label))
    if sign and compared:
        item.role, item.sign = Role.CHANGE, sign
    elif sign and not compared:
        item.role, item.sign = Role.REASON, sign
    elif is_prior(label, year):
        item.role = Role.PRIOR
    else:
        item.role = Role.LEVEL


def section_items(section: Section, year: int | None = None) -> list[Stated]:
    """Every figure of `section` in order, with the text before and after it."""
    items: list[Stated] = []
    for index, paragraph in enumerate(section.paragraphs):
        text = halfwidth(paragraph.text)
        figures = sorted(paragraph.figures, key=lambda f: f.source.char or 0)
        starts = [f.source.char or 0 for f in figures]
        ends = [s + len(f.text) for s, f in zip(starts, figures, strict=True)]
        for i, f in enumerate(figures):
            before = text[ends[i - 1] : starts[i]] if i else text[: starts[i]]
            after = text[ends[i] : starts[i + 1]] if i + 1 < len(figures) else text[ends[i] :]
            item = Stated(f, before, after, index, halfwidth(figures[i - 1].label) if i else "")
            item.bracketed = _open_brackets(text[: starts[i]]) > 0
            classify(item, year)
            items.append(item)
    return items


def _last(pattern: re.Pattern[str], text: str, start: int = 0) -> int:
    """Where the last match of `pattern` in `text` (from `start`) begins; -1 when there is none."""
    found = -1
    for m in pattern.finditer(text, start):
        found = m.start()
    return found


def _closes_outer(text: str) -> bool:
    """True when `text` closes a bracket opened before it ("其中…不予公开）…")."""
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if not depth:
                return True
            depth -= 1
    return False


def _open_brackets(text: str) -> int:
    """How many brackets `text` leaves open (a stray closing bracket closes nothing)."""
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth


def _flow(label: str) -> str | None:
    """Whether a figure is money coming in (收入) or going out (支出), when its label says."""
    income, spending = label.rfind("收入"), label.rfind("支出")
    if income == spending:
        return None
    return "in" if income > spending else "out"


_OPENS_LIST = re.compile(r"^\s*[，,]?\s*(?:其中|主要包括)")


def _sentence_break(before: str) -> bool:
    """True when a sentence ends in `before`, unless the next one opens with 其中 (still the same total)
    or the full stop closes a remark in brackets ("…减少2.96万元。)比上年增加…": the sentence goes on)."""
    if "。" not in before:
        return False
    tail = before.rsplit("。", 1)[1]
    # ("收入包括：…；支出包括：…")
    return not _LIST.match(re.sub(r"^(收入|支出)", "", tail.strip())) and not tail.lstrip().startswith((")", "）"))


def claims(section: Section, year: int | None = None) -> list[Claim]:
    """The claims of a section: every LEVEL figure with what is said about it (see module doc)."""
    items = section_items(section, year)
    found: list[Claim] = []
    lead: Claim | None = None  # the first amount of the sentence
    current: Claim | None = None
    mode = ""  # "", "parts" or "reasons"
    ordinal_reasons = False
    last_paragraph = -1
    pending_prior: Stated | None = None
    earlier: Claim | None = None  # the lead of the previous sentence of the same paragraph
    outer: Claim | None = None  # the claim before an open bracket: what the bracket remarks on

    in_list = False  # a 其中 list is open (its items may each give their own reasons)
    in_reasons = False  # the clause being read (since the last "；") gives reasons

    def reset() -> None:
        nonlocal lead, current, mode, pending_prior, ordinal_reasons, earlier, outer, in_list
        earlier = lead or earlier
        lead, current, mode, pending_prior, ordinal_reasons, outer = None, None, "", None, False, None
        in_list = False

    for item in items:
        new_paragraph = item.paragraph != last_paragraph
        lead_in = ""  # the text of paragraphs with no figure just before this one ("其中：")
        if new_paragraph and last_paragraph >= 0:
            lead_in = "".join(halfwidth(p.text) for p in section.paragraphs[last_paragraph + 1 : item.paragraph])
            # Paragraphs with no figure between carry the sentence on when they open a list (a lone
            # "其中：") and do not break it when they are no sentence (a running page header).
            between = [
                p.text.rstrip()
                for p in section.paragraphs[last_paragraph + 1 : item.paragraph]
                if "。" in p.text or p.text.rstrip().endswith(_GOES_ON)  # (not a running page header)
            ]
            previous = section.paragraphs[last_paragraph].text.rstrip()
            opening = halfwidth((between or [section.paragraphs[item.paragraph].text])[0]).lstrip()
            if previous.endswith(("。", "！", "？", "!", "?")):
                # a closed sentence goes on only into a list of its total ("…合计X万元。" / "其中：…")
                continues = bool(lead is not None and _LIST.match(opening))
            else:
                continues = (between[-1] if between else previous).endswith(_GOES_ON)
            continues = continues or (mode == "reasons" and ordinal_reasons)
            # "…具体情况如下：" then "1．因公出国（境）费…": each item of the detail is a claim of its own
            if not continues or _DETAIL.search(previous):
                reset()
                earlier = None
        last_paragraph = item.paragraph
        # (a clause ends at "；" or at an ASCII ";", which a text layer of halfwidth punctuation prints)
        before = (lead_in + item.before.split("\n")[-1]).replace(";", "；")
        if not new_paragraph and _sentence_break(item.before):
            reset()
        if outer is not None and not item.bracketed:
            current, outer = outer, None  # the bracket closed: what follows speaks of its figure again
        if item.bracketed and item.role is Role.LEVEL and current is not None:
            # "公务用车购置及运行维护费567.72万元（公务用车购置费230.55万元，…）": a remark on the figure
            # before the bracket, neither a new lead nor an item of a list
            outer = outer or current
            claim = Claim(item, section.topic.value, base=outer)
            current = claim
            found.append(claim)
            continue
        if "；" in before:  # a new clause: does it give reasons?
            in_reasons = bool(_REASONS.search(before.rsplit("；", 1)[-1]))
        elif _REASONS.search(before):
            in_reasons = True
        if item.role is Role.COUNT:
            # a count ends what was being said, unless it is part of an item's reasons in a 其中 list
            # ("…主要原因是4辆新能源车于2026年达到5年车龄…；公务接待费…": the list goes on)
            if not (in_list and in_reasons):
                reset()
            continue
        if item.role is Role.PRIOR:
            if current is not None and current.prior is None and (_COMPARE.search(before) or item.bracketed):
                # "X万元比2025年初预算数P万元减少…": the figure just stated is compared with P; so is
                # it in "X万元，比上年增加X万元（上年预算数为0万元，无法计算增减比率）"
                current.prior = item
            elif item.bracketed:
                pass  # a remark on what was said before the bracket, never on the figure after it
            else:
                pending_prior = item
            continue
        if item.role is Role.LEVEL:
            claim = Claim(item, section.topic.value)
            starts_ordinal = bool(_ORDINAL.match(item.label))
            # Which marker speaks for this figure: the later of 主要原因 and 其中 in the text before
            # it ("…主要原因是…。其中：因公出国（境）费40万元" lists a part). Inside a 其中 list only
            # the clause since the last "；" counts: an item's reasons end at the next item.
            list_at = _last(_LIST, before)
            if list_at >= 0 and _closes_outer(before[list_at:]):
                list_at = -1  # "（其中…不予公开），政府性基金预算拨款0万元": the 其中 was inside a closed bracket
            reason_at = _last(_REASONS, before, before.rfind("；") + 1 if in_list else 0)
            marker = list_at > reason_at or bool(_LIST.search(item.label))
            reasons = reason_at > list_at or bool(_REASONS.search(item.label)) or (mode == "reasons" and starts_ordinal)
            if mode == "reasons" and ordinal_reasons and not starts_ordinal and not marker:
                reset()
            if (
                lead is not None
                and "；" in before
                and not marker
                and _OPENS_LIST.match(item.after)
                and _flow(lead.label) is not None
                and _flow(item.label) not in (None, _flow(lead.label))
            ):
                # "…收入X万元，其中：…；本部门当年财政拨款支出Y万元，其中：…": a clause with a list of its own
                # states a total of its own, no item of the list before it
                reset()
            if lead is None:
                lead = claim
                if (
                    year is not None
                    and re.fullmatch(rf"\s*{year}年度?(预算安排|预算数|预算)为?", item.label)
                    and earlier is not None
                ):
                    claim.base = earlier  # "…（01项）X万元。…执行数为P万元，2026年预算安排Y万元" restates X
            elif reasons:
                # in a 其中 list, the reasons of an item's own change ("因公出国（境）费86.47万元，比上年
                # 增加3.2万元，主要原因是…3.2万元…") explain that item, not the list's lead
                item_reasons = mode == "parts" and current is not None and current is not lead
                explained = current if item_reasons and current is not None and current.change is not None else lead
                mode = "reasons"
                ordinal_reasons = ordinal_reasons or starts_ordinal
                claim.lead = explained
                explained.components.append(claim)
            elif marker:
                mode, in_list = "parts", True
                claim.lead = lead
                lead.part_groups.append([claim])
            elif mode == "parts" or (in_list and "；" in before):
                mode = "parts"
                claim.lead = lead
                lead.part_groups[-1].append(claim)
            else:
                claim.base = lead
            claim.prior, pending_prior = pending_prior, None
            if re.match(r"^\s*等", item.after):
                (claim.lead or claim).open_list = True
            if _SAME.search(item.after):
                claim.same_as_prior = True
            current = claim
            found.append(claim)
        elif current is None:
            continue
        elif item.role is Role.CHANGE:
            if current.change is not None:
                if "；" in before and not in_reasons:
                    # "因公出国（境）费0万元，较上年降低25万元，原因是…；公务接待费较上年降低1.17万元": the
                    # change of the next item of the list, stated without its amount (n140 p23)
                    continue
                current.reasons.append(item)  # a second change of the same figure explains the first
                continue
            target = current
            if current.lead is not None and mode == "parts" and lead is not None and lead.change is None:
                target = _pick_subject(current, lead, item, items)
            target.change = item
            current = target
        elif item.role is Role.RATE:
            holder = current if (current.change is not None or current.prior is not None) else None
            if holder is None and current.lead is not None and current.lead.change is not None:
                holder = current.lead
            holder = holder or current
            if holder.rate is None:
                holder.rate = item
        elif item.role is Role.SHARE:
            if current.share is None:
                current.share = item
        elif item.role is Role.REASON:
            owner = _change_owner(current)
            if owner is not None:
                owner.reasons.append(item)
    return found


def _change_owner(claim: Claim) -> Claim | None:
    """The claim whose change a reason explains: the nearest one that states a change."""
    node: Claim | None = claim
    while node is not None:
        if node.change is not None:
            return node
        node = node.lead
    return None


def _pick_subject(part: Claim, lead: Claim, change: Stated, items: Sequence[Stated]) -> Claim:
    """Whether "比上年减少X" after a 其中-list belongs to the last part or to the list's lead.

    The rate that follows decides when there is one (only one subject makes X and r agree);
    without one, Chinese usage attaches it to the lead ("总计A，其中B、C，比上年减少X").
    """
    position = items.index(change)
    rate = items[position + 1] if position + 1 < len(items) and items[position + 1].role is Role.RATE else None
    if rate is None:
        return lead
    if part.value == change.figure.value and change.sign > 0:
        return part  # "公务用车购置费221.04万元，比上年增加221.04万元，增长100%": from nothing to all of it
    for candidate in (lead, part):
        prior = candidate.value - change.figure.value * (change.sign or 1)
        if prior > 0 and abs(change.figure.value / prior * 100 - rate.figure.value) <= Decimal("0.1"):
            return candidate
    if part.value - change.figure.value * (change.sign or 1) == 0 and rate.figure.value == 100:
        return part  # "公务用车购置费221.04万元，比上年增加221.04万元，增长100%": the part, from nothing
    return lead


SKIPPED_TOPICS = (Topic.ASSETS, Topic.OTHER, Topic.PROCUREMENT)

_CLAIMS: dict[int, tuple[Disclosure, list[tuple[Section, list[Claim]]]]] = {}


def section_claims(d: Disclosure) -> list[tuple[Section, list[Claim]]]:
    """The claims of every checked section, read once per package (rules must not change them)."""
    cached = _CLAIMS.get(id(d))
    if cached is not None and cached[0] is d:
        return cached[1]
    if len(_CLAIMS) > 8:
        _CLAIMS.clear()
    found = [(s, claims(s, d.year)) for s in d.sections if s.topic not in SKIPPED_TOPICS]
    _CLAIMS[id(d)] = (d, found)
    return found
