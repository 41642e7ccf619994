"""Ingest the national corpus into the store, and ask the whole store questions.

Prints, for the corpus (default ../shared/data/national, every file a reader takes):

- the baseline: reading the same files one by one with `yusuan extract` (one process, JSON
  written to a temporary directory): files per second;
- `yusuan db ingest` into a new SQLite store with 1 and 2 worker processes, and with a local
  Dask cluster of 2 worker processes (one thread each): packages stored, files and packages per
  second, and the ratio of its files per second to the baseline's (ingest reads, checks and
  writes; extract reads and writes JSON);
- a second ingest of the same files (it must add nothing): seconds;
- queries over the whole store (the 2-process one): milliseconds each, best of 5.

    .venv/bin/python bench/store.py [--corpus DIR] [--every K] [--limit N] [--skip-cluster]
    .venv/bin/python bench/store.py --queries STORE      # only the queries, over a store made before

On an idle two-core machine the whole corpus takes about 40 minutes (reading it is ~11 minutes of
one core, done four times); `--every 6` takes every sixth file, one of each family or so. Load
from other processes falls on every run alike only if it is steady: the load average is printed
beside each figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from yusuan.db import Store, connect
from yusuan.store.ingest import discover

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "national"
sys.path.insert(0, str(ROOT / "tests"))


def extract_one_by_one(files: list[Path], out: Path) -> float:
    """Seconds for `yusuan extract` to read the files one after another (JSON into `out`)."""
    start = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "yusuan"), "extract", *map(str, files), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def compare_with_extract(store: Store, files: list[Path], out: Path) -> None:
    """Every package's tables in the store against the JSON extract wrote for its file, and the
    files the store refused against those extract refused and the manifest's negatives."""
    import json

    from yusuan.export import loads

    equal = differ = 0
    by_file = {p.file: p.id for p in store.packages()}
    for path in files:
        written = out / f"{path.stem}.json"
        package = by_file.get(str(path.absolute()))
        if written.exists() != (package is not None):
            differ += 1
            print(f"  {path.name}: extract {'read' if written.exists() else 'refused'} it, the store did not")
        elif package is not None:
            if store.tables(package) == loads(written.read_text(encoding="utf-8")).tables:
                equal += 1
            else:
                differ += 1
                print(f"  {path.name}: tables differ from extract's")
    print(f"store vs extract, file by file: {equal} packages with every table equal, {differ} differ")
    manifest = Path(files[0]).parent / "manifest.json"
    if manifest.exists():
        described = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        names = {p.name for p in files}
        negatives = {f["file"] for f in described if not f["is_disclosure"]} & names
        disclosures = {f["file"] for f in described if f["is_disclosure"]} & names
        refused = {Path(f.path).name for f in store.files(status="unusable")}
        print(
            f"manifest: {len(disclosures)} disclosures, {len(disclosures - refused)} stored, refused: "
            f"{', '.join(sorted(disclosures & refused)) or 'none'}; {len(negatives)} negatives, "
            f"{len(negatives & refused)} refused, stored: {', '.join(sorted(negatives - refused)) or 'none'}; "
            f"other files refused: {', '.join(sorted(refused - negatives - disclosures)) or 'none'}"
        )


def ingest(files: list[Path], directory: Path, name: str, **options: object) -> tuple[Store, float, int]:
    store = connect(directory / f"{name}.db")
    start = time.perf_counter()
    summary = store.ingest(files, **options)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    return store, seconds, summary.read


def queries(store: Store) -> dict[str, float]:
    """Best of five, in milliseconds, of each question over the whole store."""
    department = store.sql(
        "SELECT department FROM packages WHERE department IS NOT NULL "
        "GROUP BY department ORDER BY COUNT(*) DESC, department"
    ).rows[0][0]
    region, year = store.sql(
        "SELECT region, year FROM packages WHERE region IS NOT NULL AND year IS NOT NULL "
        "GROUP BY region, year ORDER BY COUNT(*) DESC, region"
    ).rows[0]
    asked = {
        "packages (all)": lambda: store.packages(),
        f"region {region} {year}": lambda: store.region_year(str(region), int(str(year))),
        f"department {department}": lambda: store.department_years(department),
        "findings: errors": lambda: store.packages_by_findings(severity="error"),
        "SQL: 分 by year and table kind": lambda: store.sql(
            "SELECT p.year, t.kind, SUM(a.fen) FROM amounts a JOIN packages p ON p.id = a.package_id "
            "JOIN tables t ON t.package_id = a.package_id AND t.table_no = a.table_no GROUP BY p.year, t.kind"
        ),
        "SQL: amounts_tidy of 2080505": lambda: store.sql("SELECT * FROM amounts_tidy WHERE code = '2080505'"),
    }
    found = {}
    for name, ask in asked.items():
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            ask()
            best = min(best, time.perf_counter() - start)
        found[name] = best * 1000
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--queries", default=None, help="only time the queries over this store")
    parser.add_argument("--skip-cluster", action="store_true")
    args = parser.parse_args()
    if args.queries:
        store = connect(args.queries)
        counts = store.sql("SELECT COUNT(*), SUM(amount_count) FROM packages").rows[0]
        print(f"queries over {args.queries} ({counts[0]} packages, {counts[1]} amounts):")
        for name, ms in queries(store).items():
            print(f"  {name}: {ms:.1f} ms{'' if ms < 1000 else '  (over a second)'}")
        return
    files = discover([args.corpus])[:: args.every][: args.limit]
    print(f"corpus: {args.corpus} ({len(files)} files)")
    with tempfile.TemporaryDirectory() as directory:
        extracted = Path(directory) / "extracted"
        baseline = extract_one_by_one(files, extracted)
        print(
            f"baseline, yusuan extract one by one: {baseline:.1f} s, {len(files) / baseline:.3f} files/s "
            f"(load {os.getloadavg()[0]:.1f})"
        )
        runs: list[tuple[str, dict[str, object]]] = [("1 process", {"workers": 1}), ("2 processes", {"workers": 2})]
        cluster = None
        if not args.skip_cluster:
            from store_support import dask_cluster

            cluster = dask_cluster(2)
            runs.append(("Dask cluster, 2 workers", {"cluster": cluster.__enter__()}))
        stores = {}
        try:
            for name, options in runs:
                store, seconds, stored = ingest(
                    files, Path(directory), name.replace(" ", "_").replace(",", ""), **options
                )
                stores[name] = store
                print(
                    f"ingest, {name}: {seconds:.1f} s, {stored} packages, {stored / seconds:.3f} packages/s, "
                    f"{len(files) / seconds:.3f} files/s, {baseline / seconds:.2f}× extract "
                    f"(load {os.getloadavg()[0]:.1f})"
                )
        finally:
            if cluster is not None:
                cluster.__exit__(None, None, None)
        store = stores["2 processes"]
        compare_with_extract(store, files, extracted)
        start = time.perf_counter()
        again = store.ingest(files, workers=2)
        print(f"second ingest: {time.perf_counter() - start:.2f} s, {again.read} packages read again")
        counts = store.sql("SELECT COUNT(*), SUM(amount_count) FROM packages").rows[0]
        print(f"queries over the whole store ({counts[0]} packages, {counts[1]} amounts):")
        for name, ms in queries(store).items():
            print(f"  {name}: {ms:.1f} ms{'' if ms < 1000 else '  (over a second)'}")
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    main()
