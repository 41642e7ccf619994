# The two commands of the README: `make demo` and `make test`. Both set everything up first.
.PHONY: setup demo test lint

VENV := .venv/bin
SAMPLE := examples/wenshui-rsj-2026-budget.md

setup:
	@scripts/setup.sh

demo: setup
	@mkdir -p out
	$(VENV)/yusuan extract $(SAMPLE) -o out/wenshui.json
	$(VENV)/yusuan extract $(SAMPLE) --format xlsx -o out/wenshui.xlsx
	@echo "demo: wrote out/wenshui.json and out/wenshui.xlsx"

lint: setup
	$(VENV)/ruff check src tests bench
	$(VENV)/mypy

test: lint
	$(VENV)/pytest
