"""A page's content streams interpreted as pdfminer interprets them, tokenised in one pass.

pdfminer's interpreter reads a content stream a token at a time through a state machine (a method
call per character class, a debug log call per token and per object): most of a text page's
reading time. `FastInterpreter` is pdfminer's `PDFPageInterpreter` with one difference: its
`execute` cuts each stream into tokens with one regular expression and hands the operators and
their operands to the same `do_*` methods, in the same order, with the same values (numbers, names,
strings, arrays and dictionaries as pdfminer's parser makes them, its quirks included). What it
does not handle the same way for certain (an inline image, a procedure, an unbalanced dictionary,
a token cut by the end of a stream, an escape at a buffer's edge) it leaves to pdfminer's own
`execute` for the whole stream list before any operator is run, so the page is drawn exactly as
pdfminer draws it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, keyword_name, literal_name

# pdfminer's lexical classes (psparser.py): whitespace is bytes' \s; a NUL byte is skipped; a
# name and a keyword end at any of #/%[]()<>{} or whitespace; a number is digits with at most one
# point, a sign in front.
_DELIMITED = rb"[^#/%\[\]()<>{}\s]"
_TOKEN = re.compile(
    rb"[\s\x00]*(?:"  # whitespace before a token is nothing
    rb"%[^\r\n]*"  # nor is a comment
    rb"|/(?P<name>(?:" + _DELIMITED + rb"|#[0-9A-Fa-f]{0,2})*)"
    rb"|(?P<number>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)"
    rb"|(?P<keyword>[A-Za-z]" + _DELIMITED + rb"*)"
    rb"|(?P<string>\()"
    rb"|(?P<dict><<)|(?P<enddict>>>)"
    rb"|<(?P<hex>[0-9A-Fa-f\s]*)(?=[^0-9A-Fa-f\s])"
    rb"|(?P<unsure><|>\Z)"
    rb"|>"  # a lone '>' is nothing to pdfminer
    rb"|(?P<char>.)"
    rb"|\Z)",
    re.DOTALL,
)
_NAME_HEX = re.compile(rb"#([0-9A-Fa-f]{0,2})")
_HEX_AT_END = re.compile(rb"#[0-9A-Fa-f]{0,2}\Z")
_SPACE = re.compile(rb"\s")
_STRING_PART = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {ord(k): v for k, v in {"b": 8, "t": 9, "n": 10, "f": 12, "r": 13, "(": 40, ")": 41, "\\": 92}.items()}
_BUFSIZ = 4096  # pdfminer reads a stream in pieces of this size; an escape at a piece's edge differs

_ARRAY, _END_ARRAY = KWD(b"["), KWD(b"]")
_DICT_BEGIN, _DICT_END = KWD(b"<<"), KWD(b">>")
_PROCEDURE = (KWD(b"{"), KWD(b"}"))
_INLINE_IMAGE = (KWD(b"BI"), KWD(b"ID"))


class _Unsure(Exception):
    """Content this tokeniser does not promise to read exactly as pdfminer does."""


def _name(raw: bytes) -> Any:
    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda m: bytes((int(m[1], 16),)) if m[1] else b"", raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _hex(text: bytes) -> bytes:
    """A hex string's bytes; an odd last digit is a byte of its own value, as pdfminer reads it."""
    digits = _SPACE.sub(b"", text)
    if len(digits) % 2:
        return bytes.fromhex(digits[:-1].decode()) + bytes((int(digits[-1:], 16),))
    return bytes.fromhex(digits.decode())


def _string(data: bytes, start: int) -> tuple[bytes, int]:
    """The literal string whose text begins at `start` (after its '('), and where it ends."""
    out = bytearray()
    depth = 1
    i = start
    while True:
        m = _STRING_PART.search(data, i)
        if m is None:
            raise _Unsure  # runs past the end of its stream
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            k = j + 1
            if k >= len(data):
                raise _Unsure
            o = _OCTAL.match(data, k)
            if o is not None:
                code = int(o[0], 8)
                if code > 255:
                    raise _Unsure  # pdfminer fails an assertion here
                out.append(code)
                i = o.end()
                continue
            e = data[k]
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
            elif e == 0x0D and data[k + 1 : k + 2] == b"\n":
                if k % _BUFSIZ == _BUFSIZ - 1:
                    raise _Unsure
                k += 1
            i = k + 1  # any other character after a backslash is dropped, as pdfminer drops it
            continue
        if c == 0x28:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return bytes(out), j + 1
        out.append(c)
        i = j + 1


def _tokens(data: bytes, last: bool) -> list[Any]:
    """One stream's tokens, as pdfminer's tokeniser gives them (a keyword as its `PSKeyword`)."""
    tokens: list[Any] = []
    add = tokens.append
    i, end = 0, len(data)
    match = _TOKEN.match
    while i < end:
        m = match(data, i)
        assert m is not None  # the last alternative matches any byte
        kind = m.lastgroup
        i = m.end()
        if kind is None:
            continue
        if kind == "keyword":
            word = m["keyword"]
            add(True if word == b"true" else False if word == b"false" else KWD(word))
        elif kind == "number":
            text = m["number"]
            with suppress(ValueError):  # a sign or a point alone is no number to pdfminer either
                add(float(text) if b"." in text else int(text))
        elif kind == "name":
            if i == end and _HEX_AT_END.search(m["name"]):
                # pdfminer waits for the name's next character, which never comes: no name
                if not last:
                    raise _Unsure
                continue
            add(_name(m["name"]))
        elif kind == "string":
            value, i = _string(data, i)
            add(value)
        elif kind == "hex":
            add(_hex(m["hex"]))
        elif kind == "dict":
            add(KWD(b"<<"))
        elif kind == "enddict":
            add(KWD(b">>"))
        elif kind == "char":
            add(KWD(m["char"]))
        else:
            raise _Unsure
    if not last and data and not data[-1:].isspace() and tokens:
        # a stream that ends inside a token: pdfminer ends a keyword or a number there; anything
        # else (a name ending in '#', an empty name, a lone '<' or '>') may run on into the next
        final = tokens[-1]
        if not isinstance(final, int | float | PSKeyword) or isinstance(final, bool):
            raise _Unsure
        if isinstance(final, PSKeyword) and len(final.name) == 1 and not final.name.isalpha():
            raise _Unsure
    return tokens


def _objects(tokens: list[Any]) -> list[Any]:
    """Tokens → the objects pdfminer's stack parser gives the interpreter: arrays and
    dictionaries assembled, a keyword inside one kept as a value, a stray ']' or '>>' dropped."""
    out: list[Any] = []
    stack: list[tuple[str, list[Any]]] = []
    current = out
    kind = ""
    for token in tokens:
        if type(token) is PSKeyword:
            if token is _ARRAY or token is _DICT_BEGIN:
                stack.append((kind, current))
                kind, current = ("a" if token is _ARRAY else "d"), []
                continue
            if token is _END_ARRAY or token is _DICT_END:
                if kind != ("a" if token is _END_ARRAY else "d"):
                    continue
                value: Any = current
                if kind == "d":
                    if len(current) % 2:
                        raise _Unsure  # pdfminer raises PSSyntaxError
                    pairs = zip(current[::2], current[1::2], strict=True)
                    value = {literal_name(k): v for k, v in pairs if v is not None}
                kind, current = stack.pop()
                current.append(value)
                continue
            if token in _PROCEDURE or token in _INLINE_IMAGE:
                raise _Unsure
        current.append(token)
    return out  # (an array or dictionary left open at the end: pdfminer never hands it over)


class FastInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter, its content streams tokenised in one pass."""

    def __init__(self, rsrcmgr: PDFResourceManager, device: PDFDevice) -> None:
        super().__init__(rsrcmgr, device)
        self._operators: dict[PSKeyword, Any] = {}

    def execute(self, streams: Sequence[object]) -> None:
        try:
            valid, objects = self._parse(streams)
        except _Unsure:
            super().execute(streams)
            return
        self.stream_ids.clear()
        self.stream_ids.update(s.objid for s in valid if s.objid is not None)
        operators = self._operators
        for obj in objects:
            if type(obj) is PSKeyword:
                found = operators.get(obj)
                if found is None:
                    found = operators[obj] = self._operator(obj)
                if found is _NO_OPERATOR:
                    continue
                func, nargs = found
                if nargs:
                    args = self.pop(nargs)
                    if len(args) == nargs:
                        func(*args)
                else:
                    func()
            else:
                self.push(obj)

    def _operator(self, keyword: PSKeyword) -> Any:
        name = keyword_name(keyword)
        method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
        func: Callable[..., Any] | None = getattr(self, method, None)
        if func is None:
            return _NO_OPERATOR
        return func, func.__code__.co_argcount - 1

    def _parse(self, streams: Sequence[object]) -> tuple[list[PDFStream], list[Any]]:
        """The streams pdfminer would run and their objects; `_Unsure` when the streams hold what
        pdfminer's own parser must read (or when a stream is no indirect object, or one already
        being run: pdfminer's `execute` says so in its log)."""
        valid: list[PDFStream] = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                raise _Unsure
            valid.append(stream)
        tokens: list[Any] = []
        for n, stream in enumerate(valid):
            tokens += _tokens(stream.get_data(), last=n == len(valid) - 1)
        return valid, _objects(tokens)


_NO_OPERATOR = object()
