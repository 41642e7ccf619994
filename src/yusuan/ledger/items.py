"""Ledger line items from a CSV or XLSX sheet: one row per budget line, validated cell by cell.

The first row names the columns (Chinese or English names, see docs/ledger.md). Every error names
the file, the row as a spreadsheet shows it (the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..errors import LedgerError
from ..model import Source
from ..model.ledger import (
    BudgetPeriod,
    FundLevel,
    FundSource,
    LineItem,
    Nature,
    ProcurementKind,
    ProjectCategory,
    ThreePublic,
)
from .codes import CodeBook


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str  # the column name as documented (the first of `names`)
    names: tuple[str, ...]
    required: bool


FIELDS: tuple[Field, ...] = (
    Field("unit", "单位", ("单位", "预算单位", "单位名称", "unit"), True),
    Field("function_code", "功能科目编码", ("功能科目编码", "功能分类科目编码", "功能科目", "function_code"), True),
    Field(
        "dept_econ", "部门经济科目编码", ("部门经济科目编码", "部门经济分类科目编码", "部门经济科目", "dept_econ"), True
    ),
    Field(
        "gov_econ", "政府经济科目编码", ("政府经济科目编码", "政府经济分类科目编码", "政府经济科目", "gov_econ"), True
    ),
    Field("fund", "资金来源", ("资金来源", "资金性质", "fund"), True),
    Field("nature", "支出性质", ("支出性质", "支出类型", "nature"), True),
    Field("amount", "金额", ("金额", "金额（元）", "金额(元)", "amount"), True),
    Field("period", "期间", ("期间", "年度", "period"), False),
    Field("project_code", "项目编码", ("项目编码", "project_code"), False),
    Field("project", "项目名称", ("项目名称", "项目", "project"), False),
    Field("category", "项目类别", ("项目类别", "项目类型", "category"), False),
    Field("three_public", "三公", ("三公", "三公经费", "three_public"), False),
    Field("procurement", "政府采购", ("政府采购", "采购类别", "procurement"), False),
    Field("fund_level", "资金级次", ("资金级次", "资金层级", "fund_level"), False),
)

_NATURES = {
    "人员经费": Nature.PERSONNEL,
    "基本支出-人员经费": Nature.PERSONNEL,
    "公用经费": Nature.PUBLIC,
    "基本支出-公用经费": Nature.PUBLIC,
    "项目支出": Nature.PROJECT,
    "项目": Nature.PROJECT,
}
_FUNDS = {f.value: f for f in FundSource} | {
    "一般公共预算拨款": FundSource.GENERAL,
    "政府性基金": FundSource.GOV_FUND,
    "政府性基金预算拨款": FundSource.GOV_FUND,
    "国有资本经营预算拨款": FundSource.STATE_CAPITAL,
}
_PERIODS = {"本年": BudgetPeriod.CURRENT, "当年": BudgetPeriod.CURRENT, "上年结转": BudgetPeriod.CARRYOVER}
_THREE = {t.value: t for t in ThreePublic} | {
    "因公出国(境)费": ThreePublic.ABROAD,
    "因公出国": ThreePublic.ABROAD,
    "公务接待": ThreePublic.RECEPTION,
    "公务用车购置": ThreePublic.VEHICLE_PURCHASE,
    "公务用车运行维护": ThreePublic.VEHICLE_OPERATION,
    "公务用车运行": ThreePublic.VEHICLE_OPERATION,
}
_PROCUREMENT = {p.value: p for p in ProcurementKind}
_CATEGORIES = {c.value: c for c in ProjectCategory}
_LEVELS = {v.value: v for v in FundLevel} | {"中央财政资金": FundLevel.CENTRAL, "省级财政资金": FundLevel.PROVINCIAL}
E = TypeVar("E", bound=StrEnum)
_AMOUNT = re.compile(r"-?\d+(\.\d{1,2})?")


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows (with their spreadsheet row numbers) of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise LedgerError(str(path), f"不支持的台账文件类型“{path.suffix}”：请用 .xlsx 或 .csv")


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerError(str(path), f"无法读取（{exc.strerror or exc}）") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise LedgerError(str(path), "无法识别的文字编码（请存为 UTF-8 CSV）")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise LedgerError(str(path), "台账为空：没有表头行")
    return [c.strip() for c in rows[0]], [(i + 2, r) for i, r in enumerate(rows[1:])]


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise LedgerError(str(path), f"不是可读的 XLSX 工作簿（{type(exc).__name__}）") from None
    try:
        sheet = book["台账"] if "台账" in book.sheetnames else book.worksheets[0]
        found: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            found.append((number, [_cell_text(v) for v in values]))
    finally:
        book.close()
    if not found:
        raise LedgerError(str(path), "台账为空：没有表头行")
    header = [c.strip() for c in found[0][1]]
    return header, found[1:]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # A spreadsheet stores 1234.5 as a binary float; its shortest repr is what was typed.
        return repr(value)
    return str(value)


def header_to_columns(header: Sequence[str], file: str) -> dict[str, int]:
    """Field key → column index; a missing required column is an error naming it."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        for f in FIELDS:
            if name in f.names or name.lower() in f.names:
                if f.key in positions:
                    raise LedgerError(file, f"列“{name}”重复（与第{positions[f.key] + 1}列同义）", 1, name)
                positions[f.key] = index
                break
    missing = [f.label for f in FIELDS if f.required and f.key not in positions]
    if missing:
        raise LedgerError(file, f"缺少列：{'、'.join(missing)}", 1, missing[0])
    return positions


def rows_to_items(
    header: Sequence[str], rows: Sequence[tuple[int, list[str]]], file: str, codes: CodeBook
) -> tuple[LineItem, ...]:
    """Validate every row and turn it into a `LineItem`; the first bad cell raises `LedgerError`."""
    columns = header_to_columns(header, file)
    labels = {f.key: header[columns[f.key]] for f in FIELDS if f.key in columns}
    items = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        items.append(_row_to_item(number, cells, columns, labels, file, codes))
    return tuple(items)


def _row_to_item(
    number: int,
    cells: Sequence[str],
    columns: dict[str, int],
    labels: dict[str, str],
    file: str,
    codes: CodeBook,
) -> LineItem:
    def get(key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def fail(key: str, message: str) -> LedgerError:
        return LedgerError(file, message, number, labels.get(key, key))

    def choice(key: str, options: dict[str, E], what: str) -> E | None:
        """The option a cell names; None for a blank cell (the caller decides if that is allowed)."""
        text = get(key)
        if not text:
            return None
        value = options.get(text) or options.get(text.replace("(", "（").replace(")", "）"))
        if value is None:
            names = "、".join(dict.fromkeys(str(v) for v in options.values()))
            raise fail(key, f"无法识别的{what}“{text}”（可用：{names}）")
        return value

    def required(key: str, options: dict[str, E], what: str) -> E:
        value = choice(key, options, what)
        if value is None:
            raise fail(key, f"{what}为空")
        return value

    unit = get("unit")
    if not unit:
        raise fail("unit", "单位为空")
    function_code = _code(get("function_code"))
    dept_code = _code(get("dept_econ"))
    gov_code = _code(get("gov_econ"))
    for key, code, check in (
        ("function_code", function_code, codes.function_problem),
        ("dept_econ", dept_code, codes.dept_econ_problem),
        ("gov_econ", gov_code, codes.gov_econ_problem),
    ):
        problem = check(code) if code else "科目编码为空"
        if problem:
            raise fail(key, problem)
    amount = _amount(get("amount"))
    if amount is None:
        raise fail("amount", f"金额“{get('amount')}”不是以元为单位、最多两位小数的数字")
    fund = required("fund", _FUNDS, "资金来源")
    nature = required("nature", _NATURES, "支出性质")
    period = choice("period", _PERIODS, "期间") or BudgetPeriod.CURRENT
    project = get("project") or None
    project_code = get("project_code") or None
    category_text = get("category")
    if nature.is_basic:
        if project or project_code or category_text:
            which = "project" if project else "project_code" if project_code else "category"
            raise fail(which, f"基本支出（{nature}）行不能有项目：项目只属于项目支出")
        category = None
    else:
        if not project:
            raise fail("project", "项目支出行缺少项目名称")
        category = required("category", _CATEGORIES, "项目类别")
    return LineItem(
        unit=unit,
        function_code=function_code,
        dept_econ=dept_code,
        gov_econ=gov_code,
        fund=fund,
        nature=nature,
        amount=amount,
        source=Source(file, line=number, column=None),
        period=period,
        project_code=project_code or (f"{unit}/{project}" if project else None),
        project=project,
        category=category,
        three_public=choice("three_public", _THREE, "三公经费类别"),
        procurement=choice("procurement", _PROCUREMENT, "政府采购类别"),
        fund_level=choice("fund_level", _LEVELS, "资金级次") or FundLevel.LOCAL,
    )


def _code(text: str) -> str:
    text = text.strip()
    if text.endswith(".0") and text[:-2].isdigit():  # a code typed into a numeric spreadsheet cell
        text = text[:-2]
    return re.sub(r"[\s\-_.]", "", text)


def _amount(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("，", "").strip()
    if not _AMOUNT.fullmatch(cleaned):
        # a float cell read back as 1234.5000000001 is still an amount in 元 when it rounds exactly
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
        rounded = value.quantize(Decimal("0.01"))
        if abs(value - rounded) > Decimal("0.000001"):
            return None
        return rounded if rounded >= 0 else None
    value = Decimal(cleaned).quantize(Decimal("0.01"))
    return value if value >= 0 else None
