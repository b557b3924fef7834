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


def first_showings() -> dict[str, list[str]]:
    """Each notebook → the one-liners first shown there (every one-liner once, in the first lesson that calls it)."""
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    for notebook in lesson_notebooks():
        for name in widget_cells(notebook):
            if name in WIDGET_CLASSES and name not in seen:
                seen.add(name)
                out.setdefault(notebook, []).append(name)
    return out


def shoot_lesson(lab_page: LabPage, names: list[str], gallery) -> list[str]:
    """Shoot each widget of `names` in this lesson at each gallery width, side panel open, the window as tall as the
    widget (only the height changes between two widgets, so the figures need not follow a new width)."""
    page = lab_page.page
    size, panel = page.viewport_size, lab_page.left_panel_open()
    roots = {n: lab_page.notebook_panel.locator(f".jp-Cell-outputArea .{WIDGET_CLASSES[n]}").first for n in names}
    saved = []
    try:
        for width in GALLERY_WIDTHS:
            lab_page.set_width(width, left_panel=True)
            for name, root in roots.items():
                height = root.evaluate("e => e.getBoundingClientRect().height")
                assert height > 10, f"{name} at {width} px: the widget is drawn {height} px high"
                page.set_viewport_size({"width": width, "height": min(int(height) + 300, TALLEST)})
                root.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(250)
                path = gallery / f"{name}-{width}.png"
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
    for notebook, names in first_showings().items():
        saved += shoot_lesson(ran_lesson(notebook), names, gallery)
    every = {name for names in first_showings().values() for name in names}
    assert every == set(WIDGET_CLASSES)  # every one-liner a lesson shows
    assert len(saved) == len(every) * len(GALLERY_WIDTHS), saved
