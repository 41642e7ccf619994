"""The PDF reader's page objects are pdfplumber's, value for value: on real pages of each kind the
corpus shows (rules as rectangles, as lines, as filled paths; digits boxed beside their line;
glyphs overprinted for bold; a media box that does not start at 0; a page turned 90°; a crop box
other than the media box), the characters and ruling lines drawn by `page_objects` carry exactly the
values pdfplumber's `Page.chars`, `rects`, `lines`, `curves` and `images` give, and the reader
makes the same words and rules from them. The content streams are tokenised in one pass: the
objects handed to the interpreter are those pdfminer's own parser makes, its quirks included, and
what only pdfminer's parser reads is left to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF

from yusuan.parse.pdf import _rules, _words
from yusuan.parse.pdf_content import _objects, _tokens, _Unsure
from yusuan.parse.pdf_objects import page_objects

# the values the reader (and pdfplumber's word extractor and dedupe_chars) reads, by kind
_BOX = ("x0", "y0", "x1", "y1", "top", "bottom", "doctop")
KEYS = {
    "chars": (*_BOX, "text", "size", "matrix", "upright", "fontname"),
    "rects": (*_BOX, "stroke", "fill"),
    "lines": (*_BOX, "stroke", "fill"),
    "curves": (*_BOX, "stroke", "fill"),
    "images": _BOX,
}

# (folder, file, page): what the page shows, as (chars, rects, lines, curves)
PAGES = {
    ("real_pdfs", "rd05_shpt_wanlijiedao_2024_bmys.pdf", 26): (247, 27, 0, 0),  # rules as thin rectangles
    ("national", "n005_shanghai.pdf", 1): (31, 0, 0, 0),  # media box from (-12.0, -12.0)
    ("national", "n084_guangzhou.pdf", 7): (403, 0, 0, 138),  # every rule a thin filled path
    ("national", "n077_chongqing.pdf", 8): (380, 0, 71, 0),  # digits boxed 10–13 pt below their line
    ("national", "n144_xian.pdf", 36): (1835, 36, 0, 0),  # bold glyphs printed six times over
    ("national", "n153_yantai.pdf", 9): (731, 0, 1246, 0),  # page turned 90°
    ("national", "n070_shenzhen.pdf", 1): (19, 0, 0, 0),  # crop box other than the media box
}


@pytest.mark.parametrize(("folder", "name", "number"), list(PAGES))
def test_page_objects_are_pdfplumbers(shared_data: Path, folder: str, name: str, number: int) -> None:
    path = shared_data / folder / name
    if not path.is_file():
        pytest.skip(f"{name} is not in shared/data")  # pragma: no cover
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        ours = page_objects(page)
        for kind, keys in KEYS.items():
            theirs = [tuple(o[k] for k in keys) for o in getattr(page, kind)]
            assert [tuple(o[k] for k in keys) for o in getattr(ours, kind)] == theirs, kind
        assert (len(ours.chars), len(ours.rects), len(ours.lines), len(ours.curves)) == PAGES[folder, name, number]
        # the reader's words and rules, made from pdfplumber's page and from ours, are the same
        rules = _rules(page)
        assert _rules(ours) == rules
        words = _words(page, rules)
        assert words and _words(ours, rules) == words


def test_the_pages_show_what_they_are_chosen_for(shared_data: Path) -> None:
    """The pages above show what they are chosen for: n153's page is turned 90°, n144's repeats
    glyphs at one place, n005's media box is offset, n070's crop box is not its media box."""
    with pdfplumber.open(shared_data / "national" / "n153_yantai.pdf") as pdf:
        assert pdf.pages[8].rotation == 90
    with pdfplumber.open(shared_data / "national" / "n144_xian.pdf") as pdf:
        chars = page_objects(pdf.pages[35]).chars
        assert len({(c["text"], round(c["x0"]), round(c["top"])) for c in chars}) == 1835 - 360
    with pdfplumber.open(shared_data / "national" / "n005_shanghai.pdf") as pdf:
        assert pdf.pages[0].mediabox[0] == pytest.approx(-12.0189)
    with pdfplumber.open(shared_data / "national" / "n070_shenzhen.pdf") as pdf:
        assert pdf.pages[0].cropbox != pdf.pages[0].mediabox


# ---------------------------------------------------------------------------------------------
# the content-stream tokeniser against pdfminer's own parser


def _pdfminer_objects(*chunks: bytes) -> list[Any]:
    """What pdfminer's content parser hands its interpreter for these streams, in order."""
    streams = []
    for n, data in enumerate(chunks, start=1):
        stream = PDFStream({}, data)
        stream.objid = n
        streams.append(stream)
    parser = PDFContentParser(streams)
    found = []
    while True:
        try:
            found.append(parser.nextobject()[1])
        except PSEOF:
            return found


def _ours(*chunks: bytes) -> list[Any]:
    tokens = [t for n, data in enumerate(chunks) for t in _tokens(data, last=n == len(chunks) - 1)]
    return _objects(tokens)


QUIRKS = [
    # numbers: a sign or a point alone is none, "1.2.3" is two, "1e5" a number and a keyword
    b"BT 12 -3.5 .5 +7 - . 1.2.3 1e5 00012 -0 Tc ET",
    # names: #xx escapes, a '#' without digits dropped, UTF-8 or bytes, an empty name
    b"/F1 12 Tf /A#20B /a#4 /# /\xe4\xb8\xad /\xff\xfe / /x#41#4 cs",
    # strings: nesting, escapes, octal of one to three digits, a line continuation, an unknown
    # escape (its character dropped), a hex string with spaces and an odd digit
    b"(a(b)c\\(d\\)) Tj (\\101\\7\\0012\\q) Tj (x\\\r\ny\\\nz) Tj <41 42\n4> Tj <> Tj",
    # arrays and dictionaries, a keyword inside an array, a stray ']' and '>>', true and false
    b"[(a) -120 (b) Tw] TJ /P <</MCID 3 /Alt (x) /K [1 2] /B true>> BDC EMC ] >> false true",
    # comments, NUL bytes, single-character keywords, a hex string closed by '>>'
    b"q %comment\n 1 0 0 1 0 0 cm\x00 Q ' \" T* # ) <41>> 0 g",
]


@pytest.mark.parametrize("data", QUIRKS)
def test_tokens_are_pdfminers(data: bytes) -> None:
    assert _ours(data) == _pdfminer_objects(data)
    assert repr(_ours(data)) == repr(_pdfminer_objects(data))  # ints stay ints, bytes stay bytes


def test_streams_split_anywhere_between_tokens_read_as_one() -> None:
    data = b" ".join(QUIRKS)
    compared = 0
    for cut in range(1, len(data)):
        if not data[cut - 1 : cut].isspace():
            continue
        try:
            ours = _ours(data[:cut], data[cut:])
        except _Unsure:  # a cut inside a string
            continue
        assert repr(ours) == repr(_pdfminer_objects(data[:cut], data[cut:]))
        compared += 1
    assert compared > 40


@pytest.mark.parametrize(
    "chunks",
    [
        (b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",),  # an inline image
        (b"{ 1 2 } Q",),  # a procedure
        (b"<< /A >> Q",),  # a dictionary without its last value: pdfminer raises
        (b"(a string run on", b" into the next stream) Tj"),
        (b"/Name", b"Continued Tf"),  # a name at a stream's end may run on
        (b"(\\777) Tj",),  # an octal escape over 255: pdfminer fails an assertion
    ],
)
def test_what_only_pdfminer_reads_is_left_to_it(chunks: tuple[bytes, ...]) -> None:
    with pytest.raises(_Unsure):
        _ours(*chunks)
