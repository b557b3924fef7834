# Two commands for a newcomer: `make lab` and `make test`. Both bootstrap .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

LRS_VENV := .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed

.PHONY: lab test bench clean-venv

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

# tests/test_xapi.py starts a real learning record store, Ralph's: its own venv, since ralph-malph[lrs] pins
# fastapi, uvicorn and httpx exactly (tests/lrs/requirements.txt; every package pinned in constraints.txt).
$(LRS_STAMP): tests/lrs/requirements.txt tests/lrs/constraints.txt
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/python -m pip install --quiet -r tests/lrs/requirements.txt -c tests/lrs/constraints.txt
	touch $(LRS_STAMP)

test: $(STAMP) $(LRS_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV) $(LRS_VENV)
