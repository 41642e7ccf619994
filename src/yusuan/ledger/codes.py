"""Names of the classification codes a ledger uses: the shipped lists, extended by the facts file."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from importlib import resources

from ..reference import dept_econ, function_classes, gov_econ


@cache
def function_names() -> dict[str, str]:
    """支出功能分类 code → name: the 30 类 and every 款/项 in data/function_codes.csv."""
    text = resources.files("yusuan.data").joinpath("function_codes.csv").read_text(encoding="utf-8")
    names = {r["code"]: r["name"] for r in csv.DictReader(text.splitlines())}
    names.update(function_classes())
    return names


class CodeBook:
    """The names a ledger's codes resolve to: shipped lists first, the facts file's additions after."""

    def __init__(self, extra_function_names: Mapping[str, str] | None = None) -> None:
        self.function = {**function_names(), **(extra_function_names or {})}
        self.dept_econ = dept_econ()
        self.gov_econ = gov_econ()

    def function_name(self, code: str) -> str:
        return self.function.get(code, code)

    def dept_econ_name(self, code: str) -> str:
        return self.dept_econ.get(code, code)

    def gov_econ_name(self, code: str) -> str:
        return self.gov_econ.get(code, code)

    def function_problem(self, code: str) -> str | None:
        """Why `code` cannot be a 项 of 支出功能分类 in a ledger, or None when it can."""
        if not (len(code) == 7 and code.isdigit() and code.startswith("2")):
            return f"功能分类科目编码“{code}”应为以2开头的7位数字（类款项）"
        if code[:3] not in function_classes():
            return f"未知的功能分类科目：类“{code[:3]}”不存在"
        for part in (code[:5], code):
            if part not in self.function:
                return f"未知的功能分类科目编码“{part}”（可在事实文件 function_names 中给出名称）"
        return None

    def dept_econ_problem(self, code: str) -> str | None:
        if not (len(code) == 5 and code.isdigit() and code.startswith("3")):
            return f"部门经济科目编码“{code}”应为以3开头的5位数字（类款）"
        if code not in self.dept_econ or code[:3] not in self.dept_econ:
            return f"未知的部门预算支出经济分类科目编码“{code}”"
        return None

    def gov_econ_problem(self, code: str) -> str | None:
        if not (len(code) == 5 and code.isdigit() and code.startswith("5")):
            return f"政府经济科目编码“{code}”应为以5开头的5位数字（类款）"
        if code not in self.gov_econ or code[:3] not in self.gov_econ:
            return f"未知的政府预算支出经济分类科目编码“{code}”"
        return None
