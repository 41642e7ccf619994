"""One page image → blocks: ruled tables cell by cell, and the text around them as paragraphs.

Inside a ruled table each cell is read on its own (its lines of ink cropped and recognised), so
text never runs from one cell into the next even where a number touches the rule beside it.
Outside tables the detector finds the lines of text, which are then joined into paragraphs (a
paragraph of OCR markdown is one line, and the recogniser expects the same from every reader).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ...model import LOW_CONFIDENCE, NoteLevel, OcrCell, ReadNote, Source
from ...text import halfwidth, is_amount, join_recognised
from ..blocks import Block, TableBlock, TableLine, TextLine, is_noise
from ..grid import PageTable
from .cells import repair_number
from .engine import Box, Engine, Gray, Word
from .grid import image_to_rulings, ink_level, rulings_to_grids
from .labels import is_label, known_label
from .orient import straighten
from .pages import PageImage

# Bound on the work one page can ask for (a page of tiny cells, or a noise field read as a grid).
MAX_CELLS = 4000


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR read on one page: blocks, confidence, how the page was turned, cells and notes.

    `notes` starts with the page's "ocr-confidence" note, then the cells to check.
    """

    number: int
    blocks: tuple[Block, ...]
    confidence: float | None  # mean over characters; None when the page has no text
    characters: int
    quarter_turns: int
    skew: float
    notes: tuple[ReadNote, ...] = ()
    cells: tuple[OcrCell, ...] = ()


@dataclass(frozen=True, slots=True)
class _Piece:
    """A recognised line of text inside a cell, or a detected line outside tables."""

    text: str
    box: Box
    confidence: float
    # The widest gap between two words of the line, in line heights: a 目录 entry and its page
    # number, or "部门名称：…" and "单位：万元", are far apart; the words of running text are not.
    gap: float = 0.0


# A line whose words stand this many line heights apart is laid out in columns (a 目录 line with
# its page number, dot leaders lost), not running text: it is a paragraph of its own.
_COLUMN_GAP = 3.0


def read_page(page: PageImage, file: str, engine: Engine, low_confidence: float = LOW_CONFIDENCE) -> OcrPage:
    """OCR one page image into blocks (tables and paragraphs, top to bottom) with its notes."""
    upright = straighten(page.gray, engine)
    gray = upright.gray
    rulings = image_to_rulings(gray)
    grids = [g for g in rulings_to_grids(rulings) if g.rows >= 1 and g.cols >= 1]
    erased = _without_rules(gray, rulings.mask, grids)
    # How much darker than its own background a pixel must be to count as ink (the page's paper
    # and grain decide it; a cell's background may be shaded, so each cell measures its own).
    contrast = int(np.median(gray[::3, ::3])) - ink_level(gray)

    scale = page.points_per_pixel
    notes: list[ReadNote] = []
    cells: list[OcrCell] = []
    placed: list[tuple[float, Block]] = []
    scores: list[tuple[str, float]] = []

    cells_done = 0
    for grid in grids:
        cells_done += len(grid.cells)
        if cells_done > MAX_CELLS:
            where = Source(file, page=page.number, bbox=_points(grid.box, scale))
            message = f"第{page.number}页表格单元格超过 {MAX_CELLS} 个，其余表格未识别（too many cells）"
            notes.append(ReadNote(NoteLevel.WARNING, message, where, "ocr-cell-limit"))
            break
        table, got, flagged = _table(grid, erased, contrast, engine, file, page.number, scale, low_confidence)
        if table is not None:
            placed.append((grid.ys[0], table))
        scores.extend((c.raw, c.confidence) for c in got)
        cells.extend(got)
        notes.extend(flagged)

    outside = erased.copy()
    for grid in grids:
        x0, y0, x1, y1 = _pixels(grid.box, pad=3, shape=gray.shape)
        outside[y0:y1, x0:x1] = 255
    words = [w for w in engine.read(outside) if w.text.strip()]
    scores.extend((w.text, w.confidence) for w in words)
    for top, line in _paragraphs(words, file, page.number, scale, gray.shape[0]):
        placed.append((top, line))

    placed.sort(key=lambda item: item[0])
    characters = sum(len(t) for t, _ in scores)
    confidence = sum(len(t) * s for t, s in scores) / characters if characters else None
    summary = _confidence_note(file, page.number, confidence, characters, upright.quarter_turns, upright.skew)
    return OcrPage(
        page.number,
        tuple(block for _, block in placed),
        confidence,
        characters,
        upright.quarter_turns,
        upright.skew,
        (summary, *notes),
        tuple(cells),
    )


def _confidence_note(
    file: str, page: int, confidence: float | None, characters: int, turns: int, skew: float
) -> ReadNote:
    """The page's "ocr-confidence" note: mean confidence, characters read, and how it was straightened."""
    if confidence is None:
        message = f"第{page}页 OCR 没有识别出文字"
    else:
        message = f"第{page}页 OCR 平均置信度 {confidence:.3f}（{characters} 字）"
    if turns:
        message += f"，页面已旋转 {turns * 90}°"
    if skew:
        message += f"，已纠正倾斜 {skew:+.2f}°"
    return ReadNote(NoteLevel.INFO, message, Source(file, page=page), "ocr-confidence")


def _table(
    grid: PageTable,
    gray: Gray,
    contrast: int,
    engine: Engine,
    file: str,
    page: int,
    scale: float,
    low_confidence: float,
) -> tuple[TableBlock | None, list[OcrCell], list[ReadNote]]:
    """A ruled grid → a table block; each cell's lines of ink are cropped and recognised."""
    found = [_ink_bands(gray, cell.box, contrast) for cell in grid.cells]
    heights = [band[1] - band[0] for bands, _ in found for band in bands]
    # The table's line height: most cells hold one line, so the tallest quarter of bands is a line.
    line_height = float(np.percentile(heights, 75)) if heights else 0.0
    crops: list[Gray] = []
    owners: list[int] = []
    for index, (cell, (bands, background)) in enumerate(zip(grid.cells, found, strict=True)):
        x0, y0, x1, y1 = _pixels(cell.box, pad=0, shape=gray.shape)
        for top, bottom, left, right in _text_lines(bands, line_height):
            left, right = _faint_ends(gray, (x0 + 3, top, x1 - 2, bottom), left, right, background, contrast)
            # A small white margin helps the recognizer; a wide one, with the paper's grain in it,
            # makes it drop characters.
            pad_x, pad_y = max(4, round(0.5 * (bottom - top))), max(3, (bottom - top) // 4)
            crop = gray[max(y0, top - pad_y) : min(y1, bottom + pad_y), max(x0, left - pad_x) : min(x1, right + pad_x)]
            crops.append(_whiten(crop, background))
            owners.append(index)
    results = _recognize_with_votes(engine, crops)
    pieces: dict[int, list[tuple[str, float]]] = {}
    for owner, (text, score) in zip(owners, results, strict=True):
        if text.strip():
            pieces.setdefault(owner, []).append((text.strip(), score))

    texts = [[""] * grid.cols for _ in range(grid.rows)]
    cells: list[OcrCell] = []
    notes: list[ReadNote] = []
    for index, cell in enumerate(grid.cells):
        parts = pieces.get(index, [])
        if not parts:
            continue
        raw = join_recognised([t for t, _ in parts])
        score = min(s for _, s in parts)
        text, repair = repair_number(raw)
        label = known_label(text) if repair is None else None
        where = Source(file, page=page, bbox=_points(cell.box, scale))
        if label is not None:
            notes.append(
                ReadNote(
                    NoteLevel.INFO,
                    f"第{page}页表头 OCR 读作“{raw}”，与常用表头“{label}”仅差一两个字，按“{label}”读取",
                    where,
                    "ocr-label",
                )
            )
            text = label
        texts[cell.row][cell.col] = text
        cells.append(OcrCell(page, text, raw, score, _points(cell.box, scale)))
        if repair is not None:
            notes.append(
                ReadNote(
                    NoteLevel.WARNING,
                    f"第{page}页表格单元格 OCR 读作“{raw}”，按数字格式改为“{text}”（{repair}），请核对原件",
                    where,
                    "ocr-repaired",
                )
            )
        elif score < low_confidence and label is None:
            notes.append(
                ReadNote(
                    NoteLevel.WARNING,
                    f"第{page}页表格单元格“{text}”OCR 置信度低（{score:.2f}），请核对原件",
                    where,
                    "ocr-low-confidence",
                )
            )
    rows = []
    for r in range(grid.rows):
        if not any(texts[r]):
            continue  # an empty printed row carries nothing
        box = (grid.xs[0], grid.ys[r], grid.xs[-1], grid.ys[r + 1])
        rows.append(TableLine(tuple(texts[r]), Source(file, page=page, bbox=_points(box, scale))))
    if not rows:
        return None, cells, notes
    return TableBlock(tuple(rows), Source(file, page=page, bbox=_points(grid.box, scale))), cells, notes


# A reading at least this confident is taken as it is; a less confident one is read again.
_SURE = 0.97


def _recognize_with_votes(engine: Engine, crops: Sequence[Gray]) -> list[tuple[str, float]]:
    """Recognise crops; doubtful ones are read again in three variants and the readings vote.

    A doubtful reading is one below `_SURE` confidence or a number that does not fit the grammar
    (a stray speck read as a decimal point, a point read as a colon). The variants (more white
    margin, a median filter, three times the size) change what noise the model sees, not the text.
    """
    first = engine.recognize(crops)
    doubtful = [i for i, (text, score) in enumerate(first) if score < _SURE or _unparsed_number(text)]
    if not doubtful:
        return first
    readings = {i: [first[i]] for i in doubtful}
    for variant in (_with_margin, _median, _enlarged):
        again = engine.recognize([variant(crops[i]) for i in doubtful])
        for i, reading in zip(doubtful, again, strict=True):
            readings[i].append(reading)
    result = list(first)
    for i, candidates in readings.items():
        result[i] = _vote(candidates)
    return result


def _vote(candidates: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """The reading most variants agree on (a known header label first; ties: one that fits the number
    grammar, then confidence).

    Its confidence is the agreeing readings' mean, scaled down by the share that disagree when
    fewer than three in four agree, so a disputed cell is reported for checking.
    """
    groups: dict[str, list[tuple[str, float]]] = {}
    for text, score in candidates:
        groups.setdefault(halfwidth(text.strip()), []).append((text.strip(), score))

    def rank(item: tuple[str, list[tuple[str, float]]]) -> tuple[bool, int, bool, float]:
        # A reading that is exactly a header label wins: a misreading rarely lands on one.
        key, members = item
        return (is_label(key), len(members), is_amount(key), sum(score for _, score in members))

    _, members = max(groups.items(), key=rank)
    text, _ = max(members, key=lambda m: m[1])
    share = len(members) / len(candidates)
    confidence = sum(score for _, score in members) / len(members)
    return text, confidence if share >= 0.75 else confidence * share


def _unparsed_number(text: str) -> bool:
    """A reading that looks like a number but is not one as printed, or has a gap inside it."""
    stripped = halfwidth(text.strip())
    if not _NUMBER_LIKE.fullmatch(stripped):
        return False
    return not is_amount(stripped) or bool(re.search(r"\d\s+\d", stripped))


_NUMBER_LIKE = re.compile(r"[\d.,:;\s()+-]*\d[\d.,:;\s()+-]*")


def _with_margin(crop: Gray) -> Gray:
    import cv2

    pad = max(4, crop.shape[0] // 3)
    return np.asarray(cv2.copyMakeBorder(crop, pad, pad, pad * 2, pad * 2, cv2.BORDER_CONSTANT, value=255), np.uint8)


def _median(crop: Gray) -> Gray:
    import cv2

    return np.asarray(cv2.medianBlur(crop, 3), np.uint8)


def _enlarged(crop: Gray) -> Gray:
    import cv2

    return np.asarray(cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_LANCZOS4), np.uint8)


def _without_rules(gray: Gray, mask: np.ndarray, grids: Sequence[PageTable]) -> Gray:
    """`gray` with the rules of its grids erased: a rule touching a digit would be read as "1".

    Only the grids' own lines are erased, where the rule mask meets them: the strokes of large
    title characters, and a row of horizontal strokes in small bold type (基本支出), are as long
    as a short rule, and erasing them would erase the text.
    """
    erased = gray.copy()
    keep = np.zeros_like(mask)
    height, width = gray.shape
    for grid in grids:
        x0, y0, x1, y1 = _pixels(grid.box, pad=6, shape=gray.shape)
        for y in grid.ys:
            keep[max(0, round(y) - 4) : min(height, round(y) + 5), x0:x1] = 1
        for x in grid.xs:
            keep[y0:y1, max(0, round(x) - 4) : min(width, round(x) + 5)] = 1
    erased[(mask > 0) & (keep > 0)] = 255
    return erased


def _without_specks(ink: np.ndarray, largest: int = 3) -> np.ndarray:
    """Ink without isolated specks of at most `largest` pixels (scanner noise); thin strokes such as
    一 are far larger."""
    import cv2

    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    speck = stats[:, cv2.CC_STAT_AREA] <= largest
    speck[0] = False  # the background
    return np.asarray(ink & ~speck[labels], dtype=np.bool_)


Band = tuple[int, int, int, int, int]  # top, bottom, left, right (page pixels), ink pixels


def _ink_bands(gray: Gray, box: Box, contrast: int) -> tuple[list[Band], int]:
    """The bands of rows with ink inside a cell, each with its ink's left and right end and amount,
    and the cell's background level."""
    height, width = gray.shape
    # Ink is looked for a little inside the rules (their stubs are not text).
    x0, y0 = max(0, round(box[0])) + 3, max(0, round(box[1])) + 3
    x1, y1 = min(width, round(box[2])) - 2, min(height, round(box[3])) - 2
    if x1 - x0 < 4 or y1 - y0 < 4:
        return [], 255
    region = gray[y0:y1, x0:x1]
    background = int(np.median(region))
    # Specks grow with the resolution a scan is rendered at (a 150 dpi scan read at 200 dpi): 4 px
    # at 150 dpi, 16 at 200 for an A4 page. Dropping a decimal point here is harmless: this only
    # finds where the lines are, and the crop keeps every pixel.
    area = _without_specks(region < background - contrast, max(3, (min(height, width) // 400) ** 2))
    rows = np.flatnonzero(area.sum(axis=1) > 0)
    if rows.size == 0:
        return [], background
    spans: list[list[int]] = [[int(rows[0]), int(rows[0])]]
    for r in rows[1:]:
        if r - spans[-1][1] <= 2:
            spans[-1][1] = int(r)
        else:
            spans.append([int(r), int(r)])
    bands = []
    for top, bottom in spans:
        band = area[top : bottom + 1]
        cols = np.flatnonzero(band.sum(axis=0) > 0)
        bands.append((y0 + top, y0 + bottom + 1, x0 + int(cols[0]), x0 + int(cols[-1]) + 1, int(band.sum())))
    return bands, background


def _text_lines(bands: list[Band], line_height: float) -> list[tuple[int, int, int, int]]:
    """Bands → lines of text: pieces of one line (a character whose strokes leave a gap, such as 合
    in a small font) are joined; specks, grain and rule stubs, far shorter or fainter than a line
    of text (a lone "1" has about two line heights of ink), are dropped. A line of one flat stroke
    as wide as a character after a line of text is the 一 a wrapped text ends with ("…的二分之" /
    "一"): it is kept, as a line of a whole line's height around the stroke (the recogniser reads
    a stroke alone in a thin crop as nothing)."""
    lines: list[list[int]] = []
    for top, bottom, left, right, ink in bands:
        if lines and bottom - lines[-1][0] <= 1.35 * line_height:
            last = lines[-1]
            last[1], last[2], last[3], last[4] = bottom, min(last[2], left), max(last[3], right), last[4] + ink
        else:
            lines.append([top, bottom, left, right, ink])
    kept: list[tuple[int, int, int, int]] = []
    for t, b, lft, r, ink in lines:
        if b - t >= max(5, 0.45 * line_height) and ink >= 1.5 * line_height:
            kept.append((t, b, lft, r))
        elif kept and b - t <= 0.35 * line_height and 0.5 * line_height <= r - lft <= 1.3 * line_height:
            middle, half = (t + b) // 2, round(line_height / 2)
            kept.append((middle - half, middle + half, lft, r))
    return kept


def _faint_ends(
    gray: Gray, box: tuple[int, int, int, int], left: int, right: int, background: int, contrast: int
) -> tuple[int, int]:
    """A line's left and right end, reaching out to fainter ink next to it: thin strokes at a line's
    ends (the 一 of 一般) are lighter than the level that found the line."""
    x0, top, x1, bottom = box
    height = bottom - top
    lo, hi = max(x0, left - round(1.2 * height)), min(x1, right + round(1.2 * height))
    if hi <= lo or bottom <= top:
        return left, right
    faint = _without_specks(gray[top:bottom, lo:hi] < background - contrast * 0.6)
    cols = np.flatnonzero(faint.sum(axis=0) > 1)
    if cols.size == 0:
        return left, right
    return min(left, lo + int(cols[0])), max(right, lo + int(cols[-1]) + 1)


def _whiten(crop: Gray, background: int) -> Gray:
    """`crop` with its background stretched to white (shaded header cells read like plain ones)."""
    if background >= 250:
        return crop
    scaled = crop.astype(np.float32) * (255.0 / max(background, 1))
    return np.asarray(np.clip(scaled, 0, 255), dtype=np.uint8)


# A page number as OCR reads it: digits with dashes that may be read as 一 or lost ("一22", "-23").
_PAGE_NUMBER = re.compile(r"^[-—－一~～\s]*(?:第\s*)?\d{1,4}(?:\s*页)?[-—－一~～\s]*$")
# The head and foot margins of a page, as shares of its height, where a page number is furniture.
_HEAD, _FOOT = 0.06, 0.90


def _paragraphs(
    words: Sequence[Word], file: str, page: int, scale: float, page_height: int
) -> list[tuple[float, TextLine]]:
    """Detected lines of text → paragraphs (one TextLine each), with their top in pixels. A page
    number in the head or foot margin is noise, however its dashes were read."""
    lines = _visual_lines(words)
    if not lines:
        return []
    left = min(line.box[0] for line in lines)
    right = max(line.box[2] for line in lines)
    paragraphs: list[list[_Piece]] = []
    for line in lines:
        height = line.box[3] - line.box[1]
        if paragraphs:
            previous = paragraphs[-1][-1]
            gap = line.box[1] - previous.box[3]
            ended_short = previous.box[2] < right - 2.5 * height
            indented = line.box[0] > left + 1.5 * height
            columns = max(previous.gap, line.gap) > _COLUMN_GAP
            if not (ended_short or indented or columns or gap > 0.9 * height):
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    found = []
    for paragraph in paragraphs:
        text = join_recognised([p.text for p in paragraph])
        box = (
            min(p.box[0] for p in paragraph),
            min(p.box[1] for p in paragraph),
            max(p.box[2] for p in paragraph),
            max(p.box[3] for p in paragraph),
        )
        source = Source(file, page=page, bbox=_points(box, scale))
        margin = box[3] < _HEAD * page_height or box[1] > _FOOT * page_height
        noise = is_noise(text) or (margin and _PAGE_NUMBER.match(text) is not None)
        found.append((box[1], TextLine(text, source, noise=noise)))
    return found


def _visual_lines(words: Sequence[Word]) -> list[_Piece]:
    """Words on the same baseline → one line each, left to right, lines top to bottom."""
    ordered = sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2)
    lines: list[list[Word]] = []
    for word in ordered:
        middle = (word.box[1] + word.box[3]) / 2
        if lines:
            last = lines[-1]
            top = min(w.box[1] for w in last)
            bottom = max(w.box[3] for w in last)
            if top <= middle <= bottom:
                last.append(word)
                continue
        lines.append([word])
    pieces = []
    for line in lines:
        line.sort(key=lambda w: w.box[0])
        text = line[0].text
        widest = 0.0
        for before, word in pairwise(line):
            height = word.box[3] - word.box[1]
            space = word.box[0] - before.box[2]
            widest = max(widest, space / max(height, 1.0))
            # Words far apart on one line ("编制部门：…      单位：元") keep a space between them.
            text += (" " if space > 0.8 * height else "") + word.text
        box = (
            min(w.box[0] for w in line),
            min(w.box[1] for w in line),
            max(w.box[2] for w in line),
            max(w.box[3] for w in line),
        )
        pieces.append(_Piece(text, box, min(w.confidence for w in line), widest))
    return pieces


def _pixels(box: Box, pad: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """`box` grown by `pad` pixels, as integer bounds inside an image of `shape`."""
    return (
        max(0, round(box[0]) - pad),
        max(0, round(box[1]) - pad),
        min(shape[1], round(box[2]) + pad + 1),
        min(shape[0], round(box[3]) + pad + 1),
    )


def _points(box: Box, scale: float) -> tuple[float, float, float, float]:
    return (
        round(box[0] * scale, 1),
        round(box[1] * scale, 1),
        round(box[2] * scale, 1),
        round(box[3] * scale, 1),
    )
