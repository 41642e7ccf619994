"""Outputs are written whole or not at all, never over an input, and never two under one name;
a write that fails is one line naming the path, exit status 2, and the batch goes on."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.errors import OutputError
from yusuan.files import atomic, batch_targets

from .conftest import SAMPLE

LEDGER = SAMPLE.parent / "ledger"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _copy(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SAMPLE.read_bytes())
    return target


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --- the helper ------------------------------------------------------------------------------


def test_atomic_replaces_the_target_only_once_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), atomic(target) as temp:
        temp.write_text("half", encoding="utf-8")
        _ = 1 / 0
    assert target.read_text(encoding="utf-8") == "old"
    assert _listing(tmp_path) == ["report.json"]  # the temporary file is gone too
    with atomic(target) as temp:
        assert temp.parent == tmp_path and temp.name.startswith(".")
        temp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    assert _listing(tmp_path) == ["report.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_folder_where_the_file_should_go(tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    with pytest.raises(OutputError) as caught, atomic(tmp_path / "out.json"):
        pass  # pragma: no cover
    assert str(caught.value) == f"{tmp_path / 'out.json'}: 无法写入：这是一个文件夹（is a directory）"
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught, atomic(tmp_path / "file" / "out.json"):
        pass  # pragma: no cover
    assert (
        str(caught.value)
        == f"{tmp_path / 'file' / 'out.json'}: 无法写入：{tmp_path / 'file'} 不是文件夹（not a directory）"
    )


def test_batch_names_keep_the_inputs_folders() -> None:
    inputs = [Path("x/pkg.md"), Path("y/pkg.md"), Path("y/sub/other.pdf")]
    assert batch_targets(inputs, Path("out"), ".json") == [
        Path("out/x/pkg.json"),
        Path("out/y/pkg.json"),
        Path("out/y/sub/other.json"),
    ]
    assert batch_targets([Path("a/one.md"), Path("a/two.md")], Path("out"), ".xlsx") == [
        Path("out/one.xlsx"),
        Path("out/two.xlsx"),
    ]
    assert batch_targets([Path("scans/pkg"), Path("-")], Path("out"), "") == [Path("out/pkg"), Path("out/stdin")]
    assert batch_targets([Path("/far/a/x.md"), Path("/far/b/x.md"), Path("/else/y.md")], Path("o"), ".json") == [
        Path("o/far/a/x.json"),
        Path("o/far/b/x.json"),
        Path("o/else/y.json"),
    ]


def test_batch_names_that_would_collide_are_refused_naming_both() -> None:
    with pytest.raises(OutputError) as caught:
        batch_targets([Path("a/pkg.md"), Path("a/pkg.pdf")], Path("out"), ".json")
    assert (
        str(caught.value)
        == "out/pkg.json: a/pkg.md 与 a/pkg.pdf 的输出同名，请分开处理或改名（two inputs, one output name）"
    )


# --- extract ---------------------------------------------------------------------------------


def test_extract_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    same = _copy(tmp_path / "same.md")
    code, out, err = run("extract", str(same), "-o", str(same))
    assert (code, out) == (2, "")
    assert err == f"yusuan: {same}: 输出文件就是输入文件，不会覆盖（output is an input）\n"
    assert same.read_bytes() == SAMPLE.read_bytes()


def test_extract_keeps_the_folders_of_inputs_with_one_name(tmp_path: Path) -> None:
    x, y = _copy(tmp_path / "x" / "pkg.md"), _copy(tmp_path / "y" / "pkg.md")
    out = tmp_path / "out"
    code, _, err = run("extract", str(x), str(y), "-o", str(out))
    assert code == 0, err
    assert _listing(out) == ["x", "x/pkg.json", "y", "y/pkg.json"]


def test_extract_refuses_two_inputs_with_one_output_name_before_reading(tmp_path: Path) -> None:
    md, txt = _copy(tmp_path / "a" / "pkg.md"), _copy(tmp_path / "a" / "pkg.txt")
    out = tmp_path / "out"
    code, _, err = run("extract", str(md), str(txt), "--format", "xlsx", "-o", str(out))
    assert code == 2
    assert (
        err
        == f"yusuan: {out / 'pkg.xlsx'}: {md} 与 {txt} 的输出同名，请分开处理或改名（two inputs, one output name）\n"
    )
    assert not out.exists()


def test_extract_into_a_new_folder_named_with_a_slash(tmp_path: Path) -> None:
    out = tmp_path / "newdir"
    code, _, err = run("extract", str(SAMPLE), "-o", f"{out}/")
    assert code == 0, err
    assert _listing(out) == ["wenshui-rsj-2026-budget.json"]


def test_a_failed_write_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    first, second = _copy(tmp_path / "in" / "first.md"), _copy(tmp_path / "in" / "second.md")
    out = tmp_path / "out"
    (out / "first.json").mkdir(parents=True)  # a folder where the file should go
    code, _, err = run("extract", str(first), str(second), "-o", str(out), "-q")
    assert code == 2
    assert err == f"yusuan: {out / 'first.json'}: 无法写入：这是一个文件夹（is a directory）\n"
    assert json.loads((out / "second.json").read_text(encoding="utf-8"))["department"] == "文水县人力资源和社会保障局"


def _limited(limit: int) -> None:
    """In the child: files may not grow beyond `limit` bytes (a disk that fills up)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _yusuan_limited(limit: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yusuan.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        preexec_fn=lambda: _limited(limit),
        check=False,
    )


def test_a_full_disk_leaves_the_old_output_and_no_part_of_the_new(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    target.write_text("the last run's output\n", encoding="utf-8")
    done = _yusuan_limited(100_000, "extract", str(SAMPLE), "-o", str(target), "-q", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"yusuan: {target}: 无法写入（File too large）\n"
    assert target.read_text(encoding="utf-8") == "the last run's output\n"
    assert _listing(tmp_path) == ["s.json"]


# --- check -----------------------------------------------------------------------------------


def test_check_refuses_to_write_its_report_over_its_input(tmp_path: Path) -> None:
    same = _copy(tmp_path / "same.md")
    code, _, err = run("check", str(same), "--format", "html", "-o", str(same))
    assert code == 2
    assert err == f"yusuan: {same}: 输出文件就是输入文件，不会覆盖（output is an input）\n"
    assert same.read_bytes() == SAMPLE.read_bytes()


def test_check_report_that_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "report.html").mkdir()
    code, _, err = run("check", str(SAMPLE), "--format", "html", "-o", str(tmp_path / "report.html"), "-q")
    assert code == 2
    assert err == f"yusuan: {tmp_path / 'report.html'}: 无法写入：这是一个文件夹（is a directory）\n"


# --- build -----------------------------------------------------------------------------------


def _ledger(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("items.csv", "facts.yaml"):
        (folder / name).write_bytes((LEDGER / name).read_bytes())
    return folder


def test_build_keeps_the_folders_of_ledgers_with_one_name(tmp_path: Path) -> None:
    a, b = _ledger(tmp_path / "a" / "ledger"), _ledger(tmp_path / "b" / "ledger")
    out = tmp_path / "o"
    code, stdout, err = run("build", str(a), str(b), "-o", str(out), "--format", "md")
    assert code == 0, err
    name = "文水县人力资源和社会保障局2026年部门预算.md"
    assert stdout.splitlines() == [str(out / "a" / "ledger" / name), str(out / "b" / "ledger" / name)]
    assert (out / "a" / "ledger" / name).is_file() and (out / "b" / "ledger" / name).is_file()


def test_build_that_cannot_write_goes_on_with_the_next_ledger(tmp_path: Path) -> None:
    a, b = _ledger(tmp_path / "a"), _ledger(tmp_path / "b")
    out = tmp_path / "o"
    out.mkdir()
    (out / "a").write_text("a file where a folder should go", encoding="utf-8")
    code, stdout, err = run("build", str(a), str(b), "-o", str(out), "--format", "md,html")
    assert code == 2
    assert (
        err
        == f"yusuan: {out / 'a' / '文水县人力资源和社会保障局2026年部门预算.md'}: 无法写入：{out / 'a'} 不是文件夹（not a directory）\n"
    )
    assert [Path(line).parent.name for line in stdout.splitlines()] == ["b", "b"]


def test_a_pdf_cut_short_by_a_full_disk_is_not_left_behind(tmp_path: Path) -> None:
    done = _yusuan_limited(60_000, "build", str(LEDGER), "-o", str(tmp_path / "o"), "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    pdf = tmp_path / "o" / "文水县人力资源和社会保障局2026年部门预算.pdf"
    assert done.stderr == f"yusuan: {pdf}: 无法写入（File too large）\n"
    assert _listing(tmp_path / "o") == []
