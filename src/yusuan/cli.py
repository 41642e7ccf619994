"""The `yusuan` command: thin commands over the library. Exit 0 ok, 1 findings, 2 unusable input."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import OutputError, YusuanError
from .model import Disclosure

if TYPE_CHECKING:
    from rich.table import Table as RichTable

    from .db import Store
    from .export import Sheet
    from .model import Recognition

T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)


def say_error(message: str) -> None:
    """One plain line on stderr, prefixed with the program name."""
    err.print(f"yusuan: {message}", markup=False)


QUIET = "yusuan.quiet"


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET] = True  # meta is shared by the group's context and the command's


QUIET_OPTION = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    callback=_set_quiet,
    help="Only problems on stderr: no progress bars, reader lines or summary; build lists no paths.",
)


def quiet() -> bool:
    """True when --quiet was given (before the command or after it)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(QUIET))


def say(message: str) -> None:
    """One line of information on stderr (none with --quiet)."""
    if not quiet():
        err.print(f"yusuan: {message}", markup=False)


class Bars:
    """Progress on stderr (a terminal only): one bar over the files of a batch and, while a long
    document is read, one over its pages (OCR can take seconds a page)."""

    def __init__(self, progress: Progress | None, files: int, label: str) -> None:
        self._progress = progress
        self._files = progress.add_task(label, total=files, name="") if progress is not None and files > 1 else None
        self._pages: TaskID | None = None

    def set_total(self, files: int) -> None:
        """The number of files, when it is known only once the batch has begun."""
        if self._progress is not None and self._files is not None:
            self._progress.update(self._files, total=files)

    def file_done(self, name: str) -> None:
        if self._progress is not None and self._files is not None:
            self._progress.update(self._files, advance=1, name=name)
        if self._progress is not None and self._pages is not None:
            self._progress.remove_task(self._pages)
            self._pages = None

    def pages(self, name: str) -> Callable[[int, int], None]:
        """A `progress(done, total)` callback for the reader of `name`."""

        def update(done: int, total: int) -> None:
            if self._progress is None or total < 2:
                return
            if self._pages is None:
                self._pages = self._progress.add_task("页", total=total, name=name)
            self._progress.update(self._pages, completed=done, total=total)

        return update


@contextmanager
def progress_bars(files: int, label: str) -> Iterator[Bars]:
    """Bars that show only when stderr is a terminal (and not with --quiet)."""
    if not err.is_terminal or quiet():
        yield Bars(None, files, label)
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=err,
        transient=True,
    ) as progress:
        yield Bars(progress, files, label)


def named_packages(given: Sequence[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The packages the command line names (folders searched, globs expanded, "-" for standard
    input: `parse.inputs.expand`); a line for each folder or glob that gives none, which come
    back as failures (path, reason)."""
    from .parse.inputs import expand

    found, problems = expand(given)
    for problem in problems:
        say_error(str(problem))
    return found, [(Path(p.file), p.reason) for p in problems]


def run_batch(
    paths: Sequence[Path], label: str, work: Callable[[Path, Callable[[int, int], None]], T], debug: bool
) -> tuple[list[tuple[Path, T]], list[tuple[Path, str]]]:
    """Apply `work(path, page_progress)` to every path; an unusable file is reported in one line
    and the rest go on. Returns the results, and the paths that could not be used with the reason
    (the line said, without the path it starts with)."""
    results: list[tuple[Path, T]] = []
    failures: list[tuple[Path, str]] = []
    with progress_bars(len(paths), label) as bars:
        for path in paths:
            try:
                results.append((path, work(path, bars.pages(path.name))))
            except YusuanError as exc:
                say_error(str(exc))
                failures.append((path, _without(str(exc), path)))
            except Exception as exc:  # a defect in yusuan: still one line, the batch goes on
                if debug:
                    raise
                reason = f"内部错误，无法处理此文件（internal error: {type(exc).__name__}: {exc}）"
                say_error(f"{path}: {reason}")
                failures.append((path, reason))
            bars.file_done(path.name)
    return results, failures


def _without(message: str, path: Path) -> str:
    """ "a.md:byte 0: 不是文本文件" → "byte 0: 不是文本文件" (a message about another file is kept)."""
    prefix = f"{path}:"
    return message[len(prefix) :].lstrip() if message.startswith(prefix) else message


READERS = {
    "markdown": "markdown（OCR 文本）",
    "html": "HTML 网页",
    "pdf": "PDF 文本层",
    "pdf+ocr": "PDF 文本层，部分页面 OCR",
    "ocr": "OCR（扫描件）",
    "xlsx": "Excel 工作簿",
    "xls": "Excel 97-2003 工作簿",
    "docx": "Word 文档",
    "text": "逐页文字（PDF 文本层提取的文字）",
}


def read_saying_how(path: Path, pages: Callable[[int, int], None]) -> Disclosure:
    """Read a package (reader chosen from the content) and say on stderr which reader read it."""
    from .parse import read

    disclosure = read(path, progress=pages)
    say(f"{path}: 读取方式 {READERS.get(disclosure.reader, disclosure.reader)}")
    return disclosure


def truncation_messages(disclosure: Disclosure) -> list[str]:
    """One line for each place where a document stops early, and one for a package that lists
    tables none of which could be read (its output is still written)."""
    lines = []
    for note in disclosure.incomplete():
        where = note.source.line if note.source.line is not None else note.source.page
        lines.append(f"{disclosure.file}:{where}: {note.message}")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yusuan")
@QUIET_OPTION
def main() -> None:
    """yusuan (预算): identify, extract, check and build department budget disclosures; keep many in a store (db) and
    review them on a web page (serve)."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "xlsx", "csv"]),
    default="json",
    show_default=True,
    help="json: one object per file; xlsx: one sheet per table; csv: one file per table.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Output file (one input) or folder (several inputs, a name ending in /, or csv). json defaults to stdout.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@QUIET_OPTION
def extract(files: tuple[str, ...], fmt: str, output: str | None, debug: bool) -> None:
    """Read published packages (files, folders, "-" for standard input) into structured data (JSON, XLSX or CSV)."""
    from .export import dumps, write_csv, write_json, write_xlsx

    inputs, missing = named_packages(files)
    try:
        targets = extract_targets(inputs, fmt, output)
    except YusuanError as exc:
        say_error(str(exc))
        sys.exit(EXIT_UNUSABLE)
    several = len(inputs) > 1
    incomplete = 0

    def work(path: Path, pages: Callable[[int, int], None]) -> None:
        nonlocal incomplete
        try:
            disclosure = read_saying_how(path, pages)
        except YusuanError as exc:
            if listing:
                unreadable(path, _without(str(exc), path))
            raise
        for line in truncation_messages(disclosure):
            say_error(line)
            incomplete += 1
        target = targets.get(path)
        if target is None:
            click.echo(dumps(disclosure, indent=None if several else 1))
        elif fmt == "json":
            write_json(disclosure, target)
        elif fmt == "xlsx":
            write_xlsx(disclosure, target)
        else:
            write_csv(disclosure, target)

    def unreadable(path: Path, reason: str) -> None:
        entry = {"file": str(path), "status": "unreadable", "reason": reason}
        click.echo(json.dumps(entry, ensure_ascii=False))

    listing = not targets and len(inputs) + len(missing) > 1  # JSON lines on stdout: one for every input
    if listing:
        for path, reason in missing:
            unreadable(path, reason)
    _, failures = run_batch(inputs, "extract", work, debug)
    sys.exit(EXIT_UNUSABLE if failures or missing or incomplete else EXIT_OK)


def extract_targets(inputs: Sequence[Path], fmt: str, output: str | None) -> dict[Path, Path]:
    """Where `extract` writes each input (none: JSON on stdout). One input: the file `-o` names, or
    a file in the folder it names (an existing folder, or a name ending in /); csv's `-o` is the
    folder of its files. Several: in the folder `-o` names (default: here), in the folders the
    inputs have below their common folder. An output that is an input, and two inputs with one
    output name, are refused before anything is read."""
    from .files import batch_targets, refuse_inputs

    suffix = {"json": ".json", "xlsx": ".xlsx", "csv": ""}[fmt]
    if output is None and fmt == "json":
        return {}
    folder = Path(output) if output is not None else Path(".")
    names_folder = output is None or output.endswith(("/", os.sep)) or folder.is_dir()
    if len(inputs) > 1 and not names_folder and folder.exists():
        raise OutputError(str(folder), "有多个输入时 -o 应为文件夹（several inputs need a folder）")
    if len(inputs) == 1 and (fmt == "csv" or not names_folder) and output is not None:
        targets = {inputs[0]: folder}
    else:
        targets = dict(zip(inputs, batch_targets(inputs, folder, suffix), strict=True))
    refuse_inputs(list(targets.values()), inputs)
    return targets


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per file; json: one object per file, one per line.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@QUIET_OPTION
def identify(files: tuple[str, ...], fmt: str, debug: bool) -> None:
    """Say what each published package is (type, unit, year, region, level), reading only its first pages.

    Exit status 1 when a file's type, unit, year, region or level could not be read."""
    from .parse import recognise

    def work(path: Path, _pages: object) -> Recognition:
        return recognise(path)

    inputs, missing = named_packages(files)
    results, failures = run_batch(inputs, "identify", work, debug)
    for _, found in results:
        line = json.dumps(recognition_data(found), ensure_ascii=False) if fmt == "json" else recognition_line(found)
        click.echo(line)
    if failures or missing:
        sys.exit(EXIT_UNUSABLE)
    sys.exit(EXIT_OK if all(found.complete for _, found in results) else EXIT_FINDINGS)


UNKNOWN = "未识别"


def recognition_line(found: Recognition) -> str:
    """ "a.pdf: 部门预算 | 深圳市交通运输局（本级） | 2026年 | 深圳市 | 市级": a field not read is 未识别."""
    fields = (
        found.document_type.label if found.document_type else None,
        found.department,
        f"{found.year}年" if found.year else None,
        found.region,
        found.level.word if found.level else None,
    )
    return f"{found.file}: " + " | ".join(f or UNKNOWN for f in fields)


def recognition_data(found: Recognition) -> dict[str, object]:
    """The JSON object of `yusuan identify --format json` (a field not read is null)."""
    return {
        "file": found.file,
        "document_type": found.document_type.value if found.document_type else None,
        "department": found.department,
        "year": found.year,
        "region": found.region,
        "level": found.level.value if found.level else None,
        "title": found.title,
    }


def _build_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """ "xlsx,md" → ("xlsx", "md"), each checked against the formats the renderers offer."""
    from .render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"未知的格式 {', '.join(unknown) or '（空）'}；可用：{','.join(FORMATS)}")
    return chosen


@main.command()
@click.argument("ledgers", nargs=-1, required=True)
@click.option(
    "--facts",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The department facts file (YAML or TOML); default: facts.yaml/.toml beside the ledger. One ledger only.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Directory for the package files (one subdirectory per ledger when several are given).",
)
@click.option(
    "--format",
    "formats",
    default="xlsx,docx,pdf,html,md",
    show_default=True,
    callback=_build_formats,
    help="Comma-separated output formats.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@QUIET_OPTION
def build(ledgers: tuple[str, ...], facts: Path | None, output: Path, formats: tuple[str, ...], debug: bool) -> None:
    """Build the disclosure package (tables, narrative, forms, charts) from budget ledgers."""
    from .api import build as build_package
    from .api import package_stem, publish

    if facts is not None and len(ledgers) > 1:
        raise click.UsageError("--facts 只能与一个台账一起使用（several ledgers find their own facts files）")
    from .files import batch_targets, refuse_inputs
    from .ledger import find_files
    from .parse.inputs import globbed

    paths = globbed(ledgers)
    try:
        folders = batch_targets(paths, output, "") if len(paths) > 1 else [output] * len(paths)
    except YusuanError as exc:
        say_error(str(exc))
        sys.exit(EXIT_UNUSABLE)
    folder_of = dict(zip(paths, folders, strict=True))

    def work(path: Path, _pages: object) -> list[Path]:
        disclosure = build_package(path, facts)
        stem = package_stem(disclosure)
        refuse_inputs([folder_of[path] / f"{stem}.{fmt}" for fmt in formats], find_files(path, facts))
        return publish(disclosure, folder_of[path], formats, stem)

    results, failures = run_batch(paths, "build", work, debug)
    for _, written in results:
        for file in written:
            if not quiet():
                click.echo(str(file))
    sys.exit(EXIT_UNUSABLE if failures else EXIT_OK)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text: findings grouped by family with their source line; json: one object per file; html: one page.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Write the report to this file (all inputs in one report). Default: stdout.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="List the notes (rounding and the like) too, after the errors and warnings."
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@QUIET_OPTION
def check(files: tuple[str, ...], fmt: str, output: str | None, verbose: bool, debug: bool) -> None:
    """Check published packages (files, folders, "-" for standard input) as a finance-bureau reviewer would.

    Exit status 1 when errors are found."""
    from .checks import Report
    from .checks import check as check_disclosure
    from .checks.html import reports_to_html
    from .checks.output import render_json, render_summary, render_text
    from .checks.report import CHECKED
    from .files import write_text

    def work(path: Path, pages: Callable[[int, int], None]) -> tuple[Disclosure, Report]:
        disclosure = read_saying_how(path, pages)
        for line in truncation_messages(disclosure):
            say_error(line)
        return disclosure, check_disclosure(disclosure)

    inputs, missing = named_packages(files)
    try:
        report_file = report_target(output, inputs) if output is not None else None
    except YusuanError as exc:
        say_error(str(exc))
        sys.exit(EXIT_UNUSABLE)
    results, failures = run_batch(inputs, "check", work, debug)
    # every input in the report, in the order named: those read with their findings, the others with why
    checked = dict(results)
    reasons = dict([*missing, *failures])
    entries: list[tuple[Disclosure | None, Report]] = [
        checked[path] if path in checked else (None, Report.unreadable(str(path), reasons[path]))
        for path in [*inputs, *(p for p, _ in missing)]
    ]
    reports = [report for _, report in entries]
    several = len(entries) > 1
    if fmt == "html":
        text = reports_to_html(entries)
    elif fmt == "json":
        text = "".join(render_json(r, indent=None if several else 1) + "\n" for r in reports)
    else:
        color = report_file is None and sys.stdout.isatty()
        text = "\n".join(render_text(r, color, verbose) for r in reports)
        if several:
            text += "\n" + render_summary(reports)
    unwritten = False
    if report_file is None:
        click.echo(text, nl=False)
    else:
        try:
            write_text(report_file, text)
        except YusuanError as exc:
            say_error(str(exc))
            unwritten = True
    if several and (fmt != "text" or report_file is not None) and not quiet():
        err.print(render_summary(reports), markup=False, end="")
    if unwritten or any(r.status != CHECKED for r in reports):
        sys.exit(EXIT_UNUSABLE)
    sys.exit(EXIT_FINDINGS if any(r.has_errors for r in reports) else EXIT_OK)


def report_target(output: str, inputs: Sequence[Path]) -> Path:
    """The report file `-o` names; one that is a folder or one of the inputs is refused before
    anything is read."""
    from .files import refuse_inputs

    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        raise OutputError(output, "无法写入：这是一个文件夹（is a directory）")
    refuse_inputs([path], inputs)
    return path


# The store: `yusuan db …`, thin commands over yusuan.db (the store's Python API).

DB_OPTION = click.option(
    "--db",
    "target",
    envvar="YUSUAN_DB",
    default="yusuan.db",
    show_default=True,
    help="The store: a SQLite file path, or a PostgreSQL URL (postgresql://user@host/name). Env: YUSUAN_DB.",
)


def open_store(target: str) -> Store:
    from .db import connect

    return connect(target)


@contextmanager
def store_errors(debug: bool = False) -> Iterator[None]:
    """A store, query or cluster error as one line and exit status 2."""
    try:
        yield
    except YusuanError as exc:
        if debug:
            raise
        say_error(str(exc))
        sys.exit(EXIT_UNUSABLE)


@main.group()
def db() -> None:
    """Store many packages (SQLite or PostgreSQL), compare them across years and departments, export open data."""


@db.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Reading processes on this machine (default: one per core).",
)
@click.option(
    "--cluster",
    default=None,
    metavar="ADDRESS",
    help="A Dask scheduler (tcp://host:8786) whose workers read the files instead.",
)
@click.option(
    "--force", is_flag=True, help="Read again files whose content is already stored (their packages keep their ids)."
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Further attempts at a file whose reading failed unexpectedly.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def ingest(
    paths: tuple[Path, ...],
    target: str,
    workers: int | None,
    cluster: str | None,
    force: bool,
    retries: int,
    debug: bool,
) -> None:
    """Read packages (files, or directories searched recursively) into the store; files already stored are skipped."""
    from .db import FileResult

    with store_errors(debug):
        store = open_store(target)
        with store, progress_bars(2, "ingest") as bars:

            def progress(result: FileResult, done: int, total: int) -> None:
                bars.set_total(total)
                bars.file_done(Path(result.path).name)
                if result.status in ("unusable", "failed"):
                    say_error(result.reason or result.path)
                for note in result.notes:
                    say_error(note)

            summary = store.ingest(
                list(paths), workers=workers, cluster=cluster, force=force, retries=retries, progress=progress
            )
    click.echo(
        f"{summary.stored} 个文件已在库中（新增 {summary.count('new')}，替换 {summary.count('replaced')}，"
        f"同内容 {summary.count('linked')}，未变 {summary.count('unchanged')}）；"
        f"无法使用 {summary.count('unusable')}，失败 {summary.count('failed')}；{summary.seconds:.1f} 秒"
    )
    incomplete = any(r.notes for r in summary.results)
    sys.exit(EXIT_UNUSABLE if summary.refused or incomplete else EXIT_OK)


def query_options(command: Callable[..., None]) -> Callable[..., None]:
    """The output options every query shares."""
    for option in reversed(
        (
            DB_OPTION,
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["table", "csv", "xlsx", "json"]),
                default="table",
                show_default=True,
                help="table: on the terminal; csv; xlsx; json: one object per row.",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(path_type=Path, dir_okay=False),
                default=None,
                help="Write to this file instead of stdout (xlsx needs one).",
            ),
        )
    ):
        command = option(command)
    return command


def chart_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--chart",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Also draw the answer as a PNG chart in this file.",
    )(command)


def show_sheet(sheet: Sheet, fmt: str, output: Path | None) -> None:
    """A query's answer on the terminal, or as CSV, XLSX or JSON (stdout or a file)."""
    import json

    from .export import sheet_csv, sheet_records, write_sheets

    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("--format xlsx 需要 -o 文件名（xlsx needs an output file）")
        output.parent.mkdir(parents=True, exist_ok=True)
        write_sheets([sheet], output)
        return
    if fmt == "csv":
        text = sheet_csv(sheet)
    elif fmt == "json":
        text = "".join(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in sheet_records(sheet))
    else:
        terminal = output is None and sys.stdout.isatty()
        console = Console(width=None if terminal else 1000, highlight=False, record=True, file=io.StringIO())
        for table in rich_tables(sheet):
            console.print(table)
        text = console.export_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")


def rich_tables(sheet: Sheet) -> list[RichTable]:
    """A sheet as terminal tables: one per value of its first column when that is 表 (a
    department's tables), else one."""
    from rich.table import Table as RichTable

    grouped = sheet.header[0] == "表"
    groups: dict[object, list[tuple[object, ...]]] = {} if sheet.rows else {None: []}
    for row in sheet.rows:
        groups.setdefault(row[0] if grouped else None, []).append(row)
    tables = []
    for group, rows in groups.items():
        table = RichTable(title=f"{sheet.name} {group}" if grouped else sheet.name, title_justify="left")
        skip = 1 if grouped else 0
        for i, name in enumerate(sheet.header[skip:], start=skip):
            table.add_column(
                name, justify="right" if i in sheet.amount_columns else "left", no_wrap=i in sheet.amount_columns
            )
        for line in rows:
            table.add_row(*(_cell_text(v, i in sheet.amount_columns) for i, v in enumerate(line) if i >= skip))
        tables.append(table)
    return tables


def _cell_text(value: object, amount: bool) -> str:
    from decimal import Decimal

    if value is None:
        return ""
    if amount and isinstance(value, Decimal):
        return f"{value:,f}"
    return str(value)


@db.group()
def query() -> None:
    """Ask the store: a department over the years, a region in one year, packages by findings, the packages, SQL."""


@query.command()
@click.argument("department")
@query_options
@chart_option
@click.option("--region", default=None, help="Only packages of this region (and the regions under it).")
@click.option(
    "--type",
    "document_type",
    type=click.Choice(["department_budget", "unit_budget", "department_final", "unit_final"]),
    default=None,
    help="Only packages of this document type (default: the type with the most years).",
)
@click.option(
    "--table",
    "kinds",
    multiple=True,
    help="Only tables of this kind (budget_summary, expenditure_summary, …); repeat for several.",
)
@click.option(
    "--unit",
    type=click.Choice(["元", "万元"]),
    default=None,
    help="Amounts in this unit (default: the newest package's).",
)
def department(
    department: str,
    target: str,
    fmt: str,
    output: Path | None,
    chart: Path | None,
    region: str | None,
    document_type: str | None,
    kinds: tuple[str, ...],
    unit: str | None,
) -> None:
    """One department across the years, table by table (类/款/项), with the change in the last year."""
    from .model import TableKind, Unit
    from .render.answers import department_chart

    with store_errors():
        try:
            tables = [TableKind(k) for k in kinds] or None
        except ValueError as exc:
            raise click.BadParameter(
                f"{exc}；可用：{', '.join(k.value for k in TableKind)}", param_hint="--table"
            ) from None
        with open_store(target) as store:
            sheet = store.department_years(
                department, region=region, document_type=document_type, tables=tables, unit=Unit(unit) if unit else None
            )
        show_sheet(sheet, fmt, output)
        if chart is not None:
            department_chart(sheet, chart)


@query.command()
@click.argument("region")
@click.option("--year", type=int, required=True, help="The budget year.")
@query_options
@chart_option
@click.option(
    "--level", default=None, help="Only packages of this level of government (province, city, county, district)."
)
@click.option(
    "--type",
    "document_type",
    type=click.Choice(["department_budget", "unit_budget", "department_final", "unit_final"]),
    default=None,
    help="Only packages of this document type.",
)
@click.option(
    "--unit", type=click.Choice(["元", "万元"]), default="万元", show_default=True, help="Amounts in this unit."
)
def region(
    region: str,
    year: int,
    target: str,
    fmt: str,
    output: Path | None,
    chart: Path | None,
    level: str | None,
    document_type: str | None,
    unit: str,
) -> None:
    """A region's departments side by side for one year: totals, basic vs project, 三公 and 机关运行经费."""
    from .model import Unit
    from .render.answers import region_chart

    with store_errors(), open_store(target) as store:
        sheet = store.region_year(region, year, level=level, document_type=document_type, unit=Unit(unit))
        show_sheet(sheet, fmt, output)
        if chart is not None:
            region_chart(sheet, chart)


@query.command()
@query_options
@chart_option
@click.option("--rule", default=None, help="Only this rule's findings (docs/rules.md).")
@click.option("--family", default=None, help="Only findings of this family of rules (total, xtable, narrative, …).")
@click.option(
    "--severity", type=click.Choice(["error", "warning", "info"]), default=None, help="Only findings of this severity."
)
@click.option("--region", default=None, help="Only packages of this region (and the regions under it).")
@click.option("--year", type=int, default=None, help="Only packages of this year.")
@click.option("--department", default=None, help="Only packages of this department.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many packages.")
def findings(
    target: str,
    fmt: str,
    output: Path | None,
    chart: Path | None,
    rule: str | None,
    family: str | None,
    severity: str | None,
    region: str | None,
    year: int | None,
    department: str | None,
    limit: int | None,
) -> None:
    """Packages by their findings, most hits first."""
    from .render.answers import findings_chart

    with store_errors(), open_store(target) as store:
        sheet = store.packages_by_findings(
            rule=rule, family=family, severity=severity, region=region, year=year, department=department, limit=limit
        )
        show_sheet(sheet, fmt, output)
        if chart is not None:
            findings_chart(sheet, chart)


@query.command()
@query_options
@click.option("--region", default=None, help="Only packages of this region (and the regions under it).")
@click.option("--year", type=int, default=None, help="Only packages of this year.")
@click.option("--department", default=None, help="Only packages of this department.")
@click.option("--type", "document_type", default=None, help="Only packages of this document type.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many packages.")
def packages(
    target: str,
    fmt: str,
    output: Path | None,
    region: str | None,
    year: int | None,
    department: str | None,
    document_type: str | None,
    limit: int | None,
) -> None:
    """The stored packages: id, department, year, type, region, reader, finding counts, file."""
    with store_errors(), open_store(target) as store:
        sheet = store.package_list(
            region=region, year=year, department=department, document_type=document_type, limit=limit
        )
        show_sheet(sheet, fmt, output)


@query.command()
@click.argument("statement")
@query_options
def sql(statement: str, target: str, fmt: str, output: Path | None) -> None:
    """Any SQL statement over the store's tables, run read-only."""
    with store_errors(), open_store(target) as store:
        show_sheet(store.sql(statement), fmt, output)


@db.command()
@DB_OPTION
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True, help="The directory to write to."
)
@click.option(
    "--format",
    "formats",
    default="csv",
    show_default=True,
    help="Comma-separated: csv, parquet, fdp (CSV with datapackage.json).",
)
@click.option("--region", default=None, help="Only packages of this region (and the regions under it).")
@click.option("--year", type=int, default=None, help="Only packages of this year.")
@click.option("--department", default=None, help="Only packages of this department.")
@click.option("--type", "document_type", default=None, help="Only packages of this document type.")
def export(
    target: str,
    output: Path,
    formats: str,
    region: str | None,
    year: int | None,
    department: str | None,
    document_type: str | None,
) -> None:
    """Open data: tidy CSV and Parquet (one file per table kind), and a Fiscal Data Package."""
    with store_errors(), open_store(target) as store:
        chosen = [f.strip() for f in formats.split(",") if f.strip()]
        for path in store.export(
            output, chosen, region=region, year=year, department=department, document_type=document_type
        ):
            click.echo(str(path))


if __name__ == "__main__":  # pragma: no cover
    main()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@DB_OPTION
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address to listen on (this machine only by default)."
)
@click.option("--port", type=click.IntRange(min=1, max=65535), default=8000, show_default=True, help="The port.")
@click.option(
    "--uploads",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("yusuan-uploads"),
    show_default=True,
    help="The folder that keeps uploaded files (named by their content's hash).",
)
@click.option(
    "--max-upload-mb", type=click.IntRange(min=1), default=50, show_default=True, help="The largest upload taken."
)
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=300, show_default=True, help="The most pages an upload may have."
)
def serve(
    paths: tuple[Path, ...], target: str, host: str, port: int, uploads: Path, max_upload_mb: int, max_pages: int
) -> None:
    """The reviewer's web page: upload a package and see its report; the stored packages, a department over the years,
    a region in one year and who must publish; a JSON API. PATHS are stored first (as `yusuan db ingest`)."""
    import uvicorn

    from .web import WebConfig, create_app

    with store_errors():
        store = open_store(target)
        if paths:
            summary = store.ingest(list(paths), workers=1)
            for result in summary.refused:
                say_error(result.reason or result.path)
    if host not in ("127.0.0.1", "localhost", "::1"):
        say_error(f"listening on {host}: the page has no log-in, anyone who reaches this address can use it")
    config = WebConfig(db=target, uploads=uploads, max_bytes=max_upload_mb * 1024 * 1024, max_pages=max_pages)
    click.echo(f"yusuan serve: http://{'[' + host + ']' if ':' in host else host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(create_app(config, store), host=host, port=port, log_level="warning")
