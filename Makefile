# The two commands of the README: `make demo` and `make test`. Both set everything up first.
# `make serve` starts the web page on the sample (http://127.0.0.1:8000/, Ctrl+C to stop).
.PHONY: setup demo test lint serve

VENV := .venv/bin
SAMPLE := examples/wenshui-rsj-2026-budget.md

setup:
	@scripts/setup.sh

demo: setup
	@mkdir -p out
	$(VENV)/yusuan extract $(SAMPLE) -o out/wenshui.json
	$(VENV)/yusuan extract $(SAMPLE) --format xlsx -o out/wenshui.xlsx
	@# check exits 1 when it finds errors (the sample has them); only 2 (unusable input) stops the demo
	$(VENV)/yusuan check $(SAMPLE) --format html -o out/wenshui-check.html; test $$? -le 1
	$(VENV)/yusuan check $(SAMPLE); test $$? -le 1
	$(VENV)/yusuan build examples/ledger -o out/build
	@rm -f out/yusuan.db
	$(VENV)/yusuan db ingest $(SAMPLE) --db out/yusuan.db
	$(VENV)/yusuan db query region 文水县 --year 2026 --db out/yusuan.db
	$(VENV)/yusuan db export --db out/yusuan.db -o out/open-data --format csv,parquet,fdp > /dev/null
	@echo "demo: the sample read into out/wenshui.json and out/wenshui.xlsx"
	@echo "demo: the reviewer's report on the sample above, and as one page in out/wenshui-check.html"
	@echo "demo: the example ledger's package (xlsx, docx, pdf, html, md) built into out/build/"
	@echo "demo: the sample in a store, out/yusuan.db (try: datasette out/yusuan.db), and as open data in out/open-data/"

lint: setup
	$(VENV)/ruff check src tests bench
	$(VENV)/mypy

test: lint
	$(VENV)/pytest

serve: setup
	@mkdir -p out
	$(VENV)/yusuan serve $(SAMPLE) --db out/web.db --uploads out/uploads
