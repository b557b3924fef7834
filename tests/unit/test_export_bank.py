"""The bank export: every bank, every question, read back by parsers from other projects than our writers.

QTI 1.2 through qti2latex (PyPI) plus answering each item (tests/qti_read.py); Moodle XML through
moodle-xml-parser (PyPI); GIFT through gift-pegjs (npm, tests/js). Each question's text, options, right
answers and feedback are compared with the bank. A missing parser is a failure, not a skip.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Literal

import pytest

from tests.helpers import bank, truefalse
from tests.qti_read import findall_anyns, read_package
from widgets.content.load import ContentError, all_banks, load_file
from widgets.content.model import QuestionBank
from widgets.lms import bank as export_bank
from widgets.lms.common import ExportError, Notes, one_line
from widgets.questions import MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse, registry

ROOT = Path(__file__).parents[2]
JS = Path(__file__).parents[1] / "js"
BROKEN = Path(__file__).parents[1] / "fixtures" / "broken_banks"
BANKS = all_banks()
QUESTIONS = [(b, q) for b in BANKS for q in b.questions]
IDS = [b.full_id(q) for b, q in QUESTIONS]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    notes = export_bank.export(out)
    return out, notes


def t(text: str) -> str:
    return one_line(text)


# -- the command ------------------------------------------------------------------------------------------


def test_the_command_writes_every_bank_in_every_format_and_prints_each_note(tmp_path, capsys):
    assert export_bank.main(["--output", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    expected = sorted(
        f"{folder}/{b.lesson}{suffix}" for folder, suffix, _ in export_bank.FORMATS.values() for b in BANKS
    )
    assert written == expected
    assert "05-review" in {b.lesson for b in BANKS}  # the final review's bank goes too
    _, notes = export_bank.render(BANKS)
    assert notes
    for note in notes:
        assert str(note) in printed


def test_every_note_is_also_in_its_file(exported):
    out, notes = exported
    folders = {fmt: folder for fmt, (folder, _, _) in export_bank.FORMATS.items()}
    for note in notes:
        lesson = note.question.partition("/")[0]
        path = next((out / folders[note.fmt]).glob(f"{lesson}.*"))
        text = _zip_text(path) if path.suffix == ".zip" else path.read_text(encoding="utf-8")
        assert note.text in text, (note.fmt, note.question)


def test_every_question_that_cannot_map_exactly_has_a_note_in_each_format(exported):
    """Ordering and tick-all-that-fit never map exactly (matching / part marks); nothing changes silently."""
    _, notes = exported
    noted = {(n.fmt, n.question) for n in notes}
    for b, q in QUESTIONS:
        if isinstance(q, (MultipleSelect,)):
            assert {(fmt, b.full_id(q)) for fmt in export_bank.FORMATS} <= noted
        if isinstance(q, Ordering):  # matching everywhere by default, Moodle XML included (issue 28)
            assert {(fmt, b.full_id(q)) for fmt in export_bank.FORMATS} <= noted


def test_the_same_banks_give_the_same_bytes():
    first, _ = export_bank.render(BANKS)
    again, _ = export_bank.render(BANKS)
    assert first == again


@pytest.mark.parametrize("fixture", sorted(p.name for p in BROKEN.glob("*.yaml")))
def test_a_bank_with_a_mistake_fails_at_the_loader_and_nothing_is_written(fixture, tmp_path, capsys):
    path = BROKEN / fixture
    with pytest.raises(ContentError) as loader:
        load_file(QuestionBank, path)
    good = ROOT / "widgets" / "content" / "questions" / "01-physiology.yaml"
    assert export_bank.main(["--output", str(tmp_path), "--bank", str(good), "--bank", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(loader.value) in err  # the loader's own "file, entry, field" message
    assert list(tmp_path.iterdir()) == []


def test_a_question_type_without_a_mapping_is_one_clear_error():
    class YesNo(TrueFalse):
        type: Literal["yesno"]  # type: ignore[assignment]

    registry.register(YesNo)
    try:
        b = bank(truefalse(), {**truefalse("q9"), "type": "yesno"})
        for fmt, (_, _, write) in export_bank.FORMATS.items():
            with pytest.raises(ExportError, match=f"{fmt} has no mapping for question type 'yesno'"):
                write(b, Notes(fmt))
    finally:
        registry.unregister("yesno")


# -- GIFT, read back by gift-pegjs (npm) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift(exported):
    out, _ = exported
    node = shutil.which("node")
    assert node, "node is needed to read GIFT with gift-pegjs (apt-get install nodejs)"
    assert (JS / "node_modules" / "gift-pegjs").is_dir(), "gift-pegjs is missing: npm ci --prefix tests/js"
    files = sorted((out / "gift").glob("*.gift.txt"))
    run = subprocess.run([node, str(JS / "parse_gift.js"), *map(str, files)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    parsed = json.loads(run.stdout)
    return {q["title"]: q for qs in parsed.values() for q in qs if q["type"] != "Category"}


def _gtext(node) -> str:
    return node["text"] if node else ""


@pytest.mark.parametrize(("b", "q"), QUESTIONS, ids=IDS)
def test_gift_round_trip(gift, b, q):
    g = gift[b.full_id(q)]
    assert _gtext(g["stem"]) == t(q.prompt)
    if isinstance(q, Ordering):
        assert g["type"] == "Matching"
        assert [(_gtext(p["subquestion"]), p["subanswer"]) for p in g["matchPairs"]] == [
            (t(i.text), str(n)) for n, i in enumerate(q.items, 1)
        ]
        assert _gtext(g["globalFeedback"]) == f"{t(q.wrong_feedback)} {t(q.explanation)}"
        return
    assert _gtext(g["globalFeedback"]) == t(q.explanation)
    if isinstance(q, TrueFalse):
        assert g["type"] == "TF"
        assert g["isTrue"] is q.answer
        # gift-pegjs calls the first feedback "trueFeedback"; Moodle shows it after a wrong answer
        assert _gtext(g["trueFeedback"]) == t(q.wrong_feedback)
    elif isinstance(q, Numeric):
        assert g["type"] == "Numerical"
        right, *ranges = g["choices"]
        assert right["weight"] is None and right["text"] == {"type": "range", "number": q.answer, "range": q.tolerance}
        assert [
            (c["weight"], c["text"]["numberLow"], c["text"]["numberHigh"], _gtext(c["feedback"])) for c in ranges
        ] == [
            (0, q.minimum, q.answer - q.tolerance, t(q.low_feedback)),
            (0, q.answer + q.tolerance, q.maximum, t(q.high_feedback)),
        ]
    else:
        assert isinstance(q, (SingleChoice, MultipleSelect))
        assert g["type"] == "MC"
        right = set(q.correct_ids)
        assert [_gtext(c["text"]) for c in g["choices"]] == [t(o.text) for o in q.options]
        assert [_gtext(c["feedback"]) for c in g["choices"]] == [t(o.feedback) for o in q.options]
        if isinstance(q, SingleChoice):
            assert [c["isCorrect"] for c in g["choices"]] == [o.id in right for o in q.options]
        else:
            weights = [c["weight"] for c in g["choices"]]
            assert [w > 0 for w in weights] == [o.id in right for o in q.options]
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01)
            assert all(w == -100 for w in weights if w <= 0)


def test_gift_keeps_each_hint_as_a_comment(exported):
    out, _ = exported
    for b in BANKS:
        text = (out / "gift" / f"{b.lesson}.gift.txt").read_text(encoding="utf-8")
        for q in b.questions:
            assert f"): {t(q.hint)}\n::" in text.replace("\\", "")


# -- Moodle XML, read back by moodle-xml-parser (PyPI) ------------------------------------------------------


@pytest.fixture(scope="module")
def moodle(exported):
    from moodle_xml_parser.parser import parse_string

    out, _ = exported
    read = {}
    for path in sorted((out / "moodle").glob("*.xml")):
        root = ET.parse(path).getroot()
        for el in root.findall("question"):
            if el.get("type") == "category":
                continue
            # moodle-xml-parser reads multichoice and cloze; every Moodle type keeps its answers the same
            # way (<answer fraction><text><feedback>), so the other types are handed to it as multichoice.
            probe = copy.deepcopy(el)
            probe.set("type", "multichoice")
            quiz = ET.Element("quiz")
            quiz.append(probe)
            (parsed,) = parse_string(ET.tostring(quiz, encoding="unicode"))["multichoice"]
            read[parsed.name] = (el, parsed)
    return read


@pytest.mark.parametrize(("b", "q"), QUESTIONS, ids=IDS)
def test_moodle_xml_round_trip(moodle, b, q):
    el, m = moodle[b.full_id(q)]
    assert m.text_pre_parse == t(q.prompt)
    assert m.general_feedback == t(q.explanation)
    assert [h.findtext("text") for h in el.findall("hint")] == [t(q.hint)]
    answers = [(a.answer, a.score_fraction, a.feedback) for a in m.options]
    if isinstance(q, SingleChoice):
        assert el.get("type") == "multichoice" and m.single
        assert answers == [(t(o.text), 100 if o.id == q.answer else 0, t(o.feedback)) for o in q.options]
    elif isinstance(q, MultipleSelect):
        assert el.get("type") == "multichoice" and not m.single
        assert [(a, f) for a, _, f in answers] == [(t(o.text), t(o.feedback)) for o in q.options]
        assert [s > 0 for _, s, _ in answers] == [o.id in q.answer for o in q.options]
        assert sum(s for _, s, _ in answers if s > 0) == pytest.approx(100, abs=0.01)
    elif isinstance(q, TrueFalse):
        assert el.get("type") == "truefalse"
        assert answers == [
            (str(v).lower(), 100 if v == q.answer else 0, "" if v == q.answer else t(q.wrong_feedback))
            for v in (True, False)
        ]
    elif isinstance(q, Numeric):
        assert el.get("type") == "numerical"
        tolerances = [float(a.findtext("tolerance")) for a in el.findall("answer")]
        spans = [(float(a) - tol, float(a) + tol, s, f) for (a, s, f), tol in zip(answers, tolerances, strict=True)]
        assert spans == [
            (q.answer - q.tolerance, q.answer + q.tolerance, 100, ""),
            (q.minimum, q.answer - q.tolerance, 0, t(q.low_feedback)),
            (q.answer + q.tolerance, q.maximum, 0, t(q.high_feedback)),
        ]
        assert el.findtext("units/unit/unit_name") == q.unit
    else:
        assert isinstance(q, Ordering)
        # matching by default: a Moodle without the ordering type refuses it and stops the whole import there
        assert el.get("type") == "matching" and el.findtext("shuffleanswers") == "true" and not el.findall("answer")
        pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in el.findall("subquestion")]
        assert pairs == [(t(i.text), str(n)) for n, i in enumerate(q.items, 1)]
        assert el.findtext("incorrectfeedback/text") == t(q.wrong_feedback)


def test_moodle_ordering_writes_true_ordering_questions_only_when_asked(tmp_path, capsys):
    """`--moodle-ordering`: for a Moodle that has the type (4.4 and later), all-or-nothing as in the lessons."""
    banks = [b for b in BANKS if any(isinstance(q, Ordering) for q in b.questions)]
    assert banks
    files, notes = export_bank.render(banks, moodle_ordering=True)
    default, _ = export_bank.render(banks)
    for b in banks:
        root = ET.fromstring(files[Path("moodle") / f"{b.lesson}.xml"])
        kinds = {el.findtext("name/text"): el for el in root.findall("question")}
        for q in (q for q in b.questions if isinstance(q, Ordering)):
            el = kinds[b.full_id(q)]
            assert el.get("type") == "ordering" and el.findtext("gradingtype") == "ALL_OR_NOTHING"
            right = [(a.findtext("text"), a.get("fraction")) for a in el.findall("answer")]
            assert right == [(t(i.text), str(n)) for n, i in enumerate(q.items, 1)]
            assert ("Moodle XML", b.full_id(q)) not in {(n.fmt, n.question) for n in notes}
        assert files[Path("gift") / f"{b.lesson}.gift.txt"] == default[Path("gift") / f"{b.lesson}.gift.txt"]
    good = ROOT / "widgets" / "content" / "questions" / f"{banks[0].lesson}.yaml"
    assert export_bank.main(["--output", str(tmp_path), "--bank", str(good), "--moodle-ordering"]) == 0
    written = (tmp_path / "moodle" / f"{banks[0].lesson}.xml").read_text(encoding="utf-8")
    assert 'type="ordering"' in written and 'type="matching"' not in written


# -- QTI 1.2, read back by qti2latex (PyPI) and answered ----------------------------------------------------


@pytest.fixture(scope="module")
def qti(exported):
    out, _ = exported
    items = {}
    for path in sorted((out / "qti").glob("*.zip")):
        names, found = read_package(path)
        assert "imsmanifest.xml" in names
        items.update(found)
    return items


CANVAS_TYPE = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "numeric": "numerical_question",
    "ordering": "matching_question",
}


@pytest.mark.parametrize(("b", "q"), QUESTIONS, ids=IDS)
def test_qti_round_trip(qti, b, q):
    item = qti[b.full_id(q)]
    assert item.qtype == CANVAS_TYPE[q.type]
    assert item.stem == t(q.prompt)
    general, hint = t(q.explanation), t(q.hint)
    if isinstance(q, SingleChoice):
        assert [text for _, text in item.choices] == [t(o.text) for o in q.options]
        for o in q.options:
            right = o.id == q.answer
            assert item.respond({"response1": o.id}) == (
                100 if right else 0,
                [general, t(o.feedback)] + ([] if right else [hint]),
            )
    elif isinstance(q, MultipleSelect):
        assert [text for _, text in item.choices] == [t(o.text) for o in q.options]
        right = set(q.answer)
        assert item.respond({"response1": right}) == (
            100,
            [general] + [t(o.feedback) for o in q.options if o.id in right],
        )
        for o in q.options:  # one tick more or one fewer is wrong, and each tick shows its own feedback
            other = right ^ {o.id}
            assert item.respond({"response1": other}) == (
                0,
                [general] + [t(p.feedback) for p in q.options if p.id in other] + [hint],
            )
    elif isinstance(q, TrueFalse):
        assert item.choices == [("true", "True"), ("false", "False")]
        assert item.respond({"response1": str(q.answer).lower()}) == (100, [general])
        assert item.respond({"response1": str(not q.answer).lower()}) == (0, [general, t(q.wrong_feedback), hint])
    elif isinstance(q, Numeric):
        assert item.respond({"response1": q.answer}) == (100, [general])
        below, above = q.answer - q.tolerance - 0.5, q.answer + q.tolerance + 0.5
        assert item.respond({"response1": below}) == (0, [general, hint])
        assert item.respond({"response1": above}) == (0, [general, hint])
        comments = " ".join(item.comments)
        assert t(q.low_feedback) in comments and t(q.high_feedback) in comments  # for the teacher, in the file
    else:
        assert isinstance(q, Ordering)
        places = [str(n) for n in range(1, len(q.items) + 1)]
        rows = item.steps()
        assert [(text, labels) for _, text, labels in rows] == [(t(i.text), places) for i in q.items]
        right = {f"response_{i.id}": f"place{n}" for n, i in enumerate(q.items, 1)}
        score, _ = item.respond(right)
        assert score == pytest.approx(100, abs=0.1)
        swapped = dict(right)
        first, second = (f"response_{i.id}" for i in q.items[:2])
        swapped[first], swapped[second] = right[second], right[first]
        assert item.respond(swapped)[0] < 100
        assert item.feedback()["general_incorrect_fb"] == f"{t(q.wrong_feedback)} {hint}"


def test_no_qti_condition_holds_a_number_range_unless_it_is_the_right_answer(qti):
    """Canvas's importer reads every condition with a number range as one more right answer."""
    for title, item in qti.items():
        for cond in findall_anyns(item.child("resprocessing"), "respcondition"):
            if findall_anyns(cond, "vargte") or findall_anyns(cond, "varlte"):
                assert [s.text for s in findall_anyns(cond, "setvar")] == ["100"], title


def _zip_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
