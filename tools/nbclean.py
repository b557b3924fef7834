"""Normalise lesson notebooks before commit: no outputs, python3 kernelspec, widget code cells hidden.

Usage: python tools/nbclean.py [NOTEBOOK ...]   (default: every notebook under lessons/)
tests/test_notebooks.py checks the same rules, so a notebook saved with outputs fails the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.setdefault("language_info", {"name": "python"})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.setdefault("tags", [])
            if "widget" in cell.metadata["tags"]:
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return nb


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(Path("lessons").rglob("*.ipynb"))
    for path in files:
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(clean(nb))
        nbformat.write(nb, path)
        print(f"cleaned {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
