"""Sources and review: lessons/SOURCES.md backs every claim beyond the article, the README links it, and
every lesson ends with a footer that says when it was checked against the sources, and by whom."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import nbformat
import pytest

from tests.content.test_own_words import ARTICLE, read_article, shared
from tests.course_text import CONTENT, LESSONS, markdown_cells
from widgets.content.load import load_course

ROOT = Path(__file__).parents[2]
SOURCES = LESSONS / "SOURCES.md"
CHECKLIST = LESSONS / "instructor" / "review-checklist.md"
GUIDE = LESSONS / "instructor" / "guide.md"
WHO = "Checked by the project team against the sources listed; not yet reviewed by a clinician."
FOOTER = re.compile(
    r"Last checked against sources: (\d{4}-\d\d-\d\d)\b.*?Next check due: (\d{4}-\d\d-\d\d)\b.*?" + re.escape(WHO), re.S
)
TRUSTED = (
    *("nhs.uk", "medlineplus.gov", "cdc.gov", "ninds.nih.gov", "europa.eu", "911.gov", "gov.uk", "openstax.org"),
    *("nice.org.uk", "food.gov.uk", "nhs24.scot", "childline.org.uk", "988lifeline.org"),  # issue 23
)
URL = re.compile(r"https?://[^\s)>\"'|\\]+")


def sources_text() -> str:
    return SOURCES.read_text(encoding="utf-8")


def source_table() -> dict[str, str]:
    """Key → address, from the table under "## The sources"."""
    part = sources_text().split("## The sources", 1)[1].split("\n## ", 1)[0]
    return {key: addr.strip() for key, addr in re.findall(r"^\| ([A-Z0-9-]+) \| .* \| ([^|]+) \|$", part, re.M)}


def claim_rows() -> list[tuple[str, str]]:
    """(claim, source cell) for every row of the claim tables after "## The sources"."""
    rest = sources_text().split("## The sources", 1)[1].split("\n## ", 1)[1]
    return [(c, s) for c, s in re.findall(r"^\| (?!What the|---)(.+) \| ([^|]+) \|$", rest, re.M)]


def footer_dates(text: str) -> tuple[date, date]:
    m = FOOTER.search(text)
    assert m, f"no footer of the form 'Last checked against sources: …, Next check due: …, {WHO}'"
    return date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))


def test_sources_file_says_when_and_by_whom_it_was_checked():
    checked, due = footer_dates(sources_text())
    assert checked < due <= date(checked.year + 1, checked.month, checked.day)  # checked again within a year


def test_every_source_is_a_trusted_page_or_a_textbook_and_every_one_is_used():
    table = source_table()
    assert len(table) >= 20
    for key, addr in table.items():
        assert addr == "textbook" or re.match(
            rf"https://([a-z0-9-]+\.)*({'|'.join(map(re.escape, TRUSTED))})/", addr
        ), (key, addr)
    used = {k for _, cell in claim_rows() for k in re.findall(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b", cell)}
    assert set(table) <= used, f"listed but never cited: {sorted(set(table) - used)}"
    for claim, cell in claim_rows():
        keys = re.findall(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b", cell)
        assert "project rule" in cell or any(k in table for k in keys), f"no source for: {claim}"
        assert all(k in table for k in keys), (claim, keys)


@pytest.mark.parametrize(
    "topic, words",
    [
        ("motor unit size", ["hundreds of fibres"]),
        ("sodium carries the signal, potassium resets", ["Sodium", "potassium", "resets"]),
        ("low potassium can cause weakness", ["signs of low potassium can include weak muscles"]),
        ("fibularis anatomy", ["fibularis", "outer side of the lower leg", "under the sole"]),
        ("tarsal tunnel symptoms and the outer sole", ["burning, tingling, numbness", "lateral plantar", "outer sole"]),
        ("stroke signs", ["FAST", "CDC-STROKE", "NHS-STROKE"]),
        ("Guillain-Barré", ["Guillain-Barré", "NINDS-GBS"]),
        ("NHS twitching advice", ["2 weeks", "more than one place", "stiffness", "prescribed medicine"]),
        ("health worry", ["NHS-ANXIETY", "worry can make twitches worse"]),
        ("cramps", ["seconds up to about 10 minutes"]),
        ("emergency numbers", ["999 / 112 / 911"]),
        ("the emergency list, and a sign that has passed (issue 23)", ["The emergency list", "NHS-TIA"]),
        ("who calls (issue 23)", ["shout for the nearest adult", "call yourself; then tell a parent or carer"]),
        ("injuries go to urgent care (issue 23)", ["NICE-SPRAIN", "4 steps", "urgent treatment centre"]),
        ("foot drop that came on slowly: see a GP (issue 23)", ["foot drop that came on slowly", "NHS-FOOTDROP"]),
        ("caffeine amounts (issue 23)", ["about 80 mg", "3 mg of caffeine per kg", "FSA-CAFF", "EFSA-CAFF"]),
        ("the label (issue 23)", ["High caffeine content. Not recommended for children", "EU-FIC"]),
        ("helplines (issue 23)", ["Childline 0800 1111", "988", "CHILDLINE", "LIFELINE-988"]),
        ("tight shoes mainly give tingling (issue 23)", ["mainly gives pins and needles", "NHS-PINS"]),
    ],
)
def test_the_claims_the_issue_names_are_sourced(topic, words):
    text = sources_text()
    for w in words:
        assert w in text, (topic, w)


def test_no_claim_rests_on_an_issue_or_on_staff_guidance():
    """Issue 23 item 9: rows cited "issue 11" and KCSIE (guidance for school staff) for what learners read."""
    for claim, cell in claim_rows():
        assert not re.search(r"\bissue \d+", cell), claim
        assert "KCSIE" not in cell or "teacher's guide" in claim, claim
    table = sources_text().split("## The sources", 1)[1].split("\n## ", 1)[0]
    assert '911.gov, "Frequently asked questions" | https://www.911.gov/ |' not in table  # title and link agreed
    names = re.findall(r"^\| [A-Z0-9-]+ \| (.*?) \| https://medlineplus\.gov/ency/article/000792\.htm", table, re.M)
    assert names and all("also called" not in n for n in names), names  # one page, one name


def cited_urls() -> set[str]:
    found = set()
    for lesson in load_course().lessons:
        for cell in markdown_cells(LESSONS / lesson.notebook):
            found |= set(URL.findall(cell))
    for f in CONTENT.rglob("*.yaml"):
        found |= set(URL.findall(f.read_text(encoding="utf-8")))
    return {u.rstrip(".,;:") for u in found}


def test_every_page_a_lesson_or_content_file_cites_is_in_sources():
    listed = {a.rstrip("/") for a in source_table().values()}
    cited = cited_urls()
    assert cited, "no addresses found in the lessons"
    missing = sorted(u for u in cited if u.rstrip("/") not in listed)
    assert not missing, "cited in the course but not in lessons/SOURCES.md: " + ", ".join(missing)


def test_readme_and_guide_link_to_the_sources():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](lessons/SOURCES.md)" in readme
    assert "](../SOURCES.md)" in GUIDE.read_text(encoding="utf-8")
    assert "](../SOURCES.md)" in CHECKLIST.read_text(encoding="utf-8")


@pytest.mark.parametrize("role", ["neurologist", "podiatrist", "school nurse", "patient-education editor", "Timings"])
def test_review_checklist_covers_each_role(role):
    text = CHECKLIST.read_text(encoding="utf-8")
    section = re.search(rf"^## \d\. (As a )?{role}\b(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section and section.group(2).count("- [ ]") >= 3, role


@pytest.mark.parametrize("notebook", [l.notebook for l in load_course().lessons])
def test_every_lesson_ends_with_the_review_footer(notebook):
    """Footers are written by the lesson authors; this test fails until every lesson has one."""
    last = nbformat.read(LESSONS / notebook, as_version=4).cells[-1]
    assert last.cell_type == "markdown", f"{notebook}: the last cell is not the footer"
    checked, due = footer_dates(last.source)
    assert checked < due
    assert (checked, due) == footer_dates(sources_text()), f"{notebook}: footer dates differ from SOURCES.md"
    assert re.search(r"\]\((\./)?SOURCES\.md(#[^)]*)?\)", last.source), f"{notebook}: footer does not link SOURCES.md"


def test_the_footer_check_rejects_a_wrong_footer():
    good = f"Last checked against sources: 2026-11-25 · Next check due: 2027-05-25 · {WHO}"
    assert footer_dates(good) == (date(2026, 11, 25), date(2027, 5, 25))
    for bad in [
        good.replace("not yet reviewed", "reviewed"),
        good.replace("Next check due", "Next check"),
        good.replace("2026-11-25", "25 Nov 2026"),
    ]:
        with pytest.raises(AssertionError):
            footer_dates(bad)


@pytest.fixture(scope="module")
def article_runs():
    return read_article(ARTICLE, os.environ)


def test_teacher_files_are_in_our_own_words(article_runs):
    for path in (SOURCES, GUIDE, CHECKLIST):
        copied = shared(path.read_text(encoding="utf-8"), article_runs)
        assert not copied, f"{path.name} copies the article: {copied}"
