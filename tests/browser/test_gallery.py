"""A screenshot gallery: every kind of widget the lessons show, as drawn after Run All, at 1400, 1024, 800 and 768 px
wide with JupyterLab's side panel open (a laptop, a tablet, a small laptop and a Chromebook). The images go to
tests/artifacts/gallery/<widget>-<width>.png (the first lesson that shows a widget is the one shot) and are for
eyes: look at them after changing a view or the stylesheet. The test fails if a widget is missing or drawn empty.
"""

from __future__ import annotations

import pytest

from .lab import WIDGET_CLASSES, LabPage, lesson_notebooks, widget_cells

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

GALLERY_WIDTHS = (1400, 1024, 800, 768)
TALLEST = 6000  # px: a taller widget is shot down to here


def first_showings() -> dict[str, str]:
    """Each one-liner → the first notebook that calls it."""
    out: dict[str, str] = {}
    for notebook in lesson_notebooks():
        for name in widget_cells(notebook):
            if name in WIDGET_CLASSES:
                out.setdefault(name, notebook)
    return out


def shoot_widget(lab_page: LabPage, root, path_for) -> list[str]:
    """Shoot `root` at each gallery width, side panel open, the window as tall as the widget; return the paths."""
    page = lab_page.page
    size, panel = page.viewport_size, lab_page.left_panel_open()
    saved = []
    try:
        for width in GALLERY_WIDTHS:
            lab_page.set_width(width, left_panel=True)
            height = root.evaluate("e => e.getBoundingClientRect().height")
            assert height > 10, f"{path_for(width)}: the widget is drawn {height} px high"
            lab_page.set_width(width, left_panel=True, height=min(int(height) + 300, TALLEST))
            root.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(250)
            path = path_for(width)
            root.screenshot(path=str(path))
            saved.append(path.name)
    finally:  # the tab is shared with other browser tests: leave it as it was
        lab_page.set_width(size["width"], panel, size["height"])
    return saved


def test_gallery_of_every_widget_at_four_widths(ran_lesson, artifacts):
    gallery = artifacts / "gallery"
    gallery.mkdir(exist_ok=True)
    for old in gallery.glob("*.png"):
        old.unlink()
    saved: list[str] = []
    for name, notebook in first_showings().items():
        lab_page = ran_lesson(notebook)
        root = lab_page.notebook_panel.locator(f".jp-Cell-outputArea .{WIDGET_CLASSES[name]}").first
        saved += shoot_widget(lab_page, root, lambda w, name=name: gallery / f"{name}-{w}.png")
    assert len(saved) == len(first_showings()) * len(GALLERY_WIDTHS), saved
