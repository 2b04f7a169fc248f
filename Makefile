# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate seed lint format messages ci clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) was not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

## The demo site: the page tree and texts plus demo members, every page marked as a demo
seed: migrate
	$(BIN)/python manage.py seed_site --demo

## Set up a development site on SQLite and serve it at http://127.0.0.1:8000/
run: seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite, or the database in DATABASE_URL)
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the Catalan catalogue after changing user-facing strings
messages: install-dev
	$(BIN)/python manage.py makemessages --locale ca --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages --locale ca --ignore '.venv/*'

## Everything CI checks: tests on SQLite and PostgreSQL, lint, migrations, deployment checks
ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Load and failure runs on this machine's loopback, each bounded in time; none is part of CI.
.PHONY: bench bench-restart bench-fuzz bench-soak

# The commit measured before the working tree (empty: the working tree only).
BASELINE ?= 361c537

## Before (BASELINE) and after: load, SQL queries and member search on PostgreSQL (needs wrk); writes bench/RESULTS.md
bench: install
	$(BIN)/python bench/run.py --baseline '$(BASELINE)'

## Restart a throwaway PostgreSQL server while the site is under load
bench-restart: install
	$(BIN)/python bench/restart.py

## At least 5,000 hostile requests against every public URL: no 5xx
bench-fuzz: install
	$(BIN)/python bench/fuzz.py

## 60 s at 32 connections: no errors, worker memory growth under 10 %
bench-soak: install
	$(BIN)/python bench/soak.py

# Lighthouse, pinned in audit/package-lock.json; npm installs it once, and it drives the system
# Chromium (no browser is downloaded).
audit/node_modules/.package-lock.json: audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund --loglevel=error

.PHONY: audit
## Lighthouse (mobile) on the main pages of a production server: every category 0.95 or more
audit: install audit/node_modules/.package-lock.json
	$(BIN)/python bench/audit.py
