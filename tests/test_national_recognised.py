"""Every file of the national corpus is recognised for what it is: each disclosure with the document
type, unit (汇总/本级 included), year, region and level its manifest entry gives, each of the 8 files
that are no disclosure refused as such. One test per file, so that a failure names the file.

Recognition (`yusuan.parse.recognise`) reads only the first pages that settle what a package is,
the pages `read` takes the same from (tests/test_recognise.py holds the two to each other), which
is what makes the whole corpus affordable here. It is judged by `yusuan.model.corpus.judge`, the
rule bench/corpus.py scores the full reading by.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yusuan.errors import UnusableInput
from yusuan.model.corpus import FIELDS, judge, refused_right
from yusuan.parse import recognise

from .conftest import SHARED_DATA

MANIFEST = SHARED_DATA / "national" / "manifest.json"


def _entries(disclosures: bool) -> list[Any]:
    if not MANIFEST.is_file():
        return []
    files = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return [pytest.param(e, id=e["file"]) for e in files if bool(e["is_disclosure"]) is disclosures]


def test_the_corpus_is_all_here(shared_data: Path) -> None:
    assert len(_entries(True)) == 170 and len(_entries(False)) == 8


@pytest.mark.parametrize("entry", _entries(True))
def test_a_disclosure_is_recognised(shared_data: Path, entry: dict[str, Any]) -> None:
    found = recognise(shared_data / "national" / entry["file"])
    wrong = {f: v for f, v in judge(found, entry).items() if not v}
    assert not wrong, f"{entry['file']}: {sorted(wrong)} wrong in {found}"
    assert set(judge(found, entry)) == set(FIELDS)


@pytest.mark.parametrize("entry", _entries(False))
def test_a_file_that_is_no_disclosure_is_refused(shared_data: Path, entry: dict[str, Any]) -> None:
    path = shared_data / "national" / entry["file"]
    with pytest.raises(UnusableInput) as refused:
        recognise(path)
    assert refused.value.file == str(path)
    assert refused_right(refused.value.reason), refused.value.reason
