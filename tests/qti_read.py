"""Read a QTI 1.2 package back for tests/unit/test_export_bank.py.

The reading is qti2latex's (a Canvas QTI reader from PyPI, another project than our writer): its helpers
find the items and give each one's Canvas question type, question text and choices. qti2latex reads every
`varequal` as a right answer, so the per-option feedback conditions that Canvas and text2qti write would
all count as right; right answers and feedback are therefore checked by *answering* each item: `respond`
runs the item's QTI 1.2 response processing (respconditions in order, `continue`, `setvar`,
`displayfeedback`) for a given response, as an LMS does.
"""

from __future__ import annotations

import html
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import qti2latex
from qti2latex import findall_anyns

__all__ = ["Item", "findall_anyns", "read_package"]


def _plain(text: str) -> str:
    return html.unescape(text)


@dataclass
class Item:
    element: ET.Element
    title: str
    qtype: str
    stem: str
    choices: list[tuple[str, str]]  # (ident, text) as qti2latex reads them
    comments: list[str]  # the XML comments inside the item (the export's notes)

    def child(self, tag: str) -> ET.Element:
        found = qti2latex.child_anyns(self.element, tag)
        assert found is not None, f"{self.title}: no <{tag}>"
        return found

    def feedback(self) -> dict[str, str]:
        """itemfeedback ident → its text."""
        return {
            fb.attrib["ident"]: _plain(qti2latex.text_of(qti2latex.first(qti2latex.findall_anyns(fb, "mattext"))))
            for fb in qti2latex.childall_anyns(self.element, "itemfeedback")
        }

    def steps(self) -> list[tuple[str, str, list[str]]]:
        """Matching: (response ident, the left-hand text, the labels offered) per row."""
        rows = []
        for lid in qti2latex.findall_anyns(self.child("presentation"), "response_lid"):
            text = qti2latex.text_of(qti2latex.child_anyns(qti2latex.child_anyns(lid, "material"), "mattext"))
            labels = [_plain(t) for _, t in qti2latex.get_choices(_wrap(lid))]
            rows.append((lid.attrib["ident"], _plain(text), labels))
        return rows

    def respond(self, response: dict[str, object]) -> tuple[float, list[str]]:
        """(SCORE, the feedback texts shown) for a response: {response ident: chosen ident(s) or a number}."""
        score, shown = 0.0, []
        texts = self.feedback()
        for cond in qti2latex.findall_anyns(self.child("resprocessing"), "respcondition"):
            var = qti2latex.child_anyns(cond, "conditionvar")
            if not all(_holds(c, response) for c in var):
                continue
            for setvar in qti2latex.childall_anyns(cond, "setvar"):
                value = float(setvar.text or 0)
                score = value if setvar.attrib.get("action", "Set") == "Set" else score + value
            shown += [texts[d.attrib["linkrefid"]] for d in qti2latex.childall_anyns(cond, "displayfeedback")]
            if cond.attrib.get("continue", "No") == "No":
                break
        return score, shown


def _wrap(el: ET.Element) -> ET.Element:
    holder = ET.Element("item")
    holder.append(el)
    return holder


def _holds(cond: ET.Element, response: dict[str, object]) -> bool:
    tag = qti2latex.extract_tag(cond)
    if tag == "other":
        return True
    if tag in ("and", "or", "not"):
        results = [_holds(c, response) for c in cond]
        return all(results) if tag == "and" else any(results) if tag == "or" else not results[0]
    given = response.get(cond.attrib["respident"])
    value = (cond.text or "").strip()
    if tag == "varequal":
        if isinstance(given, (set, frozenset)):
            return value in given
        if isinstance(given, float):
            return given == float(value)
        return given == value
    assert isinstance(given, float), f"<{tag}> compares numbers"
    return given >= float(value) if tag == "vargte" else given <= float(value)


def _comments(xml_file: Path) -> dict[str, list[str]]:
    """item ident → the comments inside it (a second parse: qti2latex's helpers cannot walk comments)."""
    root = ET.parse(xml_file, ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))).getroot()
    return {
        item.attrib["ident"]: [str(c.text) for c in item if c.tag is ET.Comment]
        for item in root.iter()
        if isinstance(item.tag, str) and item.tag.endswith("item") and "ident" in item.attrib
    }


def read_package(path: Path) -> tuple[list[str], dict[str, Item]]:
    """(the files in the zip, the items by title) of a QTI package, found and read by qti2latex."""
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        names = z.namelist()
        z.extractall(tmp)
        items = {}
        for xml_file in qti2latex.read_qti_dir(Path(tmp)):
            notes = _comments(xml_file)
            for item in qti2latex.findall_anyns(ET.parse(xml_file).getroot(), "item"):
                meta = qti2latex.get_qti_metadata(item)
                items[item.attrib["title"]] = Item(
                    item,
                    item.attrib["title"],
                    qti2latex.guess_type(meta, item),
                    _plain(qti2latex.get_item_stem(item)),
                    [(i, _plain(t)) for i, t in qti2latex.get_choices(item)],
                    notes.get(item.attrib["ident"], []),
                )
    return names, items
