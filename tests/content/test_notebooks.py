"""Lesson notebooks: stored clean, follow the lesson anatomy, and keep code out of the learner's way."""

from pathlib import Path

import nbformat
import pytest

from widgets.content.load import load_course

LESSONS = Path(__file__).parents[2] / "lessons"
COURSE = load_course().lessons
NOTEBOOKS = [LESSONS / l.notebook for l in COURSE]


def read(path):
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_lesson_of_the_course_map_exists():
    missing = [p.name for p in NOTEBOOKS if not p.exists()]
    assert not missing


def test_no_stray_notebooks_outside_the_map():
    on_disk = {p.name for p in LESSONS.glob("*.ipynb")}
    assert on_disk <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs_and_with_python3_kernel(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_widget_cells_are_short_and_hidden(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert len(cell.source.strip().splitlines()) <= 2, cell.source
            assert "widget" in cell.metadata.get("tags", []), cell.source
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source
            assert cell.source.startswith("from widgets import "), cell.source


@pytest.mark.parametrize("lesson", COURSE, ids=lambda l: l.id)
def test_lesson_anatomy(lesson):
    nb = read(LESSONS / lesson.notebook)
    text = markdown(nb)
    first = nb.cells[0].source
    assert first.startswith("# ") and "**Time:**" in first
    assert f"{lesson.minutes}" in first
    assert "This is a lesson, not medical advice." in text  # visible disclaimer
    assert "healthcare professional" in text
    if lesson.id != "00-start":
        assert "## Goals" in text and "## Key points" in text
    if lesson is not COURSE[-1]:
        assert "**Next:**" in text


def test_lesson_links_point_at_real_notebooks():
    import re

    for path in NOTEBOOKS:
        for target in re.findall(r"\]\(([^)#]+\.ipynb)", markdown(read(path))):
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


ALL_NOTEBOOKS = sorted(p for p in LESSONS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_text_copy_for_review_matches_the_notebook(path):
    """lessons/text/ holds each notebook as MyST Markdown (jupytext) so a change reads as plain text in review."""
    from tools.nbclean import text_copy, text_copy_path

    copy = text_copy_path(path)
    assert copy.exists(), f"no text copy {copy}: run tools/nbclean.py"
    assert copy.read_text(encoding="utf-8") == text_copy(nbformat.read(path, as_version=4)), (
        f"{copy} differs from {path.name}: run tools/nbclean.py"
    )


def test_no_text_copy_without_its_notebook():
    from tools.nbclean import TEXT, text_copy_path

    wanted = {text_copy_path(p) for p in ALL_NOTEBOOKS}
    stray = [p for p in TEXT.rglob("*.md") if p not in wanted]
    assert not stray, f"text copies of notebooks that no longer exist: {stray}"
