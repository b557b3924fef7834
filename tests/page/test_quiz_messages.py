"""The quiz's page messages end to end: the page (static/quiz.js in node with a DOM, tests/page_in_node.py) and
the kernel's half (``Quiz.handle_attempt`` over a real ProgressStore in a temporary folder). The page never
says "saved" or "kept" when it is not; every message gets a reply; a refused or malformed try leaves the page's
queue and says why; tries kept under an old learner code are never left unseen; a second open copy of a lesson
decides from the store as it is now."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from tests.quiz_driver import answer as send_answer
from widgets.engine import grading
from widgets.store import progress
from widgets.store.progress import ProgressStore
from widgets.views.quiz import LABELS, Quiz

PENDING = "foot-twitch-lessons:pending:{code}:99-test"
ATTEMPT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,63}")


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


@pytest.fixture
def browser(quiz_tab):
    """A fresh tab in this worker's node process (tests/conftest.py): ``browser(storage="full", items={...})``."""
    return quiz_tab.setup


def five() -> Any:
    return bank(single(), multiple(), truefalse(), numeric(), ordering())


def attempt(quiz: Quiz, n: int, answer: Any, **extra: Any) -> dict[str, Any]:
    """The message the page sends for one try at question `n` of `quiz`."""
    card = quiz.cards[n]
    msg = {
        "kind": "attempt",
        "attempt_id": uuid.uuid4().hex,
        "question": card.full_id,
        "hash": card.hash,
        "answer": answer,
        "show": False,
        "wrong_before": 0,
    }
    return {**msg, **extra}


def saved_ids(store: ProgressStore) -> list[str | None]:
    """The page's attempt ids of the saved answers, in order, as the file holds them."""
    with sqlite3.connect(store.path) as conn:
        return [r[0] for r in conn.execute("SELECT attempt_id FROM attempts ORDER BY id")]


# -- item 8: a browser that cannot keep the answer is never said to keep it ----------------------------------
@pytest.mark.parametrize("storage", ["ok", "full", "blocked"])
def test_a_full_or_blocked_browser_storage_with_a_silent_kernel_never_says_the_answer_is_kept(browser, store, storage):
    quiz = Quiz(bank(single()), store)
    page = browser(storage=storage, items={"another-page:cache": "x" * 2000})
    v = page.render(quiz, silent=True)  # the kernel does not answer
    page.choose(v, quiz.ids[0], "a")
    page.click(v, ".quiz-check")
    page.tick(5000)  # past the page's wait for a reply
    kept = any(k.startswith("foot-twitch-lessons:pending:") for k in page.storage)
    said = page.card(v, quiz.ids[0])["saved"] + " " + page.views[v]["save_line"]
    assert kept == (storage == "ok")
    assert ("kept in this browser" in said) == kept, f"the page says {said!r} with storage {storage}"
    assert "Saved" not in said
    if not kept:
        assert page.card(v, quiz.ids[0])["saved"] == LABELS["not_kept"]
        assert page.views[v]["save_line"] == LABELS["not_kept_all"]


@pytest.mark.parametrize("storage", ["ok", "full"])
def test_a_page_without_a_kernel_whose_storage_is_full_never_says_kept_in_this_browser(browser, store, storage):
    quiz = Quiz(bank(single()), store)
    page = browser(storage=storage)
    v = page.render(quiz, kernel="static")
    page.choose(v, quiz.ids[0], "a")
    page.click(v, ".quiz-check")
    page.tick(500)
    kept = any(k.startswith("foot-twitch-lessons:site:") and "progress:learner-" in k for k in page.storage)
    said = page.card(v, quiz.ids[0])["saved"]
    assert kept == (storage == "ok")
    assert ("Kept in this browser" in said) == kept, f"the page says {said!r} with storage {storage}"


# -- item 9: a refused answer stays refused when the page sends it again -------------------------------------
def test_a_refused_201st_answer_resent_by_the_page_is_refused_again_and_says_why_not_saved(browser, store):
    b = bank(single())
    quiz = Quiz(b, store)
    card = quiz.cards[0]
    doc = store.load()
    doc["attempts"] = [
        {
            "question": card.full_id,
            "lesson": "99-test",
            "chosen": ["b"],
            "correct": False,
            "time": doc["created"],
            "hash": card.hash,
        }
    ] * 200
    store.replace(doc)  # 200 answers: the most a question keeps
    page = browser()
    v = page.render(Quiz(b, store), lose_replies=True)  # the 201st reaches the kernel, its reply is lost
    page.choose(v, quiz.ids[0], "a")
    page.click(v, ".quiz-check")
    page.tick(5000)
    assert page.replies[-1][1]["outcome"] == "refused"
    v2 = page.render(Quiz(b, store))  # Run All in the same kernel: the page sends the kept try again
    outcome = page.replies[-1][1]["outcome"]
    shown = page.card(v2, quiz.ids[0])["saved"]
    assert (outcome, shown) == ("refused", LABELS.get("refused_question_full")), (outcome, shown)
    assert "200" in shown and "Saved" not in shown
    assert not any(k.startswith("foot-twitch-lessons:pending:") for k in page.storage)  # refused is final
    assert len(saved_ids(store)) == 200
    v3 = page.render(Quiz(b, store))
    assert [v for v, _ in page.sent].count(v3) == 0  # nothing left to resend


def test_a_try_resent_after_a_reset_says_it_was_given_before_the_reset_and_is_not_saved(browser, store):
    """The page kept a try whose reply was lost; the learner reset their progress; Run All sends it again."""
    b = bank(single())
    quiz = Quiz(b, store)
    page = browser()
    v = page.render(quiz, lose_replies=True)
    page.choose(v, quiz.ids[0], "a")
    page.click(v, ".quiz-check")
    page.tick(5000)
    assert len(saved_ids(store)) == 1
    store.reset()
    v2 = page.render(Quiz(b, store))  # the kept try goes again
    assert page.replies[-1][1]["outcome"] == "retired"
    assert page.card(v2, quiz.ids[0])["saved"] == LABELS["retired"]
    assert saved_ids(store) == []  # the erased answer stays erased
    assert not any(k.startswith("foot-twitch-lessons:pending:") for k in page.storage)


def test_a_try_refused_because_too_many_answers_wait_stays_in_the_page_queue_and_is_saved_later(
    browser, tmp_path, monkeypatch
):
    monkeypatch.setattr(progress, "MAX_PENDING", 2)  # the kernel holds at most 2 unsaved answers
    store = ProgressStore(tmp_path, busy_timeout=0.05)
    b = bank(single())
    quiz = Quiz(b, store)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another notebook holds the file
    page = browser()
    v = page.render(quiz)
    for answer in ("b", "c", "a"):
        page.choose(v, quiz.ids[0], answer)
        page.click(v, ".quiz-check")
        page.tick(200)
    third = page.sent[-1][1]["attempt_id"]
    assert [r["outcome"] for _, r in page.replies] == ["waiting", "waiting", "refused"]
    assert page.replies[-1][1].get("reason") == "waiting_full"
    assert page.card(v, quiz.ids[0])["saved"] == LABELS["refused_waiting_full"]
    kept = json.loads(page.storage.get(PENDING.format(code=quiz.page.learner), "[]"))
    assert third in [a["attempt_id"] for a in kept], "the page dropped a try the kernel did not keep"
    other.execute("COMMIT")
    other.close()
    v2 = page.render(Quiz(b, store))  # Run All: the page sends what it kept again
    assert page.card(v2, quiz.ids[0])["saved"] == LABELS["saved"]
    assert len(saved_ids(store)) == 3 and saved_ids(store)[-1] == third
    assert page.storage == {}


# -- item 14: tries kept under the learner code before it changed ---------------------------------------------
def kept_under_old_code(quiz: Quiz) -> tuple[dict[str, Any], dict[str, str]]:
    msg = attempt(quiz, 0, "a")
    old = "learner-0123456789abcdef"
    assert quiz.page.learner != old
    return msg, {PENDING.format(code=old): json.dumps([msg])}


def test_answers_kept_under_an_older_learner_code_are_shown_and_saved_when_the_learner_says_they_are_theirs(
    browser, store
):
    quiz = Quiz(bank(single()), store)
    msg, items = kept_under_old_code(quiz)
    page = browser(items=items)
    v = page.render(quiz)
    line = page.views[v]["save_line"]
    assert page.sent or "1" in line, f"the kept answer was neither sent nor shown (the save line: {line!r})"
    assert line.startswith(LABELS["other_code"].format(n=1))
    assert page.views[v]["save_buttons"] == [LABELS["adopt"], LABELS["forget"]]
    page.tick(10_000)
    assert page.views[v]["save_line"].startswith(LABELS["other_code"].format(n=1))  # stays until answered
    page.click(v, ".quiz-adopt")
    assert [m["attempt_id"] for _, m in page.sent] == [msg["attempt_id"]]
    assert page.card(v, quiz.ids[0])["saved"] == LABELS["saved"]
    assert saved_ids(store) == [msg["attempt_id"]]
    assert not any(k.startswith("foot-twitch-lessons:pending:") for k in page.storage)  # under no code
    assert page.views[v]["save_line"] == ""


def test_answers_kept_under_an_older_learner_code_can_be_deleted_and_are_never_sent_unasked(browser, store):
    quiz = Quiz(bank(single()), store)
    _, items = kept_under_old_code(quiz)
    page = browser(items=items)
    v = page.render(quiz)
    assert page.views[v]["save_line"], "nothing on the page tells of the answer kept under the old code"
    assert page.sent == [] and page.views[v]["save_line"].startswith(LABELS["other_code"].format(n=1))
    page.click(v, ".quiz-forget")
    assert page.views[v]["save_line"] == "" and page.storage == {} and saved_ids(store) == []
    v2 = page.render(quiz)
    assert page.views[v2]["save_line"] == ""


# -- item 15: "Show the answer" in a second open copy of the lesson ------------------------------------------
def test_show_the_answer_in_a_second_copy_after_the_first_answered_right_saves_no_wrong_try(tmp_path):
    b = bank(single())
    second = Quiz(b, ProgressStore(tmp_path))  # opened first, before any answer (another kernel, its own store)
    first = Quiz(b, ProgressStore(tmp_path))
    send_answer(first, 0, "a")  # right on the first try
    reply = second.handle_attempt(attempt(second, 0, None, show=True, wrong_before=0))
    attempts = ProgressStore(tmp_path).load()["attempts"]
    assert [a["correct"] for a in attempts] == [True], f"saved: {[(a['chosen'], a['correct']) for a in attempts]}"
    assert reply["status"]["first_correct"] is True and reply["status"]["attempts"] == 1
    assert second.lesson_score.first_try == 1


# -- item 16: forged messages -------------------------------------------------------------------------------
FORGED = {
    "question id is a list": lambda q: attempt(q, 0, "a", question=[q.ids[0]]),
    "question id is a dict": lambda q: attempt(q, 0, "a", question={"id": q.ids[0]}),
    "number past the largest float": lambda q: attempt(q, 3, json.loads("1" + "0" * 400)),
    "ticked boxes holding lists": lambda q: attempt(q, 1, [["a"], "c"]),
    "ticked boxes holding objects": lambda q: attempt(q, 1, [{"a": 1}, "c"]),
}


@pytest.mark.parametrize("shape", FORGED)
def test_a_forged_page_message_gets_an_invalid_reply_instead_of_an_error(store, shape):
    quiz = Quiz(five(), store)
    msg = FORGED[shape](quiz)
    reply = quiz.handle_attempt(msg)
    assert (reply["kind"], reply["attempt_id"], reply["outcome"]) == ("saved", msg["attempt_id"], "invalid")
    assert saved_ids(store) == []


def test_forged_tries_kept_by_the_page_are_answered_invalid_and_leave_its_queue(browser, store):
    quiz = Quiz(five(), store)
    right = attempt(quiz, 0, "a")
    forged = [attempt(quiz, 1, [["a"], "c"]), attempt(quiz, 1, [{"a": 1}]), right]
    junk = [7, None, ["x"], {"attempt_id": ["x"], "question": quiz.ids[0]}]  # not a try at all
    items = {PENDING.format(code=quiz.page.learner): json.dumps(junk + forged)}
    page = browser(items=items)
    v = page.render(quiz)
    assert [r["outcome"] for _, r in page.replies] == ["invalid", "invalid", "saved"]
    assert page.card(v, quiz.ids[1])["saved"] == LABELS["invalid"]
    assert page.storage == {}  # nothing left to resend
    assert saved_ids(store) == [right["attempt_id"]]
    page.render(quiz)
    assert len(page.sent) == 3


# -- any JSON at all through the kernel's half -------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.just(10**400) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
MISSING = object()


def answers_for(quiz: Quiz) -> st.SearchStrategy[Any]:
    usable = []
    for card in quiz.cards:
        q = card.question
        usable += [q.right_answer(), q.wrong_answer(random.Random(0))]
    return st.sampled_from([json.loads(json.dumps(a)) for a in usable]) | json_values


def messages(quiz: Quiz) -> st.SearchStrategy[Any]:
    def field(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return good | json_values | st.just(MISSING)

    fields = {
        "kind": field(st.just("attempt")),
        "attempt_id": field(st.uuids().map(lambda u: u.hex)),
        "question": field(st.sampled_from(quiz.ids)),
        "hash": field(st.sampled_from([c.hash for c in quiz.cards])),
        "answer": field(answers_for(quiz)),
        "show": field(st.booleans()),
        "wrong_before": field(st.integers(0, 3)),
    }
    shaped = st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not MISSING})
    return shaped | json_values


def well_formed(quiz: Quiz, msg: Any) -> bool:
    """The oracle: a try the page could have sent for this quiz, as written in the message protocol."""
    if not isinstance(msg, dict):
        return False
    aid, wrong, show = msg.get("attempt_id"), msg.get("wrong_before", 0), msg.get("show", False)
    card = next((c for c in quiz.cards if c.full_id == msg.get("question")), None)
    return (
        isinstance(aid, str)
        and ATTEMPT_ID.fullmatch(aid) is not None
        and card is not None
        and msg.get("hash") == card.hash
        and isinstance(show, bool)
        and type(wrong) is int
        and wrong >= 0
        and (show or grading.grade(card.question, msg.get("answer")).valid)
    )


def test_any_json_page_message_gets_a_reply_and_only_a_well_formed_try_is_saved(store):
    quiz = Quiz(five(), store)
    before = [len(saved_ids(store))]

    @settings(
        deadline=None,
        max_examples=60,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(messages(quiz))
    def send(msg):
        reply = quiz.handle_attempt(msg)
        json.dumps(reply, allow_nan=False)  # the comm can carry it
        assert reply["kind"] == "saved"
        aid = msg.get("attempt_id") if isinstance(msg, dict) else None
        assert reply["attempt_id"] == (aid if isinstance(aid, str) else None)
        ids = saved_ids(store)
        added = ids[before[0] :]
        before[0] = len(ids)
        if reply["outcome"] == "saved" and added:
            assert well_formed(quiz, msg) and added == [aid]
        else:
            assert added == [], (msg, reply)
        if not well_formed(quiz, msg):
            assert reply["outcome"] in ("invalid", "stale")

    send()
