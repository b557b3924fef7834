"""The glossary view: compact folding tables, the two groups kept apart, terms that never break inside a word,
and a search box for the whole-course glossary."""

import re

import pytest

from widgets import glossary
from widgets.content.load import load_glossary
from widgets.content.model import GLOSSARY_HEADINGS
from widgets.views.glossary import SEARCH_FROM, glossary_html
from widgets.views.palette import STYLESHEET


def test_a_lesson_glossary_is_two_folding_tables_words_to_know_open_words_doctors_use_folded():
    g = load_glossary().grouped("01-physiology")
    page = glossary_html("01-physiology")
    know, doctors = page.split("<details class='glossary-group glossary-doctors'")
    assert know.startswith("<details class='glossary-group glossary-know' open>")
    assert not doctors.startswith(" open")
    assert f"{GLOSSARY_HEADINGS['know']} ({len(g['know'])})" in know
    assert f"{GLOSSARY_HEADINGS['doctors']} ({len(g['doctors'])})" in doctors
    assert all(f'<th scope="row" class="glossary-term">{e.term}' in know for e in g["know"])
    assert all(f'<th scope="row" class="glossary-term">{e.term}' in doctors for e in g["doctors"])
    assert "<dl>" not in page  # the old one-term-per-paragraph list ran over six screens
    assert glossary("01-physiology").search is False  # a short list needs no search box


def test_terms_never_break_inside_a_word():
    """Issue 15 item 3: "SIN- / drome". The term column asks for no automatic hyphens and no word breaks."""
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    body = "".join(b for sel, b in re.findall(r"([^{}]+)\{([^{}]*)\}", css) if ".glossary-term" in sel)
    assert re.search(r"(?<![-\w])hyphens:\s*manual", body) and re.search(r"word-break:\s*normal", body)
    assert re.search(r"overflow-wrap:\s*normal", body)
    # and no rule that can reach a glossary term breaks words (a class-results table may: it holds no terms)
    reach = "".join(b for sel, b in re.findall(r"([^{}]+)\{([^{}]*)\}", css) if "class-results" not in sel)
    assert not re.search(r"hyphens:\s*auto|word-break:\s*break-(all|word)|overflow-wrap:\s*anywhere", reach)


def test_the_whole_glossary_has_a_search_box_that_keeps_matching_rows_and_says_how_many():
    """What the kernel mirrors (the page's own drawing is compared in tests/page/test_glossary_page_node.py)."""
    v = glossary()
    entries = load_glossary().entries
    assert len(entries) > SEARCH_FROM and v.search
    assert all(e.term in v.html() for e in entries)
    assert v.said() == f"{len(entries)} words. Type in the box to find one."
    assert v.find("NERVE") == len([e for e in entries if "nerve" in (e.term + e.meaning + (e.say_it or "")).lower()])
    want = [e for e in entries if "nerve" in (e.term + e.meaning + (e.say_it or "")).lower()]
    assert 0 < len(want) < len(entries) and v.page.state == {"query": "NERVE"}
    shown = re.findall(r'class="glossary-term">([^<]+)', v.html())
    assert sorted(shown) == sorted(e.term for e in want)
    assert v.said() == f"{len(want)} of {len(entries)} words contain “NERVE”."
    assert v.html().count("<details") == v.html().count(" open>")  # matches are unfolded
    assert v.find("zzzz") == 0 and v.said().startswith("No word contains") and v.html() == ""
    assert v.find("") == len(entries) and all(e.term in v.html() for e in entries)
    with pytest.raises(ValueError, match="no search box"):
        glossary("01-physiology").find("nerve")


def test_glossary_text_is_escaped():
    assert "<script" not in glossary_html() and "&" not in re.sub(r"&(amp|lt|gt|quot|#x27);", "", glossary_html())


def test_say_it_parts_are_kept_whole():
    page = glossary_html()
    e = next(e for e in load_glossary().entries if e.say_it and " " in e.say_it)
    assert " ".join(f'<span class="glossary-nowrap">{p}</span>' for p in e.say_it.split()) in page
    assert re.search(r"\.glossary-nowrap\s*\{\s*white-space:\s*nowrap", STYLESHEET.read_text(encoding="utf-8"))
