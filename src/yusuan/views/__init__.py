"""Ledger → Disclosure: every part of a published package as a view of the budget ledger.

- tables.py     表1–表13, one function per standard table (group-bys over the line items)
- narrative.py  情况说明 一…十二 with every figure computed and the reasons inserted
- forms.py      the overall and per-project performance-target forms
- parts.py      title, 目录, 概况, 名词解释 (worded for the department's level)
- money.py      元 → printed 万元 cells, shares, changes

`ledger_to_disclosure(ledger)` composes them; the result is what `yusuan extract` reads back from
the package `yusuan build` renders.
"""

from __future__ import annotations

from ..ledger.codes import CodeBook
from ..model import Disclosure
from ..model.ledger import Ledger
from ..text import one_line, region_of
from .forms import overall_form, project_forms, project_lines
from .narrative import SECTION_TITLES, ledger_to_sections
from .parts import glossary, overview, package_title, toc
from .tables import Context, ledger_to_tables

__all__ = ["ledger_to_disclosure"]


def ledger_to_disclosure(ledger: Ledger) -> Disclosure:
    """The complete package a ledger describes (see the module docstring)."""
    f = ledger.facts
    ctx = Context(ledger, CodeBook(dict(f.function_names)))
    tables = ledger_to_tables(ctx)
    projects = project_forms(ledger)
    overall = overall_form(ledger)
    published = set(_codes_with_forms(ledger))
    sections, procurement, assets, _ = ledger_to_sections(ctx, tables, published, overall is not None)
    sub_headings = [one_line(heading) for heading, _ in f.other_notes]
    return Disclosure(
        file=ledger.file,
        reader="ledger",
        document_type=f.document_type,
        department=f.department,
        year=f.year,
        region=region_of(f.department),
        level=f.level,
        title=package_title(ledger),
        toc=toc(ledger, [t.title for t in tables], [t for t, _ in SECTION_TITLES], sub_headings),
        overview=overview(ledger),
        tables=tables,
        sections=sections,
        overall_forms=(overall,) if overall is not None else (),
        project_forms=projects,
        assets=assets,
        procurement=procurement,
        glossary=glossary(ledger),
    )


def _codes_with_forms(ledger: Ledger) -> list[str]:
    """Project codes that get a form: current-year projects whose targets the facts give."""
    lines = project_lines(ledger)
    return [t.project_code for t in ledger.facts.projects if t.project_code in lines]
