"""Helpers to write a lesson notebook from Python (used while authoring; the .ipynb is the source).

    from tools.nbbuild import md, widget, write
    write("lessons/01_x.ipynb", [md("# Title"), widget('from widgets import quiz; quiz("01-physiology")')])
"""

from __future__ import annotations

import nbformat

from tools.nbclean import clean


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def widget(code: str) -> nbformat.NotebookNode:
    """A one- or two-line code cell that shows a widget; its code is hidden from the learner."""
    cell = nbformat.v4.new_code_cell(code.strip("\n"))
    cell.metadata["tags"] = ["widget"]
    return cell


def write(path: str, cells: list) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nbformat.validate(clean(nb))
    nbformat.write(nb, path)
