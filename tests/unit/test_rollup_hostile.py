"""The roll-up attacked: files that are not files, files that never end, crafted JSON, a class of 3,000.

Each bad entry is listed as skipped with one clear reason, nothing blocks or reads without bound, and the
rest of the class is still rolled up.
"""

import json
import os
import random
import socket
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import widgets.classroom.rollup as R
from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from widgets.classroom.export import MAX_ENTRIES, MAX_RESULTS_BYTES, build_export, encode, export_filename
from widgets.classroom.rollup import read_folder, rollup, rollup_folder
from widgets.content.content_hash import question_hash

BANK = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), ordering("q5"), lesson="99-test")
RIGHT = {"q1": ["a"], "q2": ["a", "c"], "q3": ["false"], "q4": ["3"], "q5": ["one", "two", "three", "four"]}
WRONG = {"q1": ["b"], "q2": ["a"], "q3": ["true"], "q4": ["9"], "q5": ["two", "one", "three", "four"]}
# the phrases a skip reason may start with: each is one clear sentence naming what is wrong
CLEAR = (
    "The file ",
    "It is ",
    "Not a class-results file",
    "This is a progress file",
    "Unknown class-results",
    "Made by an older version",
    "Field '",
    "It holds more than",
)


def learner_doc(code: int, name: str, right: set[str] = frozenset(RIGHT)) -> dict:
    attempts = [
        {
            "question": f"99-test/{q}",
            "lesson": "99-test",
            "chosen": RIGHT[q] if q in right else WRONG[q],
            "correct": q in right,
            "time": "2026-01-01T09:00:00+00:00",
            "hash": question_hash(BANK.question(q)),
        }
        for q in RIGHT
    ]
    return build_export(
        {"learner": f"learner-{code:016x}", "attempts": attempts}, [BANK], name, now="2026-01-01T10:00:00+00:00"
    )


def two_good(folder: Path) -> None:
    for n, name in enumerate(("Ann", "Bo")):
        doc = learner_doc(n + 1, name, {"q1", "q3"} if n else set(RIGHT))
        (folder / export_filename(doc)).write_bytes(encode(doc))


def assert_clear(reason: str) -> None:
    assert reason.startswith(CLEAR) and "unexpected" not in reason and "\n" not in reason, reason


def test_one_crafted_or_non_regular_file_no_longer_stops_or_hangs_the_roll_up(tmp_path):
    """Issue 12: one crafted file, or a file that is not a regular file, made the roll-up raise, read without
    bound or hang the kernel. Here: a FIFO (opening it blocking would hang), a socket, a symlink to a good
    file, a folder, a 2 GB sparse file, and crafted JSON, beside two good files."""
    two_good(tmp_path)
    os.mkfifo(tmp_path / "pipe.json")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.json"))
    good = next(tmp_path.glob("class-results-ann-*.json"))
    (tmp_path / "link.json").symlink_to(good)
    (tmp_path / "link-to-nowhere.json").symlink_to(tmp_path / "missing")
    (tmp_path / "folder.json").mkdir()
    with open(tmp_path / "huge.json", "wb") as f:
        f.truncate(2 * 1024**3)  # 2 GB, sparse: no disk space used
    crafted = {
        "deep.json": b"[" * 40_000 + b"]" * 40_000,
        "number.json": b'{"format": "foot-twitch-lessons/class-results", "version": 1' + b"0" * 5000 + b"}",
        "utf16.json": json.dumps({"format": "x"}).encode("utf-16"),
        "surrogate.json": b'{"format": "\\ud800"}',
        "nan.json": b'{"version": NaN}',
        "empty.json": b"",
        "list.json": b"[1, 2]",
        "picture.json": b"\x89PNG\r\n\x1a\n\xff\xfe",
        "too-many.json": encode(
            dict(
                learner_doc(9, "X"),
                questions={
                    f"99-test/x{i}": learner_doc(9, "X")["questions"]["99-test/q1"] for i in range(MAX_ENTRIES + 1)
                },
            )
        ),
        "big-text.json": b" " * (MAX_RESULTS_BYTES + 1),
    }
    for name, content in crafted.items():
        (tmp_path / name).write_bytes(content)
    start = time.perf_counter()
    try:
        result = rollup_folder(tmp_path, [BANK], review=[])
    finally:
        sock.close()
    seconds = time.perf_counter() - start
    assert seconds < 5, seconds  # nothing read the 2 GB or waited on the pipe
    assert sorted(result.learners) == ["Ann", "Bo"]
    reasons = {s.file: s.reason for s in result.skipped}
    assert set(reasons) == {
        "pipe.json",
        "sock.json",
        "link.json",
        "link-to-nowhere.json",
        "folder.json",
        "huge.json",
    } | set(crafted)
    for reason in reasons.values():
        assert_clear(reason)
    assert "not a plain file" in reasons["pipe.json"] and "not a plain file" in reasons["sock.json"]
    assert "link" in reasons["link.json"] and "link" in reasons["link-to-nowhere.json"]
    assert "folder" in reasons["folder.json"]
    assert "2147.5 MB, more than the 100 kB" in reasons["huge.json"]
    assert "100,001 bytes, more than the 100,000 bytes" in reasons["big-text.json"]
    assert f"more than {MAX_ENTRIES} answers" in reasons["too-many.json"]
    assert "nested" in reasons["deep.json"] and "digits" in reasons["number.json"]
    assert "UTF-16" in reasons["utf16.json"] and "not valid Unicode" in reasons["surrogate.json"]


def test_file_names_that_are_not_utf8_or_hold_control_characters_are_shown_safely(tmp_path):
    doc = learner_doc(3, "Cy")
    (tmp_path / os.fsdecode(b"bad-\xff-name.json")).write_bytes(b"{")
    (tmp_path / "line\nbreak.json").write_bytes(encode(doc))
    result = rollup_folder(tmp_path, [BANK], review=[])
    assert [s.file for s in result.skipped] == ["bad-\ufffd-name.json"] and result.learners == ["Cy"]
    view_names = [s.file for s in result.skipped] + [h.file for d in result.duplicates for h in d.files]
    assert all(n.encode("utf-8") for n in view_names)


def test_a_folder_with_more_entries_than_the_limit_is_read_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(R, "MAX_FILES", 3)
    for n in range(5):
        doc = learner_doc(n, f"L{n}")
        (tmp_path / f"{n}.json").write_bytes(encode(doc))
    files, skipped = read_folder(tmp_path)
    assert len(files) == 3 and skipped[-1].reason == "The folder holds more than 3 entries; the rest were not read."


def _fast_folder() -> tempfile.TemporaryDirectory:
    """A private temporary folder, in memory (/dev/shm) where there is one: 3,000 files write 40× faster."""
    shm = "/dev/shm"
    return tempfile.TemporaryDirectory(dir=shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None)


def _folder_with(content: bytes) -> tuple[R.Rollup, str]:
    with _fast_folder() as d:
        two_good(Path(d))
        (Path(d) / "odd.json").write_bytes(content)
        before = {p.name: p.read_bytes() for p in Path(d).iterdir()}
        result = rollup_folder(d, [BANK], review=[])
        assert {p.name: p.read_bytes() for p in Path(d).iterdir()} == before  # the roll-up only reads
    return result, "odd.json"


def _check(result: R.Rollup, file: str) -> None:
    """The two good learners are rolled up; the odd file is either read or skipped with one clear reason."""
    reasons = {s.file: s.reason for s in result.skipped}
    assert set(reasons) <= {file}
    if file in reasons:
        assert_clear(reasons[file])
    assert {"Ann", "Bo"} <= set(result.learners) | {h.name for d in result.duplicates for h in d.files}
    stats = {s.question: s for s in result.questions}
    assert stats["99-test/q1"].first_correct >= 2 or any(d.files for d in result.duplicates)


HYPO = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HYPO
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_skipped_with_one_clear_message(content):
    _check(*_folder_with(content))


def _containers(inner):
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    _containers,
    max_leaves=20,
)


@HYPO
@given(JSON)
def test_arbitrary_json_is_read_or_skipped_with_one_clear_message(value):
    _check(*_folder_with(json.dumps(value).encode()))


def _paths(value, prefix=()):
    """Every path to a value inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


BASE = learner_doc(77, "Mallory", {"q1"})
PATHS = [p for p in _paths(BASE) if p]


@HYPO
@given(
    st.sampled_from(PATHS),
    JSON
    | st.sampled_from(
        ["learner-0000000000000001", "99-test/q1", "0" * 16, ["a"], ["zz"], True, 300, "9999-01-01T00:00:00+00:00"]
    ),
)
def test_a_valid_file_with_any_one_value_swapped_is_read_or_skipped_with_one_clear_message(path, value):
    """Structure-aware attack: one value anywhere in a real results file replaced by arbitrary JSON (or a
    value that is valid elsewhere), to reach the regrading as well as the validation."""
    doc = json.loads(json.dumps(BASE))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    _check(*_folder_with(json.dumps(doc).encode()))


def test_a_class_of_3000_with_64_bit_codes_has_no_collision_and_everyone_counts():
    """Issue 12: with 24-bit codes, 21 % of simulated classes of 3,000 had two learners on one code.

    Birthday bound: the chance that n codes drawn from N values are not all different is about
    1 - exp(-n(n-1)/2N). For n = 3,000: 24-bit codes (N = 2^24 ≈ 1.7e7) give 1 - exp(-0.268) ≈ 23 %;
    64-bit codes (N = 2^64 ≈ 1.8e19) give about 2.4e-13, once in four trillion classes.
    Even then the roll-up would show both files side by side instead of dropping one.
    """
    rng = random.Random(3000)
    template = learner_doc(0, "x", {"q1", "q3"})
    codes = set()
    with _fast_folder() as folder:
        for n in range(3000):
            code = f"learner-{rng.getrandbits(64):016x}"
            codes.add(code)
            doc = dict(template, learner=code, name=f"Learner {n}")
            (Path(folder) / export_filename(doc)).write_bytes(encode(doc))
        assert len(codes) == 3000 and len(os.listdir(folder)) == 3000
        start = time.perf_counter()
        result = rollup_folder(folder, [BANK], review=[])
        seconds = time.perf_counter() - start
    print(f"\n[roll-up of 3,000 learners: {seconds:.2f} s]")
    assert len(result.learners) == 3000 and result.duplicates == [] and result.skipped == []
    stats = {s.question: s for s in result.questions}
    assert (stats["99-test/q1"].answered, stats["99-test/q1"].first_correct) == (3000, 3000)
    assert (stats["99-test/q2"].answered, stats["99-test/q2"].first_correct) == (3000, 0)


def test_regrading_never_trusts_a_file_that_marks_everything_right():
    doc = learner_doc(5, "Eve", set())
    for entry in doc["questions"].values():
        entry.update(first_correct=True, now_correct=True)
    doc["lessons"]["99-test"].update(first_try=5, now_correct=5)
    result = rollup([("eve.json", doc)], [BANK])
    assert all(s.first_correct == 0 for s in result.questions)
    assert result.lessons[0].first_try_percent == 0.0 and result.flagged[0].file == "eve.json"
