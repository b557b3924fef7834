"""The instructor guide: its timed plan fits one session, names every lesson notebook, and its links work."""

import re
from pathlib import Path

from widgets.load import load_course

GUIDE = Path(__file__).parent.parent / "lessons" / "instructor" / "guide.md"


def test_guide_links_point_at_real_files():
    text = GUIDE.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", text)
    assert targets
    for target in targets:
        assert (GUIDE.parent / target).exists(), target


def test_timed_plan_names_every_lesson_and_fits_sixty_minutes():
    text = GUIDE.read_text(encoding="utf-8")
    plan = text.split("## Timed plan", 1)[1].split("\n## ", 1)[0]
    for lesson in load_course().lessons:
        assert lesson.notebook in plan, lesson.notebook
    slots = re.findall(r"^\| (\d):(\d\d)–(\d):(\d\d) \|", plan, flags=re.M)
    assert slots
    minutes = [(int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in slots]
    assert minutes[0][0] == 0 and minutes[-1][1] <= 60
    assert all(end == nxt for (_, end), (nxt, _) in zip(minutes, minutes[1:]))   # no gaps, no overlaps
    assert plan.count("⏸") >= 5
