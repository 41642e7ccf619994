"""The built PDF, DOCX and HTML look published: wide tables on landscape pages, digits in a serif,
headers broken between words, every 目录 entry with its page, a form's continuation page naming
its project, and a DOCX code column that holds a 7-digit 科目编码 on one line.

The example ledger's package is built once and looked at through its files (pdfplumber's
characters and page sizes, the DOCX's table grid, the HTML's header cells).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from yusuan.ledger import read_ledger
from yusuan.model import Disclosure, TableKind
from yusuan.render import render
from yusuan.render.pdf import HEI, SONG, register_fonts, text_to_lines, text_width
from yusuan.views import ledger_to_disclosure

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return ledger_to_disclosure(read_ledger(EXAMPLE))


@pytest.fixture(scope="module")
def built(example: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("published")
    paths = render(example, folder, ["pdf", "docx", "html"], "package")
    return {path.suffix[1:]: path for path in paths}


@pytest.fixture(scope="module")
def pages(built: dict[str, Path]) -> list[tuple[float, float, str, list[dict[str, object]]]]:
    """Each PDF page: width, height, its text without spaces, its characters."""
    with pdfplumber.open(built["pdf"]) as pdf:
        return [
            (float(page.width), float(page.height), "".join((page.extract_text() or "").split()), page.chars)
            for page in pdf.pages
        ]


def _page_of(pages: list[tuple[float, float, str, list[dict[str, object]]]], title: str) -> int:
    return next(k for k, (_, _, text, _) in enumerate(pages) if k > 1 and text.find(title) >= 0)


def test_wide_tables_print_on_landscape_pages(
    example: Disclosure, pages: list[tuple[float, float, str, list[dict[str, object]]]]
) -> None:
    # 表2 (nine columns) and 表12 (seven, the project names long) are wider than a portrait page
    for kind in (TableKind.INCOME_SUMMARY, TableKind.PROJECT_CURRENT):
        table = example.table(kind)
        assert table is not None
        width, height, _, _ = pages[_page_of(pages, table.title)]
        assert width > height, table.title
    # 表3 fits a portrait page, and so does the form after the landscape tables
    narrow = example.table(TableKind.EXPENDITURE_SUMMARY)
    assert narrow is not None
    width, height, _, _ = pages[_page_of(pages, narrow.title)]
    assert width < height
    width, height, _, _ = pages[_page_of(pages, "项目支出绩效目标申报表")]
    assert width < height


def test_digits_are_set_in_a_serif_not_the_song_face(
    example: Disclosure, pages: list[tuple[float, float, str, list[dict[str, object]]]]
) -> None:
    summary = example.table(TableKind.BUDGET_SUMMARY)
    assert summary is not None
    _, _, _, chars = pages[_page_of(pages, summary.title)]
    digits = [c for c in chars if str(c["text"]).isdigit()]
    faces = {str(c["fontname"]).split("+")[-1] for c in digits}
    assert digits and faces <= {"LiberationSerif", "LiberationSerif-Bold", "WenQuanYiZenHei-0"}, faces
    # no digit in the 宋体 face (its digits are a typewriter's): the amounts in the serif, the total
    # rows' in its bold, the Chinese beside them in the 宋体 face
    body = {str(c["fontname"]).split("+")[-1] for c in digits if float(c["size"]) < 9}
    assert body - {"WenQuanYiZenHei-0"} == {"LiberationSerif", "LiberationSerif-Bold"}, body
    han = {str(c["fontname"]).split("+")[-1] for c in chars if c["text"] == "社"}
    # one face, UMing, whatever name the PDF embeds it under (UMingCN-0 from uming.ttc here)
    assert len(han) == 1 and "UMing" in han.pop().replace("-", ""), han


def test_headers_break_between_words() -> None:
    register_fonts()
    for text, lines in (("当年预算安排", ["当年预算", "安排"]), ("实施期资金总额", ["实施期资金", "总额"])):
        # room for all but the last character: the line ends before the last word, not inside it
        room = text_width(text[:-1], HEI, 8.5) + 0.6
        assert text_to_lines(text, HEI, 8.5, room, room, words=True) == lines
        assert text_to_lines(text, HEI, 8.5, room, room) == [text[:-1], text[-1]]  # running text fills lines
    assert text_to_lines("2026年预算数", SONG, 8.5, 30.0, 30.0, words=True)[0] == "2026年"


def test_no_pdf_header_is_broken_inside_a_word(pages: list[tuple[float, float, str, list[dict[str, object]]]]) -> None:
    with_lines = []
    for _, _, _, chars in pages:
        rows: dict[int, str] = {}
        for c in sorted(chars, key=lambda c: (round(float(c["top"])), float(c["x0"]))):
            rows[round(float(c["top"]))] = rows.get(round(float(c["top"])), "") + str(c["text"])
        with_lines.append(list(rows.values()))
    lines = [line.strip() for page in with_lines for line in page]
    for broken in ("当年预算安", "实施期资金总", "政府性基", "财政专户管理资"):
        assert not any(line.endswith(broken) for line in lines), broken


def test_every_contents_entry_has_its_page(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["pdf"]) as pdf:
        lines = (pdf.pages[1].extract_text() or "").splitlines()
    assert "".join(lines[0].split()) == "目录"
    entries = [re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d*)", line.strip()) for line in lines[1:-1]]
    assert len(entries) >= 30 and all(entries), lines
    assert [m.group(1) for m in entries if m and not m.group(2)] == []


def test_a_form_continued_on_a_new_page_names_its_project(
    example: Disclosure, pages: list[tuple[float, float, str, list[dict[str, object]]]]
) -> None:
    continued = [(k, text) for k, (_, _, text, _) in enumerate(pages) if text.startswith("续表：")]
    assert len(continued) >= 3
    names = {form.name for form in example.project_forms}
    for k, text in continued:
        name = next(n for n in names if text.startswith("续表：" + "".join(n.split())))
        # the form started on an earlier page under its title, and this page has no title of its own
        assert "项目支出绩效目标申报表" not in text
        assert any("".join(name.split()) in pages[j][2] for j in range(k - 3, k))


def _docx_grids(path: Path) -> list[tuple[list[int], str]]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
    return [
        (
            [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', t)],
            "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", t)),
        )
        for t in tables
    ]


@pytest.mark.parametrize(
    "font",
    [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",  # Times New Roman's metrics
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",  # LibreOffice's stand-in where Times is missing
    ],
)
def test_docx_code_column_holds_a_seven_digit_code(built: dict[str, Path], font: str) -> None:
    name = Path(font).stem
    pdfmetrics.registerFont(TTFont(name, font))
    code_width = pdfmetrics.stringWidth("2080101", name, 9) * 20  # twips at the tables' 9 pt
    margins = 2 * 60
    checked = 0
    for widths, text in _docx_grids(built["docx"]):
        if re.search(r"科目编码", text) and re.search(r"\b\d{7}\b|\d{7}", text):
            assert widths[0] - margins >= code_width, (widths, text[:40])
            checked += 1
    assert checked >= 3  # 表2, 表3, 表5


def test_html_header_breaks_only_between_words(built: dict[str, Path]) -> None:
    html = built["html"].read_text(encoding="utf-8")
    assert "当年<wbr>预算<wbr>安排" in html
    assert "word-break: keep-all" in html
