"""The store: many packages, many years, in one SQLite file or PostgreSQL database.

- database.py  where the store lives (a file path or a URL); migrations run on opening
- schema.py    the tables (SQLAlchemy Core); migrations/ builds the same with Alembic
- records.py   a read package as the store's rows, and the rows back as the model's types
- work.py      what a worker does with one file (read, check, make the records)
- runners.py   worker processes of this machine, or a Dask cluster's workers
- ingest.py    files → packages, idempotent by content hash; write.py: one transaction each
- queries.py   the questions people ask (a department over the years, a region in one year, …)
- opendata.py  CSV, Parquet and a Fiscal Data Package
- api.py       `Store` and `connect`, the Python API (`yusuan.db.connect`)
"""
