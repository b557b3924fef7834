"""A question bank as an IMS QTI 1.2 content package (a .zip), in the dialect Canvas imports and exports.

Why QTI 1.2 and not 2.1: Canvas's quiz importer is built for QTI 1.2 (it is what Canvas itself exports
and what text2qti writes), and Moodle imports neither version without a plug-in (teachers on Moodle use
the Moodle XML or GIFT file). QTI 2.1 is what Blackboard prefers; a Blackboard school is the one case
this package may not serve (not tried here). One package the common case imports well beats two
half-tested ones.

choose one → multiple_choice_question; tick all that fit → multiple_answers_question (a note: Canvas may
give part marks); true or false → true_false_question; number → numerical_question (the right value ±
tolerance; Canvas has one feedback for every wrong number, so the low and high feedback are only in a
comment: a note); put in order → matching_question (Canvas has no ordering question in QTI 1.2: a note).
Every option's feedback goes along; the explanation is the general feedback (shown after any answer); the
hint (Canvas has no hints, a note) is the feedback shown after a wrong answer. Written with the stdlib
ElementTree: text2qti (BSD) cannot express ordering/matching, range feedback or hints, and qti-package-
maker's Canvas engine (LGPL) drops per-option feedback.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable

from ..content.model import QuestionBank
from ..questions import MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from .common import (
    CANVAS_PARTIAL_CREDIT,
    HINT_AS_FEEDBACK,
    ORDER_AS_MATCHING,
    Notes,
    handler,
    numeric_ranges,
    one_line,
    xml_comment,
)

FMT = "QTI 1.2"
Feedback = list[tuple[str, str]]  # (itemfeedback ident, text) of the feedback a type adds
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
RESPONSE = "response1"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same bank gives the same bytes


def ident(*parts: str) -> str:
    """A QTI identifier made of the lesson and question ids (letters, digits, '-' and '_' only)."""
    return "ftl-" + "-".join(parts)


def _mattext(parent: ET.Element, text: str) -> ET.Element:
    material = ET.SubElement(parent, "material")
    el = ET.SubElement(material, "mattext", texttype="text/html")
    el.text = html.escape(one_line(text), quote=False)  # the text is HTML; ours is plain, so escape it
    return material


def _metadata(item: ET.Element, question_type: str, points: str = "1") -> None:
    qtimeta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", question_type), ("points_possible", points)):
        field = ET.SubElement(qtimeta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _condition(resp: ET.Element, cont: bool) -> tuple[ET.Element, ET.Element]:
    cond = ET.SubElement(resp, "respcondition", {"continue": "Yes" if cont else "No"})
    return cond, ET.SubElement(cond, "conditionvar")


def _varequal(parent: ET.Element, value: str, respident: str = RESPONSE) -> None:
    ET.SubElement(parent, "varequal", respident=respident).text = value


def _show(cond: ET.Element, feedback_id: str) -> None:
    ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid=feedback_id)


def _score(cond: ET.Element, value: str, action: str = "Set") -> None:
    ET.SubElement(cond, "setvar", action=action, varname="SCORE").text = value


def _choices(pres: ET.Element, options: list[tuple[str, str]], cardinality: str) -> None:
    lid = ET.SubElement(pres, "response_lid", ident=RESPONSE, rcardinality=cardinality)
    render = ET.SubElement(lid, "render_choice")
    for oid, text in options:
        _mattext(ET.SubElement(render, "response_label", ident=oid), text)


def _option_feedback(resp: ET.Element, option_ids: list[str]) -> None:
    for oid in option_ids:
        cond, var = _condition(resp, cont=True)
        _varequal(var, oid)
        _show(cond, f"{oid}_fb")


def _single(item: ET.Element, pres: ET.Element, resp: ET.Element, q: SingleChoice, fid: str, notes: Notes) -> Feedback:
    _metadata(item, "multiple_choice_question")
    _choices(pres, [(o.id, o.text) for o in q.options], "Single")
    _option_feedback(resp, [o.id for o in q.options])
    cond, var = _condition(resp, cont=False)
    _varequal(var, q.answer)
    _score(cond, "100")
    return [(f"{o.id}_fb", o.feedback) for o in q.options]


def _multiple(
    item: ET.Element, pres: ET.Element, resp: ET.Element, q: MultipleSelect, fid: str, notes: Notes
) -> Feedback:
    notes.add(fid, CANVAS_PARTIAL_CREDIT)
    _metadata(item, "multiple_answers_question")
    _choices(pres, [(o.id, o.text) for o in q.options], "Multiple")
    _option_feedback(resp, [o.id for o in q.options])
    cond, var = _condition(resp, cont=False)
    both = ET.SubElement(var, "and")
    for o in q.options:
        _varequal(both if o.id in q.answer else ET.SubElement(both, "not"), o.id)
    _score(cond, "100")
    return [(f"{o.id}_fb", o.feedback) for o in q.options]


def _truefalse(item: ET.Element, pres: ET.Element, resp: ET.Element, q: TrueFalse, fid: str, notes: Notes) -> Feedback:
    _metadata(item, "true_false_question")
    right, wrong = ("true", "false") if q.answer else ("false", "true")
    _choices(pres, [("true", "True"), ("false", "False")], "Single")
    _option_feedback(resp, [wrong])
    cond, var = _condition(resp, cont=False)
    _varequal(var, right)
    _score(cond, "100")
    return [(f"{wrong}_fb", q.wrong_feedback)]


def _numeric(item: ET.Element, pres: ET.Element, resp: ET.Element, q: Numeric, fid: str, notes: Notes) -> Feedback:
    # Canvas reads every respcondition that holds a number range as one more right answer
    # (canvas-lms gems/plugins/qti_exporter/lib/qti/numeric_interaction.rb), so only the right one is written.
    too = "; ".join(f"from {lo:g} to {hi:g}: {one_line(fb)}" for lo, hi, fb in numeric_ranges(q))
    notes.add(
        fid,
        "Canvas gives one feedback to every wrong number (the hint), and reads any other number range as a "
        f"right answer, so the feedback for a number too low or too high stays out of the question ({too})",
    )
    _metadata(item, "numerical_question")
    fib = ET.SubElement(ET.SubElement(pres, "response_str", ident=RESPONSE, rcardinality="Single"), "render_fib")
    fib.set("fibtype", "Decimal")
    ET.SubElement(fib, "response_label", ident="answer1")
    cond, var = _condition(resp, cont=False)
    either = ET.SubElement(var, "or")
    _varequal(either, f"{q.answer:g}")
    within = ET.SubElement(either, "and")
    ET.SubElement(within, "vargte", respident=RESPONSE).text = f"{q.answer - q.tolerance:g}"
    ET.SubElement(within, "varlte", respident=RESPONSE).text = f"{q.answer + q.tolerance:g}"
    _score(cond, "100")
    return []


def _ordering(item: ET.Element, pres: ET.Element, resp: ET.Element, q: Ordering, fid: str, notes: Notes) -> Feedback:
    notes.add(fid, ORDER_AS_MATCHING.format(fmt="Canvas (QTI 1.2)"))
    _metadata(item, "matching_question")
    places = [(f"place{n}", str(n)) for n in range(1, len(q.items) + 1)]
    share = f"{100 / len(q.items):.2f}"
    for (place_id, _), step in zip(places, q.items, strict=True):
        lid = ET.SubElement(pres, "response_lid", ident=f"response_{step.id}")
        _mattext(lid, step.text)
        render = ET.SubElement(lid, "render_choice")
        for pid, label in places:
            _mattext(ET.SubElement(render, "response_label", ident=pid), label)
        cond, var = _condition(resp, cont=True)  # every step is scored
        _varequal(var, place_id, respident=f"response_{step.id}")
        _score(cond, share, action="Add")
    return []


_WRITERS: dict[str, Callable[..., list[tuple[str, str]]]] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "numeric": _numeric,
    "ordering": _ordering,
}


def _feedback(item: ET.Element, fb_id: str, text: str) -> None:
    _mattext(ET.SubElement(ET.SubElement(item, "itemfeedback", ident=fb_id), "flow_mat"), text)


def item_element(bank: QuestionBank, q: QuestionBase, notes: Notes) -> ET.Element:
    """One question as a QTI 1.2 <item> (Canvas dialect)."""
    fid = bank.full_id(q)
    write = handler(_WRITERS, q, FMT)
    item = ET.Element("item", ident=ident(bank.lesson, q.id), title=fid)
    pres = ET.Element("presentation")
    _mattext(pres, q.prompt)
    resp = ET.Element("resprocessing")
    ET.SubElement(ET.SubElement(resp, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE")
    resp[0][0].set("vartype", "Decimal")
    cond, var = _condition(resp, cont=True)
    ET.SubElement(var, "other")
    _show(cond, "general_fb")
    per_answer = write(item, pres, resp, q, fid, notes)
    cond, var = _condition(resp, cont=True)
    ET.SubElement(var, "other")
    _show(cond, "general_incorrect_fb")
    item.extend([pres, resp])
    wrong_text = f"{one_line(q.wrong_feedback)} {one_line(q.hint)}" if isinstance(q, Ordering) else q.hint
    _feedback(item, "general_fb", q.explanation)
    _feedback(item, "general_incorrect_fb", wrong_text)
    for fb_id, text in per_answer:
        _feedback(item, fb_id, text)
    for n in (n for n in notes.items if n.question == fid):
        item.insert(0, ET.Comment(xml_comment(f"NOTE: {n.text}")))
    return item


def assessment_xml(bank: QuestionBank, notes: Notes) -> bytes:
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=ident(bank.lesson), title=bank.title)
    general = notes.add(bank.lesson, HINT_AS_FEEDBACK.format(fmt="Canvas") + " (every question)")
    assessment.append(ET.Comment(xml_comment(f"NOTE: {general}")))
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in bank.questions:
        section.append(item_element(bank, q, notes))
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def manifest_xml(bank: QuestionBank) -> bytes:
    aid = ident(bank.lesson)
    root = ET.Element("manifest", identifier=f"{aid}-manifest", xmlns=CP_NS)
    ET.SubElement(root, "organizations")
    res = ET.SubElement(ET.SubElement(root, "resources"), "resource", identifier=aid, type="imsqti_xmlv1p2")
    ET.SubElement(res, "file", href=f"{aid}/{aid}.xml")
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def bank_qti(bank: QuestionBank, notes: Notes) -> bytes:
    """The whole bank as a QTI 1.2 content package: imsmanifest.xml and one assessment, zipped."""
    aid = ident(bank.lesson)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("imsmanifest.xml", manifest_xml(bank)), (f"{aid}/{aid}.xml", assessment_xml(bank, notes))):
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
