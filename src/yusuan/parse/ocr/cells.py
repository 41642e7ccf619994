"""Table cells as read by OCR → cell text, with number misreads repaired only where the grammar is sure.

The recognizer sometimes reads a thousands separator as a decimal point (or the reverse), or a
zero as the letter O. A repair is made only when exactly one reading fits the number grammar of
`yusuan/text.py`, and it is always reported (the caller turns it into a note), so a misread
stays visible: nothing is fixed silently.
"""

from __future__ import annotations

import re

from ...text import halfwidth, parse_amount

_NUMBERISH = re.compile(r"[-+(]?[\dOoIlZSB][\dOoIlZSB,.:;\s]*[)%]?")
_LETTERS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "Z": "2", "S": "5", "B": "8"})
_GROUPED = re.compile(r"(\d{1,3})((?:[.,;:]\d{3})+)(?:[.,;:](\d{1,2}))?")
_DECIMAL_COMMA = re.compile(r"(\d+),(\d{1,2})")
# The decimal point read as a colon or semicolon, or lost (a gap before the last two digits).
_DECIMAL_MARK = re.compile(r"([\d,]*\d)(?:[:;]|\s+)(\d{2})")


def repair_number(text: str) -> tuple[str, str | None]:
    """`text` as a cell should hold it, and why it was changed (None when unchanged).

    "96.282,213.44" → ("96,282,213.44", …); "1O0.00" → ("100.00", …); "ZZ78800.00" →
    ("2278800.00", …); "12,5" → ("12.5", …);
    anything that already parses, or that no single repair makes parse, is returned unchanged.
    """
    stripped = text.strip()
    if not stripped or not _NUMBERISH.fullmatch(halfwidth(stripped)):
        return text, None
    mark = _DECIMAL_MARK.fullmatch(halfwidth(stripped).lstrip("-+"))
    if mark and "." not in stripped:
        fixed = ("-" if halfwidth(stripped).startswith("-") else "") + f"{mark.group(1)}.{mark.group(2)}"
        if _parses(fixed):
            return fixed, "小数点读成冒号或空白"
    if _parses(stripped):
        return text, None
    if stripped[-1:] in ".,:;" and len(stripped) > 1:
        # A speck after the last digit read as a point: repaired only when the rest is a number.
        fixed, why = repair_number(stripped[:-1])
        if _parses(fixed):
            return fixed, "末尾多出标点" + (f"，{why}" if why else "")
    candidate = re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", halfwidth(stripped)).translate(_LETTERS)
    if re.search(r"\d", halfwidth(stripped)) and _parses(candidate):
        return candidate, "字母当作数字（O→0, l→1, Z→2, S→5, B→8）"
    sign = ""
    body = candidate
    if body[:1] in "-+":
        sign, body = body[0], body[1:]
    grouped = _GROUPED.fullmatch(body)
    if grouped:
        head, groups, decimals = grouped.groups()
        fixed = sign + head + re.sub(r"[.;:]", ",", groups) + (f".{decimals}" if decimals else "")
        if _parses(fixed):
            return fixed, "千分位与小数点混淆"
    comma = _DECIMAL_COMMA.fullmatch(body)
    if comma:
        fixed = f"{sign}{comma.group(1)}.{comma.group(2)}"
        if _parses(fixed):
            return fixed, "小数点读成逗号"
    return text, None


def _parses(text: str) -> bool:
    try:
        parse_amount(text)
    except ValueError:
        return False
    return True
