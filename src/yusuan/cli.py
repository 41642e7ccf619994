"""The `yusuan` command: thin commands over the library. Exit 0 ok, 1 findings, 2 unusable input."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import YusuanError
from .model import Disclosure

T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)


def say_error(message: str) -> None:
    """One plain line on stderr, prefixed with the program name."""
    err.print(f"yusuan: {message}", markup=False)


class Bars:
    """Progress on stderr (a terminal only): one bar over the files of a batch and, while a long
    document is read, one over its pages (OCR can take seconds a page)."""

    def __init__(self, progress: Progress | None, files: int, label: str) -> None:
        self._progress = progress
        self._files = progress.add_task(label, total=files, name="") if progress is not None and files > 1 else None
        self._pages: TaskID | None = None

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
    """Bars that show only when stderr is a terminal."""
    if not err.is_terminal:
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


def run_batch(
    paths: Sequence[Path], label: str, work: Callable[[Path, Callable[[int, int], None]], T], debug: bool
) -> tuple[list[tuple[Path, T]], int]:
    """Apply `work(path, page_progress)` to every path; an unusable file is reported in one line
    and the rest go on. Returns the results and the number of files that could not be used."""
    results: list[tuple[Path, T]] = []
    failed = 0
    with progress_bars(len(paths), label) as bars:
        for path in paths:
            try:
                results.append((path, work(path, bars.pages(path.name))))
            except YusuanError as exc:
                failed += 1
                say_error(str(exc))
            except Exception as exc:  # a defect in yusuan: still one line, the batch goes on
                if debug:
                    raise
                failed += 1
                say_error(f"{path}: 内部错误，无法处理此文件（internal error: {type(exc).__name__}: {exc}）")
            bars.file_done(path.name)
    return results, failed


READERS = {
    "markdown": "markdown（OCR 文本）",
    "pdf": "PDF 文本层",
    "pdf+ocr": "PDF 文本层，部分页面 OCR",
    "ocr": "OCR（扫描件）",
    "xlsx": "Excel 工作簿",
    "xls": "Excel 97-2003 工作簿",
    "docx": "Word 文档",
}


def read_saying_how(path: Path, pages: Callable[[int, int], None]) -> Disclosure:
    """Read a package (reader chosen from the content) and say on stderr which reader read it."""
    from .parse import read

    disclosure = read(path, progress=pages)
    err.print(f"yusuan: {path}: 读取方式 {READERS.get(disclosure.reader, disclosure.reader)}", markup=False)
    return disclosure


def truncation_messages(disclosure: Disclosure) -> list[str]:
    """One line for each place where a document stops early (its output is still written)."""
    lines = []
    for note in disclosure.notes:
        if note.code == "truncated":
            where = note.source.line if note.source.line is not None else note.source.page
            lines.append(f"{disclosure.file}:{where}: {note.message}")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yusuan")
def main() -> None:
    """yusuan (预算): build, check, extract and compare department budget disclosures."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
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
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (one input) or directory (several inputs, or csv). json defaults to stdout.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def extract(files: tuple[Path, ...], fmt: str, output: Path | None, debug: bool) -> None:
    """Read published packages into structured data (JSON, XLSX or CSV)."""
    from .export import dumps, write_csv, write_json, write_xlsx

    results, failed = run_batch(list(files), "extract", read_saying_how, debug)
    several = len(files) > 1
    incomplete = 0
    for path, disclosure in results:
        for line in truncation_messages(disclosure):
            say_error(line)
            incomplete += 1
        if fmt == "json":
            if output is None:
                click.echo(dumps(disclosure, indent=None if several else 1))
            else:
                target = output / f"{path.stem}.json" if several else output
                target.parent.mkdir(parents=True, exist_ok=True)
                write_json(disclosure, target)
        elif fmt == "xlsx":
            target = (output or Path.cwd()) / f"{path.stem}.xlsx" if several or output is None else output
            target.parent.mkdir(parents=True, exist_ok=True)
            write_xlsx(disclosure, target)
        else:
            base = output or Path.cwd()
            write_csv(disclosure, base / path.stem if several or output is None else base)
    sys.exit(EXIT_UNUSABLE if failed or incomplete else EXIT_OK)


def _build_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """ "xlsx,md" → ("xlsx", "md"), each checked against the formats the renderers offer."""
    from .render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"未知的格式 {', '.join(unknown) or '（空）'}；可用：{','.join(FORMATS)}")
    return chosen


@main.command()
@click.argument("ledgers", nargs=-1, required=True, type=click.Path(path_type=Path))
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
def build(ledgers: tuple[Path, ...], facts: Path | None, output: Path, formats: tuple[str, ...], debug: bool) -> None:
    """Build the disclosure package (tables, narrative, forms, charts) from budget ledgers."""
    from .api import build as build_package
    from .api import publish

    if facts is not None and len(ledgers) > 1:
        raise click.UsageError("--facts 只能与一个台账一起使用（several ledgers find their own facts files）")
    several = len(ledgers) > 1

    def work(path: Path, _pages: object) -> list[Path]:
        disclosure = build_package(path, facts)
        directory = output / path.resolve().name if several else output
        return publish(disclosure, directory, formats)

    results, failed = run_batch(list(ledgers), "build", work, debug)
    for _, paths in results:
        for written in paths:
            click.echo(str(written))
    sys.exit(EXIT_UNUSABLE if failed else EXIT_OK)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
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
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (all inputs in one report). Default: stdout.",
)
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
def check(files: tuple[Path, ...], fmt: str, output: Path | None, debug: bool) -> None:
    """Check published packages as a finance-bureau reviewer would; exit 1 when errors are found."""
    from .checks import Report
    from .checks import check as check_disclosure
    from .checks.html import reports_to_html
    from .checks.output import render_json, render_summary, render_text

    def work(path: Path, pages: Callable[[int, int], None]) -> tuple[Disclosure, Report]:
        disclosure = read_saying_how(path, pages)
        return disclosure, check_disclosure(disclosure)

    results, failed = run_batch(list(files), "check", work, debug)
    reports = [report for _, (_, report) in results]
    incomplete = 0
    for _, (disclosure, _) in results:
        for line in truncation_messages(disclosure):
            say_error(line)
            incomplete += 1
    unusable = [str(p) for p in files if p not in {path for path, _ in results}]
    several = len(files) > 1
    if fmt == "html":
        text = reports_to_html([checked for _, checked in results], unusable)
    elif fmt == "json":
        text = "".join(render_json(r, indent=None if several else 1) + "\n" for r in reports)
    else:
        color = output is None and sys.stdout.isatty()
        text = "\n".join(render_text(r, color) for r in reports)
        if several:
            text += "\n" + render_summary(reports, unusable)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    if several and (fmt != "text" or output is not None):
        err.print(render_summary(reports, unusable), markup=False, end="")
    if failed or incomplete:
        sys.exit(EXIT_UNUSABLE)
    sys.exit(EXIT_FINDINGS if any(r.has_errors for r in reports) else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
