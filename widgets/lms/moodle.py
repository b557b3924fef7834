"""A question bank as Moodle XML (docs.moodle.org, "Moodle XML format"), written with the stdlib ElementTree.

choose one → multichoice (single); tick all that fit → multichoice (multiple answers: a note, part
marks); true or false → truefalse; number → numerical (the right value ± tolerance, then a range below
and one above it, each with its feedback; Moodle takes the first answer that matches); put in order →
matching by default (each step matched to its place, a note), since a Moodle without the ordering type
refuses the question and stops the whole import there; ``ordering=True`` (the command's --moodle-ordering)
writes a true ordering question (a standard type since Moodle 4.4), all-or-nothing as in the lessons. Every option's
feedback, the explanation (general feedback) and the hint (Moodle's own hint, shown between tries in
"interactive with multiple tries") go along. Texts are plain text (`format="plain_text"`), so nothing
in them is read as HTML. Options keep the bank's order (no shuffling), so "none of these" stays last.
Not moodle-tools (Apache-2.0, kept up): it renders its own YAML question format through Jinja templates,
a second bank format and three more dependencies (asteval, loguru, markdown) for a file format this small.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..content.model import QuestionBank
from ..questions import MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from .common import ORDER_AS_MATCHING, PARTIAL_CREDIT, Notes, handler, numeric_ranges, one_line, xml_comment

FMT = "Moodle XML"
CATEGORY_ROOT = "foot-twitch-lessons"
PLAIN = {"format": "plain_text"}


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    ET.SubElement(el, "text").text = one_line(text)
    return el


def _answer(q_el: ET.Element, fraction: str, text: str, feedback: str) -> ET.Element:
    a = _text(q_el, "answer", text, fraction=fraction, **PLAIN)
    _text(a, "feedback", feedback, **PLAIN)
    return a


def _fraction(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


def _single(q_el: ET.Element, q: SingleChoice, fid: str, notes: Notes) -> str:
    for o in q.options:
        _answer(q_el, "100" if o.id == q.answer else "0", o.text, o.feedback)
    _choice_settings(q_el, single=True)
    return "multichoice"


def _multiple(q_el: ET.Element, q: MultipleSelect, fid: str, notes: Notes) -> str:
    q_el.append(ET.Comment(xml_comment(f"NOTE: {notes.add(fid, PARTIAL_CREDIT)}")))
    right = _fraction(100 / len(q.answer))
    for o in q.options:
        _answer(q_el, right if o.id in q.answer else "-100", o.text, o.feedback)
    _choice_settings(q_el, single=False)
    return "multichoice"


def _choice_settings(q_el: ET.Element, single: bool) -> None:
    ET.SubElement(q_el, "single").text = "true" if single else "false"
    ET.SubElement(q_el, "shuffleanswers").text = "false"
    ET.SubElement(q_el, "answernumbering").text = "abc"


def _truefalse(q_el: ET.Element, q: TrueFalse, fid: str, notes: Notes) -> str:
    for value in (True, False):
        right = value == q.answer
        _answer(q_el, "100" if right else "0", str(value).lower(), "" if right else q.wrong_feedback)
    return "truefalse"


def _numeric(q_el: ET.Element, q: Numeric, fid: str, notes: Notes) -> str:
    a = _answer(q_el, "100", f"{q.answer:g}", "")
    ET.SubElement(a, "tolerance").text = f"{q.tolerance:g}"
    for lo, hi, fb in numeric_ranges(q):  # Moodle has no ranges: a midpoint ± half the width
        a = _answer(q_el, "0", f"{(lo + hi) / 2:g}", fb)
        ET.SubElement(a, "tolerance").text = f"{(hi - lo) / 2:g}"
    units = ET.SubElement(ET.SubElement(q_el, "units"), "unit")
    ET.SubElement(units, "multiplier").text = "1"
    ET.SubElement(units, "unit_name").text = q.unit
    for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3"), ("unitsleft", "0")):
        ET.SubElement(q_el, tag).text = value
    if q.unit.lower() not in q.prompt.lower():
        q_el.append(
            ET.Comment(
                xml_comment(
                    f"NOTE: {notes.add(fid, f'Moodle shows no unit beside the box; the answer is in {q.unit}')}"
                )
            )
        )
    return "numerical"


def _ordering(q_el: ET.Element, q: Ordering, fid: str, notes: Notes) -> str:
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ALL_OR_NOTHING"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "123"),
    ):
        ET.SubElement(q_el, tag).text = value
    _text(q_el, "incorrectfeedback", q.wrong_feedback, **PLAIN)
    for place, item in enumerate(q.items, 1):  # in the right order; Moodle's own export puts the place in fraction
        _text(q_el, "answer", item.text, fraction=str(place), **PLAIN)
    return "ordering"


def _matching(q_el: ET.Element, q: Ordering, fid: str, notes: Notes) -> str:
    note = ORDER_AS_MATCHING.format(fmt="A Moodle without the ordering question type")
    note += "; for a Moodle that has it (4.4 and later), export again with the option moodle-ordering (see the guide)"
    q_el.append(ET.Comment(xml_comment(f"NOTE: {notes.add(fid, note)}")))
    ET.SubElement(q_el, "shuffleanswers").text = "true"  # the steps in a mixed order, each with the places 1..n
    for tag in ("partiallycorrectfeedback", "incorrectfeedback"):
        _text(q_el, tag, q.wrong_feedback, **PLAIN)
    for place, item in enumerate(q.items, 1):
        sub = _text(q_el, "subquestion", item.text, **PLAIN)
        _text(sub, "answer", str(place))
    return "matching"


_WRITERS: dict[str, Callable[..., str]] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "numeric": _numeric,
    "ordering": _ordering,
}


def question_element(bank: QuestionBank, q: QuestionBase, notes: Notes, ordering: bool = False) -> ET.Element:
    """One question as a Moodle XML <question> element (`ordering`: a true ordering question, else matching)."""
    fid = bank.full_id(q)
    write: Callable[..., str] = _matching if isinstance(q, Ordering) and not ordering else handler(_WRITERS, q, FMT)
    q_el = ET.Element("question")
    _text(q_el, "name", fid)
    _text(q_el, "questiontext", q.prompt, **PLAIN)
    _text(q_el, "generalfeedback", q.explanation, **PLAIN)
    ET.SubElement(q_el, "defaultgrade").text = "1"
    ET.SubElement(q_el, "penalty").text = "0.3333333"
    ET.SubElement(q_el, "hidden").text = "0"
    ET.SubElement(q_el, "idnumber").text = fid
    q_el.set("type", write(q_el, q, fid, notes))
    _text(q_el, "hint", q.hint, **PLAIN)
    return q_el


def bank_moodle_xml(bank: QuestionBank, notes: Notes, ordering: bool = False) -> bytes:
    """The whole bank as one Moodle XML file, in its own category (`ordering`: see the module's docstring)."""
    quiz = ET.Element("quiz")
    quiz.append(
        ET.Comment(xml_comment(f"{bank.title} ({bank.lesson}): exported from the foot-twitch-lessons question bank"))
    )
    cat = ET.SubElement(quiz, "question", type="category")
    _text(cat, "category", f"$course$/top/{CATEGORY_ROOT}/{bank.lesson}")
    _text(cat, "info", bank.title, **PLAIN)
    for q in bank.questions:
        quiz.append(question_element(bank, q, notes, ordering))
    ET.indent(quiz)
    return bytes(ET.tostring(quiz, encoding="utf-8", xml_declaration=True)) + b"\n"
