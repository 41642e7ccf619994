"""The national scoreboard: read and check every file of a corpus folder against its manifest.json.

For each file the manifest describes, yusuan reads it (`read`) and checks it (`check`), and the
script compares what was read with what the manifest says the file is:

- recognised: a disclosure read as a disclosure of its document type (部门综合预算 is a 部门预算),
  and, shown beside it, its unit, year, region and level; a negative example refused as "not a
  budget disclosure" or "not a PDF" (judged by `yusuan.model.corpus`, as
  tests/test_national_recognised.py judges `yusuan.parse.recognise`);
- tables read: each table title the manifest lists (performance-target forms aside) is given a
  table kind by this script's own title table (TITLE_KINDS below, independent of the reader's
  recognition) and counts as read when a table of that kind was read; a kind the model has no
  name for counts when a table the model keeps without a standard kind was read under that title;
- findings by severity and by rule, and the seconds each package took to read and check.

Prints markdown: by family and in total, findings by rule, and one line per file. `--titles`
adds, per file, the titles not read and what was read instead; `-o FILE` writes the same page to
FILE (docs/corpus.md is this script's output on the national corpus). It lowers its own priority
and reads with `--jobs` processes (2 by default).

    .venv/bin/python bench/corpus.py [FOLDER] [-o docs/corpus.md] [--jobs N] [--titles]
                                     [--family NAME ...] [--file NAME ...] [--json FILE] [--from-json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import multiprocessing
import os
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from yusuan.model.corpus import FIELDS, judge, refused_right

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "national"
COMMAND = ".venv/bin/python bench/corpus.py -o docs/corpus.md"
NEGATIVES = "negatives"

# ---------------------------------------------------------------------------------------------
# What the manifest says, in the model's words. This is the scoreboard's own reading of the
# manifest, written independently of the reader's recognition.

# What a file is (document type, unit, year, region, level) is judged by yusuan.model.corpus, the
# rule the tests judge recognition by too (`judge`, `refused_right`).

@dataclass(frozen=True)
class Kind:
    """A table kind as this scoreboard names it: the model's kind values that are a right reading,
    and whether a table kept without a standard kind (a generic table) counts under its title."""

    name: str
    accepts: frozenset[str]
    generic: bool = False


def _kind(name: str, *accepts: str, generic: bool = False) -> Kind:
    return Kind(name, frozenset(accepts), generic)


BUDGET_SUMMARY = _kind("budget_summary", "budget_summary")
INCOME_SUMMARY = _kind("income_summary", "income_summary")
EXPENDITURE_SUMMARY = _kind("expenditure_summary", "expenditure_summary")
FISCAL_SUMMARY = _kind("fiscal_summary", "fiscal_summary")
GENERAL_EXPENDITURE = _kind("general_expenditure", "general_expenditure")  # 一般公共预算支出 by function
GENERAL_BASIC_ECON = _kind("general_basic_econ", "general_basic_econ")  # 一般公共预算基本支出 by economic class
GOV_FUND = _kind("gov_fund_expenditure", "gov_fund_expenditure")
GOV_FUND_BOTH = _kind("gov_fund", "gov_fund_expenditure", "gov_fund_income")  # 政府性基金收支表
STATE_CAPITAL = _kind("state_capital", "state_capital")
THREE_PUBLIC = _kind("three_public", "three_public")
ORG_OPERATION = _kind("org_operation", "org_operation")
PROJECT = _kind("project", "project_current", generic=True)  # 项目支出表, 专项业务经费支出表
PROJECT_CARRYOVER = _kind("project_carryover", "project_carryover", generic=True)  # 结转资金支出表
# kinds the model has no name for today: read right when kept as a generic table under the title
GENERAL_ECON = _kind("general_econ", "general_econ", generic=True)  # 一般公共预算支出 by economic class
GENERAL_BASIC_FUNCTION = _kind("general_basic_function", "general_basic_function", generic=True)
GENERAL_PROJECT_ECON = _kind("general_project_econ", "general_project_econ", generic=True)
BASIC = _kind("basic", "basic", generic=True)  # 基本支出表 of all funds
FISCAL_EXPENDITURE = _kind("fiscal_expenditure", "fiscal_expenditure", generic=True)  # 财政拨款支出 by function
FISCAL_BASIC_ECON = _kind("fiscal_basic_econ", "fiscal_basic_econ", generic=True)
PROCUREMENT = _kind("procurement", "procurement", generic=True)  # 政府采购预算表

# The title table: the first pattern that the title (compacted, number and year taken off)
# matches gives its kind; None marks a performance-target form (not counted).
TITLE_KINDS: tuple[tuple[str, Kind | None], ...] = (
    (r"绩效", None),
    (r"三公", THREE_PUBLIC),
    (r"机关运行经费", ORG_OPERATION),
    (r"政府采购", PROCUREMENT),
    (r"国有资本经营", STATE_CAPITAL),
    (r"政府性基金.*收支", GOV_FUND_BOTH),
    (r"政府性基金", GOV_FUND),
    (r"财政拨款收支", FISCAL_SUMMARY),
    (r"财政拨款基本支出", FISCAL_BASIC_ECON),
    (r"财政拨款支出", FISCAL_EXPENDITURE),
    (r"(?<!不含上年)结转", PROJECT_CARRYOVER),
    (r"专项业务经费|项目支出(?!.*经济)", PROJECT),
    (r"一般公共预算项目支出", GENERAL_PROJECT_ECON),
    (r"一般公共预算.*基本支出.*功能", GENERAL_BASIC_FUNCTION),
    (r"一般公共预算.*基本支出", GENERAL_BASIC_ECON),
    (r"基本支出", BASIC),
    (r"一般公共预算.*支出.*经济", GENERAL_ECON),
    (r"一般公共预算.*支出", GENERAL_EXPENDITURE),
    (r"收支", BUDGET_SUMMARY),
    (r"收入", INCOME_SUMMARY),
    (r"支出", EXPENDITURE_SUMMARY),
)
# A table whose title is not printed: its kind from its number, in its family's order.
UNTITLED = {"xa_zonghe_16": {5: GENERAL_EXPENDITURE}}
# the kind values this table names, and the model's 决算-only kinds: a table of any other kind is
# one the model keeps without a standard kind (a generic table)
STANDARD = frozenset(v for _, k in TITLE_KINDS if k is not None for v in k.accepts) | {
    "gov_fund_final",
    "state_capital_final",
}

_NUMBER = re.compile(
    r"^\s*(?:(?:附表|公开表|预算公开表|部门公开表|表)\s*(?:\d+?(?=\D|20\d\d年)|[一二三四五六七八九十]+?(?=[^一二三四五六七八九十]|一般))"
    r"|公开\s*\d+\s*表|[0-9一二三四五六七八九十]+(?=[、.．]))\s*[：:、.．]?"
)
_YEAR = re.compile(r"[（(]?20\d\d年?度?[)）]?")
_CUT = str.maketrans({"“": "", "”": "", '"': "", " ": "", "\u3000": "", "(": "（", ")": "）"})


def core_title(title: str) -> str:
    """A title without its number, spaces, quotes and year: what two printings of it share."""
    return _YEAR.sub("", _NUMBER.sub("", title, count=1).translate(_CUT))


def title_kind(title: str, family: str | None) -> Kind | None:
    """The kind of the table a manifest title names (None: a performance-target form)."""
    m = re.match(r"^(?:附表|表)\s*(\d+)\s*\(no title printed\)", title)
    if m:
        return UNTITLED.get(family or "", {}).get(int(m.group(1)))
    core = core_title(title)
    for pattern, kind in TITLE_KINDS:
        if re.search(pattern, core):
            return kind
    return None


def similarity(a: str, b: str) -> float:
    a, b = core_title(a), core_title(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# ---------------------------------------------------------------------------------------------
# One file: read, check, compare (runs in a worker process)


@dataclass
class TitleResult:
    title: str
    kind: str
    read: bool
    found: str | None  # what was read for it: "kind 'title' p.N", or None


@dataclass
class FileResult:
    file: str
    family: str
    disclosure: bool
    outcome: str  # read | refused | crashed
    message: str | None = None
    document_type: str | None = None
    department: str | None = None
    year: int | None = None
    region: str | None = None
    level: str | None = None
    right: dict[str, bool] = field(default_factory=dict)  # type, unit, year, region, level
    titles: list[TitleResult] = field(default_factory=list)
    forms: int = 0  # performance-form titles left out
    tables: int = 0
    other_tables: int = 0  # tables read that no title of the manifest claimed
    severities: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)  # "rule severity" → count
    seconds: float = 0.0

    @property
    def recognised(self) -> bool:
        if not self.disclosure:
            return self.outcome == "refused" and refused_right(self.message)
        return self.outcome == "read" and self.right.get("type", False)


def _match_titles(entry: dict[str, Any], tables: Sequence[Any]) -> tuple[list[TitleResult], int, int]:
    """Each manifest title paired with a read table of its kind (the one whose title is closest),
    each table used once; the performance forms left out are counted."""
    family = entry.get("template_family")
    used: set[int] = set()
    results: list[TitleResult] = []
    forms = 0

    def describe(t: Any) -> str:
        return f"{t.kind.value} “{t.title}” p.{t.source.page}"

    for title in entry.get("table_titles") or []:
        kind = title_kind(title, family)
        if kind is None:
            forms += 1
            continue
        best: tuple[float, int] | None = None
        for i, t in enumerate(tables):
            if i in used:
                continue
            score = similarity(title, t.title or "")
            value = t.kind.value
            right = value in kind.accepts or (kind.generic and value not in STANDARD and score >= 0.6)
            if right and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            used.add(best[1])
            results.append(TitleResult(title, kind.name, True, describe(tables[best[1]])))
            continue
        # not read: the table read under the closest title, if any, says what happened instead
        near = max(((similarity(title, t.title or ""), t) for t in tables), default=None, key=lambda p: p[0])
        found = describe(near[1]) if near is not None and near[0] >= 0.6 else None
        results.append(TitleResult(title, kind.name, False, found))
    # a table read again under a title already paired (once per unit, or the 机关运行经费 half of a
    # combined 三公 table) is claimed by it too; the others are tables no title of the manifest names
    titles = [r.title for r in results]
    unclaimed = sum(
        1
        for i, t in enumerate(tables)
        if i not in used and not any(similarity(x, t.title or "") >= 0.9 for x in titles)
    )
    return results, forms, unclaimed


def score_file(path: Path, entry: dict[str, Any]) -> FileResult:
    """Read and check one file and compare it with its manifest entry."""
    from yusuan.errors import UnusableInput

    try:  # the front door, where it exists; the subpackages otherwise
        from yusuan import check, read  # type: ignore[attr-defined]
    except ImportError:
        from yusuan.checks import check
        from yusuan.parse import read

    family = entry.get("template_family") or NEGATIVES
    result = FileResult(entry["file"], family, bool(entry.get("is_disclosure")), "read")
    start = time.perf_counter()
    try:
        disclosure = read(path)
        report = check(disclosure)
    except UnusableInput as exc:
        result.outcome, result.message = "refused", str(exc.reason)
    except Exception as exc:  # a traceback is a result too: it is counted, not raised
        result.outcome = "crashed"
        last = traceback.extract_tb(exc.__traceback__)[-1]
        result.message = f"{type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"
    result.seconds = time.perf_counter() - start
    if result.outcome != "read":  # every title of a file not read is a title not read
        result.titles, result.forms, _ = _match_titles(entry, ())
        return result
    d = disclosure
    result.document_type = d.document_type.value if d.document_type else None
    result.department, result.year, result.region = d.department, d.year, d.region
    result.level = d.level.value if d.level else None
    if result.disclosure:
        result.right = judge(d.recognition, entry)
    result.titles, result.forms, result.other_tables = _match_titles(entry, d.tables)
    result.tables = len(d.tables)
    severities: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for f in report.findings:
        severities[f.severity.value] += 1
        rules[f"{f.rule} {f.severity.value}"] += 1
    result.severities, result.rules = dict(severities), dict(rules)
    return result


def _work(job: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    path, entry = job
    return asdict(score_file(Path(path), entry))


def _result(data: dict[str, Any]) -> FileResult:
    fields = {k: v for k, v in data.items() if k not in ("titles", "recognised")}
    return FileResult(**fields, titles=[TitleResult(**t) for t in data["titles"]])


def _lower_priority() -> None:
    with contextlib.suppress(OSError):
        os.nice(10)


# ---------------------------------------------------------------------------------------------
# The page


SEVERITIES = ("error", "warning", "info")
CHECKS = FIELDS


def short(family: str, families: Iterable[str]) -> str:
    """A family's short column name: its first word, or its second where the first is shared."""
    first = family.split("_")[0]
    if sum(1 for f in families if f.split("_")[0] == first) > 1:
        return family.split("_")[1]
    return first


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def family_rows(results: Sequence[FileResult], order: Sequence[str]) -> list[str]:
    head = (
        "| family | files | read | recognised | unit | year | region | level | titles read | % read "
        "| other tables | errors | warnings | info | s/package | tracebacks |"
    )
    lines = [head, "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|"]
    groups = [(f, [r for r in results if r.family == f]) for f in order] + [("total", list(results))]
    for name, rows in groups:
        if not rows:
            continue
        disclosures = [r for r in rows if r.disclosure]
        negatives = [r for r in rows if not r.disclosure]
        recognised = sum(r.recognised for r in disclosures)
        rejected = sum(r.recognised for r in negatives)
        if disclosures and negatives:
            recog = f"{recognised}/{len(disclosures)} + {rejected}/{len(negatives)} rejected"
        elif disclosures:
            recog = f"{recognised}/{len(disclosures)}"
        else:
            recog = f"{rejected}/{len(negatives)} rejected"
        checks = [f"{sum(r.right.get(c, False) for r in disclosures)}" if disclosures else "–" for c in CHECKS[1:]]
        titles = [t for r in rows for t in r.titles]
        read = sum(t.read for t in titles)
        sev = [sum(r.severities.get(s, 0) for r in rows) for s in SEVERITIES]
        seconds = [r.seconds for r in rows]
        crashed = sum(r.outcome == "crashed" for r in rows)
        lines.append(
            f"| {name} | {len(rows)} | {sum(r.outcome == 'read' for r in disclosures) if disclosures else '–'} "
            f"| {recog} | {' | '.join(checks)} | {read}/{len(titles)} | {_pct(read, len(titles))} "
            f"| {sum(r.other_tables for r in rows)} | {sev[0]} | {sev[1]} | {sev[2]} "
            f"| {statistics.mean(seconds):.1f} (max {max(seconds):.0f}) | {crashed} |"
        )
    return lines


def rule_rows(results: Sequence[FileResult], order: Sequence[str]) -> list[str]:
    present = [f for f in order if any(r.family == f and r.rules for r in results)]
    names = [short(f, order) for f in present]
    lines = [
        "| rule | severity | total | " + " | ".join(names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    totals: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {f: Counter() for f in present}
    for r in results:
        for key, n in r.rules.items():
            totals[key] += n
            if r.family in per:
                per[r.family][key] += n
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for key in sorted(totals, key=lambda k: (rank[k.split()[1]], -totals[k], k)):
        rule, severity = key.split()
        cells = " | ".join(str(per[f][key] or "") for f in present)
        lines.append(f"| `{rule}` | {severity} | {totals[key]} | {cells} |")
    return lines


def _reading(r: FileResult) -> str:
    if r.outcome != "read":
        return f"{r.outcome}: {r.message}"
    if not r.disclosure:
        return f"read as a disclosure ({r.document_type}, {r.department})"
    wrong = [c for c in CHECKS if not r.right.get(c, False)]
    what = {
        "type": r.document_type,
        "unit": r.department,
        "year": r.year,
        "region": r.region,
        "level": r.level,
    }
    return "; ".join(f"{c} {what[c]}" for c in wrong) or "right"


def file_rows(results: Sequence[FileResult], order: Sequence[str]) -> list[str]:
    lines = [
        "| file | family | reading (what is wrong) | titles read | other tables | errors | warnings | info |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        read = sum(t.read for t in r.titles)
        sev = " | ".join(str(r.severities.get(s, 0)) for s in SEVERITIES)
        reading = _reading(r).replace("|", "/")
        family = short(r.family, order)
        lines.append(f"| {r.file} | {family} | {reading} | {read}/{len(r.titles)} | {r.other_tables} | {sev} |")
    return lines


def title_rows(results: Sequence[FileResult]) -> list[str]:
    lines: list[str] = []
    for r in results:
        missed = [t for t in r.titles if not t.read]
        if not missed:
            continue
        lines.append(f"- {r.file} ({r.family}):")
        for t in missed:
            instead = f"read as {t.found}" if t.found else "nothing read under it"
            lines.append(f"  - {t.title} [{t.kind}]: {instead}")
    return lines or ["(every title read)"]


HOW = """\
## How it counts

- **read**: the disclosures read at all (not refused, no traceback).
- **recognised**: a disclosure counts when it is read (not refused, no traceback) as a disclosure
  of the document type the manifest gives (部门综合预算 counts as 部门预算); a negative example
  counts when it is refused with "not a budget disclosure" or "not a PDF". The columns **unit**,
  **year**, **region** and **level** count the disclosures whose unit (as printed on the cover,
  汇总/本级 included), year, region (the manifest's county, else city, else province, found in the
  region read) and level (省级 and the 直辖市 municipal level are `province`) were read right.
- **titles read**: every table title of the manifest, performance-target forms (绩效) aside, gets a
  kind from the scoreboard's own title table (`TITLE_KINDS` in bench/corpus.py, written from the
  titles, not from the reader), and is paired with one table read of that kind (the one whose title
  is closest; each table is paired once). A kind the model has no name for (一般公共预算支出 by
  economic class, 基本支出 by function, 政府采购, …) counts when a table kept without a standard
  kind was read under a title like it. **other tables** are the tables read under no title of the
  manifest (a table read again under its own title, once per unit, is not counted there).
- **findings**: what `check` reports, by severity; by rule below.
- **s/package**: seconds to read and check one file, the mean (and the slowest), with two files
  read at a time on two cores at lower priority; image-only files go through OCR.
"""


def page(results: Sequence[FileResult], order: Sequence[str], folder: Path, titles: bool, wall: float) -> str:
    disclosures = sum(r.disclosure for r in results)
    out = [
        "# National corpus scoreboard",
        "",
        f"`bench/corpus.py` read and checked the {len(results)} files of `{_shown(folder)}` "
        f"({disclosures} disclosures, {len(results) - disclosures} negative examples) against the folder's "
        f"`manifest.json` in {wall / 60:.0f} minutes. Regenerate this page with",
        "",
        f"    {COMMAND}",
        "",
        "## By family",
        "",
        *family_rows(results, order),
        "",
        "## Findings by rule",
        "",
        *rule_rows(results, order),
        "",
        "## By file",
        "",
        *file_rows(results, order),
        "",
    ]
    if titles:
        out += ["## Titles not read", "", *title_rows(results), ""]
    out.append(HOW)
    return "\n".join(out)


def _shown(folder: Path) -> str:
    try:
        return os.path.relpath(folder, ROOT)
    except ValueError:
        return str(folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS, help="a folder with a manifest.json")
    parser.add_argument("-o", "--output", type=Path, help="also write the page to this file")
    parser.add_argument("--jobs", type=int, default=2, help="processes reading at once (default 2)")
    parser.add_argument("--titles", action="store_true", help="list, per file, the titles not read")
    parser.add_argument("--family", action="append", default=[], help="only this family (repeatable)")
    parser.add_argument("--file", action="append", default=[], help="only this file name (repeatable)")
    parser.add_argument("--json", type=Path, help="write every file's result to this JSON file")
    parser.add_argument("--from-json", type=Path, help="make the page from results --json wrote (no reading)")
    args = parser.parse_args(argv)

    manifest_path = args.folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"corpus.py: {manifest_path}: {exc}", file=sys.stderr)
        return 2
    entries = [
        e
        for e in manifest["files"]
        if (not args.family or (e.get("template_family") or NEGATIVES) in args.family)
        and (not args.file or e["file"] in args.file or Path(e["file"]).stem in args.file)
    ]
    order = [*(manifest.get("template_families") or {}), NEGATIVES]
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        found = {d["file"]: _result(d) for d in saved["files"]}
        wall = saved["seconds"]
    else:
        found, wall = _read_all(args.folder, entries, args.jobs)
    results = [found[e["file"]] for e in entries if e["file"] in found]
    text = page(results, order, args.folder, args.titles, wall)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    if args.json:
        files = [{**asdict(r), "recognised": r.recognised} for r in results]
        args.json.write_text(
            json.dumps({"seconds": wall, "files": files}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


def _read_all(folder: Path, entries: Sequence[dict[str, Any]], jobs: int) -> tuple[dict[str, FileResult], float]:
    """Every file read and checked by `jobs` processes at lower priority, and the seconds it took."""
    # slowest first (image-only files, then the longest), so that the processes finish together
    ordered = sorted(entries, key=lambda e: (e.get("text_layer") is not False, -(e.get("pages") or 0)))
    _lower_priority()
    start = time.perf_counter()
    found: dict[str, FileResult] = {}
    with multiprocessing.Pool(max(1, jobs), maxtasksperchild=10) as pool:
        work = [(str(folder / e["file"]), e) for e in ordered]
        for done, data in enumerate(pool.imap_unordered(_work, work), 1):
            result = _result(data)
            found[result.file] = result
            print(f"[{done}/{len(work)}] {result.file} {result.outcome} {result.seconds:.1f}s", file=sys.stderr)
    return found, time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
