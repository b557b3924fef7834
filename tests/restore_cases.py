"""The crafted files a restore must refuse (or accept), as bytes: the store's own cases (tests/unit/test_export.py,
test_progress_failures.py, test_store_faults.py, tests/views/test_views_backup.py) gathered in one list, plus one
file per check of safe_json.parse_json and progress_doc.check_progress, and seeded mutations of a good download.
tests/page/test_site_store_parity.py runs every one through Python's reader and the site's (static/site_store.js).
"""

from __future__ import annotations

import json
import random
from typing import Any

from widgets.store.progress_doc import FORMAT, MAX_BYTES, MAX_PER_QUESTION, RESULTS_FORMAT, VERSION, encode_progress

CODE = "learner-0123456789abcdef"


def attempt(q: str = "01-physiology/q1", **changes: Any) -> dict[str, Any]:
    a: dict[str, Any] = {
        "question": q,
        "lesson": "01-physiology",
        "chosen": ["a"],
        "correct": True,
        "time": "2026-01-01T09:00:00+00:00",
        "hash": "0123456789abcdef",
    }
    a.update(changes)
    return a


def doc(*attempts: dict[str, Any], **changes: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "learner": CODE,
        "created": "2026-01-01T09:00:00+00:00",
        "attempts": list(attempts),
    }
    d.update(changes)
    return d


def raw(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


GOOD = doc(attempt(), attempt("01-physiology/q2", chosen=["b", "c"], correct=False, attempt_id="page-try-0001"))


def crafted() -> dict[str, bytes]:
    """name → the file's bytes."""
    a = attempt()
    cases: dict[str, bytes] = {
        # accepted
        "good download": encode_progress(GOOD),
        "good, version 1 (no hashes)": raw(doc({k: v for k, v in a.items() if k != "hash"}, version=1)),
        "good, version 2": raw(doc(a, version=2)),
        "good, no answers": raw(doc()),
        "good, with a byte order mark": b"\xef\xbb\xbf" + raw(GOOD),
        "good, a name in another script and an emoji": raw(doc(attempt(chosen=["Зоя 🙂"]))),
        "good, duplicate keys (the last one counts)": b'{"format":"x",' + raw(GOOD)[1:],
        "good, attempt_id null": raw(doc(attempt(attempt_id=None))),
        # the store's tests (views/backup, export, progress_failures, store_faults)
        "not JSON": b"{not json",
        "foreign format": b'{"format": "x"}',
        "PNG bytes": b"\x89PNG\xff",
        "version 9": b'{"format": "foot-twitch-lessons/progress", "version": 9}',
        "one brace": b"{",
        "a results file": raw({"format": RESULTS_FORMAT, "version": 2, "name": "Ann"}),
        "no format": b'{"hello": 1}',
        "attempt with a number as question": raw(doc({"question": 1})),
        "lone surrogate learner code": raw(doc(a))[:-1].replace(CODE.encode(), b"\\ud800") + b"}",
        "16,000,001 bytes": b" " * (MAX_BYTES + 1),
        "too many attempts at one question": raw(doc(*[a] * (MAX_PER_QUESTION + 1))),
        "newer version": raw(doc(version=VERSION + 1)),
        "correct as text": raw(doc(a, attempt("01-physiology/q2", correct="yes"))),
        # safe_json.parse_json
        "UTF-16 little endian": "\ufeff{}".encode("utf-16-le"),
        "UTF-16 big endian": b"\xfe\xff\x00{\x00}",
        "latin-1 text": '{"format": "café"}'.encode("latin-1"),
        "a UTF-8 surrogate": b'{"a": "\xed\xa0\x80"}',
        "empty file": b"",
        "only spaces": b"   \n  ",
        "trailing comma in a list": b"[1,]",
        "trailing comma in an object": b'{"a": 1,}',
        "missing colon": b'{"a" 1}',
        "missing comma": b"[1 2]",
        "unterminated string": b'{"format": "foot',
        "bad escape": b'{"a": "x\\q"}',
        "short unicode escape": b'{"a": "\\u12"}',
        "bad unicode escape": b'{"a": "\\u12zz"}',
        "control character in a string": b'{"a": "x\x01y"}',
        "extra data": b'{"a": 1} x',
        "two documents": raw(GOOD) + raw(GOOD),
        "error on line 3 after a long name": '{\n"name": "Zoë 🙂 Ann",\n "x": ]}'.encode(),
        "leading zero": b"[01]",
        "NaN": b'{"version": NaN}',
        "-Infinity": b"[-Infinity]",
        "a 31-digit number": b'{"version": 1234567890123456789012345678901}',
        "a 30-digit number": raw(doc(version=10**29)),
        "a float out of range": b'{"version": 1e400}',
        "a long float": b'{"version": 1.000000000000000000000000000000001}',
        "nested 40 deep": b"[" * 40 + b"]" * 40,
        "nested 33 deep, empty inside": b"[" * 33 + b"]" * 33,
        "nested 100,000 deep": b"[" * 100_000,
        "double byte order mark": b"\xef\xbb\xbf\xef\xbb\xbf{}",
        "escaped lone surrogate in a key": b'{"\\udc00": 1}',
        "escaped surrogate pair (an emoji)": raw(doc(attempt(chosen=["x"])))[:-1] + b', "\\ud83d\\ude00": 1}',
        # progress_doc.check_progress
        "a list": b"[]",
        "a string": b'"foot-twitch-lessons/progress"',
        "version as text": raw(doc(version="3")),
        "version 3.0": raw(doc(version=3.0)),
        "version 1.5": raw(doc(version=1.5)),
        "version 1e20 as a float": raw(doc(version=1e20)),
        "version 0.0001": raw(doc(version=0.0001)),
        "version 0": raw(doc(version=0)),
        "version -1": raw(doc(version=-1)),
        "version true": raw(doc(version=True)),
        "version null": raw(doc(version=None)),
        "version missing": raw({k: v for k, v in doc().items() if k != "version"}),
        "version a list": raw(doc(version=[3, "a"])),
        "version an object": raw(doc(version={"a": [1, None, False]})),
        "version a long text": raw(doc(version="x" * 50)),
        "version a text with quotes": raw(doc(version='it\'s "3"\n')),
        "attempts not a list": raw(doc(attempts={})),
        "attempts missing": raw({k: v for k, v in doc().items() if k != "attempts"}),
        "learner missing": raw({k: v for k, v in doc().items() if k != "learner"}),
        "learner empty": raw(doc(learner="")),
        "learner with a space": raw(doc(learner="learner 1")),
        "learner 61 characters": raw(doc(learner="a" * 61)),
        "learner a number": raw(doc(learner=5)),
        "created null": raw(doc(created=None)),
        "created with letters": raw(doc(created="yesterday")),
        "an extra field": raw(doc(mood="happy")),
        "an extra field and a bad learner": raw(dict({"mood": 1}, **doc(learner="!"))),
        "extra __proto__ field": b'{"__proto__": 1, "format": "foot-twitch-lessons/progress", "version": 3, '
        b'"learner": "learner-1", "attempts": []}',
        "extra constructor field": raw(doc(constructor=1)),
        "an attempt that is a number": raw(doc(5)),
        "an attempt that is null": raw(doc(None)),
        "attempt missing its question": raw(doc({k: v for k, v in a.items() if k != "question"})),
        "attempt missing everything": raw(doc({})),
        "attempt with an extra field": raw(doc(attempt(mood=1))),
        "attempt with an extra field and a bad question": raw(doc({"zz": 1, **attempt(question=5)})),
        "question too short": raw(doc(attempt("ab"))),
        "question empty": raw(doc(attempt(""))),
        "question with a space": raw(doc(attempt("01 q1"))),
        "question 201 characters": raw(doc(attempt("q" * 201))),
        "lesson 61 characters and a sign": raw(doc(attempt(lesson="x" * 61 + "!"))),
        "chosen a text": raw(doc(attempt(chosen="a"))),
        "chosen 51 bad items": raw(doc(attempt(chosen=["x\x01"] * 51))),
        "chosen item 201 characters": raw(doc(attempt(chosen=["x" * 201, "\x01"]))),
        "chosen item with a control character": raw(doc(attempt(chosen=["ok", "x\x7f"]))),
        "chosen item a number": raw(doc(attempt(chosen=[1]))),
        "correct 1": raw(doc(attempt(correct=1))),
        "correct null": raw(doc(attempt(correct=None))),
        "time empty": raw(doc(attempt(time=""))),
        "time with letters": raw(doc(attempt(time="noon"))),
        "hash upper case": raw(doc(attempt(hash="ABC"))),
        "hash 65 characters": raw(doc(attempt(hash="a" * 65))),
        "hash null": raw(doc(attempt(hash=None))),
        "attempt_id a number": raw(doc(attempt(attempt_id=5))),
        "attempt_id too short": raw(doc(attempt(attempt_id="ab"))),
        "the same attempt_id twice": raw(doc(*[attempt(attempt_id="abcdefgh1")] * 2)),
        "the third attempt malformed": raw(doc(a, a, attempt(lesson=""))),
        "200 attempts at one question (the most)": raw(doc(*[a] * MAX_PER_QUESTION)),
    }
    cases.update(mutations(40))
    return cases


def mutations(n: int, seed: int = 27) -> dict[str, bytes]:
    """`n` seeded changes to a good download: a field dropped, set to another kind of value, or a byte changed."""
    rng = random.Random(seed)
    values: list[Any] = [None, True, 0, 3, -1, 2.5, "", "x", "learner-1", "a" * 70, [], ["a"], {}, {"a": 1}]
    out: dict[str, bytes] = {}
    for i in range(n):
        d = json.loads(json.dumps(GOOD))
        target = d if rng.random() < 0.4 else rng.choice(d["attempts"])
        key = rng.choice(sorted(target))
        how = rng.randrange(3)
        if how == 0:
            del target[key]
            content = raw(d)
        elif how == 1:
            target[key] = rng.choice(values)
            content = raw(d)
        else:
            b = bytearray(raw(d))
            b[rng.randrange(len(b))] = rng.choice(b'{}[]",:0a\\ \x00\xff')
            content = bytes(b)
        out[f"mutation {i}"] = content
    return out
