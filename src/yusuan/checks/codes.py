"""Classification codes: function codes exist, stand at their level under their parents, carry the
name the classification gives them; 部门 (301…) and 政府 (501…) economic codes are not mixed up.

The shipped function-code list is complete for 类 but only partial for 款 and 项 (see
data/function_codes.csv), so an unknown 款/项 is `info`, an unknown 类 a `warning`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..model import ColumnKey, Disclosure, Row, RowRole, Severity, Side, Source, TableKind
from ..model import codes as codelib
from ..reference import (
    FunctionCode,
    dept_econ,
    dept_econ_by_name,
    function_classes,
    function_codes,
    gov_econ_by_name,
)
from ..text import halfwidth, name_key
from .lexicon import OLD_SUBJECTS, SubjectName
from .registry import Flag, flag, rule
from .tables import gov_codes
from .text import passages

FUNCTION_BASIS = "《政府收支分类科目》支出功能分类（财政部每年发布）"
CODE_TABLES = (
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL,
    TableKind.GOV_FUND_FINAL,
    TableKind.STATE_CAPITAL_FINAL,
)


def coded_rows(d: Disclosure) -> Iterator[tuple[str, Row]]:
    for kind in CODE_TABLES:
        table = d.table(kind)
        if table is None:
            continue
        for row in table.rows:
            if (
                row.code
                and row.role is RowRole.ITEM
                and row.side is not Side.INCOME
                and codelib.scheme(row.code) is codelib.CodeScheme.FUNCTION
            ):
                yield table.label, row


@rule(
    "code.function-unknown",
    Severity.WARNING,
    "功能科目编码存在",
    FUNCTION_BASIS,
    "{table}的科目编码 {code}（{name}）{problem}",
    "表3的科目编码 2089901（其他社会保障和就业支出）不在随附的科目表中（该表只收录了部分款、项）",
)
def function_unknown(d: Disclosure) -> Iterator[Flag]:
    known = function_codes()
    for label, row in coded_rows(d):
        code = row.code or ""
        if code in known:
            continue
        if code[:3] not in function_classes():
            yield flag(
                row.cell_source("code"),
                found=code,
                table=label,
                code=code,
                name=row.name,
                problem=f"的类“{code[:3]}”不存在",
            )
        else:
            yield flag(
                row.cell_source("code"),
                severity=Severity.INFO,
                found=code,
                table=label,
                code=code,
                name=row.name,
                problem="不在随附的科目表中（该表只收录了部分款、项，未必有误）",
            )


def _name_fits(printed: str, names: tuple[str, ...]) -> bool:
    key = name_key(printed)
    return any(key == name_key(n) or (len(key) >= 4 and name_key(n).startswith(key)) for n in names)


def _named_with_its_section(printed: str, entry: FunctionCode, known: Mapping[str, FunctionCode]) -> bool:
    """A 项 named with its 款 in brackets, as 项 of the same name recur under many 款 ("行政运行（人力资源
    和社会保障管理事务）", Xi'an n140): the name fits when the part before the bracket does and the
    bracket names the code's own 款."""
    m = re.fullmatch(r"(.+?)[（(](.+)[)）]", halfwidth(printed).strip())
    section = known.get(entry.code[:5]) if len(entry.code) == 7 else None
    return (
        m is not None
        and section is not None
        and _name_fits(m.group(1), entry.names())
        and _name_fits(m.group(2), section.names())
    )


@rule(
    "code.function-name",
    Severity.WARNING,
    "功能科目名称与编码相符",
    FUNCTION_BASIS,
    "{where}科目 {code} 的名称为“{printed}”，{year}年科目表中为“{name}”",
    "表5科目 2080109 的名称为“社会保险业务管理事务”，2026年科目表中为“社会保险经办机构”",
)
def function_name(d: Disclosure) -> Iterator[Flag]:
    known = function_codes()
    year = d.year or ""
    for label, row in coded_rows(d):
        entry = known.get(row.code or "")
        if entry is None or not row.name or _name_fits(row.name, entry.names()):
            continue
        if _named_with_its_section(row.name, entry, known):
            continue
        if any(s.code == entry.code and name_key(s.old) == name_key(row.name) for s in OLD_SUBJECTS):
            continue  # an earlier name of the code: code.old-name reports it
        yield flag(
            row.source,
            expected=entry.name,
            found=row.name,
            where=label,
            code=entry.code,
            printed=row.name,
            name=entry.name,
            year=year,
        )
    for section in d.sections:
        for paragraph in section.paragraphs:
            for m in re.finditer(r"([\u4e00-\u9fff]{2,20})[（(](\d{3})类[)）]", halfwidth(paragraph.text)):
                printed, code = m.group(1), m.group(2)
                entry = known.get(code)
                if entry is None or name_key(printed) == name_key(entry.name):
                    continue
                if _name_fits(printed, entry.names()) or name_key(entry.name) in name_key(printed):
                    continue  # (an earlier name of the class is code.old-name's)
                yield flag(
                    paragraph.source.at(char=m.start()),
                    expected=entry.name,
                    found=printed,
                    where="情况说明",
                    code=code,
                    printed=printed,
                    name=entry.name,
                    year=year,
                )


@rule(
    "code.function-parent",
    Severity.WARNING,
    "功能科目的上级科目齐全",
    "按类、款、项列示时，每个项应列在其款、类之下（上级科目行不可缺）",
    "{table}列有科目 {code}（{name}），却没有其上级科目 {parent}",
    "表5列有科目 2080101（行政运行），却没有其上级科目 20801",
)
def function_parent(d: Disclosure) -> Iterator[Flag]:
    for kind in CODE_TABLES:
        table = d.table(kind)
        if table is None:
            continue
        present = {r.code for r in table.rows if r.code}
        for row in table.rows:
            if not row.code or codelib.scheme(row.code) is not codelib.CodeScheme.FUNCTION:
                continue
            for parent in codelib.parents(row.code):
                if parent not in present:
                    yield flag(
                        row.source,
                        found=row.code,
                        expected=parent,
                        table=table.label,
                        code=row.code,
                        name=row.name,
                        parent=parent,
                    )
                    break


# ---------------------------------------------------------------------------------------------
# 部门 and 政府 economic classifications in the 基本支出 table


def _econ_rows(d: Disclosure) -> Iterator[Row]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    for row in table.rows:
        if row.role is RowRole.ITEM:
            yield row


def _gov_name_codes(name: str) -> tuple[str, ...]:
    key = name_key(name)
    return gov_econ_by_name().get(key, ()) or tuple(
        c for n, cs in gov_econ_by_name().items() if n.split("(")[0] == key for c in cs
    )


@rule(
    "code.econ-mixed",
    Severity.ERROR,
    "部门经济科目与政府经济科目未混用",
    "部门预算支出经济分类（301…）与政府预算支出经济分类（501…）是两套科目，各列只能用本套科目",
    "{table}第{line}行{column}列为“{name}”，这是{other}科目，不是{own}科目",
    "表6第301行部门经济科目列为“工资奖金津补贴”，这是政府预算支出经济分类科目，不是部门预算支出经济分类科目",
)
def econ_mixed(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    dept_names = dept_econ_by_name()
    for row in _econ_rows(d):
        key = name_key(row.name)
        if key and key not in dept_names and _gov_name_codes(row.name):
            yield flag(
                row.source,
                found=row.name,
                table=table.label,
                line=row.source.line or "",
                column="部门经济科目",
                name=row.name,
                other="政府预算支出经济分类",
                own="部门预算支出经济分类",
            )
        gov = row.text("gov_econ")
        printed = row.text("gov_econ_code") or ""
        if codelib.scheme(printed) is codelib.CodeScheme.GOV_ECON:
            continue  # the government-economic code is printed beside the name: no mix-up
        if gov and not _gov_name_codes(gov) and name_key(gov) in dept_names:
            yield flag(
                row.source,
                found=gov,
                table=table.label,
                line=row.source.line or "",
                column="政府经济科目",
                name=gov,
                other="部门预算支出经济分类",
                own="政府预算支出经济分类",
            )


ECON_PAIRS = {
    "301": ("501", "50501", "50599"),
    "302": ("502", "50502", "50599"),
    "303": ("509", "50599"),
    "307": ("511",),
    "309": ("503", "504", "506"),
    "310": ("503", "504", "506"),
    "311": ("507", "508"),
    "312": ("507", "508"),
    "313": ("510",),
    "399": ("599", "514"),
}


@rule(
    "code.econ-pair",
    Severity.WARNING,
    "部门经济科目与政府经济科目对应",
    "部门预算支出经济分类与政府预算支出经济分类的对应关系（财预〔2017〕98号）：301→501/50501，302→502/50502，303→509，310→503/504/506…",
    "{table}“{name}”（{dept}）对应的政府经济科目为“{gov}”，不在{dept_class}类可对应的范围（{allowed}）",
    "表6“办公费”（30201）对应的政府经济科目为“工资奖金津补贴”，不在302类可对应的范围（502、50502、50599）",
)
def econ_pair(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    for row in _econ_rows(d):
        gov = row.text("gov_econ")
        if not gov or not row.code or len(row.code) < 3:
            continue
        allowed = ECON_PAIRS.get(row.code[:3])
        codes = gov_codes(row)
        if allowed is None or not codes:
            continue
        if any(c.startswith(a) or (len(c) == 3 and a.startswith(c)) for c in codes for a in allowed):
            continue  # (a 类 row paired with a 类: 301 with 505, of which 50501 is allowed)
        yield flag(
            row.source,
            found=gov,
            expected="、".join(allowed),
            table=table.label,
            name=row.name,
            dept=row.code,
            gov=gov,
            dept_class=row.code[:3],
            allowed="、".join(allowed),
        )


@rule(
    "code.econ-duplicate",
    Severity.WARNING,
    "经济科目组合不重复",
    "同一部门经济科目与同一政府经济科目的组合只应列一行",
    "{table}第{lines}行的部门经济科目和政府经济科目都是“{dept}／{gov}”（{amounts}）：同一组合列了两次，其中一行的政府经济科目可能填错",
    "表6第334、335行的部门经济科目和政府经济科目都是“公务用车运行维护费／公务用车运行维护费”（4.00、2.00）：同一组合列了两次，其中一行的政府经济科目可能填错",
)
def econ_duplicate(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    pairs: dict[tuple[str, str], list[Row]] = {}
    for row in _econ_rows(d):
        gov = row.text("gov_econ")
        if gov:
            pairs.setdefault((name_key(row.name), name_key(gov)), []).append(row)
    for rows in pairs.values():
        if len(rows) < 2:
            continue
        first = rows[0]
        yield flag(
            first.source,
            related=[r.source for r in rows[1:]],
            table=table.label,
            lines="、".join(str(r.source.line or r.source.row) for r in rows),
            dept=first.name,
            gov=first.text("gov_econ"),
            amounts="、".join(str(r.value(ColumnKey.TOTAL)) for r in rows),
        )


@rule(
    "code.econ-name",
    Severity.WARNING,
    "部门经济科目名称与编码相符",
    "《政府收支分类科目》部门预算支出经济分类",
    "{table}经济科目 {code} 的名称为“{printed}”，科目表中为“{name}”",
    "表6经济科目 30202 的名称为“咨询费”，科目表中为“印刷费”",
)
def econ_name(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    names = dept_econ()
    for row in _econ_rows(d):
        if not row.code or row.text("code_from") == "name" or row.code not in names:
            continue
        if _name_fits(row.name, (names[row.code],)) or name_key(names[row.code]).startswith(name_key(row.name)[:4]):
            continue
        yield flag(
            row.source,
            expected=names[row.code],
            found=row.name,
            table=table.label,
            code=row.code,
            printed=row.name,
            name=names[row.code],
        )


# ---------------------------------------------------------------------------------------------
# names the classification has changed (lexicon.OLD_SUBJECTS)

_SUBJECT_MARK = re.compile(r"^\s*[（(](\d{3})?\s*[类款项]")


@rule(
    "code.old-name",
    Severity.WARNING,
    "科目使用本年度的名称",
    "《政府收支分类科目》每年发布；科目更名后，表和说明应使用本年度的名称（见文末词表）；同一旧名称在一张表或一节说明中只报告一次",
    "{where}写作“{old}”，{year}年的科目名称为“{new}”（{code}，{since}年起）",
    "情况说明“2026年部门预算编制说明”写作“医疗卫生与计划生育支出”，2026年的科目名称为“卫生健康支出”（210，2019年起）",
)
def old_names(d: Disclosure) -> Iterator[Flag]:
    if d.year is None:
        return
    year = d.year
    subjects = sorted((s for s in OLD_SUBJECTS if year >= s.since), key=lambda s: -len(s.old))
    if not subjects:
        return
    by_key = {name_key(s.old): s for s in subjects}
    said: set[tuple[str, str]] = set()  # (where, old name): once per table or section, as a reviewer marks it
    for table in d.tables:
        for row in table.rows:
            s = by_key.get(name_key(row.name))
            if s is not None and (not row.code or row.code == s.code) and (table.label, s.old) not in said:
                said.add((table.label, s.old))
                yield _old_name(row.source, table.label, s, year)
    for p in passages(d):
        text = halfwidth(p.text)
        taken: list[tuple[int, int]] = []
        for s in subjects:
            for m in re.finditer(re.escape(s.old), text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if not s.old.endswith("支出") and not _SUBJECT_MARK.match(text[m.end() :]):
                    continue  # "行政事业单位离退休人员": the people, not the 款
                taken.append((m.start(), m.end()))
                if (p.where, s.old) not in said:
                    said.add((p.where, s.old))
                    yield _old_name(p.source, p.where, s, year)
                break


def _old_name(source: Source, where: str, s: SubjectName, year: int) -> Flag:
    return flag(
        source,
        expected=s.new,
        found=s.old,
        where=where,
        old=s.old,
        new=s.new,
        code=s.code,
        since=s.since,
        year=year,
    )
