"""What a command line's paths name: folders searched, globs expanded, a folder of page images as
one package, standard input read whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from yusuan.cli import main
from yusuan.parse import read
from yusuan.parse.detect import page_images
from yusuan.parse.inputs import STDIN, expand

from .conftest import SAMPLE

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0" + bytes(64)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_of_page_images_in_reading_order(tmp_path: Path) -> None:
    for name in ("p10.png", "p2.jpg", "p1.png", ".DS_Store", "Thumbs.db"):
        (tmp_path / name).write_bytes(JPEG if name.endswith(".jpg") else PNG)
    assert [p.name for p in page_images(tmp_path)] == ["p1.png", "p2.jpg", "p10.png"]


def test_a_folder_with_anything_else_is_no_page_package(tmp_path: Path) -> None:
    (tmp_path / "p1.png").write_bytes(PNG)
    (tmp_path / "notes.md").write_text("# 说明\n", encoding="utf-8")
    assert page_images(tmp_path) == ()
    (tmp_path / "notes.md").unlink()
    (tmp_path / "sub").mkdir()
    assert page_images(tmp_path) == ()
    (tmp_path / "sub").rmdir()
    (tmp_path / "p2.png").write_text("not an image", encoding="utf-8")  # judged by content, not name
    assert page_images(tmp_path) == ()
    assert page_images(tmp_path / "p1.png") == ()
    assert page_images(tmp_path / "missing") == ()


def _county(tmp_path: Path) -> Path:
    county = tmp_path / "county"
    (county / "b" / "scan").mkdir(parents=True)
    (county / "a.md").write_text("x", encoding="utf-8")
    (county / "b" / "b.pdf").write_bytes(b"%PDF-1.4")
    (county / "b" / "scan" / "1.png").write_bytes(PNG)
    (county / "b" / "scan" / "2.png").write_bytes(PNG)
    (county / "out.json").write_text("{}", encoding="utf-8")  # not a format the readers take
    (county / ".hidden.md").write_text("x", encoding="utf-8")
    (county / "empty").mkdir()
    return county


def test_a_folder_is_searched_for_packages(tmp_path: Path) -> None:
    county = _county(tmp_path)
    found, problems = expand([str(county)])
    assert found == [county / "a.md", county / "b" / "b.pdf", county / "b" / "scan"]
    assert problems == []


def test_a_glob_the_shell_left_is_expanded_and_a_path_named_twice_is_read_once(tmp_path: Path) -> None:
    county = _county(tmp_path)
    found, problems = expand([f"{county}/*", str(county / "a.md"), f"{county}/nothing*.pdf"])
    assert found == [county / "a.md", county / "b" / "b.pdf", county / "b" / "scan"]
    (problem,) = problems
    assert str(problem) == f"{county}/nothing*.pdf: 没有与之匹配的文件（no file matches）"


def test_a_folder_without_packages_and_a_missing_file(tmp_path: Path) -> None:
    county = _county(tmp_path)
    found, problems = expand([str(county / "empty"), str(county / "missing.md"), "-"])
    assert found == [county / "missing.md", STDIN]  # the reader says that the file is missing
    assert [str(p) for p in problems] == [f"{county / 'empty'}: 文件夹中没有可读的文件（no package in this folder）"]


def test_check_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pkgs"
    folder.mkdir()
    (folder / "one.md").write_bytes(SAMPLE.read_bytes())
    (folder / "two.md").write_bytes(SAMPLE.read_bytes())
    code, out, _ = run("check", str(folder), "--format", "json")
    assert code == 1
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(folder / "one.md"), str(folder / "two.md")]


def test_a_dash_reads_standard_input_whole() -> None:
    code, out, err = run("check", "-", "--format", "json", stdin=SAMPLE.read_bytes())
    assert code == 1, err
    data = json.loads(out)
    assert data["file"] == "-"
    assert data["summary"] == {"error": 10, "warning": 40, "info": 27}
    assert {f["location"]["file"] for f in data["findings"]} == {"-"}
    assert err == "yusuan: -: 读取方式 markdown（OCR 文本）\n"


def test_dev_stdin_loses_nothing() -> None:
    """A pipe read through /dev/stdin: the reader is chosen from the first bytes, which a pipe gives
    only once."""
    done = subprocess.run(
        [sys.executable, "-m", "yusuan.cli", "check", "/dev/stdin", "--format", "json"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["summary"] == {"error": 10, "warning": 40, "info": 27}
    assert data["findings"][0]["location"]["file"] == "/dev/stdin"


def test_standard_input_that_is_no_package_names_the_dash() -> None:
    code, _, err = run("extract", "-", stdin=b"")
    assert (code, err) == (2, "yusuan: -: 文件为空（empty file）\n")


def test_read_takes_a_pipe_in_python_too(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SAMPLE.read_bytes()))
    writer.start()
    package = read(fifo)
    writer.join()
    assert (package.file, len(package.tables), package.tables[0].source.file) == (str(fifo), 13, str(fifo))


def test_a_text_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("YUSUAN_MAX_TEXT_MB", "0.1")
    big = tmp_path / "big.md"
    big.write_bytes(SAMPLE.read_bytes())  # 153 KB
    code, out, err = run("extract", str(big))
    assert (code, out) == (2, "")
    assert (
        err == f"yusuan: {big}: 文本文件 0.1 MB，超过上限 0.1 MB（可设 YUSUAN_MAX_TEXT_MB 调整；text file too large）\n"
    )
    monkeypatch.setenv("YUSUAN_MAX_TEXT_MB", "1")
    assert run("extract", str(big))[0] == 0


def test_a_glossary_continued_over_many_lines_reads_whole(tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    """Each line after the last glossary entry continues its definition, joined in order (once, at
    its end: bench/size.py shows the time stays in proportion to the size)."""
    more = [f"第{i}行补充说明。" for i in range(3000)]
    long = tmp_path / "long.md"
    long.write_text(SAMPLE.read_text(encoding="utf-8") + "\n".join(more) + "\n", encoding="utf-8")
    last, grown = sample.glossary[-1], read(long).glossary[-1]
    assert (grown.number, grown.term) == (last.number, last.term)
    assert grown.definition == last.definition + "".join(more)
