"""Renderers: XLSX, DOCX, PDF and HTML of the sample package, against golden dumps and by structure.

Golden files hold a normalized dump of each output (XLSX/DOCX: cell values, merges, formats,
widths, paragraph styles; PDF: the text of every page; HTML: the page with image data removed),
not the bytes, which carry timestamps and library versions. After an intended change, look at the
output, then regenerate the goldens with:

    YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render*.py
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from yusuan.model import Disclosure
from yusuan.render import FORMATS, MODULES, render
from yusuan.render.forms import PROJECT_FORM_WIDTHS

GOLDEN = Path(__file__).parent / "golden" / "render"
UPDATE = os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1"
RENDERED = ("xlsx", "docx", "pdf", "html")


@pytest.fixture(scope="module")
def rendered(sample: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("render")
    paths = render(sample, directory, RENDERED, "wenshui")
    return dict(zip(RENDERED, paths, strict=True))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; look at it and run again")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = [
            f"line {k}: expected {a!r}\n          got {b!r}"
            for k, (a, b) in enumerate(zip(expected.splitlines(), text.splitlines(), strict=False), 1)
            if a != b
        ][:5]
        pytest.fail(f"{name} differs from the golden file (YUSUAN_UPDATE_GOLDEN=1 to accept):\n" + "\n".join(diff))


# ---------------------------------------------------------------------------------------------
# Dumps


def xlsx_dump(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        setup = ws.page_setup
        out.append(f"== sheet {ws.title} {ws.dimensions}")
        out.append(
            f"page paper={setup.paperSize} orientation={setup.orientation} fitToWidth={setup.fitToWidth} "
            f"fitToHeight={setup.fitToHeight} titles={ws.print_title_rows} freeze={ws.freeze_panes}"
        )
        out.append(f"print area={ws.print_area} breaks={[b.id for b in ws.row_breaks.brk]}")
        out.append("merged " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges)))
        widths = {k: v.width for k, v in sorted(ws.column_dimensions.items())}
        out.append("widths " + " ".join(f"{k}={w}" for k, w in widths.items()))
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and cell.number_format == "General":
                    continue
                flags = []
                if cell.number_format != "General":
                    flags.append(f"fmt={cell.number_format}")
                if cell.font.b:
                    flags.append("bold")
                if cell.alignment.indent:
                    flags.append(f"indent={int(cell.alignment.indent)}")
                if cell.alignment.horizontal:
                    flags.append(cell.alignment.horizontal)
                out.append(f"{cell.coordinate} {cell.value!r} {' '.join(flags)}".rstrip())
    return "\n".join(out) + "\n"


def _cell_text(tc: object) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))  # type: ignore[attr-defined]


def docx_dump(path: Path) -> str:
    doc = Document(str(path))
    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            style = child.find(qn("w:pPr"))
            name = ""
            if style is not None and style.find(qn("w:pStyle")) is not None:
                name = style.find(qn("w:pStyle")).get(qn("w:val"))
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            extras = []
            if child.findall(".//" + qn("w:drawing")):
                extras.append("[picture]")
            if child.findall(".//" + qn("w:instrText")):
                extras.append("[field " + "".join(i.text or "" for i in child.iter(qn("w:instrText"))).strip() + "]")
            if text or extras:
                out.append(f"P[{name}] {text} {' '.join(extras)}".rstrip())
        elif child.tag == qn("w:tbl"):
            grid = [g.get(qn("w:w")) for g in child.iter(qn("w:gridCol"))]
            out.append(f"TABLE cols={grid}")
            for tr in child.iter(qn("w:tr")):
                trpr = tr.find(qn("w:trPr"))
                flags = [] if trpr is None else [e.tag.split("}")[1] for e in trpr]
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    tcpr = tc.find(qn("w:tcPr"))
                    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                    vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                    mark = ""
                    if span is not None:
                        mark += f"<{span.get(qn('w:val'))}"
                    if vmerge is not None:
                        mark += "^" if vmerge.get(qn("w:val")) == "restart" else "|"
                    bold = "*" if tc.find(".//" + qn("w:b")) is not None else ""
                    cells.append(f"{bold}{_cell_text(tc)}{mark}")
                out.append(f"  {'/'.join(flags)}: " + " | ".join(cells))
    return "\n".join(out) + "\n"


def pdf_pages(path: Path) -> list[str]:
    command = ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_dump(path: Path) -> str:
    pages = pdf_pages(path)
    out = [f"pages {len(pages)}"]
    for k, page in enumerate(pages, 1):
        out.append(f"=== page {k}")
        out += [line.rstrip() for line in page.splitlines() if line.strip()]
    return "\n".join(out) + "\n"


def html_dump(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,…", text)


# ---------------------------------------------------------------------------------------------
# The interface


def test_formats_and_modules() -> None:
    assert FORMATS == ("xlsx", "docx", "pdf", "html", "md")
    assert set(MODULES) == set(FORMATS)
    assert MODULES["md"] == "markdown"


def test_render_writes_each_format_in_order(rendered: dict[str, Path]) -> None:
    for fmt, path in rendered.items():
        assert path.name == f"wenshui.{fmt}"
        assert path.stat().st_size > 10_000, fmt


def test_unknown_format_is_refused(sample: Disclosure, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rtf"):
        render(sample, tmp_path, ["rtf"], "x")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_golden(rendered: dict[str, Path]) -> None:
    check_golden("wenshui.xlsx.txt", xlsx_dump(rendered["xlsx"]))


def table_sheets(wb: openpyxl.Workbook) -> list[Any]:
    """The sheets of the standard tables (表1 …), in order."""
    return [ws for ws in wb.worksheets if re.match(r"表\d+ ", ws.title)]


def test_xlsx_sheets_are_the_package_in_order(sample: Disclosure, rendered: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(rendered["xlsx"])
    tables = [f"表{t.number} {t.kind.label}" for t in sample.tables]
    assert wb.sheetnames == [
        "封面",
        "目录",
        "概况",
        *tables,
        "情况说明",
        "整体支出绩效目标表",
        "项目支出绩效目标表",
        "附件1",
        "附件2",
        "名词解释",
    ]
    assert [wb["封面"].cell(r, 1).value for r in (7, 9)] == ["2026年度部门预算公开", "文水县人力资源和社会保障局"]
    toc = wb["目录"]
    assert toc["A2"].value.startswith("第一部分 概况…") and toc["B2"].value == 1
    assert toc.max_row == len(sample.toc) + 1
    narrative = [c.value for c in wb["情况说明"]["A"]]
    assert narrative[:3] == [
        "第三部分 2026年度部门预算情况说明",
        "一、部门预算收支数据变动情况及原因",
        sample.sections[0].paragraphs[0].text,
    ]
    assert len(narrative) == 1 + len(sample.sections) + sum(len(s.paragraphs) for s in sample.sections)
    glossary = [c.value for c in wb["名词解释"]["A"]]
    assert glossary[1] == f"一、{sample.glossary[0].term}：{sample.glossary[0].definition}"


def test_xlsx_every_sheet_prints_on_a4_fitted_to_width(rendered: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(rendered["xlsx"])
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.print_area, ws.title
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        if len(widths) == 1:  # a sheet of one column is not scaled: it must fit A4's width as it is
            assert widths[0] <= 84, ws.title
    projects = wb["项目支出绩效目标表"]
    assert len(projects.row_breaks.brk) == 25  # 26 forms, each on a page of its own
    assert wb["附件2"].print_title_rows == "$4:$4"  # the catalogue's 编码 | 名称 on every page


def test_xlsx_project_form_layout(sample: Disclosure, rendered: dict[str, Path]) -> None:
    """The official 8-column form: merged value cells, 项目资金 as numbers in 元, 绩效指标 in two halves."""
    ws = openpyxl.load_workbook(rendered["xlsx"])["项目支出绩效目标表"]
    form = sample.project_forms[0]
    assert ws["A1"].value == form.title and ws["A2"].value == "（2025年度）"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:H1", "B3:H3", "B4:D4", "F4:H4", "A6:A11", "C6:D6", "F6:H6"} <= merged
    assert (ws["A3"].value, ws["B3"].value) == ("项目名称", form.name)
    assert (ws["A6"].value, ws["B6"].value, ws["E6"].value) == ("项目资金(元)", "实施期资金总额:", "年度资金总额:")
    assert ws["C6"].value == pytest.approx(1000084.00) and ws["C6"].number_format == "#,##0.00"
    assert ws["F6"].value == pytest.approx(1000083.56)
    header = next(r for r in range(1, 60) if ws.cell(r, 1).value == "绩效指标")
    assert [ws.cell(header, c).value for c in range(2, 9)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    first = form.indicators[0]
    assert [ws.cell(header + 1, c).value for c in (2, 3, 4, 5)] == [first.level1, first.level2, first.name, first.value]


def test_xlsx_budget_summary_layout(rendered: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(rendered["xlsx"])
    assert len(table_sheets(wb)) == 13
    ws = wb["表1 预算收支总表"]
    assert ws["A1"].value == "预算公开表1"
    assert ws["A2"].value == "2026年预算收支总表"
    assert ws["A3"].value == "部门名称：文水县人力资源和社会保障局"
    assert ws["F3"].value == "单位：万元"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:F2", "A4:B4", "C4:F4"} <= merged  # title; 收入 over 项目|2026年; 支出 over four columns
    assert (ws["A4"].value, ws["C4"].value) == ("收入", "支出")
    assert [ws.cell(5, c).value for c in range(1, 7)] == [
        "项目",
        "2026年",
        "项目",
        "2026年合计",
        "当年预算安排",
        "上年结转安排",
    ]
    functions = [ws.cell(r, 3).value for r in range(6, ws.max_row + 1)]
    function_rows = [f for f in functions if f and f.endswith(("支出", "预备费")) and "、" in f]
    assert len(function_rows) == 30
    row = functions.index("八、社会保障和就业支出") + 6
    assert ws.cell(row, 4).value == pytest.approx(3057.63)
    assert ws.cell(row, 4).number_format == "#,##0.00"
    assert ws.cell(row + 1, 4).value is None  # 九、社会保险基金支出 is blank, not 0
    totals = functions.index("本年支出合计") + 6
    assert ws.cell(totals, 1).value == "本年收入合计"  # totals face each other
    assert ws.cell(totals, 1).font.b and ws.cell(totals, 4).font.b
    assert ws.print_title_rows == "$4:$5"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_xlsx_values_are_exact_amounts(sample: Disclosure, rendered: dict[str, Path]) -> None:
    """Every amount of every table is in its sheet, and nothing else is a number."""
    wb = openpyxl.load_workbook(rendered["xlsx"])
    for table, ws in zip(sample.tables, table_sheets(wb), strict=True):
        expected = sorted(v for r in table.rows for _, v in r.values if v is not None)
        found = sorted(Decimal(str(c.value)) for row in ws.iter_rows() for c in row if isinstance(c.value, float | int))
        assert found == expected, ws.title


def test_xlsx_income_summary_header(rendered: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(rendered["xlsx"])["表2 预算收入总表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A4:B4", "C4:H4", "I4:I5"} <= merged  # 项目 | 本年收入 (6 columns) | 上年结转 spans two rows
    assert ws["I4"].value == "上年结转"
    assert ws["A7"].value == "208" and ws["B8"].alignment.indent == 1  # 20801 under 208


# ---------------------------------------------------------------------------------------------
# DOCX


def test_docx_golden(rendered: dict[str, Path]) -> None:
    check_golden("wenshui.docx.txt", docx_dump(rendered["docx"]))


def test_docx_structure(rendered: dict[str, Path]) -> None:
    doc = Document(str(rendered["docx"]))
    body = doc.element.body
    instructions = " ".join(i.text or "" for i in body.iter(qn("w:instrText")))
    assert "TOC" in instructions
    footer = doc.sections[0].footer._element
    assert "PAGE" in " ".join(i.text or "" for i in footer.iter(qn("w:instrText")))
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "宋体"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    tables = body.findall(qn("w:tbl"))
    assert len(tables) == 13 + 27 + 1  # standard tables, 27 forms, the attached catalogue
    first = tables[0]
    rows = first.findall(qn("w:tr"))
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    assert [r.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows[:3]] == [True, True, False]
    spans = [tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) for tc in rows[0].findall(qn("w:tc"))]
    assert [s.get(qn("w:val")) for s in spans if s is not None] == ["2", "4"]
    pictures = body.findall(".//" + qn("wp:docPr"))
    alts = [p.get("descr") for p in pictures]
    assert len(alts) == 3 and any("社会保障和就业支出2,907.10万元（80.79%）" in a for a in alts)


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_golden(rendered: dict[str, Path]) -> None:
    check_golden("wenshui.pdf.txt", pdf_dump(rendered["pdf"]))


def test_pdf_has_the_chinese_text(rendered: dict[str, Path]) -> None:
    text = "\n".join(pdf_pages(rendered["pdf"]))
    for expected in (
        "2026年预算收支总表",
        "文水县人力资源和社会保障局",
        "一般公共预算当年拨款结构图",
        "名词解释",
        "3,598.49",
    ):
        assert expected in text, expected


def test_pdf_embeds_its_fonts(rendered: dict[str, Path]) -> None:
    fonts = subprocess.run(["pdffonts", str(rendered["pdf"])], capture_output=True, check=True, text=True).stdout
    lines = fonts.splitlines()[2:]
    assert lines, fonts
    for line in lines:
        # columns: name type encoding emb sub uni
        assert " yes yes yes " in line, line
    assert any("UMing" in line for line in lines) and any("ZenHei" in line for line in lines)


def test_pdf_contents_page_numbers_point_at_the_headings(rendered: dict[str, Path]) -> None:
    pages = pdf_pages(rendered["pdf"])
    contents = pages[1]
    entry = re.search(r"表十二\s*2026年项目支出预算表（本年预算）[ .]*?(\d+)\s*$", contents, re.M)
    assert entry, contents
    printed = int(entry.group(1))
    # Printed page N is PDF page N + 1 (the cover has no number).
    assert "2026年项目支出预算表（本年预算）" in pages[printed]
    assert re.search(rf"—\s*{printed}\s*—", pages[printed])


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_golden(rendered: dict[str, Path]) -> None:
    check_golden("wenshui.html.txt", html_dump(rendered["html"]))


def test_html_is_self_contained_and_accessible(rendered: dict[str, Path]) -> None:
    html = rendered["html"].read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert not re.search(r"""(src|href)=["'](https?:|//)""", html), "no external assets"
    assert "<link " not in html and "<script" not in html
    assert html.count("<table") == html.count("<caption") == 13 + 27 + 1
    assert html.count('<div class="scroll" role="region"') == html.count("<table")
    assert '<th scope="colgroup" colspan="4">支出</th>' in html
    assert '<th scope="row">八、社会保障和就业支出</th>' in html
    images = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', html)
    assert len(images) == 3
    assert (
        "“三公”经费分布图：因公出国（境）费0.00万元；公务接待费0.00万元；公务用车购置费0.00万元；公务用车运行维护费6.00万元。"
        in images
    )


def test_html_tables_give_their_columns_the_grid_shares(rendered: dict[str, Path]) -> None:
    """Each table states its columns' shares of the width, so a browser does not squeeze a form's
    label column to a character or two beside a long text cell."""
    html = rendered["html"].read_text(encoding="utf-8")
    assert html.count("<colgroup>") == html.count("<table")
    total = sum(PROJECT_FORM_WIDTHS)
    shares = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in PROJECT_FORM_WIDTHS)
    assert html.count(f"<colgroup>{shares}</colgroup>") == 26  # every project form


def test_docx_is_a_zip_with_the_chart_images(rendered: dict[str, Path]) -> None:
    with zipfile.ZipFile(rendered["docx"]) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) == 3


# ---------------------------------------------------------------------------------------------
# A package built from a ledger (what `yusuan build` renders)


def test_renders_a_ledger_built_package(tmp_path: Path) -> None:
    from yusuan.ledger import read_ledger
    from yusuan.views import ledger_to_disclosure

    ledger_dir = Path(__file__).resolve().parent.parent / "examples" / "ledger"
    built = ledger_to_disclosure(read_ledger(ledger_dir))
    paths = dict(zip(RENDERED, render(built, tmp_path, RENDERED, "built"), strict=True))
    text = "".join("".join(pdf_pages(paths["pdf"])).split())
    assert (built.department or "") in text and "2026年预算收支总表" in text
    wb = openpyxl.load_workbook(paths["xlsx"])
    for table, ws in zip(built.tables, table_sheets(wb), strict=True):
        expected = sorted(v for r in table.rows for _, v in r.values if v is not None)
        found = sorted(Decimal(str(c.value)) for row in ws.iter_rows() for c in row if isinstance(c.value, float | int))
        assert found == expected, ws.title
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count("<table") == len(built.tables) + len(built.overall_forms) + len(built.project_forms) + sum(
        1 for a in built.attachments if a.catalog
    )
