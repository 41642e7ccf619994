"""Recognition: what a package is (type, unit, year, region, level), read from its first pages.

`yusuan.parse.recognise` reads a PDF's pages only until they settle what the package is; `read`
takes the package's identity from the same function on the same pages, so the two never disagree.
These tests hold them to each other on real files of several families (a package settled on its
first pages, one settled after a long 情况说明, a 本级 and a 汇总 unit, a file of another format),
pin the pages read, and show that what the first pages do not settle is read on, and what no page
says is reported unknown, never guessed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.model import DocumentType, GovLevel, Recognition, Source
from yusuan.model.corpus import FIELDS, judge, refused_right
from yusuan.parse import read, recognise
from yusuan.parse.blocks import Block, TableBlock, TableLine, TextLine
from yusuan.parse.pdf import _looks, iter_pages, pages_to_recognition
from yusuan.parse.recognize import blocks_to_disclosure, front_recognition
from yusuan.text import level_of

from .conftest import SHARED_DATA, real_package
from .national import NATIONAL, national


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(
    ("name", "document_type", "department", "level"),
    [
        ("n051_shenzhen", DocumentType.DEPARTMENT_BUDGET, "深圳市交通运输局（本级）", GovLevel.CITY),
        ("n133_xian", DocumentType.DEPARTMENT_BUDGET, "西安市人民政府办公厅（汇总）", GovLevel.CITY),
        ("n077_chongqing", DocumentType.DEPARTMENT_BUDGET, None, GovLevel.PROVINCE),
        ("n084_guangzhou", DocumentType.DEPARTMENT_BUDGET, None, GovLevel.CITY),
        ("n128_fuzhou", DocumentType.UNIT_BUDGET, "福州市公安局治安管理支队", GovLevel.CITY),
    ],
)
def test_recognise_gives_what_read_gives(
    shared_data: Path, name: str, document_type: DocumentType, department: str | None, level: GovLevel
) -> None:
    with _inside(NATIONAL):
        found = recognise(Path(f"{name}.pdf"))
    assert found == national(name).recognition
    assert found.document_type is document_type and found.level is level and found.complete
    if department is not None:
        assert found.department == department


def test_recognise_gives_what_read_gives_on_a_shanghai_package(shared_data: Path) -> None:
    with _inside(SHARED_DATA / "real_pdfs"):
        found = recognise(Path("rd13_shpt_sifaju_2026_bmys.pdf"))
    assert found == real_package("rd13_shpt_sifaju_2026_bmys").recognition
    assert (found.document_type, found.year, found.level) == (DocumentType.DEPARTMENT_BUDGET, 2026, GovLevel.DISTRICT)


def test_a_file_of_another_format_is_recognised_as_read_reads_it(sample_path: Path) -> None:
    found = recognise(sample_path)
    assert found == read(sample_path).recognition
    assert (found.department, found.year, found.region, found.level) == (
        "文水县人力资源和社会保障局",
        2026,
        "文水县",
        GovLevel.COUNTY,
    )


def test_the_pages_recognition_reads(shared_data: Path) -> None:
    """A cover, 目录 and first table settle a Shanghai unit's package on its 6th page; a Shenzhen
    package whose 情况说明 runs 60 pages before its tables is read on until the page recognition
    next looks at after its first table (63)."""
    for name, pages in (("n001_shanghai.pdf", 6), ("n052_shenzhen.pdf", 63)):
        path = NATIONAL / name
        it = iter_pages(path)
        found, taken = pages_to_recognition(it, str(path))
        it.close()
        assert found is not None and len(taken) == pages, name
    assert [k for k in range(1, 64) if _looks(k)] == [*range(1, 13), 15, 18, 22, 27, 33, 41, 51, 63]


def _line(text: str, page: int) -> TextLine:
    return TextLine(text, Source("made-up.pdf", page=page))


def _table(page: int) -> TableBlock:
    rows = (("项目", "本年预算"), ("一般公共预算拨款", "100.00"), ("合计", "100.00"))
    source = Source("made-up.pdf", page=page)
    return TableBlock(tuple(TableLine(r, source) for r in rows), source)


def test_first_pages_that_do_not_settle_it_are_read_on() -> None:
    """A cover and a 目录 say the type and year, not the unit: recognition reads on to the first
    table (whose 编制单位 line names it), and reading on changes nothing after that."""
    front: list[Block] = [
        _line("某某县财政局", 1),
        _line("2026年部门预算", 1),
        _line("目录", 2),
        _line("第一部分 预算报表", 2),
    ]
    assert front_recognition(front, "made-up.pdf") is None
    tables: list[Block] = [
        _line("第一部分 预算报表", 3),
        _line("表1 收支预算总表", 3),
        _line("编制单位：某某县财政局（本级） 单位：万元", 3),
        _table(3),
    ]
    found = front_recognition([*front, *tables], "made-up.pdf")
    assert found is not None
    assert (found.document_type, found.department, found.year, found.region, found.level) == (
        DocumentType.DEPARTMENT_BUDGET,
        "某某县财政局（本级）",
        2026,
        "某某县",
        GovLevel.COUNTY,
    )
    later = [_line("表2 收入预算总表", 4), _line("编制单位：某某县财政局下属单位 单位：万元", 4), _table(4)]
    assert blocks_to_disclosure([*front, *tables, *later], "made-up.pdf", "pdf", found).recognition == found


def test_a_central_department_is_at_the_central_level() -> None:
    """The corpus has no central package (a ministry's, a 国家… body's): made up after their layout,
    a department that names no region and is named as central ones are is read as central, with no
    region; a county's 人民武装部, which names no region either, stays of no known level."""
    front: list[Block] = [
        _line("教育部2026年部门预算", 1),
        _line("表1 收支预算总表", 2),
        _line("编制单位：教育部 单位：万元", 2),
        _table(2),
    ]
    found = blocks_to_disclosure(front, "made-up.pdf", "pdf").recognition
    assert (found.document_type, found.department, found.year, found.region, found.level) == (
        DocumentType.DEPARTMENT_BUDGET,
        "教育部",
        2026,
        None,
        GovLevel.CENTRAL,
    )
    entry = {"document_type": "部门预算", "unit": "教育部", "year": 2026, "region": {}, "level": "central"}
    assert judge(found, entry) == dict.fromkeys(FIELDS, True)
    for name, level in (
        ("国家统计局", GovLevel.CENTRAL),
        ("中华全国总工会", GovLevel.CENTRAL),
        ("人力资源社会保障部", GovLevel.CENTRAL),
        ("海关总署", GovLevel.CENTRAL),
        ("人民武装部", None),
        ("中共西安市委宣传部", GovLevel.CITY),
    ):
        assert level_of(name, "2026年部门预算") is level, name


def test_what_no_page_says_is_unknown_never_guessed() -> None:
    """Tables under titles, and no cover or title line naming the document type: the type stays
    unknown (None), and no first pages settle it."""
    blocks: list[Block] = [_line("表1 收支预算总表", 1), _line("单位：万元", 1), _table(1)]
    assert front_recognition(blocks, "made-up.pdf") is None
    found = blocks_to_disclosure(blocks, "made-up.pdf", "pdf").recognition
    assert found.document_type is None and found.department is None and not found.complete


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_identify_prints_what_each_file_is(shared_data: Path) -> None:
    with _inside(NATIONAL):
        code, out, err = _run("identify", "n051_shenzhen.pdf", "n174_jinan.pdf", "n133_xian.pdf")
    assert code == 2  # one file is no disclosure; the others are still identified
    assert out.splitlines() == [
        "n051_shenzhen.pdf: 部门预算 | 深圳市交通运输局（本级） | 2026年 | 深圳市 | 市级",
        "n133_xian.pdf: 部门预算 | 西安市人民政府办公厅（汇总） | 2026年 | 西安市 | 市级",
    ]
    assert err == "yusuan: n174_jinan.pdf: 不是部门预算公开文件：没有找到预算表或情况说明（not a budget disclosure）\n"


def test_identify_as_json(shared_data: Path) -> None:
    with _inside(NATIONAL):
        code, out, _ = _run("identify", "--format", "json", "n051_shenzhen.pdf")
    assert code == 0
    assert json.loads(out) == {
        "file": "n051_shenzhen.pdf",
        "document_type": "department_budget",
        "department": "深圳市交通运输局（本级）",
        "year": 2026,
        "region": "深圳市",
        "level": "city",
        "title": "2026年深圳市交通运输局（本级）部门预算",
    }


def test_identify_says_what_it_could_not_read(tmp_path: Path) -> None:
    untitled = tmp_path / "untitled.md"
    table = "| 项目 | 本年预算 |\n|---|---|\n| 一般公共预算拨款 | 100.00 |\n| 合计 | 100.00 |\n"
    untitled.write_text(f"表1 2026年收支预算总表\n\n单位：万元\n\n{table}", encoding="utf-8")
    code, out, _ = _run("identify", str(untitled))
    assert code == 1
    assert out == f"{untitled}: 未识别 | 未识别 | 2026年 | 未识别 | 未识别\n"


def test_judge_names_each_field_a_recognition_gets_wrong() -> None:
    entry = {
        "is_disclosure": True,
        "document_type": "部门综合预算",
        "unit": "西安市信访局(汇总)",
        "year": 2022,
        "region": {"province": "陕西省", "city": "西安市", "county": None},
        "level": "city",
    }
    right = Recognition("x.pdf", DocumentType.DEPARTMENT_BUDGET, "西安市信访局（汇总）", 2022, "西安市", GovLevel.CITY)
    assert judge(right, entry) == dict.fromkeys(FIELDS, True)
    wrong = Recognition("x.pdf", DocumentType.UNIT_BUDGET, "西安市信访局", None, "陕西省", GovLevel.PROVINCE)
    assert judge(wrong, entry) == dict.fromkeys(FIELDS, False)
    assert refused_right("不是部门预算公开文件：这是“的通知”（not a budget disclosure）")
    assert not refused_right("PDF 没有文字层（扫描件），需要 OCR，但未安装 OCR 组件（no text layer）")
