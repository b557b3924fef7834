# Two commands for a newcomer: `make lab` and `make test`. Both bootstrap .venv first (idempotent).
# `make check` is the maintainers' fast tier: every test not marked slow, browser or hub (about a minute).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

LRS_VENV := .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed

.PHONY: lab test check bench site lock clean-venv labextension

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock files pin every package (`make lock` writes them from pyproject.toml's ranges): lab.txt is what
# Binder and the hub image install (environment.yml), test.txt is lab.txt plus the test tools, same pins.
# .venv installs test.txt, then the lessons package itself; again only when the lock, pyproject or the version
# (widgets/__init__.py) changes.
LOCK_LAB := requirements/lab.txt
LOCK_TEST := requirements/test.txt
LOCK_PYTHON := 3.11
$(STAMP): pyproject.toml widgets/__init__.py $(LOCK_TEST) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LOCK_TEST)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The GIFT parser the bank-export tests read with (npm, tests/js/package-lock.json).
NODE_STAMP := tests/js/node_modules/.installed
$(NODE_STAMP): tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# The static site's page-side files (npm, package-lock.json at the root: require.js, the widget renderer); files
# only, no install scripts. The site tests build the site, so `make test` needs them too.
SITE_NODE_STAMP := node_modules/.installed
$(SITE_NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(SITE_NODE_STAMP)

# The course tab's JupyterLab extension (labextension/): built only after changing its source, and committed, so
# `make lab`, the tests and a pip install need no Node. Its npm packages are pinned by labextension/package-lock.json.
LABEXT_NODE_STAMP := labextension/node_modules/.installed
$(LABEXT_NODE_STAMP): labextension/package-lock.json
	npm ci --prefix labextension --ignore-scripts --no-audit --no-fund --silent
	touch $(LABEXT_NODE_STAMP)

labextension: $(STAMP) $(LABEXT_NODE_STAMP)
	$(BIN)/python -m tools.build_labextension

# JupyterLab refuses to run as root (containers, some classroom machines) unless told it may;
# a read-only extension manager never asks PyPI for extensions (the lessons work offline).
LAB_FLAGS := --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root,)

# The lessons' Jupyter settings (widgets/jupyter/config: lesson files saved without outputs, no news pop-up,
# Markdown opened rendered) and the course tab extension are copied into .venv first, as Binder's postBuild and the
# hub recipes do.
lab: $(STAMP)
	$(BIN)/python -m widgets.jupyter.lab_server --install > /dev/null
	$(BIN)/jupyter lab $(LAB_FLAGS) lessons/00_start_here.ipynb

# tests/integration/test_xapi.py starts a real learning record store, Ralph's: its own venv, since ralph-malph[lrs] pins
# fastapi, uvicorn and httpx exactly (tests/lrs/requirements.txt; every package pinned in constraints.txt).
$(LRS_STAMP): tests/lrs/requirements.txt tests/lrs/constraints.txt
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/python -m pip install --quiet -r tests/lrs/requirements.txt -c tests/lrs/constraints.txt
	touch $(LRS_STAMP)

# The whole suite runs on TEST_WORKERS pytest-xdist workers (most of its time is spent waiting on browsers, servers
# and kernels, so more workers than cores); `--dist loadscope` gives a worker whole test files (and conftest.py all
# of tests/hub/ to one worker). Then the `timing` tests run alone: they hold the page to a time limit, which means
# nothing while other workers load both cores. Both runs always run; either failing fails `make test` (exit 5 is
# "no test selected", e.g. `make test PYTEST_ARGS=tests/content/test_load.py` selects no timing test).
TEST_WORKERS ?= 3
test: $(STAMP) $(LRS_STAMP) $(NODE_STAMP) $(SITE_NODE_STAMP)
	@status=0; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope -m "not timing" $(PYTEST_ARGS); rc=$$?; \
	[ $$rc -eq 0 ] || [ $$rc -eq 5 ] || status=1; \
	$(BIN)/python -m pytest -m timing $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || status=1; \
	exit $$status

# The fast tier for every change (unit, content, engine, view and node tests; no server, browser, hub, LRS, site
# build, nbval, crash loop, interpreter per module or type check: those are marked slow in conftest.py). The LRS venv
# is made too: one fast test checks every statement against Ralph's xAPI models (tests/integration/test_xapi.py).
CHECK_MARKERS := not slow and not browser and not hub
CHECK_WORKERS ?= 2
check: $(STAMP) $(LRS_STAMP) $(NODE_STAMP) $(SITE_NODE_STAMP)
	$(BIN)/python -m pytest -n $(CHECK_WORKERS) -m "$(CHECK_MARKERS)" $(PYTEST_ARGS) tests

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# The lessons as a static site in site/: no kernel, no network (open site/index.html; tools/site.py).
site: $(STAMP) $(SITE_NODE_STAMP)
	$(BIN)/python -m tools.site --out site

# Re-pin after changing a dependency in pyproject.toml (keeps the other pins); `make lock LOCK_ARGS=--upgrade`
# moves every package to its newest version within the ranges (then run `make test`). uv comes from PyPI.
UV_COMPILE = $(BIN)/uv pip compile --quiet pyproject.toml --universal --python-version $(LOCK_PYTHON) \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv>=0.5,<1"
	$(UV_COMPILE) --extra hub -o $(LOCK_LAB)
	$(UV_COMPILE) --extra hub --extra test -c $(LOCK_LAB) -o $(LOCK_TEST)

clean-venv:
	rm -rf $(VENV) $(LRS_VENV)
