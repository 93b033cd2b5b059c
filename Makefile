# Kennisbrug: `make run` to try it, `make test` to check it. Needs Python 3.11+ (with venv); the
# browser tests in `make test` also use npm (axe-core) and Debian's chromium (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
# make run ADDRESS=127.0.0.1:8080 serves elsewhere (e.g. when port 8000 is taken).
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test lint format install browser-deps demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here)
# and inject axe-core from the npm registry, pinned in package-lock.json.
$(CHROMIUM):
	@echo "Chromium ontbreekt: Debian's pakket wordt geïnstalleerd"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get install -y chromium || { $$SUDO apt-get update && $$SUDO apt-get install -y chromium; } \
	  || echo "Geen Chromium: de browsertests worden overgeslagen"

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "npm ontbreekt: de browsertests hebben axe-core nodig, dat met npm wordt geïnstalleerd."; \
	  echo "Installeer Node.js met npm (Debian/Ubuntu: sudo apt-get install npm) en draai make test opnieuw."; \
	  exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(AXE)

browser-deps: $(CHROMIUM) $(AXE)

## run: install, migrate, load the demo data and serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/kennisbrug migrate --no-input
	$(BIN)/kennisbrug demo --address $(ADDRESS)
	$(BIN)/kennisbrug serve $(ADDRESS)

## test: lint, check formatting, check for missing migrations, run the whole suite
test: $(STAMP) browser-deps
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
	rm -rf $(VENV) node_modules var/kennisbrug.db* var/test-*
