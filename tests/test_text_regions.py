"""Regions and levels of government read from a department's name or a package's title."""

from __future__ import annotations

import pytest

from yusuan.model import GovLevel
from yusuan.text import level_of, region_of


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("文水县人力资源和社会保障局", "文水县"),
        ("上海市普陀区财政局", "上海市普陀区"),
        ("广东省广州市越秀区财政局", "广东省广州市越秀区"),
        ("湖州市本级", "湖州市"),
        ("新疆维吾尔自治区财政厅", "新疆维吾尔自治区"),
        ("中共西安市委宣传部", "西安市"),
        ("中国共产党北京市委员会宣传部", "北京市"),
        # a unit's own name is no place, even when it names one in brackets
        ("上海市统计和大数据研究院（上海市统计数据管理中心）", "上海市"),
        ("上海市2026年市级单位预算", "上海市"),
        ("上海交通职业技术学院", None),
        ("北京市城市管理综合行政执法局", "北京市"),
    ],
)
def test_region_of(name: str, region: str | None) -> None:
    assert region_of(name) == region


@pytest.mark.parametrize(
    ("department", "title", "level"),
    [
        ("文水县人力资源和社会保障局", "文水县2026年部门预算", GovLevel.COUNTY),
        ("上海市普陀区财政局", "上海市普陀区2024年度部门决算", GovLevel.DISTRICT),
        ("西安市人民政府办公厅（汇总）", None, GovLevel.CITY),
        ("深圳市交通运输局（本级）", None, GovLevel.CITY),
        ("新疆维吾尔自治区财政厅", None, GovLevel.PROVINCE),
        # the 直辖市's own departments are at the provincial level, "市级" or not
        ("北京市交通委员会", None, GovLevel.PROVINCE),
        ("重庆市财政局", None, GovLevel.PROVINCE),
        ("上海交通职业技术学院", "上海市2026年市级单位预算", GovLevel.PROVINCE),
        ("上海市数据局", "上海市2026年市级单位预算", GovLevel.PROVINCE),
    ],
)
def test_level_of(department: str, title: str | None, level: GovLevel) -> None:
    assert level_of(department, title) is level
