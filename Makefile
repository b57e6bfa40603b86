# The integrity portal. `make run` and `make test` do all set-up on a fresh machine with
# Python 3.11+, Node 20+ and make (and apt-get for Chromium and gettext when they are missing).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
IDP_PORT ?= 8001
STAMP := .make
DEV := DJANGO_SETTINGS_MODULE=portal.settings.dev
TEST := DJANGO_SETTINGS_MODULE=portal.settings.test
# Test processes (pytest-xdist): one per core by default; TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= auto

.PHONY: help install run run-sso serve test test-only check lint format migrate demo assets messages system-packages bench bench-stats bench-search typecheck test-distributed loadtest loadtest-signups backup-restore-check screenshots

help: ## List the make targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP):
	@mkdir -p $(STAMP)

$(STAMP)/python: requirements.txt requirements-dev.txt | $(STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(STAMP)/npm: package.json package-lock.json | $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system-packages: ## Install Chromium (browser tests) and gettext (translations) from Debian when missing
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

assets: $(STAMP)/npm ## Copy the NL Design System CSS into static/vendor
	node scripts/build-assets.mjs >/dev/null

messages: $(STAMP)/python system-packages ## Compile the translations (.po -> .mo)
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

install: $(STAMP)/python $(STAMP)/npm system-packages assets messages ## Install everything (idempotent)

migrate: install ## Apply database migrations (SQLite by default)
	$(DEV) $(BIN)/python manage.py migrate --noinput -v0

demo: migrate ## Load the demo content and demo accounts (safe to run twice)
	$(DEV) $(BIN)/python manage.py load_demo_content

run: demo ## Set up, load the demo and serve on http://127.0.0.1:$(PORT)
	@echo "Serving on http://127.0.0.1:$(PORT) (demo accounts: see README)"
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

run-sso: demo ## As run, signed in through the test identity provider on 127.0.0.1:$(IDP_PORT) (README)
	PORT=$(PORT) IDP_PORT=$(IDP_PORT) scripts/run_sso.sh

serve: install ## Serve the production way (granian + task worker, production settings) on http://127.0.0.1:$(PORT)
	PORT=$(PORT) scripts/serve.sh

bench: install ## Benchmark pages against nginx serving the same HTML (docs/performance.md)
	$(BIN)/python scripts/bench_pages.py

loadtest: install ## The morning-of-the-week load test with Locust (loadtest/, docs/performance.md)
	$(BIN)/python loadtest/run.py $(LOADTEST_ARGS)

loadtest-signups: install ## 50 colleagues sign up for one session at once (PostgreSQL when DATABASE_URL says so)
	$(BIN)/python loadtest/signup_burst.py $(LOADTEST_ARGS)

lint: $(STAMP)/python ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)/python ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install lint ## Django system checks and missing migrations
	$(TEST) $(BIN)/python manage.py check
	$(TEST) $(BIN)/python manage.py makemigrations --check --dry-run

typecheck: $(STAMP)/python ## mypy with django-stubs over the service, permission and figure modules (pyproject.toml)
	$(BIN)/mypy

test: install check test-only ## Set up and run the whole suite (unit, integration, browser)

test-only: ## Run the test suite without the set-up steps (PYTEST_ARGS to pass options, TEST_WORKERS=0 for one process)
	$(TEST) $(BIN)/python -m pytest --numprocesses=$(TEST_WORKERS) $(PYTEST_ARGS)

bench-stats: $(STAMP)/python ## Benchmark the annual statistics over 1,000,000 records (PostgreSQL when DATABASE_URL says so)
	$(TEST) $(BIN)/python scripts/bench_statistics.py
backup-restore-check: $(STAMP)/python ## Back up DATABASE_URL (PostgreSQL) + media + key manifest, restore into a throwaway DB, verify (docs/operations.md)
	PYTHON=$(BIN)/python scripts/backup_restore_check.sh
screenshots: install ## Every page type at 375 and 1280 px in Dutch and English as PNG in docs/screens/ (not committed)
	$(DEV) $(BIN)/python scripts/screenshots.py

bench-search: $(STAMP)/python ## Search benchmark: median query latency over 10,000 generated pages (throwaway DB)
	$(BIN)/python scripts/bench_search.py

# --- tasks (#19): the distributed shape ---
test-distributed: $(STAMP)/python ## Cross-server suite: 2 granian app servers + nginx + task worker (DATABASE_URL=postgres://… throwaway, CACHE_LOCATION=redis://…)
	scripts/cluster.sh $(MAKE) test-only TEST_WORKERS=0 PYTEST_ARGS="tests/distributed -p no:cacheprovider $(PYTEST_ARGS)"
