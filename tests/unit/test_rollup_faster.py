"""The faster roll-up gives exactly what the roll-up gave before (tests/unit/rollup_before.py, main at 432dae5):
the demo class, the same class with forged, older, unknown and review answers mixed in, with and without the
teacher's pick of a duplicate; and the faster JSON checks (depth, long numbers) refuse exactly what they refused."""

import copy
import dataclasses
import json
import random

import pytest

from tests.unit import rollup_before as before
from widgets.classroom import rollup as now
from widgets.classroom.demo_results import write_demo
from widgets.content.load import all_banks, load_review
from widgets.store.safe_json import MAX_DEPTH, UnreadableFile, _check_tree, parse_json


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(tmp_path_factory.mktemp("class"), learners=40, seed=11)


def _plain(value):
    """A roll-up result as plain data, without what the old roll-up did not have: the per-question statistics and
    the before/after checks' answers (issue 28)."""
    data = dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
    if isinstance(data, dict):
        data.pop("items", None)
        data.pop("item_learners", None)

    def no_checks(v):  # a handed-in file's "checks", wherever one sits (the duplicates hold files too)
        if isinstance(v, dict):
            return {k: no_checks(x) for k, x in v.items() if not (k == "checks" and "answers" in v)}
        if isinstance(v, (list, tuple)):
            return type(v)(no_checks(x) for x in v)
        return v

    data = no_checks(data)
    return data


def _tampered(files):
    """The demo's documents with every kind of claim and answer the roll-up treats specially."""
    rng = random.Random(5)
    out = []
    for n, (name, doc) in enumerate(files):
        doc = copy.deepcopy(doc)
        qids = list(doc["questions"])
        kind = n % 6
        if kind == 1 and qids:  # a right/wrong mark that disagrees with the answer
            e = doc["questions"][rng.choice(qids)]
            e["first_correct"] = not e["first_correct"]
        elif kind == 2 and doc["lessons"]:  # a lesson score its answers do not give
            claim = doc["lessons"][rng.choice(list(doc["lessons"]))]
            claim["first_try"] += 1
        elif kind == 3 and qids:  # an answer to an older version, and a question no longer in the course
            doc["questions"][rng.choice(qids)]["hash"] = "0" * 16
            doc["questions"]["01-physiology/gone"] = dict(doc["questions"][qids[0]])
        elif kind == 4 and qids:  # an answer that is not one of the options
            doc["questions"][rng.choice(qids)]["first_chosen"] = ["no-such-option"]
        elif kind == 5:  # made in the future
            doc["exported"] = "2099-01-01T10:00:00+00:00"
        out.append((name, doc))
    return out


@pytest.mark.parametrize("tamper", [False, True], ids=["demo class", "demo class with forged files"])
def test_the_faster_rollup_gives_the_same_results_as_before(demo, tamper):
    files, skipped = now.read_folder(demo)
    old_files, old_skipped = before.read_folder(demo)
    assert files == old_files and [_plain(s) for s in skipped] == [_plain(s) for s in old_skipped]
    if tamper:
        files = _tampered(files)
    banks, review = all_banks(), load_review().questions
    graded, more = now.grade_files(files, banks, review, now=None)
    old_graded, old_more = before.grade_files(files, banks, review, now=None)
    assert [_plain(h) for h in graded] == [_plain(h) for h in old_graded]
    assert [_plain(s) for s in more] == [_plain(s) for s in old_more]
    assert any(h.flags for h in graded) == tamper
    codes = [h.learner for h in graded]
    dup = next(c for c in codes if codes.count(c) > 1)
    for picks in ({}, {dup: next(h.file for h in graded if h.learner == dup)}):
        new_result = now.combine(graded, banks, review, skipped + more, picks)
        old_result = before.combine(old_graded, banks, review, old_skipped + old_more, picks)
        assert _plain(new_result) == _plain(old_result)
        assert new_result.items  # and the new statistics are there


def _nested(depth: int, leaf=1, empty=False):
    value = [] if empty else [leaf]
    for _ in range(depth - 1):
        value = {"k": value} if depth % 2 else [value]
    return value


@pytest.mark.parametrize("depth", [1, 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2])
@pytest.mark.parametrize("empty", [False, True])
def test_the_faster_depth_check_refuses_exactly_what_the_full_check_refuses(depth, empty):
    value = _nested(depth, empty=empty)

    def outcome(strings):
        try:
            _check_tree(value, strings)  # strings=True walks the tree the old way, key by key
        except ValueError as e:
            return str(e)
        return "fine"

    assert outcome(False) == outcome(True)


@pytest.mark.parametrize(
    "number, readable",
    [("1" * 30, True), ("-" + "1" * 30, True), ("1" * 31, False), ("-" + "1" * 31, False), ("12", True)],
)
def test_long_numbers_are_refused_as_before_and_short_ones_read_as_the_same_integers(number, readable):
    content = json.dumps({"label": "1" * 40}).encode()[:-1] + f', "n": {number}}}'.encode()
    if readable:
        assert parse_json(content, what="The file", max_bytes=10_000)["n"] == int(number)
    else:
        with pytest.raises(UnreadableFile, match=r"a number with \d+ digits"):
            parse_json(content, what="The file", max_bytes=10_000)


def test_every_ascii_character_is_shown_as_before():
    for n in range(128):
        name = f"class-results-{chr(n)}.json"
        assert now.shown_name(name) == before.shown_name(name), repr(name)
