# Kennisbrug: `make run` to try it, `make test` to check it. Needs Python 3.11+ and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format install demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## run: install, migrate, load the demo data and serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/kennisbrug migrate --no-input
	$(BIN)/kennisbrug demo
	$(BIN)/kennisbrug serve

## test: lint, check formatting, check for missing migrations, run the whole suite
test: $(STAMP)
	$(BIN)/ruff check kennisbrug bench
	$(BIN)/ruff format --check kennisbrug bench
	$(BIN)/kennisbrug makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check kennisbrug bench

format: $(STAMP)
	$(BIN)/ruff format kennisbrug
	$(BIN)/ruff check --fix kennisbrug

clean:
	rm -rf $(VENV) var/kennisbrug.db* var/test-*
