"""The department facts file (YAML or TOML) → `DepartmentFacts`, every key checked.

An error names the file and the key path ("performance.projects.P01.indicators[2]"); the format
is documented in docs/ledger.md. A key the format does not know is an error that names the key
meant (`duty` → `duties`): a misspelt key would otherwise leave its part of the package empty.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..errors import LedgerError
from ..model import DocumentType, GovLevel, Source, rounding_bound
from ..model.ledger import (
    AssetFacts,
    DepartmentFacts,
    LastYear,
    OverallTargets,
    ProjectTargets,
    Signature,
    TargetIndicator,
    UnitFacts,
)

# The keys the format knows, at each place of the file (docs/ledger.md); the keys of the maps a
# person names (vehicles_by_use, equipment, facts, indicators, satisfaction, function_names,
# org_operation_items, projects) are free.
TOP_KEYS = (
    "department",
    "department_code",
    "year",
    "level",
    "region",
    "document_type",
    "duties",
    "nature",
    "budget_level",
    "units",
    "named_units",
    "office_count",
    "offices",
    "vehicles",
    "assets",
    "last_year",
    "reasons",
    "other_notes",
    "signature",
    "function_names",
    "performance",
)
UNIT_KEYS = ("name", "administrative", "code")
ASSET_KEYS = ("as_of", "vehicles_quota", "vehicles", "vehicles_by_use", "office_area", "equipment")
# The 变动原因 the narrative inserts, by topic.
REASON_KEYS = ("changes", "basic", "project", "carryover", "general", "three_public", "org_operation")
NOTE_KEYS = ("heading", "text")
SIGNATURE_KEYS = ("responsible", "handler", "phone", "date")
PERFORMANCE_KEYS = ("department", "projects")
OVERALL_KEYS = (
    "facts",
    "texts",
    "duties",
    "effects",
    "satisfaction",
    "last_budget",
    "last_final",
    "organisation",
    "rules",
    "other",
)
# The texts of the 整体支出绩效目标申报表 the facts give, by the name the form prints them under.
OVERALL_TEXTS = ("中长期战略目标", "上年度已完成工作目标", "年度绩效目标")
TASK_KEYS = ("tasks", "indicators")
PROJECT_KEYS = (
    "attribute",
    "duration",
    "texts",
    "goal",
    "annual_goal",
    "indicators",
    "implementation_total",
    "signature",
)

# A level as the facts may name it: county, 县, 县级, …
_LEVELS = {name: level for level in GovLevel for name in (level.value, level.word[0], level.word)}
_LAST_YEAR_TOTALS = (
    "income_total",
    "expenditure_total",
    "income_current",
    "basic",
    "project",
    "carryover",
    "general_current",
)
_THREE_KEYS = ("abroad", "reception", "vehicle_purchase", "vehicle_operation")
PROJECT_TEXTS = ("项目概况", "立项依据", "项目设立必要性", "保证项目实施的制度、措施", "项目实施计划")
# The standard 二级指标 and the 一级指标 each belongs to (the printed forms nest them so).
LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
BUDGET_LEVELS = ("一级预算单位", "二级预算单位", "三级预算单位")
_ATTRIBUTE = re.compile(r"(一次性|经常性|延续性|持续性|跨年度)项目")
_DURATION = re.compile(r"\d+年")
_FACT_LABEL = re.compile(r"(机构数|单位数|人数|编制数?|编外人数)$")


# libyaml's loader when PyYAML was built with it (eight times faster on a 700-line facts file).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Reader:
    """Typed access to a nested mapping, raising `LedgerError` with the key path on a bad value."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, path: str, message: str) -> LedgerError:
        return LedgerError(self.file, message, None, path)

    def mapping(self, value: Any, path: str, keys: Iterable[str] | None = None) -> Mapping[str, Any]:
        """`value` as a mapping; with `keys`, one that holds only those keys."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(path, "应为键值表（mapping）")
        if keys is not None:
            known = tuple(keys)
            for key in value:
                if str(key) not in known:
                    raise self.fail(f"{path}.{key}" if path else str(key), unknown_key(str(key), known))
        return value

    def text(self, value: Any, path: str, required: bool = False) -> str:
        if value is None or value == "":
            if required:
                raise self.fail(path, "缺少此项（required）")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise self.fail(path, "应为文字")
        return str(value).strip()

    def integer(self, value: Any, path: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                return int(str(value))
            except ValueError:
                raise self.fail(path, f"“{value}”应为整数") from None
        return value

    def decimal(self, value: Any, path: str) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.fail(path, "应为数字")
        try:
            # YAML reads 1847.2 as a float: its shortest repr is what was typed.
            return Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", ""))
        except InvalidOperation:
            raise self.fail(path, f"“{value}”不是数字") from None

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            raise self.fail(path, "应为列表")
        return tuple(self.text(v, f"{path}[{i}]", True) for i, v in enumerate(value))

    def pairs(self, value: Any, path: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(k), self.text(v, f"{path}.{k}")) for k, v in self.mapping(value, path).items())


def unknown_key(key: str, known: Sequence[str]) -> str:
    """The message for a key the format does not know: the key meant, when one is close."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"未知的键“{key}”（是否应为“{close[0]}”？）"
    return f"未知的键“{key}”（可用：{'、'.join(known)}）"


def load_facts_data(path: Path) -> dict[str, Any]:
    """The raw mapping of a YAML or TOML facts file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LedgerError(str(path), f"无法读取（{exc.strerror or exc}）") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError(str(path), "事实文件应为 UTF-8 文本") from None
    try:
        if path.suffix.lower() == ".toml":
            data: Any = tomllib.loads(text)
        else:
            data = yaml.load(text, Loader=_YAML_LOADER)
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(str(path), f"TOML 格式错误：{exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise LedgerError(str(path), f"YAML 格式错误：{getattr(exc, 'problem', exc)}", row) from None
    if not isinstance(data, dict):
        raise LedgerError(str(path), "事实文件应为键值表（mapping）")
    return data


def read_facts(path: Path) -> DepartmentFacts:
    return data_to_facts(load_facts_data(path), str(path))


def data_to_facts(data: Mapping[str, Any], file: str) -> DepartmentFacts:
    r = _Reader(file)
    r.mapping(data, "", TOP_KEYS)
    department = r.text(data.get("department"), "department", True)
    year = r.integer(data.get("year"), "year")
    if year is None:
        raise r.fail("year", "缺少预算年度（required）")
    level_text = r.text(data.get("level"), "level", True)
    level = _LEVELS.get(level_text.lower()) or _LEVELS.get(level_text)
    if level is None:
        raise r.fail("level", f"无法识别的级次“{level_text}”（可用：county, city, province, district）")
    doc_text = r.text(data.get("document_type"), "document_type") or DocumentType.DEPARTMENT_BUDGET.value
    try:
        document_type = DocumentType(doc_text)
    except ValueError:
        raise r.fail("document_type", f"无法识别的文件类型“{doc_text}”") from None
    budget_level = r.text(data.get("budget_level"), "budget_level") or BUDGET_LEVELS[0]
    if budget_level not in BUDGET_LEVELS:
        raise r.fail("budget_level", f"预算级次应为：{'、'.join(BUDGET_LEVELS)}")
    nature = r.text(data.get("nature"), "nature") or "行政单位"
    if not nature.endswith("单位"):
        raise r.fail("nature", "单位性质应写作“行政单位”“事业单位”等")
    units = []
    unit_list = data.get("units")
    if not isinstance(unit_list, list) or not unit_list:
        raise r.fail("units", "缺少预算单位列表（units: 每个单位的 name 与 administrative）")
    for i, u in enumerate(unit_list):
        m = r.mapping(u, f"units[{i}]", UNIT_KEYS)
        admin = m.get("administrative")
        if not isinstance(admin, bool):
            raise r.fail(f"units[{i}].administrative", "应为 true（行政单位）或 false（事业单位）")
        units.append(UnitFacts(r.text(m.get("name"), f"units[{i}].name", True), admin, r.text(m.get("code"), "")))
    return DepartmentFacts(
        department=department,
        year=year,
        level=level,
        source=Source(file),
        region=r.text(data.get("region"), "region") or None,
        department_code=r.text(data.get("department_code"), "department_code") or None,
        document_type=document_type,
        duties=r.text(data.get("duties"), "duties"),
        nature=nature,
        budget_level=budget_level,
        units=tuple(units),
        named_units=r.strings(data.get("named_units"), "named_units"),
        offices=r.strings(data.get("offices"), "offices"),
        office_count=r.integer(data.get("office_count"), "office_count"),
        vehicles=r.integer(data.get("vehicles"), "vehicles"),
        assets=_assets(r, data.get("assets")),
        last_year=_last_year(r, data.get("last_year"), year),
        reasons=r.pairs(r.mapping(data.get("reasons"), "reasons", REASON_KEYS), "reasons"),
        other_notes=_other_notes(r, data.get("other_notes")),
        overall=_overall(r, r.mapping(data.get("performance"), "performance", PERFORMANCE_KEYS).get("department")),
        projects=_projects(r, r.mapping(data.get("performance"), "performance").get("projects")),
        signature=_signature(r, data.get("signature"), "signature"),
        function_names=_function_names(r, data.get("function_names")),
    )


def _assets(r: _Reader, value: Any) -> AssetFacts:
    m = r.mapping(value, "assets", ASSET_KEYS)
    by_use = tuple(
        (str(k), r.integer(v, f"assets.vehicles_by_use.{k}") or 0)
        for k, v in r.mapping(m.get("vehicles_by_use"), "assets.vehicles_by_use").items()
    )
    equipment = tuple(
        (str(k), r.integer(v, f"assets.equipment.{k}") or 0)
        for k, v in r.mapping(m.get("equipment"), "assets.equipment").items()
    )
    return AssetFacts(
        as_of=r.text(m.get("as_of"), "assets.as_of") or None,
        vehicles_quota=r.integer(m.get("vehicles_quota"), "assets.vehicles_quota"),
        vehicles=r.integer(m.get("vehicles"), "assets.vehicles"),
        vehicles_by_use=by_use,
        office_area=r.decimal(m.get("office_area"), "assets.office_area"),
        equipment=equipment,
    )


def _last_year(r: _Reader, value: Any, year: int) -> LastYear | None:
    if value is None:
        return None
    m = r.mapping(
        value, "last_year", ("year", *_LAST_YEAR_TOTALS, "three_public", "org_operation", "org_operation_items")
    )
    totals = tuple((k, d) for k in _LAST_YEAR_TOTALS if (d := r.decimal(m.get(k), f"last_year.{k}")) is not None)
    three = r.mapping(m.get("three_public"), "last_year.three_public", _THREE_KEYS)
    items = r.mapping(m.get("org_operation_items"), "last_year.org_operation_items")
    item_values = tuple(
        (str(k), r.decimal(v, f"last_year.org_operation_items.{k}") or Decimal(0)) for k, v in items.items()
    )
    org_operation = r.decimal(m.get("org_operation"), "last_year.org_operation")
    if item_values:
        summed = sum((v for _, v in item_values), Decimal(0))
        if org_operation is None:
            org_operation = summed
        elif abs(summed - org_operation) > rounding_bound(len(item_values) + 1):
            raise r.fail(
                "last_year.org_operation_items",
                f"上年机关运行经费各款之和 {summed} 与 org_operation {org_operation} 不符",
            )
    return LastYear(
        year=r.integer(m.get("year"), "last_year.year") or year - 1,
        totals=totals,
        three_public=tuple(
            (k, d) for k in _THREE_KEYS if (d := r.decimal(three.get(k), f"last_year.three_public.{k}")) is not None
        ),
        org_operation=org_operation,
        org_operation_items=item_values,
    )


def _other_notes(r: _Reader, value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        return r.pairs(value, "other_notes")
    if not isinstance(value, list):
        raise r.fail("other_notes", "应为列表（heading 与 text）")
    out = []
    for i, item in enumerate(value):
        m = r.mapping(item, f"other_notes[{i}]", NOTE_KEYS)
        out.append(
            (
                r.text(m.get("heading"), f"other_notes[{i}].heading", True),
                r.text(m.get("text"), f"other_notes[{i}].text"),
            )
        )
    return tuple(out)


def _signature(r: _Reader, value: Any, path: str) -> Signature:
    m = r.mapping(value, path, SIGNATURE_KEYS)
    for key in ("responsible", "handler", "phone", "date"):
        if re.search(r"\s", r.text(m.get(key), f"{path}.{key}")):
            raise r.fail(f"{path}.{key}", "签字栏的内容不能含空格")
    return Signature(
        responsible=r.text(m.get("responsible"), f"{path}.responsible") or None,
        handler=r.text(m.get("handler"), f"{path}.handler") or None,
        phone=r.text(m.get("phone"), f"{path}.phone") or None,
        date=r.text(m.get("date"), f"{path}.date") or None,
    )


def _function_names(r: _Reader, value: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for code, name in r.mapping(value, "function_names").items():
        code = str(code)
        if not (code.isdigit() and len(code) in (5, 7) and code.startswith("2")):
            raise r.fail(f"function_names.{code}", "功能分类科目编码应为以2开头的5位（款）或7位（项）数字")
        out.append((code, r.text(name, f"function_names.{code}", True)))
    return tuple(out)


def _amounts3(r: _Reader, value: Any, path: str) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if value is None:
        return (None, None, None)
    if not isinstance(value, list) or len(value) != 3:
        raise r.fail(path, "应为三个数 [合计, 基本支出, 项目支出]（万元）")
    a, b, c = (r.decimal(v, f"{path}[{i}]") for i, v in enumerate(value))
    return (a, b, c)


def _overall(r: _Reader, value: Any) -> OverallTargets:
    path = "performance.department"
    m = r.mapping(value, path, OVERALL_KEYS)
    duties = r.mapping(m.get("duties"), f"{path}.duties", TASK_KEYS)
    effects = r.mapping(m.get("effects"), f"{path}.effects", TASK_KEYS)
    for label, _ in r.pairs(m.get("facts"), f"{path}.facts"):
        if not _FACT_LABEL.search(label):
            raise r.fail(f"{path}.facts.{label}", "单位基本情况的项目名应以机构数、单位数、人数、编制或编制数结尾")
    for key, block in (("duties", duties), ("effects", effects)):
        tasks = r.text(block.get("tasks"), f"{path}.{key}.tasks")
        if tasks and not tasks.startswith("任务"):
            raise r.fail(f"{path}.{key}.tasks", "预期完成的事项应以“任务1：”起头")
    return OverallTargets(
        facts=r.pairs(m.get("facts"), f"{path}.facts"),
        texts=r.pairs(r.mapping(m.get("texts"), f"{path}.texts", OVERALL_TEXTS), f"{path}.texts"),
        duties_tasks=r.text(duties.get("tasks"), f"{path}.duties.tasks"),
        duties_indicators=r.pairs(duties.get("indicators"), f"{path}.duties.indicators"),
        effect_tasks=r.text(effects.get("tasks"), f"{path}.effects.tasks"),
        effect_indicators=r.pairs(effects.get("indicators"), f"{path}.effects.indicators"),
        satisfaction=r.pairs(m.get("satisfaction"), f"{path}.satisfaction"),
        last_budget=_amounts3(r, m.get("last_budget"), f"{path}.last_budget"),
        last_final=_amounts3(r, m.get("last_final"), f"{path}.last_final"),
        organisation=r.text(m.get("organisation"), f"{path}.organisation"),
        rules=r.text(m.get("rules"), f"{path}.rules"),
        other=r.text(m.get("other"), f"{path}.other"),
    )


def _projects(r: _Reader, value: Any) -> tuple[ProjectTargets, ...]:
    out = []
    for code, item in r.mapping(value, "performance.projects").items():
        path = f"performance.projects.{code}"
        m = r.mapping(item, path, PROJECT_KEYS)
        texts = r.pairs(r.mapping(m.get("texts"), f"{path}.texts", PROJECT_TEXTS), f"{path}.texts")
        indicators = []
        raw = m.get("indicators") or []
        if not isinstance(raw, list):
            raise r.fail(f"{path}.indicators", "应为列表：[一级指标, 二级指标, 三级指标, 指标值(, 年度指标值)]")
        for i, row in enumerate(raw):
            if not isinstance(row, list) or len(row) not in (4, 5):
                raise r.fail(f"{path}.indicators[{i}]", "应为 [一级指标, 二级指标, 三级指标, 指标值(, 年度指标值)]")
            cells = [r.text(v, f"{path}.indicators[{i}][{j}]") for j, v in enumerate(row)]
            if not cells[2] or not cells[3] or (len(cells) == 5 and not cells[4]):
                raise r.fail(f"{path}.indicators[{i}]", "三级指标与指标值不能为空")
            if LEVEL1_OF.get(cells[1]) != cells[0]:
                expected = LEVEL1_OF.get(cells[1])
                hint = f"“{cells[1]}”属于“{expected}”" if expected else f"二级指标应为：{'、'.join(LEVEL1_OF)}"
                raise r.fail(f"{path}.indicators[{i}]", f"一级、二级指标不相配：{hint}")
            annual = cells[4] if len(cells) == 5 else None
            indicators.append(TargetIndicator(cells[0], cells[1], cells[2], cells[3], annual))
        sign = _signature(r, m.get("signature"), f"{path}.signature")
        attribute = r.text(m.get("attribute"), f"{path}.attribute") or "一次性项目(1年结束)"
        if not _ATTRIBUTE.search(attribute):
            raise r.fail(f"{path}.attribute", "项目属性应写明一次性项目、经常性项目、延续性项目或跨年度项目")
        duration = r.text(m.get("duration"), f"{path}.duration") or "1年"
        if not _DURATION.fullmatch(duration):
            raise r.fail(f"{path}.duration", f"项目期“{duration}”应写作“N年”")
        out.append(
            ProjectTargets(
                project_code=str(code),
                attribute=attribute,
                duration=duration,
                texts=texts,
                goal=r.text(m.get("goal"), f"{path}.goal"),
                annual_goal=r.text(m.get("annual_goal"), f"{path}.annual_goal") or None,
                indicators=tuple(indicators),
                implementation_total=r.decimal(m.get("implementation_total"), f"{path}.implementation_total"),
                signature=tuple(
                    (k, v)
                    for k, v in (
                        ("responsible", sign.responsible),
                        ("handler", sign.handler),
                        ("phone", sign.phone),
                        ("date", sign.date),
                    )
                    if v
                ),
            )
        )
    return tuple(out)
