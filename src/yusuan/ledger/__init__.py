"""Reading and validating a budget ledger: line items (XLSX/CSV) plus the department facts (YAML/TOML).

- items.py  the line-item sheet: columns, codes, amounts, natures, projects; errors name file, row, column
- facts.py  the facts file: department, units, assets, last year's figures, reasons, performance targets
- codes.py  names of function and economic codes (shipped lists, extended by the facts file)

`read_ledger(path)` takes a directory (with one items sheet and one facts file) or the items sheet
itself; the facts file is found beside it unless given.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LedgerError
from ..model.ledger import DepartmentFacts, Ledger, LineItem
from .codes import CodeBook
from .facts import read_facts
from .items import FIELDS, read_table, rows_to_items

__all__ = ["FIELDS", "CodeBook", "find_files", "read_ledger", "validate"]

ITEM_NAMES = ("items", "ledger", "台账")
FACT_NAMES = ("facts", "事实")
ITEM_SUFFIXES = (".xlsx", ".csv")
FACT_SUFFIXES = (".yaml", ".yml", ".toml")


def find_files(path: Path, facts: Path | None = None) -> tuple[Path, Path]:
    """The items sheet and the facts file of a ledger given as a directory or as its items sheet."""
    if path.is_dir():
        items = _pick(path, ITEM_NAMES, ITEM_SUFFIXES, "台账（items.xlsx 或 items.csv）")
        folder = path
    elif path.is_file():
        items = path
        folder = path.parent
    else:
        raise LedgerError(str(path), "找不到台账文件或目录")
    if facts is None:
        stem_facts = [folder / f"{items.stem}.facts{s}" for s in FACT_SUFFIXES]
        found = [p for p in stem_facts if p.is_file()]
        facts = found[0] if found else _pick(folder, FACT_NAMES, FACT_SUFFIXES, "事实文件（facts.yaml 或 facts.toml）")
    elif not facts.is_file():
        raise LedgerError(str(facts), "找不到事实文件")
    return items, facts


def _pick(folder: Path, names: tuple[str, ...], suffixes: tuple[str, ...], what: str) -> Path:
    for name in names:
        for suffix in suffixes:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    raise LedgerError(str(folder), f"目录中没有{what}")


def read_ledger(path: Path, facts_path: Path | None = None) -> Ledger:
    """Read and validate a ledger; the first problem raises `LedgerError` naming file, row and column."""
    items_path, facts_file = find_files(path, facts_path)
    facts = read_facts(facts_file)
    codes = CodeBook(dict(facts.function_names))
    items = rows_to_items(read_table(items_path), str(items_path), codes)
    validate(facts, items, str(items_path), str(facts_file))
    return Ledger(facts, items, str(items_path))


def validate(facts: DepartmentFacts, items: tuple[LineItem, ...], items_file: str, facts_file: str) -> None:
    """Cross-checks between the items and the facts: units, projects, targets."""
    if not items:
        raise LedgerError(items_file, "台账没有任何支出行")
    units = {u.name for u in facts.units}
    projects: dict[str, LineItem] = {}
    for item in items:
        if item.unit not in units:
            raise LedgerError(items_file, f"单位“{item.unit}”不在事实文件的 units 中", item.source.line, "单位")
        if item.project_code is None:
            continue
        first = projects.setdefault(item.project_code, item)
        for attr, label in (("project", "项目名称"), ("unit", "单位"), ("category", "项目类别")):
            if getattr(first, attr) != getattr(item, attr):
                raise LedgerError(
                    items_file,
                    f"项目“{item.project_code}”的{label}与第{first.source.line}行不同"
                    f"（“{getattr(item, attr)}”与“{getattr(first, attr)}”）",
                    item.source.line,
                    label,
                )
    for target in facts.projects:
        if target.project_code not in projects:
            raise LedgerError(
                facts_file,
                f"绩效目标所属的项目“{target.project_code}”在台账中没有支出行",
                None,
                f"performance.projects.{target.project_code}",
            )
