"""Page text (a text layer's lines, page by page, as in shared/data/real_texts): paragraphs joined
across lines and pages, the narrative read and checked, and the tables, whose numbers lost their
columns, said not to be read, once, with exit status 2 when none could be."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.checks import check
from yusuan.cli import main
from yusuan.model import Disclosure
from yusuan.parse import read
from yusuan.parse.pagetext import is_cells, is_page_text

TEXTS = {
    "001": "001_shpt_chengguan_2026_bmys",
    "002": "002_shpt_wenlvju_2026_bmys",
    "003": "003_shpt_jianguanwei_2026_bmys",
    "004": "004_shpt_wenlvju_2025_bmjs",
    "005": "005_shpt_shiquanlu_jiedao_2025_bmjs",
}
_TEXTS: dict[str, Disclosure] = {}


def page_text(shared_data: Path, stem: str) -> Disclosure:
    if stem not in _TEXTS:
        _TEXTS[stem] = read(shared_data / "real_texts" / f"{TEXTS[stem]}.md")
    return _TEXTS[stem]


def test_page_text_is_told_from_ocr_markdown(sample_path: Path) -> None:
    assert is_page_text(["<!-- page 1 -->", "封面", "<!-- page 2 -->", "目 录"])
    assert not is_page_text(["<!-- page 1 -->", "| 项目 | 预算数 |", "| 合计 | 1.00 |"])
    assert not is_page_text(sample_path.read_text(encoding="utf-8").splitlines())


def test_a_table_row_is_told_from_a_sentence() -> None:
    assert is_cells("208 05 01 行政单位离退休 2,614,680 2,614,680")
    assert is_cells("合计 47,483,458 36,197,265 11,286,193")
    assert not is_cells("本年收入合计 26538.47 万元，其中：财政拨款收入 26538.47")  # a clause, wrapped
    assert not is_cells("会办公用房标准化建设、管弄路 252 弄 4 号装修工程、石泉")
    assert not is_cells("化和旅游局所属各预算单位开支财政拨款的公务用车保有量为 4")


def test_page_text_paragraphs_are_joined_across_lines_and_pages(shared_data: Path) -> None:
    """The 121 text.cut-off and text.punctuation findings the five page texts gave were sentences
    that go on on the next line or page; joined, none is left, and 003 p22's services figure,
    split "政府采购服务预" / "算24,821.72万元", is read (narrative.procurement was an error)."""
    for stem in TEXTS:
        r = check(page_text(shared_data, stem))
        assert not [f for f in r.findings if f.rule in ("text.cut-off", "text.punctuation", "narrative.procurement")]
    p = page_text(shared_data, "003").procurement
    assert p is not None and p.services is not None and p.total is not None and p.goods is not None
    assert (p.total.value, p.goods.value, p.services.value) == (
        Decimal("214355.48"),
        Decimal("21.62"),
        Decimal("24821.72"),
    )
    assert p.services.source.page == 22


# ---------------------------------------------------------------------------------------------
# page text: the narrative is read and checked; the tables are said not to be read, once


@pytest.mark.parametrize("stem", list(TEXTS))
def test_page_text_says_once_that_its_tables_were_not_read(shared_data: Path, stem: str) -> None:
    d = page_text(shared_data, stem)
    assert d.reader == "text" and d.tables == () and d.sections
    notes = [n for n in d.notes if n.code == "tables-unread"]
    assert len(notes) == 1 and "未读取" in notes[0].message
    r = check(d)
    assert [f.rule for f in r.findings if f.rule == "complete.reader"] == ["complete.reader"]
    assert r.summary["error"] == 0


def test_page_text_is_recognised(shared_data: Path) -> None:
    """The cover lines of 005 ("上海市普陀区人民政府" / "石泉路街道办事处 2025" / "年度部门决算") join into
    its title now that the reader knows the pages."""
    d = page_text(shared_data, "005")
    assert (d.department, d.year, d.document_type and d.document_type.value) == (
        "上海市普陀区人民政府石泉路街道办事处",
        2025,
        "department_final",
    )
    d = page_text(shared_data, "001")
    assert not [n for n in d.notes if n.code == "missing-part"]  # 目录's "部门主要职能" is "…执法局主要职能"


def test_checking_page_text_exits_2_with_one_line(shared_data: Path) -> None:
    path = shared_data / "real_texts" / f"{TEXTS['001']}.md"
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    said = [line for line in result.stderr.splitlines() if "未读取" in line]
    assert len(said) == 1 and said[0].startswith(f"yusuan: {path}:")
