"""`yusuan build`: the command, the markdown renderer against its golden files, several ledgers.

The markdown goldens are in tests/golden/markdown/. After a deliberate change to the renderer or the
views, look at the diff and regenerate them with:

    YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_build.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.model import Disclosure
from yusuan.parse import read
from yusuan.render.markdown import disclosure_to_markdown, render_md

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ledger"
GOLDEN = Path(__file__).parent / "golden" / "markdown"
UPDATE = os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1"
STEM = "文水县人力资源和社会保障局2026年部门预算"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; look at it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1))
        pytest.fail(f"{name} differs from the golden file (YUSUAN_UPDATE_GOLDEN=1 to accept):\n" + "\n".join(diff[:60]))


def test_build_markdown_matches_golden(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "md"])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{STEM}.md"
    assert result.stdout.strip().splitlines() == [str(written)]
    check_golden("wenshui-ledger.md", written.read_text(encoding="utf-8"))


def test_markdown_of_the_published_sample_matches_golden(sample: Disclosure, tmp_path: Path) -> None:
    """The renderer renders whatever it is given: here the sample as read, OCR errors and all."""
    render_md(sample, tmp_path / "sample.md")
    text = (tmp_path / "sample.md").read_text(encoding="utf-8")
    check_golden("wenshui-sample.md", text)
    again = read(tmp_path / "sample.md")
    assert [t.kind for t in again.tables] == [t.kind for t in sample.tables]
    assert [(s.number, s.title) for s in again.sections] == [(s.number, s.title) for s in sample.sections]
    assert len(again.project_forms) == len(sample.project_forms)


def test_markdown_follows_the_sample_conventions(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "md"])
    lines = (tmp_path / f"{STEM}.md").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["文水县人力资源和社会保障局", "", "2026年度部门预算公开"]
    assert not any(line.startswith("#") for line in lines)  # plain lines, as OCR markdown has them
    i = lines.index("预算公开表7")
    assert lines[i : i + 8 : 2] == [
        "预算公开表7",
        "2026年政府性基金预算收入表（不含上年结转）",
        "部门名称：文水县人力资源和社会保障局",
        "单位：万元",
    ]
    assert lines[i + 8 : i + 15] == [
        "| 项目 |  | 政府性基金收入预算 |",
        "|---|---|---|",
        "| 收入科目编码 | 科目名称 |  |",
        "| 合计 |  |  |",
        "|  |  |  |",
        "",
        "注：本表无数据",
    ]
    header = lines[lines.index("预算公开表12") + 8 : lines.index("预算公开表12") + 12]
    assert header == [
        "| 项目名称 | 合计 | 2026年财政拨款 |  |  | 财政专户管理资金 | 单位资金 |",
        "|---|---|---|---|---|---|---|",
        "|  |  | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 |  |  |",
        "| 1 | 2 | 3 | 4 | 5 | 6 | 7 |",
    ]
    assert "十一、国有资产占有使用情况" in lines and "第四部分 名词解释" in lines


def test_build_every_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = [Path(p) for p in result.stdout.split()]
    assert [p.suffix for p in written] == [".xlsx", ".docx", ".pdf", ".html", ".md"]
    assert all(p.stat().st_size > 1000 for p in written)


def test_several_ledgers_go_on_past_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good"
    shutil.copytree(EXAMPLE, good)
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLE, bad)
    text = (bad / "items.csv").read_text(encoding="utf-8").replace("2080101,30101", "2089998,30101", 1)
    (bad / "items.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(bad), str(good), "-o", str(out), "--format", "md,xlsx"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "items.csv:2 [功能科目编码]" in result.stderr
    assert sorted(p.name for p in (out / "good").iterdir()) == [f"{STEM}.md", f"{STEM}.xlsx"]
    assert not (out / "bad").exists()


def test_facts_option_and_its_limits(tmp_path: Path) -> None:
    facts = tmp_path / "elsewhere.yaml"
    facts.write_text((EXAMPLE / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLE / "items.csv"), "--facts", str(facts), "-o", str(tmp_path), "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{STEM}.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "wenshui-ledger.md").read_text(encoding="utf-8")
    assert text == golden
    twice = CliRunner().invoke(main, ["build", str(EXAMPLE), str(EXAMPLE), "--facts", str(facts)])
    assert twice.exit_code == 2 and "--facts" in twice.output
    unknown = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "md,odt"])
    assert unknown.exit_code == 2 and "odt" in unknown.output


def test_markdown_is_deterministic(sample: Disclosure) -> None:
    assert disclosure_to_markdown(sample) == disclosure_to_markdown(sample)
