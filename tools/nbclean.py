"""Normalise lesson notebooks before commit: no outputs, python3 kernelspec, widget code cells hidden; and
write each notebook's text copy (MyST Markdown, by jupytext) under lessons/text/ for review as plain text.

Usage: python tools/nbclean.py [NOTEBOOK ...]   (default: every notebook under lessons/)
tests/content/test_notebooks.py checks the same rules, so a notebook saved with outputs, or a text copy that no
longer matches its notebook, fails the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
TEXT = LESSONS / "text"
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


def text_copy_path(notebook: Path) -> Path:
    """Where the reviewable text of a lesson notebook lives: lessons/text/<same relative path>.md."""
    return TEXT / notebook.resolve().relative_to(LESSONS).with_suffix(".md")


def text_copy(nb: nbformat.NotebookNode) -> str:
    """The notebook as MyST Markdown: every cell's source, in order, with no outputs and no metadata noise."""
    import copy

    import jupytext

    plain = copy.deepcopy(nb)
    plain.metadata = nbformat.NotebookNode(
        {"jupytext": {"notebook_metadata_filter": "-all", "cell_metadata_filter": "-all"}}
    )
    return jupytext.writes(plain, fmt="md:myst")


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(LESSONS.rglob("*.ipynb"))
    for path in files:
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(clean(nb))
        nbformat.write(nb, path)
        text = text_copy_path(path)
        text.parent.mkdir(parents=True, exist_ok=True)
        text.write_text(text_copy(nb), encoding="utf-8")
        print(f"cleaned {path}; text copy {text.relative_to(LESSONS.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
