"""Round trips through the published formats: ledger → Disclosure → PDF, DOCX or HTML → `yusuan
extract` gives back the built Disclosure exactly (every Source aside), on the example ledger and on
random ledgers.

One difference is by nature and is the only one allowed: a PDF prints the page number of each
目录 entry, which the layout assigns and a built Disclosure does not know (its entries have no
page). `pdf_pages_aside` blanks the pages read from a PDF, after checking that each entry that
has one points at the page where its heading is printed.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from yusuan.ledger import read_ledger
from yusuan.model import Disclosure
from yusuan.model.compare import without_sources
from yusuan.parse import read
from yusuan.render import render
from yusuan.views import ledger_to_disclosure

from .ledgers import ledgers
from .test_roundtrip import differences

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"


def build_and_read(built: Disclosure, fmt: str, directory: Path) -> Disclosure:
    (path,) = render(built, directory, [fmt], "package")
    return read(path)


def pdf_pages_aside(back: Disclosure, path: Path) -> Disclosure:
    """`back` (read from the PDF at `path`) with its 目录 pages blanked, once each page is seen to
    hold the entry's heading (printed page N is PDF page N + 1: the cover has no number)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    for entry in back.toc:
        if entry.page is not None:
            words = re.sub(r"^表[一二三四五六七八九十]+", "", "".join(entry.title.split()))
            assert words in pages[entry.page], (entry.title, entry.page)
            assert f"—{entry.page}—" in pages[entry.page]
    toc = tuple(dataclasses.replace(e, page=None) for e in back.toc)
    return dataclasses.replace(back, toc=toc)


def round_trip(built: Disclosure, fmt: str, directory: Path) -> Disclosure:
    back = build_and_read(built, fmt, directory)
    if fmt == "pdf":
        back = pdf_pages_aside(back, directory / "package.pdf")
    return back


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return ledger_to_disclosure(read_ledger(EXAMPLE))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_example_reads_back_the_same(example: Disclosure, tmp_path: Path, fmt: str) -> None:
    back = round_trip(example, fmt, tmp_path)
    assert back.reader == fmt
    assert back.notes == ()
    assert differences(without_sources(example), without_sources(back)) == []
    # every part is there (the comparison above would fail on a missing one; this names them)
    assert len(back.toc) == 33 and [t.number for t in back.tables] == list(range(1, 14))
    assert len(back.sections) == 12 and len(back.project_forms) == 29 and len(back.overall_forms) == 1


def test_pdf_prints_the_page_of_each_heading(example: Disclosure, tmp_path: Path) -> None:
    back = build_and_read(example, "pdf", tmp_path)
    pages = {e.title: e.page for e in back.toc}
    # the 目录 is page 1 of the numbered pages; 概况 follows it; 表一 starts the tables
    assert pages["第一部分 概况"] == 2 and pages["表一2026年预算收支总表"] == 3
    numbered = [p for p in pages.values() if p is not None]
    assert numbered == sorted(numbered)
    # every entry has its page, those the package prints as a line of text too (not a heading)
    assert all(page is not None for page in pages.values()), pages
    assert pages["（一）政府购买服务指导性目录"] == pages["（二）其他"] == pages["十二、其他说明"]
    pdf_pages_aside(back, tmp_path / "package.pdf")  # and each page holds its heading


def test_the_comparison_sees_a_changed_form(example: Disclosure, tmp_path: Path) -> None:
    """The round trip can fail: a changed indicator value in a built form is seen in the reading."""
    back = build_and_read(example, "docx", tmp_path)
    form = example.project_forms[0]
    changed = dataclasses.replace(
        form, indicators=(dataclasses.replace(form.indicators[0], value="≥99%"), *form.indicators[1:])
    )
    other = dataclasses.replace(example, project_forms=(changed, *example.project_forms[1:]))
    assert differences(without_sources(other), without_sources(back)) != []


def _random_round_trip(ledger: Any, fmt: str) -> None:
    built = ledger_to_disclosure(ledger)
    with tempfile.TemporaryDirectory() as directory:
        back = round_trip(built, fmt, Path(directory))
    assert back.notes == ()
    assert differences(without_sources(built), without_sources(back)) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_read_back_the_same_from_pdf(ledger: Any) -> None:
    _random_round_trip(ledger, "pdf")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_read_back_the_same_from_docx(ledger: Any) -> None:
    _random_round_trip(ledger, "docx")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_read_back_the_same_from_html(ledger: Any) -> None:
    _random_round_trip(ledger, "html")
