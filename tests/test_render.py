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

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from yusuan.model import Disclosure
from yusuan.render import FORMATS, MODULES, render

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


def test_xlsx_budget_summary_layout(rendered: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(rendered["xlsx"])
    assert len(wb.worksheets) == 13
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
    for table, ws in zip(sample.tables, wb.worksheets, strict=True):
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
    entry = re.search(r"表十二\s+2026年项目支出预算表（本年预算）[ .]*?(\d+)\s*$", contents, re.M)
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
    for table, ws in zip(built.tables, wb.worksheets, strict=True):
        expected = sorted(v for r in table.rows for _, v in r.values if v is not None)
        found = sorted(Decimal(str(c.value)) for row in ws.iter_rows() for c in row if isinstance(c.value, float | int))
        assert found == expected, ws.title
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count("<table") == len(built.tables) + len(built.overall_forms) + len(built.project_forms) + sum(
        1 for a in built.attachments if a.catalog
    )
