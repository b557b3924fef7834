"""The glossary as the page draws it (static/glossary.js, its bundle) in node with a DOM (tests/widget_in_node.py):
the groups and rows are Python's (glossary_html), the search keeps the same rows as Python's `matches` for every
query tried and says the same status line, with no kernel (the static site) as with one (the kernel mirrors)."""

from __future__ import annotations

import pytest

from tests.widget_in_node import WidgetInNode
from widgets.content.load import load_glossary
from widgets.views.glossary import glossary

SITE = "file:///media/usb/site/05_review.html"


@pytest.fixture(scope="module")
def page():
    with WidgetInNode("glossary") as p:
        yield p


def drawn_terms(page: WidgetInNode, view: int) -> list[str]:
    return [e["text"] for e in page.query(view, "th.glossary-term") if not e["hidden"]]


def python_terms(v) -> list[str]:
    import re

    return [
        re.sub(r"<[^>]+>", "", t).replace("&#x27;", "'")
        for t in re.findall(r'class="glossary-term">(.*?)</th>', v.html())
    ]


def test_a_lesson_glossary_draws_pythons_groups_folded_as_python_and_no_search_box(page):
    v = glossary("01-physiology")
    view = page.render(v.page)
    groups = page.query(view, "details.glossary-group")
    assert [("open" in g["attrs"]) for g in groups] == [True, False]  # words to know open, words doctors use folded
    assert drawn_terms(page, view) == python_terms(v)
    assert page.query(view, "input.glossary-search") == []


@pytest.mark.parametrize("kernel", ["live", "static"])
def test_the_search_keeps_pythons_rows_and_says_pythons_line_for_every_query(page, kernel):
    if kernel == "static":
        page.setup(url=SITE)
    v = glossary()
    view = page.render(v.page, kernel=kernel)
    box = "input.glossary-search"
    (label,) = page.query(view, "label")
    assert label["text"] == "Find a word" and label["attrs"]["for"] == page.query(view, box)[0]["attrs"]["id"]
    entries = load_glossary().entries
    queries = ["", "NERVE", " nerve ", "mus", "zzzz", "say", entries[3].term[:4], "-"]
    for q in queries:
        page.type(view, box, q)
        mirror = glossary()
        mirror.page.state = {"query": q}  # what Python shows for the same query
        assert drawn_terms(page, view) == python_terms(mirror), q
        assert page.text(view, ".glossary-count") == mirror.said(), q
        opened = [("open" in g["attrs"]) for g in page.query(view, "details.glossary-group")]
        assert all(opened) if q.strip() else opened == [True, False], q
        if kernel == "live":
            assert v.query == q and v.said() == mirror.said()  # the kernel mirrors the page
    assert page.saves == (len(queries) if kernel == "live" else 0)


def test_a_query_set_from_python_reaches_the_page(page):
    page.setup()
    v = glossary()
    view = page.render(v.page)
    v.find("cramp")
    page.sync(view)
    assert page.query(view, "input.glossary-search")[0]["value"] == "cramp"
    assert drawn_terms(page, view) == python_terms(v) and page.text(view, ".glossary-count") == v.said()
