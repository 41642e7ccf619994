"""Files of the national corpus that are not budget disclosures are refused, each with one line
that says so (the two image-only scans are left to bench/corpus.py: OCR of every page is slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.errors import UnusableInput
from yusuan.parse import read


@pytest.mark.parametrize(
    ("name", "says"),
    [
        # a 绩效评价报告 whose one table (项目支出情况表) names 项目支出
        ("n173_changsha.pdf", "这是“长沙市财政项目支出绩效评价报告”（not a budget disclosure）"),
        ("n174_jinan.pdf", "（not a budget disclosure）"),  # a blank 政府信息公开申请表
        ("n175_quanzhou.pdf", "（not a budget disclosure）"),  # a 统计月报 with budget totals in it
        ("n176_huizhou.pdf", "（not a budget disclosure）"),  # a 政府公报
        ("n177_changchun.pdf", "（not a budget disclosure）"),  # a 法治政府建设报告
        ("n178_chongqing.pdf", "文件名是 .pdf，内容却不是 PDF（not a PDF）"),  # a web page saved as .pdf
    ],
)
def test_a_file_that_is_no_disclosure_is_refused(shared_data: Path, name: str, says: str) -> None:
    path = shared_data / "national" / name
    with pytest.raises(UnusableInput) as refused:
        read(path)
    assert refused.value.file == str(path)
    assert refused.value.reason.startswith("不是部门预算公开文件：")
    assert refused.value.reason.endswith(says)
