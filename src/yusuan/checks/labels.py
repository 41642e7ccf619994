"""Labels across the package: year labels, department and unit names, codes and table captions agree.

A 2026 package labels its tables, forms and narrative with 2026 and compares with 2025; it names
one department (主管部门) with one code on every form; a unit is spelled the same way in the tables
and on the forms; table captions follow one numbering.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..model import Disclosure, RowRole, Severity, TableKind
from ..text import halfwidth, name_key
from .matching import project_rows, unit_of
from .registry import Flag, flag, rule

_YEAR = re.compile(r"(20\d\d)\s*年")
_COMPARE = re.compile(r"(比|较|与|同)\s*(20\d\d)\s*年")
_SUBJECT = re.compile(r"^\s*(20\d\d)\s*年度?")


@rule(
    "label.year",
    Severity.ERROR,
    "年度标注与本公开的年度一致",
    "本年预算的表、绩效目标表、情况说明均应标注本预算年度；与上年比较时应写上一年度",
    "{where}标注为 {stated} 年，本公开为 {year} 年{what}",
    "项目绩效目标表“工作经费”标注为 2025 年，本公开为 2026 年预算",
)
def year_labels(d: Disclosure) -> Iterator[Flag]:
    year = d.year
    if year is None:
        return
    what = "预算" if not (d.document_type and d.document_type.is_final) else "决算"
    for table in d.tables:
        m = _YEAR.search(table.title)
        if m and int(m.group(1)) != year:
            yield flag(
                table.source,
                expected=year,
                found=m.group(1),
                stated=m.group(1),
                where=f"{table.label}标题",
                year=year,
                what=what,
            )
    for form in d.overall_forms:
        if form.year_label is not None and form.year_label != year:
            yield flag(
                form.source,
                expected=year,
                found=form.year_label,
                stated=form.year_label,
                where="整体支出绩效目标表",
                year=year,
                what=what,
            )
    for pform in d.project_forms:
        if pform.year_label is not None and pform.year_label != year:
            yield flag(
                pform.source,
                expected=year,
                found=pform.year_label,
                stated=pform.year_label,
                where=f"项目绩效目标表“{pform.name}”",
                year=year,
                what=what,
            )
    for section in d.sections:
        for paragraph in section.paragraphs:
            text = halfwidth(paragraph.text)
            for m in _COMPARE.finditer(text):
                compared = int(m.group(2))
                if compared >= year and not _quoted(text, m.start()):
                    yield flag(
                        paragraph.source.at(char=m.start()),
                        expected=year - 1,
                        found=compared,
                        stated=compared,
                        where=f"情况说明“{text[m.start() : m.end() + 4]}”中的比较年度",
                        year=year,
                        what=f"{what}，应与 {year - 1} 年比较",
                    )
            s = _SUBJECT.match(text)
            if s and int(s.group(1)) not in (year, year - 1) and section.topic.value not in ("assets", "other"):
                yield flag(
                    paragraph.source,
                    expected=year,
                    found=s.group(1),
                    stated=s.group(1),
                    where=f"情况说明“{text[:16]}…”",
                    year=year,
                    what=what,
                )


def _quoted(text: str, at: int) -> bool:
    """True inside a document title 《…》, where any year may be named."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


_SCOPE = re.compile(r"[（(](?:汇总|本级)[)）]$")


def _close(a: str, b: str) -> bool:
    """Two unit names that differ in one or two characters of the same length (医疗保障/医疗保险)."""
    if a == b or len(a) != len(b) or len(a) < 6:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 2


def _units_listed(d: Disclosure) -> set[str]:
    """The units a whole-department package lists in its 收入总表 by unit: a table printed for one of
    them (Shenzhen's 表9, one per unit) names that unit, not the department."""
    return {
        name_key(r.name)
        for t in d.tables
        if t.kind is TableKind.INCOME_SUMMARY
        for r in t.rows
        if r.role is RowRole.ITEM and not r.code and r.name
    }


def _own_department(named: str, own: str) -> bool:
    """True when a project form's 主管部门 is the package's own: its name, the name without "(本级)",
    or the department a unit's package belongs to ("福州市公安局" over "福州市公安局治安管理支队")."""
    return named == own or named == own.removesuffix("(本级)") or (len(named) >= 4 and own.startswith(named))


@rule(
    "label.unit-name",
    Severity.WARNING,
    "同一单位名称前后一致",
    "同一预算单位在各表和绩效目标表中应使用同一全称",
    "{where}写作“{found_name}”，{table}中为“{name}”",
    "项目绩效目标表“2026年动态调整困难群众居民医保财政配套”的实施单位写作“文水县医疗保障服务中心”，表12中为“文水县医疗保险服务中心”",
)
def unit_names(d: Disclosure) -> Iterator[Flag]:
    known: Counter[str] = Counter()
    places: dict[str, str] = {}
    for kind in (TableKind.PROJECT_CURRENT, TableKind.PROJECT_CARRYOVER, TableKind.ORG_OPERATION):
        table = d.table(kind)
        if table is None:
            continue
        names = (
            {unit_of(table, r) for r in project_rows(table)}
            if kind is not TableKind.ORG_OPERATION
            else {r.name for r in table.rows if r.role is RowRole.ITEM}
        )
        for name in names:
            if name:
                known[name_key(name)] += 1
                places.setdefault(name_key(name), table.label)
    if d.department:
        known[name_key(d.department)] += 1
        places.setdefault(name_key(d.department), "封面")
    for form in d.project_forms:
        for what, path, value in (
            ("实施单位", "implementing_unit", form.implementing_unit),
            ("主管部门", "department", form.department),
        ):
            if not value:
                continue
            key = name_key(value)
            if key in known:
                continue
            near = [k for k in known if _close(k, key)]
            if near:
                yield flag(
                    form.source_of(path),
                    expected=near[0],
                    found=value,
                    where=f"项目绩效目标表“{form.name}”的{what}",
                    found_name=value,
                    table=places[near[0]],
                    name=near[0],
                )


@rule(
    "label.dept-code",
    Severity.WARNING,
    "主管部门代码前后一致",
    "同一主管部门在各项目绩效目标表上应填写同一部门代码",
    "项目绩效目标表“{name}”的主管部门代码为“{found_code}”，其余 {count} 张表为“{code}”",
    "项目绩效目标表“2026年遗属补助”的主管部门代码为“000”，其余 21 张表为“009”",
)
def dept_codes(d: Disclosure) -> Iterator[Flag]:
    codes = Counter(f.department_code for f in d.project_forms if f.department_code)
    if len(codes) < 2:
        return
    (usual, count), *_ = codes.most_common()
    if count * 2 <= sum(codes.values()):
        return
    for form in d.project_forms:
        if form.department_code and form.department_code != usual:
            yield flag(
                form.source_of("department"),
                expected=usual,
                found=form.department_code,
                name=form.name,
                found_code=form.department_code,
                count=count,
                code=usual,
            )


@rule(
    "label.department",
    Severity.WARNING,
    "各表、各绩效目标表的部门名称与本公开一致",
    "部门预算公开的各表“部门名称”、绩效目标表“主管部门”应为本部门",
    "{where}的部门名称为“{found_name}”，本公开为“{department}”",
    "表5的部门名称为“文水县人力资源和社会保障局机关”，本公开为“文水县人力资源和社会保障局”",
)
def departments(d: Disclosure) -> Iterator[Flag]:
    if not d.department:
        return
    own = name_key(d.department)
    # "西安市人民政府办公厅（汇总）": the package sums the department's units; its forms name the department
    bare = name_key(_SCOPE.sub("", d.department))
    # "511-退役军人事务局" over a table of 湖州市退役军人事务局: the region left out, the same name
    region = name_key(d.region or "")
    same = {own, bare} | ({own.removeprefix(region)} if region else set())
    units = _units_listed(d)
    for table in d.tables:
        if table.department and name_key(table.department) not in same and name_key(table.department) not in units:
            yield flag(
                table.source,
                expected=d.department,
                found=table.department,
                where=table.label,
                found_name=table.department,
                department=d.department,
            )
    for form in d.overall_forms:
        if form.department and name_key(form.department) not in (own, bare):
            yield flag(
                form.source_of("department"),
                expected=d.department,
                found=form.department,
                where="整体支出绩效目标表",
                found_name=form.department,
                department=d.department,
            )
    for pform in d.project_forms:
        if not pform.department or not re.search(r"[\u4e00-\u9fff]", pform.department):
            continue  # a code where the name should be is the reader's business, not a finding
        found = name_key(pform.department)
        # a unit of the department as 主管部门: one its tables list (n151's 西安市社会科学院, under
        # 西安市科学技术局) or a branch named after it (n161's 烟台市审计局长岛…分局)
        unit = found in units or (found.startswith(own) and len(found) > len(own))
        if found not in (own, bare) and not _own_department(found, own) and not _close(found, own) and not unit:
            yield flag(
                pform.source_of("department"),
                expected=d.department,
                found=pform.department,
                where=f"项目绩效目标表“{pform.name}”",
                found_name=pform.department,
                department=d.department,
            )


_CAPTION = re.compile(r"^(.*?)表\s*(\d+)$")


@rule(
    "label.caption",
    Severity.INFO,
    "表号标注统一",
    "各表的表号（如“预算公开表1”）应采用同一写法并按顺序编号",
    "{table}的表号写作“{caption}”，其余表写作“{usual}表N”",
    "表9的表号写作“部门公开表9”，其余表写作“预算公开表N”",
)
def captions(d: Disclosure) -> Iterator[Flag]:
    found = [(t, m) for t in d.tables if t.caption and (m := _CAPTION.match(halfwidth(t.caption).replace(" ", "")))]
    prefixes = Counter(m.group(1) for _, m in found)
    if not prefixes:
        return
    usual, count = prefixes.most_common(1)[0]
    for table, m in found:
        if m.group(1) != usual and count > 1:
            yield flag(
                table.source,
                expected=f"{usual}表{m.group(2)}",
                found=table.caption,
                table=table.label,
                caption=table.caption,
                usual=usual,
            )
        elif table.number is not None and int(m.group(2)) != table.number:
            yield flag(
                table.source,
                severity=Severity.WARNING,
                expected=f"{usual}表{table.number}",
                found=table.caption,
                table=table.label,
                caption=table.caption,
                usual=usual,
            )


_DATES = (
    re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{6})?$"),
    re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$"),
)


def parse_date(text: str) -> tuple[int, int, int] | None:
    """A form's 填报日期 as (year, month, day), or None when it is no date."""
    import datetime

    for pattern in _DATES:
        m = pattern.match(halfwidth(text).strip())
        if m:
            try:
                day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
            return day.year, day.month, day.day
    return None


@rule(
    "label.form-date",
    Severity.WARNING,
    "绩效目标表的填报日期有效",
    "填报日期应为有效日期，且在编制预算的时段内（上一年或本年）",
    "{where}的填报日期“{date}”{problem}",
    "项目绩效目标表“提前下达公益性岗位补贴及社保补贴490万元”的填报日期“2026010”不是有效日期",
)
def form_dates(d: Disclosure) -> Iterator[Flag]:
    forms = [("整体支出绩效目标表", f.signature.date, f.source) for f in d.overall_forms]
    forms += [(f"项目绩效目标表“{f.name}”", f.signature.date, f.source_of("signature.date")) for f in d.project_forms]
    for where, date, source in forms:
        if not date or not date.strip():
            continue
        parsed = parse_date(date)
        if parsed is None:
            yield flag(source, found=date, where=where, date=date, problem="不是有效日期")
        elif d.year is not None and parsed[0] not in (d.year, d.year - 1):
            yield flag(
                source,
                found=date,
                expected=f"{d.year - 1}–{d.year}年",
                where=where,
                date=date,
                problem=f"不在编制 {d.year} 年预算的时段内",
            )
