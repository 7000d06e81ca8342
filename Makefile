# The one entry point for people and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/clientela
PYTEST_WORKERS ?= 2

.PHONY: install run test lint test-sqlite test-postgres test-browser bench clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	$(BIN)/clientela run

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/clientela makemigrations --check --dry-run

test-sqlite: install
	$(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS)

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS)

test-browser: install
	$(BIN)/pytest -m browser

test: lint test-sqlite test-postgres test-browser

bench: install
	$(BIN)/clientela bench $(BENCH_ARGS)
	$(BIN)/clientela bench_analytics $(ANALYTICS_BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var
