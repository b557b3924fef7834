"""The class-results file: built from saved attempts, validated strictly, named safely, encoded safely."""

import base64
import json

import pytest

from tests.helpers import bank, multiple, numeric, single, truefalse
from widgets.classroom.export import (
    FORMAT,
    MAX_ENTRIES,
    MAX_RESULTS_BYTES,
    ExportFormatError,
    build_export,
    check_export,
    data_uri,
    encode,
    export_filename,
    learner_code,
)
from widgets.content.content_hash import question_hash
from widgets.store.progress import ProgressFormatError, empty_progress
from widgets.store.progress_doc import read_progress_upload
from widgets.store.safe_json import parse_json

BANK = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), lesson="99-test")
CODE = "learner-0123456789abcdef"


def attempt(q, chosen, correct, lesson="99-test", hash=None):
    return {
        "question": f"{lesson}/{q}",
        "lesson": lesson,
        "chosen": chosen,
        "correct": correct,
        "time": "2026-01-01T00:00:00+00:00",
        "hash": hash or (question_hash(BANK.question(q)) if lesson == "99-test" else "0" * 16),
    }


def progress(*attempts, learner=CODE):
    return {"learner": learner, "attempts": list(attempts)}


def test_export_holds_answers_hashes_claims_and_lesson_scores():
    p = progress(
        attempt("q1", ["b"], False),
        attempt("q1", ["a"], True),
        attempt("q3", ["false"], True),
        attempt("q2", ["a", "b"], False),
        attempt("zz", ["x"], True, lesson="88-other"),
    )
    doc = build_export(p, [BANK], "  Ann B. ", now="2026-02-02T10:00:00+00:00")
    assert doc["format"] == FORMAT and doc["name"] == "Ann B." and doc["learner"] == CODE
    assert doc["exported"] == "2026-02-02T10:00:00+00:00"
    h = {q: question_hash(BANK.question(q)) for q in ("q1", "q2", "q3")}
    assert doc["questions"] == {
        "99-test/q1": {
            "hash": h["q1"],
            "attempts": 2,
            "first_chosen": ["b"],
            "last_chosen": ["a"],
            "first_correct": False,
            "now_correct": True,
        },
        "99-test/q2": {
            "hash": h["q2"],
            "attempts": 1,
            "first_chosen": ["a", "b"],
            "last_chosen": ["a", "b"],
            "first_correct": False,
            "now_correct": False,
        },
        "99-test/q3": {
            "hash": h["q3"],
            "attempts": 1,
            "first_chosen": ["false"],
            "last_chosen": ["false"],
            "first_correct": True,
            "now_correct": True,
        },
    }  # the foreign lesson's attempt is left out
    assert doc["lessons"] == {"99-test": {"total": 4, "answered": 3, "first_try": 1, "now_correct": 2}}
    assert set(doc) == {"format", "version", "name", "learner", "exported", "lessons", "questions", "checks"}


def test_an_answer_to_an_older_version_keeps_its_own_hash_and_the_current_version_wins():
    old = "f" * 16
    p = progress(
        attempt("q1", ["b"], False, hash=old),
        attempt("q3", ["true"], True, hash=old),
        attempt("q3", ["false"], True),
        attempt("q3", ["true"], False),
    )
    doc = build_export(p, [BANK])
    assert doc["questions"]["99-test/q1"]["hash"] == old  # only the old version was answered
    q3 = doc["questions"]["99-test/q3"]  # the old attempt is left out
    assert (q3["hash"], q3["attempts"], q3["first_chosen"]) == (question_hash(BANK.question("q3")), 2, ["false"])


def test_a_saved_value_that_is_not_a_hash_is_reported_as_another_version_never_the_current_one():
    for junk in ("x", 12, "F" * 16):
        doc = build_export(progress(attempt("q1", ["a"], True, hash=junk)), [BANK])
        h = doc["questions"]["99-test/q1"]["hash"]
        assert len(h) == 16 and h != question_hash(BANK.question("q1"))


def test_a_name_with_a_lone_surrogate_is_cleaned_so_the_file_can_be_saved():
    doc = build_export(progress(), [BANK], "Ann\ud800")
    assert doc["name"] == "Ann" and encode(doc).decode("utf-8")


def test_an_attempt_saved_without_a_hash_counts_as_the_current_version():
    a = attempt("q1", ["a"], True)
    del a["hash"]
    assert build_export(progress(a), [BANK])["questions"]["99-test/q1"]["hash"] == question_hash(BANK.question("q1"))


def test_default_name_is_the_anonymous_code_and_names_are_cleaned():
    assert build_export(progress(), [BANK])["name"] == CODE
    assert build_export(progress(), [BANK], "   ")["name"] == CODE
    assert build_export(progress(), [BANK], "A\x00b\nc" + "x" * 100)["name"] == "Abc" + "x" * 57


def test_export_refuses_a_bad_progress_document():
    with pytest.raises(ExportFormatError, match="saved progress cannot be read"):
        build_export({"format": "something else"}, [BANK])


def test_a_lone_surrogate_or_odd_learner_code_becomes_a_stable_64_bit_code():
    for odd in ("learner-\ud800", "../../x", "learner-7F3A2C", 12):
        code = learner_code(odd)
        assert code == learner_code(odd) and len(code) == len("learner-") + 16
        doc = build_export(progress(learner=odd), [BANK])
        assert doc["learner"] == code and export_filename(doc).endswith(f"-{code}.json")
    assert learner_code("learner-7f3a2c") == "learner-7f3a2c"  # old 24-bit codes stay readable


def good():
    return build_export(progress(attempt("q1", ["a"], True)), [BANK], "Ann")


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda d: d.update(format="foot-twitch-lessons/progress"), "this is a progress file"),
        (lambda d: d.update(format="x"), "not a class-results file"),
        (lambda d: d.update(version=4), "unknown class-results version 4"),
        (lambda d: d.update(version=1), "older version of these lessons"),
        (lambda d: d.update(learner="Ann"), "field 'learner'"),
        (lambda d: d.update(exported="yesterday"), "not a date"),
        (lambda d: d.update(exported="2026-01-01T10:00:00"), "no time zone"),
        (lambda d: d["questions"]["99-test/q1"].update(hash="x"), "hash"),
        (lambda d: d["questions"]["99-test/q1"].pop("last_chosen"), "last_chosen"),
        (
            lambda d: d["questions"].update(
                {f"99-test/x{i}": d["questions"]["99-test/q1"] for i in range(MAX_ENTRIES)}
            ),
            f"more than {MAX_ENTRIES} answers",
        ),
        (lambda d: d.update(version=True), "unknown class-results version True"),
        (lambda d: d.update(name=""), "field 'name'"),
        (lambda d: d.update(extra=1), "field 'extra'"),
        (lambda d: d.pop("learner"), "field 'learner'"),
        (lambda d: d["questions"]["99-test/q1"].update(first_correct="yes"), "first_correct"),
        (lambda d: d["questions"].update({"not an id": d["questions"]["99-test/q1"]}), "not an id"),
        (lambda d: d["lessons"]["99-test"].update(answered=9), "do not add up"),
        (lambda d: d["lessons"]["99-test"].update(total=-1), "total"),
    ],
)
def test_check_export_names_the_problem(change, reason):
    doc = good()
    change(doc)
    with pytest.raises(ExportFormatError, match=None) as e:
        check_export(doc)
    assert reason in str(e.value)


def test_check_export_refuses_non_objects():
    for value in ([], "x", 3, None):
        with pytest.raises(ExportFormatError, match="not a class-results file"):
            check_export(value)


def test_encode_parse_and_data_uri_round_trip():
    doc = good()
    doc["name"] = 'Zoë <b>"&'
    content = encode(doc)
    assert parse_json(content, what="x", max_bytes=MAX_RESULTS_BYTES) == doc
    uri = data_uri(content)
    assert uri.startswith("data:application/json;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == content


def test_file_names_are_safe():
    doc = good()
    doc["name"] = "../../etc/passwd Ann"
    assert export_filename(doc) == f"class-results-etc-passwd-ann-{CODE}.json"
    doc["name"] = "Zoë"
    assert export_filename(doc) == f"class-results-zoe-{CODE}.json"
    doc["name"] = "🙂"
    assert export_filename(doc) == f"class-results-{CODE}.json"


def test_non_latin_names_no_longer_give_colliding_file_names():
    """Issue 12: every Cyrillic, Chinese or Arabic name gave `class-results-learner.json`."""
    names = ["Анна", "Иван", "王芳", "李伟", "محمد", "فاطمة", "Ann", "Ann"]
    docs = [build_export(progress(learner=f"learner-{n:016x}"), [BANK], name) for n, name in enumerate(names)]
    files = [export_filename(d) for d in docs]
    assert len(set(files)) == len(names)
    assert all(f.startswith("class-results-") and f.endswith(".json") and f.isascii() for f in files)
    assert [d["name"] for d in docs] == names  # the name itself is kept in the file


def test_read_progress_upload_accepts_a_progress_file_and_explains_the_rest():
    p = empty_progress("learner-abc123")
    p["attempts"] = [attempt("q1", ["a"], True)]
    assert read_progress_upload(json.dumps(p).encode()) == p
    with pytest.raises(ProgressFormatError, match="not valid JSON"):
        read_progress_upload(b"{")
    with pytest.raises(ProgressFormatError, match="class-results file, not a progress file"):
        read_progress_upload(encode(good()))
    with pytest.raises(ProgressFormatError, match="not a progress file"):
        read_progress_upload(b'{"hello": 1}')
    broken = dict(p, attempts=[{"question": 1}])
    with pytest.raises(ProgressFormatError, match="attempt 1 is malformed"):
        read_progress_upload(json.dumps(broken).encode())
