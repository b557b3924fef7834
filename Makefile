# Two commands for a newcomer: `make lab` and `make test`. Both bootstrap .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test bench site clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# JupyterLab refuses to run as root (containers, some classroom machines) unless told it may;
# a read-only extension manager never asks PyPI for extensions (the lessons work offline).
LAB_FLAGS := --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) lessons/00_start_here.ipynb

# tests/test_site.py and tests/browser/test_site.py build the site: they need node_modules too.
test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# The lessons as a static site in site/ (no kernel, no network: open site/index.html). Its page-side files come
# from npm (package.json, package-lock.json); `npm ci` runs when the lock file is newer than node_modules.
node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

site: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m tools.site --out site

clean-venv:
	rm -rf $(VENV)
