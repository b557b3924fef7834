"""The class-results export document: built from a progress file, validated strictly, encoded safely."""

import base64
import json

import pytest

from tests.helpers import bank, multiple, numeric, single, truefalse
from widgets.export import (FORMAT, ExportFormatError, build_export, check_export, data_uri, decode, encode,
                            export_filename, progress_filename, read_progress_upload)
from widgets.progress import ProgressFormatError, empty_progress

BANK = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), lesson="99-test")


def attempt(q, chosen, correct, lesson="99-test"):
    return {"question": f"{lesson}/{q}", "lesson": lesson, "chosen": chosen, "correct": correct,
            "time": "2026-01-01T00:00:00+00:00"}


def progress(*attempts):
    p = empty_progress("learner-abc123")
    p["attempts"] = list(attempts)
    return p


def test_export_holds_first_try_now_correct_first_choice_and_lesson_scores():
    p = progress(attempt("q1", ["b"], False), attempt("q1", ["a"], True), attempt("q3", ["false"], True),
                 attempt("q2", ["a", "b"], False), attempt("zz", ["x"], True, lesson="88-other"))
    doc = build_export(p, [BANK], "  Ann B. ", now="2026-02-02T10:00:00+00:00")
    assert doc["format"] == FORMAT and doc["name"] == "Ann B." and doc["learner"] == "learner-abc123"
    assert doc["exported"] == "2026-02-02T10:00:00+00:00"
    assert doc["questions"] == {
        "99-test/q1": {"attempts": 2, "first_correct": False, "now_correct": True, "first_chosen": ["b"]},
        "99-test/q2": {"attempts": 1, "first_correct": False, "now_correct": False, "first_chosen": ["a", "b"]},
        "99-test/q3": {"attempts": 1, "first_correct": True, "now_correct": True, "first_chosen": ["false"]},
    }   # the foreign lesson's attempt is left out
    assert doc["lessons"] == {"99-test": {"total": 4, "answered": 3, "first_try": 1, "now_correct": 2}}
    assert set(doc) == {"format", "version", "name", "learner", "exported", "lessons", "questions"}


def test_default_name_is_the_anonymous_code_and_names_are_cleaned():
    assert build_export(progress(), [BANK])["name"] == "learner-abc123"
    assert build_export(progress(), [BANK], "   ")["name"] == "learner-abc123"
    assert build_export(progress(), [BANK], "A\x00b\nc" + "x" * 100)["name"] == "Abc" + "x" * 57


def test_export_refuses_a_bad_progress_document():
    with pytest.raises(ProgressFormatError):
        build_export({"format": "something else"}, [BANK])


def good():
    return build_export(progress(attempt("q1", ["a"], True)), [BANK], "Ann")


@pytest.mark.parametrize("change, reason", [
    (lambda d: d.update(format="foot-twitch-lessons/progress"), "this is a progress file"),
    (lambda d: d.update(format="x"), "not a class-results file"),
    (lambda d: d.update(version=2), "unknown class-results version 2"),
    (lambda d: d.update(version=True), "unknown class-results version True"),
    (lambda d: d.update(name=""), "field 'name'"),
    (lambda d: d.update(extra=1), "field 'extra'"),
    (lambda d: d.pop("learner"), "field 'learner'"),
    (lambda d: d["questions"]["99-test/q1"].update(first_correct="yes"), "first_correct"),
    (lambda d: d["questions"].update({"not an id": d["questions"]["99-test/q1"]}), "not an id"),
    (lambda d: d["lessons"]["99-test"].update(answered=9), "do not add up"),
    (lambda d: d["lessons"]["99-test"].update(total=-1), "total"),
])
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


def test_encode_decode_and_data_uri_round_trip():
    doc = good()
    doc["name"] = 'Zoë <b>"&'
    content = encode(doc)
    assert decode(content) == doc
    uri = data_uri(content)
    assert uri.startswith("data:application/json;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == content


def test_decode_gives_plain_reasons():
    with pytest.raises(ValueError, match="not valid JSON"):
        decode(b"{nope")
    with pytest.raises(ValueError, match="not text"):
        decode(b"\xff\xfe\x00\x89PNG")
    with pytest.raises(ValueError, match="too large"):
        decode(b" " * 1_000_001)


def test_file_names_are_safe():
    doc = good()
    doc["name"] = "../../etc/passwd Ann"
    assert export_filename(doc) == "class-results-etc-passwd-ann.json"
    doc["name"] = "🙂"
    assert export_filename(doc) == "class-results-learner.json"
    assert progress_filename(progress()) == "foot-twitch-progress-learner-abc123.json"


def test_read_progress_upload_accepts_a_progress_file_and_explains_the_rest():
    p = progress(attempt("q1", ["a"], True))
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
