"""The store, the same tests on SQLite, on PostgreSQL and with a two-worker Dask cluster reading:
a small subset of the real corpus (files of different families, negatives, corrupt files) is
ingested once per store, then compared with what `extract` reads file by file."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yusuan.checks import check
from yusuan.db import IngestSummary, QueryError, Store, connect
from yusuan.errors import UnusableInput
from yusuan.model import Disclosure, TableKind, Unit
from yusuan.parse import read
from yusuan.store import schema
from yusuan.store.ingest import absolute, ingest
from yusuan.store.records import PackageRecords, to_fen
from yusuan.store.work import Refused, Task

from .conftest import SAMPLE, SHARED_DATA
from .store_support import BACKENDS, Backend, ThrowawayPostgres, consistency_problems

REAL_PDFS = SHARED_DATA / "real_pdfs"
NATIONAL = SHARED_DATA / "national"
WANLI = "上海市普陀区人民政府万里街道办事处"
# One or two files of each family the reader takes today, a family it refuses today, and two
# files that are no disclosure (manifest.json: is_disclosure false).
SUBSET = [
    SAMPLE,
    REAL_PDFS / "rd01_shpt_caizhengju_2024_bmjs.pdf",
    REAL_PDFS / "rd04_shpt_wanlijiedao_2023_bmys.pdf",
    REAL_PDFS / "rd05_shpt_wanlijiedao_2024_bmys.pdf",
    REAL_PDFS / "rd06_shpt_wanlijiedao_2025_bmys.pdf",
    NATIONAL / "n002_shanghai.pdf",
    NATIONAL / "n026_beijing.pdf",
    NATIONAL / "n070_shenzhen.pdf",
    NATIONAL / "n095_guangzhou.pdf",
    NATIONAL / "n118_wuxi.pdf",
    NATIONAL / "n124_hangzhou.pdf",
    NATIONAL / "n128_fuzhou.pdf",
    NATIONAL / "n149_xian.pdf",
    NATIONAL / "n161_yantai.pdf",
    NATIONAL / "n174_jinan.pdf",
    NATIONAL / "n178_chongqing.pdf",
]
NEGATIVES = [NATIONAL / "n174_jinan.pdf", NATIONAL / "n178_chongqing.pdf"]


@pytest.fixture(scope="session")
def corrupt(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """An empty file, a PDF cut off after 4 KiB, and binary noise named .md."""
    directory = tmp_path_factory.mktemp("corrupt")
    (directory / "empty.pdf").write_bytes(b"")
    (directory / "cut.pdf").write_bytes((REAL_PDFS / "rd04_shpt_wanlijiedao_2023_bmys.pdf").read_bytes()[:4096])
    (directory / "noise.md").write_bytes(bytes(range(256)) * 8)
    return sorted(directory.iterdir())


@pytest.fixture(scope="session")
def extracted(corrupt: list[Path]) -> dict[str, Disclosure | str]:
    """What `extract` reads from each file: its Disclosure, or the one line it refuses it with."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not next to the project")  # pragma: no cover
    out: dict[str, Disclosure | str] = {}
    for path in [*SUBSET, *corrupt]:
        key = absolute(path)
        try:
            out[key] = read(Path(key))
        except UnusableInput as exc:
            out[key] = str(exc)
    return out


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    name = request.param
    server: ThrowawayPostgres | None = request.getfixturevalue("pg_server") if name == "postgresql" else None
    cluster = request.getfixturevalue("dask_address") if name == "cluster" else None
    return Backend(name, tmp_path_factory.mktemp(name), server, cluster)


@pytest.fixture(scope="session")
def ingested(backend: Backend, corrupt: list[Path]) -> Iterator[tuple[Store, IngestSummary]]:
    """The subset and the corrupt files ingested into a new store of the backend, once."""
    store = backend.store()
    summary = backend.ingest(store, [*SUBSET, corrupt[0].parent])
    yield store, summary
    store.close()


def test_every_file_is_stored_or_refused_as_extract_reads_it(
    ingested: tuple[Store, IngestSummary], extracted: dict[str, Disclosure | str]
) -> None:
    store, summary = ingested
    results = {r.path: r for r in summary.results}
    assert set(results) == set(extracted)
    for path, reading in extracted.items():
        if isinstance(reading, str):
            assert (results[path].status, results[path].reason) == ("unusable", reading)
        else:
            assert results[path].status == "new", path
    stored = {f.path: f for f in store.files()}
    assert {p for p, f in stored.items() if f.status == "stored"} == {
        p for p, r in extracted.items() if not isinstance(r, str)
    }
    for negative in NEGATIVES:
        entry = stored[absolute(negative)]
        assert entry.status == "unusable" and "not a budget disclosure" in (entry.reason or "")
    # the corrupt files, each with the reader's reason, and the rest still stored
    assert [stored[absolute(p)].reason for p in sorted(p for p in extracted if "corrupt" in p)] == [
        f"{absolute(Path(p))}: PDF 文件已损坏，无法打开（damaged PDF: PSEOF）"
        if p.endswith("cut.pdf")
        else extracted[p]
        for p in sorted(p for p in extracted if "corrupt" in p)
    ]
    assert consistency_problems(store) == []


def test_tables_findings_and_documents_are_what_extract_reads(
    ingested: tuple[Store, IngestSummary], extracted: dict[str, Disclosure | str]
) -> None:
    store, _ = ingested
    packages = store.packages()
    assert len(packages) == sum(1 for r in extracted.values() if not isinstance(r, str))
    for package in packages:
        reading = extracted[package.file]
        assert isinstance(reading, Disclosure)
        assert store.tables(package.id) == reading.tables  # every value, row and source
        report = check(reading)
        assert store.findings(package.id) == report.findings
        assert (package.errors, package.warnings, package.infos) == tuple(report.summary.values())
        assert store.disclosure(package.id) == reading
        assert (package.department, package.year, package.reader) == (reading.department, reading.year, reading.reader)


def test_totals_are_the_sums_of_what_extract_reads(
    ingested: tuple[Store, IngestSummary], extracted: dict[str, Disclosure | str]
) -> None:
    """Per package and unit: the number of printed amounts and their exact sum in 分."""
    store, _ = ingested
    with store.engine.connect() as conn:
        stored = {
            (file, unit): (int(count), int(total or 0))
            for file, unit, count, total in conn.execute(
                select(
                    schema.packages.c.file,
                    schema.amounts.c.unit,
                    func.count(schema.amounts.c.value),
                    func.sum(schema.amounts.c.fen),
                )
                .join(schema.packages, schema.packages.c.id == schema.amounts.c.package_id)
                .group_by(schema.packages.c.file, schema.amounts.c.unit)
            )
        }
    expected: dict[tuple[str, str], tuple[int, int]] = {}
    for file, reading in extracted.items():
        if isinstance(reading, str):
            continue
        for table in reading.tables:
            for row in table.rows:
                for _, value in row.values:
                    count, total = expected.get((file, table.unit.value), (0, 0))
                    fen = 0 if value is None else to_fen(value, table.unit.value)
                    assert fen is not None
                    expected[(file, table.unit.value)] = (count + (value is not None), total + fen)
    assert stored == {k: v for k, v in expected.items() if v[0]}


def test_a_second_ingest_adds_nothing(
    ingested: tuple[Store, IngestSummary], backend: Backend, corrupt: list[Path]
) -> None:
    store, first = ingested

    def counts() -> list[int]:
        with store.engine.connect() as conn:
            return [
                conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.packages, schema.files, *schema.CHILDREN)
            ]

    before = counts()
    again = backend.ingest(store, [*SUBSET, corrupt[0].parent])
    assert sorted((r.path, r.status) for r in again.results) == sorted(
        (r.path, "unchanged" if r.status == "new" else r.status) for r in first.results
    )
    assert counts() == before


def test_a_department_over_the_years(ingested: tuple[Store, IngestSummary]) -> None:
    """万里街道's 2023–2025 budgets: 统计信息事务 2.63+60.13, 25.77 and 43.83 万元 as the
    情况说明 of each year states them; a 项 of 2023 only; the change and its rate."""
    store, _ = ingested
    sheet = store.department_years(WANLI, tables=[TableKind.EXPENDITURE_SUMMARY])
    assert sheet.header == ("表", "收支", "编码", "层级", "名称", "2023", "2024", "2025", "增减", "增减率%")
    assert sheet.name == f"{WANLI} 部门预算（元）"
    rows = {r[2]: r for r in sheet.rows}
    assert rows["20105"] == (
        "预算支出总表",
        "",
        "20105",
        "款",
        "统计信息事务",
        Decimal("627600.00"),
        Decimal("257700.00"),
        Decimal("438300.00"),
        Decimal("180600.00"),
        Decimal("70.08"),
    )
    assert rows["2010506"][5:] == (Decimal("26300.00"), None, None, None, None)
    assert rows["2012902"][5:8] == (Decimal("454100.00"), Decimal("426000.00"), Decimal("422900.00"))
    assert [r[2] for r in sheet.rows][:4] == ["201", "20105", "2010506", "2010507"]
    in_wan = store.department_years(WANLI, tables=[TableKind.EXPENDITURE_SUMMARY], unit=Unit.WAN)
    assert {r[2]: r for r in in_wan.rows}["20105"][5:8] == (Decimal("62.76"), Decimal("25.77"), Decimal("43.83"))
    two = store.department_years(WANLI, tables=[TableKind.EXPENDITURE_SUMMARY], years=[2023, 2025])
    assert two.header[5:] == ("2023", "2025", "增减", "增减率%")
    assert {r[2]: r for r in two.rows}["20105"][5:] == (
        Decimal("627600.00"),
        Decimal("438300.00"),
        Decimal("-189300.00"),
        Decimal("-30.16"),
    )
    with pytest.raises(QueryError, match="万里街道"):
        store.department_years("万里街道")


def test_a_region_in_one_year(ingested: tuple[Store, IngestSummary], extracted: dict[str, Disclosure | str]) -> None:
    store, _ = ingested
    sample = store.region_year("文水县", 2026)
    assert sample.rows[0][1:] == (
        "文水县人力资源和社会保障局",
        "部门预算",
        Decimal("3776.24"),
        Decimal("1979.95"),
        Decimal("1796.29"),
        Decimal("6.00"),
        None,
        None,
        Decimal("6.00"),
        Decimal("68.78"),
        check(extracted[absolute(SAMPLE)]).summary["error"],  # type: ignore[arg-type]
    )
    wanli = store.region_year("上海市普陀区", 2023)
    # 2023年“三公”经费预算数为22.91万元; 机关运行经费预算为786.09万元 (rd04's 情况说明)
    assert [r[1:11] for r in wanli.rows] == [
        (
            WANLI,
            "部门预算",
            Decimal("16497.864"),
            Decimal("9940.6297"),
            Decimal("6557.2343"),
            Decimal("22.91"),
            Decimal("0.00"),
            Decimal("1.35"),
            Decimal("21.56"),
            Decimal("786.09"),
        ),
    ]
    assert store.region_year("上海市", 2023).rows == wanli.rows  # a region takes the regions under it
    with pytest.raises(QueryError):
        store.region_year("上海市", 1999)


def test_packages_by_findings(ingested: tuple[Store, IngestSummary], extracted: dict[str, Disclosure | str]) -> None:
    store, _ = ingested
    errors = {file: check(r).summary["error"] for file, r in extracted.items() if not isinstance(r, str)}
    sheet = store.packages_by_findings(severity="error")
    files = {p.id: p.file for p in store.packages()}
    assert sorted((files[r[0]], r[8]) for r in sheet.rows) == sorted((f, n) for f, n in errors.items() if n)
    assert [r[8] for r in sheet.rows] == sorted((r[8] for r in sheet.rows), reverse=True)
    by_rule = store.packages_by_findings(rule="label.year")
    assert all("label.year" in r[9] for r in by_rule.rows)
    assert {p.id for p in store.packages(rule="label.year")} == {r[0] for r in by_rule.rows}


def test_sql_is_read_only(ingested: tuple[Store, IngestSummary]) -> None:
    store, _ = ingested
    count = store.sql("SELECT COUNT(*) AS n FROM packages").rows[0][0]
    assert count == len(store.packages())
    for statement in ("DELETE FROM packages", "DROP TABLE amounts", "SELECT * FROM no_such_table"):
        with pytest.raises(QueryError):
            store.sql(statement)
    assert store.sql("SELECT COUNT(*) AS n FROM packages").rows[0][0] == count
    tidy = store.sql("SELECT SUM(fen) FROM amounts_tidy WHERE department = :d", {"d": WANLI}).rows[0][0]
    assert (
        tidy
        == store.sql(
            "SELECT SUM(a.fen) FROM amounts a JOIN packages p ON p.id = a.package_id WHERE p.department = :d",
            {"d": WANLI},
        ).rows[0][0]
    )


def test_open_data(ingested: tuple[Store, IngestSummary], tmp_path: Path) -> None:
    """CSV and Parquet hold every amount exactly; the Fiscal Data Package is valid under
    frictionless's own validator."""
    import frictionless
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    store, _ = ingested
    written = store.export(tmp_path, ["csv", "parquet", "fdp"])
    assert (tmp_path / "datapackage.json") in written
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for measure in descriptor["model"]["measures"].values():
        assert measure["source"] in [f["name"] for f in resources[measure["resource"]]["schema"]["fields"]]
    with store.engine.connect() as conn:
        by_kind = dict(
            conn.execute(
                select(schema.tables.c.kind, func.sum(schema.amounts.c.fen))
                .join(
                    schema.tables,
                    (schema.tables.c.package_id == schema.amounts.c.package_id)
                    & (schema.tables.c.table_no == schema.amounts.c.table_no),
                )
                .group_by(schema.tables.c.kind)
            ).all()
        )
    for kind, fen in by_kind.items():
        with (tmp_path / f"{kind}.csv").open(encoding="utf-8") as handle:
            assert sum(Decimal(r["yuan"]) for r in csv.DictReader(handle)) * 100 == (fen or 0)
        table = pq.read_table(tmp_path / f"{kind}.parquet")
        assert str(table.schema.field("yuan").type) == "decimal128(38, 6)"
        assert sum(table.column("yuan").to_pylist()) * 100 == (fen or 0)


def test_the_schema_is_the_migrations(ingested: tuple[Store, IngestSummary]) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store, _ = ingested
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == "0003"
        assert compare_metadata(context, schema.metadata) == []


def test_a_changed_file_replaces_its_package(backend: Backend, tmp_path: Path) -> None:
    """Content decides: a copy is the same package; a changed file replaces its package, which
    goes when no file holds it any more, everything it owned with it; a file that turns
    unusable no longer holds one."""
    store = backend.store()
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    shutil.copy(SAMPLE, a)
    [first] = backend.ingest(store, [a]).results
    assert first.status == "new"
    shutil.copy(SAMPLE, b)
    assert [(r.status, r.package_id) for r in backend.ingest(store, [tmp_path]).results] == [
        ("unchanged", first.package_id),
        ("linked", first.package_id),
    ]
    a.write_text(SAMPLE.read_text(encoding="utf-8") + "\n附：本文件已更正。\n", encoding="utf-8")
    changed = {Path(r.path).name: r for r in backend.ingest(store, [tmp_path]).results}
    assert changed["a.md"].status == "replaced" and changed["b.md"].status == "unchanged"
    assert {p.id for p in store.packages()} == {first.package_id, changed["a.md"].package_id}
    b.write_text(SAMPLE.read_text(encoding="utf-8") + "\n附：另一处更正。\n", encoding="utf-8")
    backend.ingest(store, [b])
    assert first.package_id not in {p.id for p in store.packages()}
    assert consistency_problems(store) == []
    held = {p.file: p.id for p in store.packages()}
    forced = backend.ingest(store, [b], force=True).results  # read again into the same package
    assert [(r.status, r.package_id) for r in forced] == [("replaced", held[str(b)])]
    assert {p.file: p.id for p in store.packages()} == held and consistency_problems(store) == []
    a.write_bytes(b"\x00\x01 not text")
    [refused] = backend.ingest(store, [a]).results
    assert refused.status == "unusable"
    assert [p.file for p in store.packages()] == [str(b)]
    assert consistency_problems(store) == []
    store.close()


def refuses(task: Task) -> PackageRecords | Refused:
    """A reader that refuses every file (as an older reader refused a layout it did not know)."""
    return Refused(f"{task.path}: 不是部门预算公开文件（not a budget disclosure）")


def test_a_refusal_stands_for_its_version_and_another_version_reads_the_file_again(tmp_path: Path) -> None:
    """The store keeps a refusal with the version that made it: the same version does not read
    the same content again, another one (whose reader may know the layout) does."""
    path = tmp_path / "in" / "a.md"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    with connect(tmp_path / "store.db") as store:
        [refused] = ingest(store.engine, [path], workers=1, work=refuses).results
        assert (refused.status, refused.reason) == (
            "unusable",
            f"{absolute(path)}: 不是部门预算公开文件（not a budget disclosure）",
        )
        [kept] = ingest(store.engine, [path], workers=1).results  # this reader would take it, but is not asked
        assert (kept.status, kept.reason, store.packages()) == ("unusable", refused.reason, [])
        with store.engine.begin() as conn:
            conn.execute(schema.files.update().values(yusuan_version="0.0.1"))
        [read_again] = ingest(store.engine, [path], workers=1).results
        assert read_again.status == "new"
        assert [p.file for p in store.packages()] == [absolute(path)]
        assert consistency_problems(store) == []


def test_ingest_file_reads_in_this_process_with_page_progress(tmp_path: Path) -> None:
    """One file stored as `ingest` stores it, the reader's progress reported page by page; the
    same file again is not read (no progress) and points at the same package."""
    path = REAL_PDFS / "rd05_shpt_wanlijiedao_2024_bmys.pdf"
    seen: list[tuple[int, int]] = []
    with connect(tmp_path / "one.db") as store:
        first = store.ingest_file(path, pages=lambda done, total: seen.append((done, total)))
        assert (first.status, first.package_id) == ("new", 1)
        assert seen[-1] == (33, 33) and len(seen) == 33
        assert store.package(1).department == WANLI and store.package(1).errors == 2
        seen.clear()
        again = store.ingest_file(path, pages=lambda done, total: seen.append((done, total)))
        assert (again.status, again.package_id, seen) == ("unchanged", 1, [])


def test_who_must_publish(tmp_path: Path) -> None:
    """A region's list of units: kept in its order (a name listed twice once), replaced whole by
    the next list; a unit has published when a package of the year names it, with or without the
    region's name before it; a package no unit of the list names is listed apart."""
    with connect(tmp_path / "units.db") as store:
        [sample] = store.ingest([SAMPLE], workers=1).results
        listed = store.set_publishers(
            "文水县", [("文水县财政局", "101"), ("人力资源和社会保障局", None), ("文水县 财政局", None)]
        )
        assert [(p.number, p.name, p.code) for p in listed] == [
            (1, "文水县财政局", "101"),
            (2, "人力资源和社会保障局", None),
        ]
        found, unlisted = store.publication("文水县", 2026)
        assert [(p.publisher.name, p.published, [k.id for k in p.packages], p.errors) for p in found] == [
            ("文水县财政局", False, [], 0),
            ("人力资源和社会保障局", True, [sample.package_id], 10),
        ]
        assert unlisted == []
        assert store.publication("文水县", 2025)[0][1].packages == ()
        store.set_publishers("文水县", [("文水县教育局", None)])
        found, unlisted = store.publication("文水县", 2026)
        assert [p.publisher.name for p in found] == ["文水县教育局"] and [p.id for p in unlisted] == [sample.package_id]
        assert store.publishers() == [store.publishers("文水县")[0]] and store.publishers("太原市") == []
