# Makefile: the project's verbs. Every target installs what it needs first, so each one
# works on a fresh clone. Python 3.11 comes from the image; uv comes from PyPI.
SHELL := /bin/bash
UV_TOOL ?= $(HOME)/.cache/mixite/uvtool
UV ?= $(UV_TOOL)/bin/uv
export UV_PYTHON := $(shell python3 -c 'import sys; print(sys.executable)')
export UV_PYTHON_DOWNLOADS := never
PYTEST_ENV := DJANGO_ALLOW_ASYNC_UNSAFE=true MIXITE_DATA_DIR=$(CURDIR)/var/test

.PHONY: install system run test check bench lint fmt messages

$(UV):            # uv itself, in its own small venv (about 8 s, once per machine)
	python3 -m venv $(UV_TOOL)
	$(UV_TOOL)/bin/pip install -q uv

install: $(UV)    # the locked packages (exact: removes strays)
	$(UV) sync --locked

run: install      # SQLite, demo data, then serve on loopback (gunicorn + WhiteNoise)
	$(UV) run mixite serve --demo --host 127.0.0.1 --port 8000

system:           # Debian packages (PostgreSQL, Chromium, PDF libraries), only the missing ones
	bash scripts/system-packages

# What CI runs: the whole suite on a throwaway PostgreSQL, then the [sqlite] scenarios
# again on an SQLite file database (platform.md I-1).
test: system install lint
	$(PYTEST_ENV) bash scripts/with-postgres $(UV) run pytest
	$(PYTEST_ENV) MIXITE_DATABASE_URL= $(UV) run pytest -m sqlite -p no:cacheprovider

check: install    # the quick loop: SQLite, no browser, no slow tests
	$(PYTEST_ENV) $(UV) run pytest -m "not slow and not browser and not postgres" -x -q

bench: install    # speed as ratios against a baseline run in the same process
	$(UV) run mixite bench

lint: install
	$(UV) lock --check
	$(UV) run ruff format --check .
	$(UV) run ruff check .
	$(UV) run lint-imports
	$(UV) run mypy

fmt: install
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

messages: install  # refresh the French catalogue after changing texts; then translate
	cd src/mixite/web && DJANGO_SETTINGS_MODULE=mixite.web.settings.test $(UV) run django-admin makemessages -l fr -l en --no-obsolete --no-location
