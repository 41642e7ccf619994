"""complete.tables: the eight tables every template publishes are required; a 国有资本经营 or a
机关运行经费 table only when the package's own 目录 lists it (several provinces state the 机关运行经费
in the narrative only, Chongqing prints no 国有资本经营 table)."""

from __future__ import annotations

from dataclasses import replace

from yusuan.checks import check
from yusuan.model import Disclosure, TableKind

from .test_checks_builders import without_table


def missing(d: Disclosure) -> list[str | None]:
    return [f.found and f.expected for f in check(d).findings if f.rule == "complete.tables"]


def test_a_table_the_目录_lists_is_required(sample: Disclosure) -> None:
    assert missing(sample) == []
    assert missing(without_table(sample, TableKind.ORG_OPERATION)) == ["机关运行经费预算表"]
    assert missing(without_table(sample, TableKind.STATE_CAPITAL)) == ["国有资本经营预算收支预算表"]


def test_a_table_the_package_does_not_list_is_not_missing(sample: Disclosure) -> None:
    unlisted = replace(sample, toc=tuple(e for e in sample.toc if "机关运行" not in e.title))
    assert missing(without_table(unlisted, TableKind.ORG_OPERATION)) == []
    # the eight every template publishes are required whatever the 目录 says
    assert missing(without_table(replace(sample, toc=()), TableKind.THREE_PUBLIC)) == ["“三公”经费支出预算表"]
