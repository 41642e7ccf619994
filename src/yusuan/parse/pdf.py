"""PDF with a text layer → blocks: ruled tables as grids, the rest as paragraphs, each with page and box.

pdfminer draws each page (its characters and ruling lines, with pdfplumber's coordinates, are made
in `pdf_objects.py`) and pdfplumber's word extractor joins the characters into words; the grid and
line building is in `pdf_grid.py` (pure functions; the cells are made in `grid.py`, as for OCR). A
page whose fonts extract as `(cid:N)` placeholders or that has no text at all cannot be read from
its text layer: it is reported (or handed to OCR when an OCR reader is installed), never read as
garbage. An encrypted or damaged file, or one with more pages than the configured limit, is
refused with one line.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UnusableInput
from ..model import NoteLevel, ReadNote, Recognition, Source
from ..text import compact, join_wrapped
from .blocks import Block, Reading, TableBlock, TableLine, TextLine, is_noise
from .grid import PageTable
from .pdf_grid import Box, Rule, TextRow, boxes_to_lines, continues, grid_to_rows, region_to_grid
from .pdf_grid import rules_to_regions as _regions
from .pdf_objects import PageObjects, page_objects
from .recognize import front_recognition
from .titles import is_form_title, kind_from_title

# Limits for one document; both can be changed through the environment (YUSUAN_MAX_PAGES,
# YUSUAN_PAGE_SECONDS) or the arguments of `pdf_to_blocks`.
MAX_PAGES = 500
PAGE_SECONDS = 30.0

_CID = re.compile(r"\(cid:\d+\)")
# A ruling line is a rectangle at most this thick (points); thicker rectangles give their edges.
_RULE_THICKNESS = 2.5

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PageContent:
    """What one page holds: its text lines and its table grids (in page coordinates)."""

    number: int
    width: float
    lines: tuple[TextRow, ...]
    grids: tuple[PageTable, ...]


@dataclass(frozen=True, slots=True)
class PdfText:
    """A PDF's text layer, page by page, and the pages it cannot give: blank pages, pages that
    are only an image (scanned), pages whose fonts extract as (cid:N)."""

    pages: tuple[PageContent, ...]
    blank: tuple[int, ...]
    scanned: tuple[int, ...]
    cid: tuple[int, ...]


class _PageTimeout(Exception):
    pass


def _limit(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop a page that takes longer than `seconds` (only possible in the main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise _PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    file = str(path)
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parses the page tree: a damaged file fails here
    except Exception as exc:
        cause = exc.__cause__ or exc.__context__ or exc
        chain = (exc, cause, *getattr(exc, "args", ()))
        if (
            any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) for e in chain)
            or "password" in repr(exc).lower()
        ):
            raise UnusableInput(file, "PDF 已加密，需要密码才能读取（encrypted PDF）") from None
        raise UnusableInput(file, f"PDF 文件已损坏，无法打开（damaged PDF: {type(cause).__name__}）") from None
    return pdf


def _rules(page: PageObjects) -> list[Rule]:
    rules = []
    for r in page.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if w <= _RULE_THICKNESS or h <= _RULE_THICKNESS:
            rules.append(Rule(r["x0"], r["top"], r["x1"], r["bottom"]))
        elif r.get("stroke"):
            x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
            rules += [
                Rule(x0, top, x1, top),
                Rule(x0, bottom, x1, bottom),
                Rule(x0, top, x0, bottom),
                Rule(x1, top, x1, bottom),
            ]
    for ln in page.lines:
        rules.append(Rule(ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
    # Some producers draw every rule as a thin filled path (a "curve" to pdfplumber), not as a
    # rectangle or a line: the Guangzhou tables have no other rules at all.
    for c in page.curves:
        w, h = c["x1"] - c["x0"], c["bottom"] - c["top"]
        if (c.get("fill") or c.get("stroke")) and (w <= _RULE_THICKNESS or h <= _RULE_THICKNESS):
            rules.append(Rule(c["x0"], c["top"], c["x1"], c["bottom"]))
    return rules


@cache
def _word_extractor() -> Any:
    from pdfplumber.utils.text import WordExtractor

    return WordExtractor(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)


# Where a glyph's baseline stands in its box: (baseline - bottom) / size is the font's descent,
# between 0 and about a third of the size; a box outside that range is the font's mistake.
_DESCENT = (-0.1, 0.6)


def _reboxed(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters, those whose box disagrees with their baseline boxed again from it.

    pdfminer boxes a glyph from its font's ascent and descent; a font that gives them wrong puts
    the box beside the line it is printed on (Chongqing's digits and punctuation sit 10–13 pt below
    their line, so every number and every 、（） would be a line of its own). The baseline (the
    text matrix) is right: such a glyph gets the box of its size around its baseline, with the
    descent the page's other glyphs have."""
    bad: list[int] = []
    good: list[float] = []
    for i, c in enumerate(chars):
        size, matrix = c.get("size"), c.get("matrix")
        if not size or not matrix or not c.get("upright"):
            continue
        descent = (matrix[5] - c["y0"]) / size
        if _DESCENT[0] <= descent <= _DESCENT[1]:
            if len(good) < 200:
                good.append(descent)
        else:
            bad.append(i)
    if not bad:
        return chars
    good.sort()
    descent = good[len(good) // 2] if good else 0.2
    out = list(chars)
    for i in bad:
        c = chars[i]
        size, base = c["size"], c["matrix"][5]
        height = c["top"] + c["y1"]  # the page's height, in the coordinates of `top`
        y0 = base - descent * size
        y1 = y0 + size
        top = height - y1
        out[i] = {**c, "y0": y0, "y1": y1, "top": top, "bottom": top + size, "doctop": c["doctop"] - c["top"] + top}
    return out


def _deduped(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters, each once: a glyph printed several times over itself (a bold face
    made by overprinting: "表表表表表表111111" for "表1", Xi'an 2022) is one character."""
    seen = {(c["text"], round(c["x0"]), round(c["top"])) for c in chars}
    if len(seen) == len(chars):
        return chars
    from pdfplumber.utils.text import dedupe_chars

    return list(dedupe_chars(chars, tolerance=1))


def _words(page: PageObjects, rules: Sequence[Rule] = ()) -> list[Box]:
    """The page's words; a word printed across a vertical ruling line is two words (the digits of
    two cells of a bold row can touch across the rule between them)."""
    verticals = sorted((r.x, r.top, r.bottom) for r in rules if not r.horizontal)
    xs = [v[0] for v in verticals]
    boxes = []
    for word, chars in _word_extractor().iter_extract_tuples(_reboxed(_deduped(page.chars))):
        x0, x1, cy = word["x0"], word["x1"], (word["top"] + word["bottom"]) / 2
        cuts = [
            x for x, top, bottom in verticals[bisect_right(xs, x0) : bisect_left(xs, x1)] if top - 1 <= cy <= bottom + 1
        ]
        if not cuts:
            boxes.append(Box(word["text"], x0, word["top"], x1, word["bottom"]))
            continue
        for piece in _cut(chars, cuts):
            boxes.append(
                Box(
                    "".join(c["text"] for c in piece),
                    min(c["x0"] for c in piece),
                    min(c["top"] for c in piece),
                    max(c["x1"] for c in piece),
                    max(c["bottom"] for c in piece),
                )
            )
    return boxes


def _cut(chars: Sequence[dict[str, Any]], cuts: Sequence[float]) -> list[list[dict[str, Any]]]:
    """A word's characters in pieces, one per stretch between the cuts (by each glyph's centre)."""
    pieces: list[list[dict[str, Any]]] = []
    at = -1
    for c in chars:
        side = bisect_right(cuts, (c["x0"] + c["x1"]) / 2)
        if side != at:
            pieces.append([])
            at = side
        pieces[-1].append(c)
    return pieces


def page_to_content(number: int, width: float, boxes: Sequence[Box], rules: Sequence[Rule]) -> PageContent:
    """A page's words and rules → its tables (ruled areas with text) and its text lines."""
    grids = []
    taken: list[tuple[float, float, float, float]] = []
    for region in _regions(rules):
        grid = region_to_grid(boxes, rules, region)
        if grid.rows < 1 or (grid.cols < 2 and grid.rows < 2):
            continue
        grids.append(grid)
        taken.append(region)
    free = [b for b in boxes if not any(x0 <= b.cx <= x1 and top <= b.cy <= bottom for x0, top, x1, bottom in taken)]
    return PageContent(number, width, tuple(boxes_to_lines(free)), tuple(grids))


def _cid_share(page: PageObjects) -> float:
    chars = page.chars
    if not chars:
        return 0.0
    return sum(1 for c in chars if _CID.fullmatch(c.get("text", ""))) / len(chars)


def iter_pages(
    path: Path,
    max_pages: int | None = None,
    page_seconds: float | None = None,
    progress: ProgressFn | None = None,
) -> Generator[tuple[PageContent, str | None], None, None]:
    """Each page's content in turn, read when asked for (each page's cache is released after it),
    with what kept it from being read from the text layer: None, "blank", "scanned" or "cid"."""
    file = str(path)
    limit = int(max_pages if max_pages is not None else _limit("YUSUAN_MAX_PAGES", MAX_PAGES))
    seconds = page_seconds if page_seconds is not None else _limit("YUSUAN_PAGE_SECONDS", PAGE_SECONDS)
    pdf = _open(path)
    try:
        pages = pdf.pages
        if len(pages) > limit:
            raise UnusableInput(
                file, f"PDF 共 {len(pages)} 页，超过上限 {limit} 页（可设 YUSUAN_MAX_PAGES 调整；too many pages）"
            )
        for i, page in enumerate(pages):
            number = i + 1
            unread: str | None = None
            try:
                with _time_limit(seconds):
                    objects = page_objects(page)
                    if _cid_share(objects) > 0.05:
                        content = PageContent(number, float(page.width), (), ())
                        unread = "cid"
                    else:
                        rules = _rules(objects)
                        boxes = _words(objects, rules)
                        if not boxes:
                            unread = "scanned" if objects.images else "blank"
                        content = page_to_content(number, float(page.width), boxes, rules)
            except _PageTimeout:
                raise UnusableInput(
                    file, f"第 {number} 页处理超时（超过 {seconds:g} 秒；page too slow）", f"page {number}"
                ) from None
            except UnusableInput:
                raise
            except Exception as exc:
                raise UnusableInput(
                    file, f"PDF 第 {number} 页已损坏，无法读取（damaged page: {type(exc).__name__}）", f"page {number}"
                ) from None
            finally:
                page.close()
            if progress is not None:
                progress(number, len(pages))
            yield content, unread
    finally:
        pdf.close()


def read_pages(
    path: Path,
    max_pages: int | None = None,
    page_seconds: float | None = None,
    progress: ProgressFn | None = None,
) -> PdfText:
    """Every page's content, one page at a time (each page's cache is released after it)."""
    return pages_to_text(iter_pages(path, max_pages, page_seconds, progress))


def pages_to_text(pages: Iterable[tuple[PageContent, str | None]]) -> PdfText:
    """The pages `iter_pages` gives, gathered."""
    contents: list[PageContent] = []
    unread: dict[str, list[int]] = {"blank": [], "scanned": [], "cid": []}
    for content, why in pages:
        contents.append(content)
        if why is not None:
            unread[why].append(content.number)
    return PdfText(tuple(contents), tuple(unread["blank"]), tuple(unread["scanned"]), tuple(unread["cid"]))


# How many pages recognition reads before it looks again whether they settle what the package is:
# after every page of the first twelve, then after a quarter more each time (a package that does
# not settle it early is read to its end at a cost of about four readings of its blocks, not one
# per page).
_EVERY_PAGE = 12


def _looks(count: int) -> bool:
    """True when recognition looks at the first `count` pages (the same pages in every reading)."""
    if count <= _EVERY_PAGE:
        return True
    looked = _EVERY_PAGE
    while looked < count:
        looked = max(looked + 1, looked * 5 // 4)
    return looked == count


def pages_to_recognition(
    pages: Iterable[tuple[PageContent, str | None]], file: str
) -> tuple[Recognition | None, list[tuple[PageContent, str | None]]]:
    """What the package is, read from as few of its first pages as settle it (`front_recognition`),
    and the pages taken from `pages` for it. None when no first pages settle it: every page was
    read and did not, or a page needs OCR before the text layer can say more (what the package is
    is then read from all its blocks, OCR'd pages included, by the full reading)."""
    taken: list[tuple[PageContent, str | None]] = []
    for content, unread in pages:
        taken.append((content, unread))
        if unread in ("scanned", "cid"):
            return None, taken
        if _looks(len(taken)):
            found = front_recognition(contents_to_blocks([c for c, _ in taken], file), file)
            if found is not None:
                return found, taken
    return None, taken


# ---------------------------------------------------------------------------------------------
# page contents → blocks


def _grid_lines(grid: PageTable, file: str, page: int) -> tuple[list[TextLine], list[TableLine]]:
    """Table rows with their page and box; leading rows that are one cell across the whole
    table (a title printed inside the frame) become text lines."""
    rows = grid_to_rows(grid)
    titles: list[TextLine] = []
    lines: list[TableLine] = []
    spans = {c.row: c for c in grid.cells if c.col == 0 and c.colspan == grid.cols}
    for r, cells in enumerate(rows):
        top, bottom = grid.ys[r], grid.ys[r + 1]
        source = Source(file, page=page, bbox=(grid.box[0], round(top, 1), grid.box[2], round(bottom, 1)))
        if not lines and r in spans and spans[r].text and not any(cells[1:]):
            titles.append(TextLine(spans[r].text, source, noise=is_noise(spans[r].text)))
            continue
        lines.append(TableLine(cells, source))
    return titles, lines


def _box(row: TextRow) -> tuple[float, float, float, float]:
    return (round(row.x0, 1), round(row.top, 1), round(row.x1, 1), round(row.bottom, 1))


def contents_to_blocks(pages: Sequence[PageContent], file: str) -> list[Block]:
    """Pages → blocks in reading order; wrapped lines of a paragraph are joined (across a page
    break too), so each text block is one paragraph, as in OCR markdown."""
    items: list[tuple[int, float, object]] = []
    for page in pages:
        for row in page.lines:
            items.append((page.number, row.top, row))
        for grid in page.grids:
            items.append((page.number, grid.box[1], grid))
    items.sort(key=lambda t: (t[0], t[1]))
    page_numbers = _page_numbers(pages)
    left, right = _margins(pages)
    counts = {page.number: len(page.lines) for page in pages}
    furniture = running_lines(pages)
    blocks: list[Block] = []
    paragraph: list[TextRow] = []
    start: tuple[int, TextRow] | None = None
    last_page = 0  # the page of the paragraph's last line
    footnote_page = 0  # the page whose footnote is being read

    footnote: list[tuple[int, TextRow]] = []

    def end_footnote() -> None:
        if footnote:
            text = join_wrapped([r.text for _, r in footnote])
            page, first = footnote[0]
            blocks.append(TextLine(text, Source(file, page=page, bbox=_box(first))))
            footnote.clear()

    def flush() -> None:
        nonlocal paragraph, start
        if paragraph and start is not None:
            text = join_wrapped([r.text for r in paragraph])
            blocks.append(TextLine(text, Source(file, page=start[0], bbox=_box(start[1])), noise=is_noise(text)))
        paragraph, start = [], None

    for number, _, item in items:
        if isinstance(item, TextRow):
            if is_noise(item.text) or id(item) in page_numbers or (number, item.top) in furniture:
                # page furniture (a page number in the footer) between the two halves of a
                # paragraph that runs on over a page break: kept, but it does not end the paragraph
                blocks.append(TextLine(item.text, Source(file, page=number, bbox=_box(item)), noise=True))
                continue
            # the last line reaches its own page's right margin (when that page has lines enough
            # to tell one: a table's page with one note under it has none)
            edge = right.get(last_page if counts.get(last_page, 0) >= 4 else number, 0.0)
            if paragraph and continues(paragraph[-1], item, left.get(number, 0.0), edge, number != last_page):
                paragraph.append(item)
                last_page = number
                continue
            if paragraph and number == last_page and _footnote(paragraph[-1], item, footnote_page == number):
                footnote_page = number
                # a footnote in small type at the foot of the page, under a paragraph that runs on to the
                # next page ("…资金减少21,159.85万元，" / "* 因预算单位…下同。" / "政府性基金预算拨款减少…"): kept
                # as a paragraph of its own, and the paragraph goes on past it
                footnote.append((number, item))
                continue
            flush()
            end_footnote()
            paragraph, start, last_page = [item], (number, item), number
            continue
        assert isinstance(item, PageTable)
        flush()
        end_footnote()
        titles, rows = _grid_lines(item, file, number)
        blocks.extend(titles)
        if rows:
            x0, top, x1, bottom = item.box
            box = (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
            blocks.append(TableBlock(tuple(rows), Source(file, page=number, bbox=box)))
    flush()
    end_footnote()
    return blocks


def _footnote(last: TextRow, row: TextRow, going_on: bool) -> bool:
    """True for a line of a footnote: in type much smaller than the paragraph above it, below it,
    while that paragraph is left open (its last line ends in no full stop), opening with a
    footnote mark ("*", "※", "注：") or going on with the footnote begun above."""
    return (
        row.size <= 0.8 * (last.size or 1.0)
        and row.top > last.bottom
        and last.text.rstrip()[-1:] not in "。！？!?：:"
        and (going_on or row.text.lstrip().startswith(("*", "＊", "※", "注：", "注:")))
    )


_PAGE_NUMBER = re.compile(r"^\d{1,3}(?:\s+\d{1,3})?$")


def _page_numbers(pages: Sequence[PageContent]) -> set[int]:
    """The lines that are a bare page number ("17", or "19 20" on a landscape page printed as a
    spread) standing below everything else on their page: page furniture, like "- 17 -"."""
    found: set[int] = set()
    for page in pages:
        if not page.lines:
            continue
        last = max(page.lines, key=lambda r: r.top)
        lowest = max([r.bottom for r in page.lines if r is not last] + [g.box[3] for g in page.grids], default=0.0)
        if _PAGE_NUMBER.match(last.text.strip()) and last.top >= lowest - 1:
            found.add(id(last))
    return found


_UNIT_LINE = re.compile(r"单位[:：](万元|元)")


def running_lines(pages: Sequence[PageContent]) -> set[tuple[int, float]]:
    """The running head and foot of a document: the same line printed above everything else (or
    below everything else) on most pages ("苏州市交通运输局 2026 年度部门预算公开"), as (page, top).

    Such a line is page furniture: a table continued on the next page continues under it. Its first
    printing stays text (it may be the cover's title), and a line that is a table's or a form's
    title is never furniture (some packages print a title on every page of its table or form)."""
    places: dict[str, list[tuple[int, float]]] = {}
    pages_with_lines = 0
    for page in pages:
        if not page.lines:
            continue
        pages_with_lines += 1
        rows = sorted(page.lines, key=lambda r: r.top)
        grid_top = min((g.box[1] for g in page.grids), default=float("inf"))
        grid_bottom = max((g.box[3] for g in page.grids), default=float("-inf"))
        head, foot = rows[0], rows[-1]
        # the first line when it stands above every table, the last when it stands below every one
        ends = [r for r, outside in ((head, head.bottom <= grid_top), (foot, foot.top >= grid_bottom)) if outside]
        for row in ends[:1] if len(ends) == 2 and head is foot else ends:
            places.setdefault(compact(row.text), []).append((page.number, row.top))
    found: set[tuple[int, float]] = set()
    for text, where in places.items():
        if len(where) < 3 or len(where) * 5 < pages_with_lines * 2 or is_noise(text) or _UNIT_LINE.search(text):
            continue  # (a table's "编制单位：X 单位：元" line, printed on every page of tables, is no furniture)
        if kind_from_title(text) is not None or is_form_title(text):
            continue
        found.update(where[1:])
    return found


def _margins(pages: Sequence[PageContent]) -> tuple[dict[int, float], dict[int, float]]:
    """The left and right text margins of each page: the edges most lines start and end at."""
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for page in pages:
        if not page.lines:
            continue
        xs0 = sorted(r.x0 for r in page.lines)
        xs1 = sorted(r.x1 for r in page.lines)
        left[page.number] = xs0[len(xs0) // 10]
        right[page.number] = xs1[-1 - len(xs1) // 10] if len(xs1) > 3 else xs1[-1]
    return left, right


def pdf_to_blocks(
    path: Path,
    max_pages: int | None = None,
    page_seconds: float | None = None,
    progress: ProgressFn | None = None,
) -> list[Block]:
    """A text PDF → blocks (pages without a usable text layer give none)."""
    return contents_to_blocks(read_pages(path, max_pages, page_seconds, progress).pages, str(path))


def _pages_text(pages: Sequence[int]) -> str:
    shown = "、".join(str(p) for p in pages[:8])
    return shown + ("等" if len(pages) > 8 else "")


def _ocr(path: Path, numbers: Sequence[int], progress: ProgressFn | None) -> list[Any] | None:
    """The OCR'd pages `numbers` (within OCR's own page limit); None when no OCR reader is installed."""
    try:
        from .ocr import OcrOptions, pdf_to_pages
    except ImportError:
        return None
    return list(pdf_to_pages(path, OcrOptions(pages=tuple(numbers)), progress))


def read_pdf(path: Path, progress: ProgressFn | None = None, max_pages: int | None = None) -> Reading:
    """A PDF → its blocks. Pages that are only an image, or whose fonts extract as (cid:N), are read
    by OCR when it is available; otherwise a document with no readable page is refused in one line
    and a partly unreadable one is read with a note naming the pages left out."""
    return pdf_text_to_reading(path, read_pages(path, max_pages=max_pages, progress=progress), progress)


def pdf_text_to_reading(path: Path, text: PdfText, progress: ProgressFn | None = None) -> Reading:
    """A PDF's text layer (`read_pages`) → its blocks, the pages it cannot give read by OCR (see
    `read_pdf`)."""
    file = str(path)
    blocks = contents_to_blocks(text.pages, file)
    recognition, _ = pages_to_recognition(((page, _unread(text, page.number)) for page in text.pages), file)
    need = sorted({*text.scanned, *text.cid})
    readable = len(text.pages) - len(need) - len(text.blank)
    reader = "pdf"
    notes: list[ReadNote] = []
    ocr_pages: list[Any] = []
    if need:
        try:
            ocr = _ocr(path, need, progress)
        except UnusableInput as exc:
            if readable <= 0:
                raise
            ocr = None
            notes.append(ReadNote(NoteLevel.WARNING, f"OCR 不可用：{exc.reason}", Source(file, page=need[0]), "no-ocr"))
        if ocr is not None:
            blocks = sorted([*blocks, *(b for page in ocr for b in page.blocks)], key=lambda b: b.source.page or 0)
            notes.extend(n for page in ocr for n in page.notes)
            reader = "pdf+ocr" if readable > 0 else "ocr"
            ocr_pages = ocr
        elif readable <= 0:
            if text.cid:
                raise UnusableInput(
                    file,
                    "PDF 字体无法提取文字（(cid:N) 编码），需要 OCR，但未安装 OCR 组件（fonts without text mapping）",
                    f"page {text.cid[0]}",
                )
            raise UnusableInput(
                file, "PDF 没有文字层（扫描件），需要 OCR，但未安装 OCR 组件（no text layer）", "page 1"
            )
        else:
            if text.cid:
                notes.append(
                    ReadNote(
                        NoteLevel.WARNING,
                        f"第 {_pages_text(text.cid)} 页的字体无法提取文字（(cid:N)），未读取这些页",
                        Source(file, page=text.cid[0]),
                        "unreadable-font",
                    )
                )
            if text.scanned:
                notes.append(
                    ReadNote(
                        NoteLevel.WARNING,
                        f"第 {_pages_text(text.scanned)} 页是扫描图像，没有文字层，未读取这些页",
                        Source(file, page=text.scanned[0]),
                        "no-text-page",
                    )
                )
    if readable <= 0 and not need:
        raise UnusableInput(file, "PDF 没有任何文字（空白文件）", "page 1")
    notes.extend(
        ReadNote(
            NoteLevel.INFO, f"第 {number} 页是空白页（没有文字，也没有图像）", Source(file, page=number), "blank-page"
        )
        for number in text.blank
    )
    cells = tuple(cell for page in ocr_pages for cell in page.cells)
    return Reading(file, reader, blocks, tuple(notes), cells, recognition=recognition)


def _unread(text: PdfText, number: int) -> str | None:
    """What kept page `number` from being read from the text layer (as `iter_pages` says it)."""
    for why, numbers in (("blank", text.blank), ("scanned", text.scanned), ("cid", text.cid)):
        if number in numbers:
            return why
    return None


__all__ = [
    "MAX_PAGES",
    "PAGE_SECONDS",
    "PageContent",
    "PdfText",
    "contents_to_blocks",
    "iter_pages",
    "page_to_content",
    "pages_to_recognition",
    "pages_to_text",
    "pdf_text_to_reading",
    "pdf_to_blocks",
    "read_pages",
    "read_pdf",
]
