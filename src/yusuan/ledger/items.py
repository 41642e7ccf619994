"""Ledger line items from a CSV or XLSX sheet: one row per budget line, validated cell by cell.

The first row names the columns (Chinese or English names, see docs/ledger.md). Every error names
the file, the row as a spreadsheet shows it (the header is row 1) and the column, and says what is
wrong with the cell: an amount in a form the format does not take (scientific notation, negative,
full-width digits, Chinese numerals, a unit), a cell a spreadsheet shows but does not hold (a
formula never calculated, the lower part of a merged cell), a row given twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
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
from ..text import CHINESE_DIGITS, halfwidth
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


@dataclass(frozen=True, slots=True)
class Sheet:
    """The cells of a ledger sheet: its header, and its rows with their spreadsheet numbers.
    `blank_reason(row, column)` says why a cell reads blank though the sheet shows something there
    (a formula never calculated, the lower part of a merged cell); it is asked only of a cell that
    must hold something, so that a good ledger is read once."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    blank_reason: Callable[[int, int], str | None] = lambda _row, _column: None


def read_table(path: Path) -> Sheet:
    """The header and the data rows (with their spreadsheet row numbers) of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise LedgerError(str(path), f"不支持的台账文件类型“{path.suffix}”：请用 .xlsx 或 .csv")


def _read_csv(path: Path) -> Sheet:
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
    return Sheet([c.strip() for c in rows[0]], [(i + 2, r) for i, r in enumerate(rows[1:])])


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise LedgerError(str(path), f"不是可读的 XLSX 工作簿（{type(exc).__name__}）") from None
    try:
        name = "台账" if "台账" in book.sheetnames else book.sheetnames[0]
        found = [
            (n, [_cell_text(v) for v in values]) for n, values in enumerate(book[name].iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()
    if not found:
        raise LedgerError(str(path), "台账为空：没有表头行")
    header = [c.strip() for c in found[0][1]]
    reasons: dict[tuple[int, int], str] | None = None

    def blank_reason(row: int, column: int) -> str | None:
        nonlocal reasons
        if reasons is None:  # the workbook is read again only when asked
            reasons = _blank_cells(path, name, header)
        return reasons.get((row, column))

    return Sheet(header, found[1:], blank_reason)


def _blank_cells(path: Path, name: str, header: Sequence[str]) -> dict[tuple[int, int], str]:
    """(row, column index) → why the cell reads blank: a formula saved without its value (openpyxl
    and scripts save formulas so), or a cell under a merged cell, whose value is in its first cell."""
    from openpyxl import load_workbook

    out: dict[tuple[int, int], str] = {}
    book = load_workbook(path, data_only=False)
    try:
        sheet = book[name]
        for cells in sheet.merged_cells.ranges:
            for row in range(cells.min_row, cells.max_row + 1):
                for column in range(cells.min_col, cells.max_col + 1):
                    if (row, column) != (cells.min_row, cells.min_col):
                        what = header[column - 1] if column <= len(header) else "值"
                        out[(row, column - 1)] = (
                            f"单元格在合并单元格 {cells.coord} 中，值只在其第一格（第{cells.min_row}行）："
                            f"请取消合并，在每一行填写{what}"
                        )
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            for column, value in enumerate(values):
                if isinstance(value, str) and value.startswith("="):
                    out[(number, column)] = (
                        f"公式“{value}”没有保存计算结果：请在 Excel 或 WPS 中打开台账并保存一次，或把公式粘贴为数值"
                    )
    finally:
        book.close()
    return out


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


def rows_to_items(sheet: Sheet, file: str, codes: CodeBook) -> tuple[LineItem, ...]:
    """Validate every row and turn it into a `LineItem`; the first bad cell (or a row given twice)
    raises `LedgerError`."""
    columns = header_to_columns(sheet.header, file)
    labels = {f.key: sheet.header[columns[f.key]] for f in FIELDS if f.key in columns}
    items = []
    seen: dict[tuple[str, ...], int] = {}
    header = _row_key(sheet.header)
    for number, cells in sheet.rows:
        if not any(c.strip() for c in cells):
            continue
        key = _row_key(cells)
        if key == header:
            raise LedgerError(file, f"第{number}行重复了表头：台账似乎被拼接了两次", number)
        if key in seen:
            raise LedgerError(
                file,
                f"与第{seen[key]}行完全相同：重复的台账行（若确为两笔相同的支出，请加一列如“序号”把它们区分开）",
                number,
            )
        seen[key] = number
        items.append(_row_to_item(number, cells, columns, labels, file, codes, sheet.blank_reason))
    return tuple(items)


def _row_key(cells: Sequence[str]) -> tuple[str, ...]:
    """A row's cells as compared for a repeat: every column (those yusuan does not read too), without
    the blank cells that end it."""
    key = [c.strip() for c in cells]
    while key and not key[-1]:
        key.pop()
    return tuple(key)


def _row_to_item(
    number: int,
    cells: Sequence[str],
    columns: dict[str, int],
    labels: dict[str, str],
    file: str,
    codes: CodeBook,
    blank_reason: Callable[[int, int], str | None],
) -> LineItem:
    def get(key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def fail(key: str, message: str) -> LedgerError:
        return LedgerError(file, message, number, labels.get(key, key))

    def missing(key: str, message: str) -> LedgerError:
        """A cell that must hold something reads blank: why, when the sheet shows something there."""
        index = columns.get(key)
        return fail(key, (blank_reason(number, index) if index is not None else None) or message)

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
            raise missing(key, f"{what}为空")
        return value

    unit = get("unit")
    if not unit:
        raise missing("unit", "单位为空")
    function_code = _code(get("function_code"))
    dept_code = _code(get("dept_econ"))
    gov_code = _code(get("gov_econ"))
    for key, code, check in (
        ("function_code", function_code, codes.function_problem),
        ("dept_econ", dept_code, codes.dept_econ_problem),
        ("gov_econ", gov_code, codes.gov_econ_problem),
    ):
        if not code:
            raise missing(key, "科目编码为空")
        problem = check(code)
        if problem:
            raise fail(key, problem)
    amount = _amount(get("amount"))
    if isinstance(amount, str):
        raise (missing if not get("amount") else fail)("amount", amount)
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
            raise missing("project", "项目支出行缺少项目名称")
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


_PLAIN = re.compile(r"\d+(\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_SCIENTIFIC = re.compile(r"[-+]?\d+(\.\d+)?[eE][-+]?\d+")
_HAN_NUMERALS = re.compile(f"[{CHINESE_DIGITS}零〇两百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")
_NEGATIVE = re.compile(r"^([-−－—–]|[(（].*[)）]$)")
_SIGNS = re.compile(r"[元万¥$€]|RMB|CNY", flags=re.IGNORECASE)
AMOUNT_FORM = "以元为单位、最多两位小数的数字，如 1000083.56 或 1,000,083.56"


def _amount(text: str) -> Decimal | str:
    """An amount in 元 as docs/ledger.md says a ledger gives it, or what is wrong with the cell."""
    text = text.strip()
    if not text:
        return "金额为空"
    cell = f"金额“{text}”"
    if _NEGATIVE.match(text):
        return f"{cell}是负数：台账金额不能为负"
    if halfwidth(text) != text or "\u3000" in text:
        return f"{cell}含全角字符：请用半角数字"
    if _HAN_NUMERALS.search(text) and not re.search(r"\d", text):
        return f"{cell}是汉字数字：请写成阿拉伯数字（元）"
    if _SCIENTIFIC.fullmatch(text):
        return f"{cell}是科学计数法，末几位已丢失：请把单元格设为数值格式，显示全部位数后再导出"
    if _SIGNS.search(text) or _HAN_NUMERALS.search(text):
        return f"{cell}含单位或符号：只写数字，单位为元"
    if "," in text and not _GROUPED.fullmatch(text):
        return f"{cell}的千位分隔符位置不对（应为 1,000,083.56）"
    digits = text.replace(",", "")
    if not _PLAIN.fullmatch(digits):
        return f"{cell}不是数字（应为{AMOUNT_FORM}）"
    value = Decimal(digits)
    decimals = len(digits.partition(".")[2])
    if decimals > 2:
        rounded = value.quantize(Decimal("0.01"))
        # a float cell read back as 0.30000000000000004 is still 0.30 元
        if decimals < 10 or abs(value - rounded) > Decimal("0.000001"):
            return f"{cell}有{decimals}位小数：以元为单位最多两位小数"
    return value.quantize(Decimal("0.01"))
