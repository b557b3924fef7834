# Two commands for a newcomer: `make lab` and `make test`. Both bootstrap .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

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

# The lessons' Jupyter settings (widgets/jupyter_config: lesson files saved without outputs, no news pop-up,
# Markdown opened rendered) are copied into .venv first, as Binder's postBuild and the hub recipes do.
lab: $(STAMP)
	$(BIN)/python -m widgets.lab_server --install > /dev/null
	$(BIN)/jupyter lab $(LAB_FLAGS) lessons/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)
