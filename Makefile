# Convenor: `make demo` sets everything up and serves the demo; `make test` runs every check.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export DJANGO_SETTINGS_MODULE := convenor.config.settings
export CONVENOR_HOME := $(CURDIR)

.PHONY: demo test lint install messages static browser bench format clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,semantic]'
	touch $@

install: $(VENV)/.installed messages static

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	cd src/convenor && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

# htmx comes from the npm registry at install time; pages work without it.
static: src/convenor/web/static/vendor/htmx.min.js
src/convenor/web/static/vendor/htmx.min.js:
	@mkdir -p $(@D) var/npm
	@if command -v npm >/dev/null; then \
	  (cd var/npm && npm pack --silent htmx.org@2.0.4 >/dev/null 2>&1 && tar -xzf htmx.org-2.0.4.tgz package/dist/htmx.min.js && cp package/dist/htmx.min.js ../../$@) \
	  || echo "htmx not fetched; pages still work without JavaScript"; \
	else echo "npm missing; htmx not installed (pages still work without JavaScript)"; fi
	@touch $@

# Debian's chromium for the Playwright tests (never `playwright install`).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: browser tests will be skipped"; fi

demo: install
	$(BIN)/convenor demo

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: install browser lint
	$(BIN)/pytest -q
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL answers: running the suite against it too"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: SQLite only"; fi

bench: install
	$(BIN)/python bench/run.py

format: $(VENV)/.installed
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) var build *.egg-info
