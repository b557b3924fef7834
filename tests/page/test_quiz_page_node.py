"""What the quiz page (static/quiz.js) draws, run in node with a DOM (tests/page_in_node.py), its messages answered
by the real kernel half (``Quiz.handle_attempt`` over a real store): every question type's controls and labels,
hint → answer → right, "Show the answer", what was saved before, content shown as text never as HTML, the
browser's queue of unsaved tries, ordering moved from the keyboard, and the live line that announces moves."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from tests.quiz_driver import answer
from widgets.store.progress import ProgressStore
from widgets.views.quiz import LABELS, Quiz

PENDING = "foot-twitch-lessons:pending:{code}:99-test"


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


@pytest.fixture
def page(quiz_tab):
    return quiz_tab.setup()  # a fresh tab in this worker's node process (tests/conftest.py)


def five(store: ProgressStore) -> Quiz:
    return Quiz(bank(single(), multiple(), truefalse(), numeric(), ordering()), store)


def sec(qid: str) -> str:
    return f'section[data-question="{qid}"]'


def feedback(page, v: int, qid: str) -> str:
    return page.card(v, qid)["feedback"]


def lines(page, v: int, qid: str) -> list[str]:
    return [e["text"] for e in page.query(v, f"{sec(qid)} .quiz-feedback li")]


def order(page, v: int, qid: str) -> list[str]:
    return [e["attrs"]["data-item"] for e in page.query(v, f"{sec(qid)} li.quiz-item")]


def put_in_order(page, v: int, qid: str, wanted: list[str]) -> None:
    """Move the steps into `wanted` order with the Move up buttons, as a learner would."""
    for place, item in enumerate(wanted):
        while order(page, v, qid).index(item) > place:
            page.click(v, f'{sec(qid)} li[data-item="{item}"] .quiz-up')


def check(page, v: int, qid: str, value: Any = None) -> None:
    """Choose `value` (unless None) and press Check; the kernel's reply arrives after the next paint."""
    if value is not None:
        page.choose(v, qid, value)
    page.click(v, f"{sec(qid)} .quiz-check")
    page.tick(200)


# -- paint: every type draws its controls and labels ---------------------------------------------------------
def test_every_question_type_draws_its_controls_and_its_labels(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q1, q2, q3, q4, q5 = quiz.ids
    for n, qid in enumerate(quiz.ids, start=1):
        [prompt] = page.query(v, f"{sec(qid)} .quiz-prompt")
        assert prompt["text"].startswith(f"Question {n} of 5. ")
        [how] = page.query(v, f"{sec(qid)} .quiz-how")
        assert how["text"] == quiz.page.questions[n - 1]["how"] != ""
        [check_button] = page.query(v, f"{sec(qid)} .quiz-check")
        assert check_button["text"] == LABELS["check"]
        assert check_button["attrs"]["aria-label"] == f"Check your answer to question {n}"
        [show] = page.query(v, f"{sec(qid)} .quiz-show")
        assert show["attrs"]["aria-label"] == f"Show the answer to question {n} (counts as a wrong first try)"
        [fb] = page.query(v, f"{sec(qid)} .quiz-feedback")
        assert (fb["attrs"]["role"], fb["attrs"]["aria-live"], fb["text"]) == ("status", "polite", "")
    radios = page.query(v, f"{sec(q1)} input")
    assert {r["attrs"]["type"] for r in radios} == {"radio"} and len({r["attrs"]["name"] for r in radios}) == 1
    labels = [e["text"] for e in page.query(v, f"{sec(q1)} .quiz-option label")]
    assert labels[-1] == "None of the above" and sorted(labels) == ["A", "B", "None of the above"]
    assert [e["text"] for e in page.query(v, f"{sec(q1)} legend")] == ["Pick"]
    assert {e["attrs"]["type"] for e in page.query(v, f"{sec(q2)} input")} == {"checkbox"}
    assert sorted(e["text"] for e in page.query(v, f"{sec(q2)} .quiz-option label")) == ["A", "B", "C", "D"]
    assert sorted(e["text"] for e in page.query(v, f"{sec(q3)} .quiz-option label")) == ["False", "True"]
    [box] = page.query(v, f"{sec(q4)} input")
    assert (box["attrs"]["type"], box["attrs"]["inputmode"]) == ("text", "decimal")
    [label] = page.query(v, f"{sec(q4)} label")
    assert label["text"] == "Your answer (weeks)" and label["attrs"]["for"] == box["attrs"]["id"]
    [steps] = page.query(v, f"{sec(q5)} ol.quiz-order")
    assert steps["attrs"]["aria-label"] == LABELS["order_name"]
    start = order(page, v, q5)
    assert sorted(start) == sorted(["one", "two", "three", "four"]) and start != ["one", "two", "three", "four"]
    ups, downs = page.query(v, f"{sec(q5)} .quiz-up"), page.query(v, f"{sec(q5)} .quiz-down")
    assert [u["attrs"]["aria-label"] for u in ups] == [f"Move up: {i.upper()}" for i in start]
    assert "disabled" in ups[0]["attrs"] and "disabled" in downs[-1]["attrs"]
    assert not any("disabled" in b["attrs"] for b in ups[1:] + downs[:-1])
    assert "move each one up or down" in quiz.page.questions[4]["how"]
    # one card shown at a time, with the way between them
    shown = [s["attrs"]["data-question"] for s in page.query(v, "section.quiz-question") if "hidden" not in s["attrs"]]
    assert shown == [q1]
    assert [e["text"] for e in page.query(v, ".quiz-progress")] == ["Question 1 of 5"]
    assert not page.sent


# -- hint → answer → right ---------------------------------------------------------------------------------
def test_a_wrong_try_shows_the_hint_a_second_wrong_one_the_answer_and_a_right_one_says_right(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q1 = quiz.ids[0]
    check(page, v, q1, "b")
    fb = feedback(page, v, q1)
    # why THAT choice is wrong (its why_not), then the hint: not the option's feedback, not the answer
    assert "Not quite. Try again." in fb and lines(page, v, q1) == ["wb", "Hint: Think again."]
    assert "fb" not in fb and "Because." not in fb and "The answer" not in fb  # no answer yet
    assert page.query(v, f"{sec(q1)} .quiz-feedback")[0]["attrs"]["data-stage"] == "hint"
    assert page.query(v, f"{sec(q1)} .quiz-feedback .lesson-wrong")
    assert page.query(v, f"{sec(q1)} .quiz-feedback")[0]["focused"]  # the feedback takes the focus
    check(page, v, q1, "c")
    fb = feedback(page, v, q1)
    assert "Not quite. Here is the answer." in fb and "fc" in lines(page, v, q1)
    assert "The answer: A" in lines(page, v, q1) and fb.endswith("Why: Because.")
    marks = {e["attrs"]["data-option"]: e["attrs"]["data-mark"] for e in page.query(v, f"{sec(q1)} .quiz-option")}
    assert marks == {"a": "missed", "b": "", "c": "bad"}  # in words beside each option, not colour alone
    assert [e["text"] for e in page.query(v, f"{sec(q1)} .quiz-mark")].count("the right answer") == 1
    check(page, v, q1, "a")
    fb = feedback(page, v, q1)
    assert fb.startswith("Right.") and fb.count("Right.") == 1 and "Right." not in lines(page, v, q1)
    assert page.query(v, f"{sec(q1)} .quiz-feedback .lesson-right")
    assert [r["outcome"] for _, r in page.replies] == ["saved"] * 3
    assert [r["response"]["stage"] for _, r in page.replies] == ["hint", "answer", "right"]
    assert page.card(v, q1)["saved"] == "Saved."
    assert [a["chosen"] for a in store.load()["attempts"]] == [["b"], ["c"], ["a"]]
    assert quiz.page.score == "0 of 5 right first time" == page.views[v]["score"]


def test_every_type_answered_right_says_right_once_and_the_kernel_agrees(page, store):
    quiz = five(store)
    v = page.render(quiz)
    for qid, value in zip(quiz.ids[:4], ["a", ["a", "c"], "false", "3"], strict=True):
        check(page, v, qid, value)
    put_in_order(page, v, quiz.ids[4], ["one", "two", "three", "four"])
    check(page, v, quiz.ids[4])
    for qid in quiz.ids:
        fb = feedback(page, v, qid)
        assert fb.startswith("Right.") and fb.count("Right.") == 1 and "Right." not in lines(page, v, qid), qid
    assert [r["response"]["correct"] for _, r in page.replies] == [True] * 5
    assert quiz.page.score == "5 of 5 right first time"


def test_show_the_answer_shows_it_and_marks_the_right_option(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q3 = quiz.ids[2]
    page.click(v, f"{sec(q3)} .quiz-show")
    page.tick(200)
    fb = feedback(page, v, q3)
    assert fb.startswith("Here is the answer.") and "The answer: False" in lines(page, v, q3)
    assert page.query(v, f"{sec(q3)} .quiz-feedback .lesson-info")
    marks = {e["attrs"]["data-option"]: e["attrs"]["data-mark"] for e in page.query(v, f"{sec(q3)} .quiz-option")}
    assert marks == {"true": "", "false": "missed"}
    assert page.sent[-1][1]["show"] is True and page.sent[-1][1]["answer"] is None
    assert [(a["chosen"], a["correct"]) for a in store.load()["attempts"]] == [([], False)]


def test_an_empty_or_unreadable_answer_is_explained_and_never_sent(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q4 = quiz.ids[3]
    check(page, v, q4)
    assert feedback(page, v, q4) == "Type a number (weeks) first."
    assert page.query(v, f"{sec(q4)} .quiz-feedback .lesson-note")
    put = ["two", "one", "three", "four"]
    put_in_order(page, v, quiz.ids[4], put)  # every step placed: an ordering is never empty from the page
    assert order(page, v, quiz.ids[4]) == put
    assert not page.sent and store.load()["attempts"] == []


def test_a_number_too_high_says_so_first_then_the_bank_feedback_and_the_answer(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q4 = quiz.ids[3]
    check(page, v, q4, "9")
    fb = feedback(page, v, q4)
    assert "Your answer is too high." in lines(page, v, q4) and "You answered 9 weeks." in fb
    assert "too high" not in lines(page, v, q4)  # the bank's own feedback waits for the second try
    page.key(v, "Enter", f"{sec(q4)} .quiz-number")  # Enter in the box checks, as the button does
    page.tick(200)
    assert "too high" in lines(page, v, q4) and "The answer: 3 weeks (± 0.5)" in lines(page, v, q4)
    assert [a["chosen"] for a in store.load()["attempts"]] == [["9"], ["9"]]


# -- what was saved before ---------------------------------------------------------------------------------
def test_a_reopened_quiz_shows_each_saved_answer_its_tries_and_its_last_feedback(page, store):
    b = bank(single(), multiple(), truefalse(), numeric(), ordering())
    first = Quiz(b, store)
    answer(first, 0, "b")  # one wrong try: a hint
    answer(first, 1, ["a"])
    answer(first, 1, ["a", "c"])
    answer(first, 2, True)
    answer(first, 2, True)  # two wrong tries: the answer
    answer(first, 4, ["one", "two", "three", "four"])
    again = Quiz(b, store)
    assert again.page.score == "1 of 5 right first time"
    v = page.render(again)
    q1, q2, q3, q4, q5 = again.ids
    assert page.views[v]["score"] == again.page.score
    assert "Hint: Think again." in lines(page, v, q1) and "The answer:" not in feedback(page, v, q1)
    assert page.card(v, q1)["saved"] == "Saved from before: 1 try, first try wrong."
    checked = [e["value"] for e in page.query(v, f"{sec(q2)} input") if e["checked"]]
    assert sorted(checked) == ["a", "c"] and feedback(page, v, q2).startswith("Right.")
    assert page.card(v, q2)["saved"] == "Saved from before: 2 tries, first try wrong."
    assert "The answer: False" in lines(page, v, q3)
    assert page.card(v, q4) == {"id": q4, "feedback": "", "saved": "", "state": None}
    assert order(page, v, q5) == ["one", "two", "three", "four"]
    assert page.card(v, q5)["saved"] == "Saved from before: 1 try, first try right."
    assert not page.sent


def test_an_answer_to_an_older_version_is_shown_as_a_record_only(page, tmp_path):
    store = ProgressStore(tmp_path)
    answer(Quiz(bank(single()), store), 0, "a")
    again = Quiz(bank(single(prompt="Pick one, now changed")), store)
    v = page.render(again)
    card = page.card(v, again.ids[0])
    assert card["saved"] == (
        "Saved from before: 1 try at an older version of this question. It has changed since: answer it again."
    )
    assert card["feedback"] == "" and not [e for e in page.query(v, "input") if e["checked"]]
    assert again.page.score == "1 of 1 right first time"  # the saved record still counts as it was


# -- content is text, never HTML -----------------------------------------------------------------------------
def test_content_and_learner_input_are_shown_as_text_never_as_html(page, store):
    evil = "<script>alert(1)</script><b>x</b>"
    q = Quiz(
        bank(
            single(
                prompt=evil,
                explanation=evil,
                options=[
                    {"id": "a", "text": evil, "feedback": evil},
                    {"id": "b", "text": "B", "feedback": "fb", "why_not": "wb"},
                ],
            ),
            numeric(),
        ),
        store,
    )
    v = page.render(q)
    check(page, v, q.ids[0], "a")
    check(page, v, q.ids[0], "a")
    assert evil in page.query(v, ".quiz-prompt")[0]["text"] and evil in feedback(page, v, q.ids[0])
    check(page, v, q.ids[1], "<img src=x onerror=alert(1)>")
    assert page.query(v, "script, img") == []  # no element made of any of it
    assert [e for e in page.query(v, "b") if e["text"] == "x"] == []


# -- the browser's queue of tries the kernel has not saved -------------------------------------------------
def test_tries_no_kernel_answered_are_kept_in_the_browser_and_saved_once_by_the_next_run(page, store):
    quiz = five(store)
    v = page.render(quiz, silent=True)  # a busy or stopped kernel: no reply
    check(page, v, quiz.ids[0], "b")
    check(page, v, quiz.ids[2], "false")
    key = PENDING.format(code=store.learner())
    kept = page.storage[key]
    assert [m["answer"] for m in json.loads(kept)] == ["b", "false"]
    assert page.card(v, quiz.ids[0])["saved"] == LABELS["saving"]
    page.tick(5000)
    assert page.card(v, quiz.ids[0])["saved"] == LABELS["not_saved"]
    assert page.views[v]["save_line"] == LABELS["not_saved_all"]
    assert store.load()["attempts"] == []
    again = page.render(quiz)  # the cell run again: the same browser, a kernel that answers
    assert key not in page.storage and page.views[again]["save_line"] == ""
    assert [a["chosen"] for a in store.load()["attempts"]] == [["b"], ["false"]]
    page.render(quiz)  # and once more: nothing left to send
    assert [a["chosen"] for a in store.load()["attempts"]] == [["b"], ["false"]]


# -- ordering from the keyboard, and the live line ----------------------------------------------------------
def test_steps_move_from_the_keyboard_keep_the_focus_and_each_move_is_announced(page, store):
    quiz = five(store)
    v = page.render(quiz)
    q5 = quiz.ids[4]
    [live] = page.query(v, '.quiz-visually-hidden[role="status"]')
    assert live["attrs"]["aria-live"] == "polite" and live["text"] == ""
    start = order(page, v, q5)
    first = start[0]
    page.key(v, "Enter", f'{sec(q5)} li[data-item="{first}"] .quiz-down')
    assert order(page, v, q5) == [start[1], first, *start[2:]]
    focused = [e for e in page.query(v, f"{sec(q5)} button") if e["focused"]]
    assert [f["attrs"]["aria-label"] for f in focused] == [f"Move down: {first.upper()}"]  # it follows the step
    assert page.views[v]["live"] == f"“{first.upper()}” is now step 2 of 4."
    page.key(v, " ")  # Space on the focused button: down again
    page.key(v, "Enter")
    assert order(page, v, q5)[-1] == first and page.views[v]["live"] == f"“{first.upper()}” is now step 4 of 4."
    focused = [e for e in page.query(v, f"{sec(q5)} button") if e["focused"]]
    assert [f["attrs"]["aria-label"] for f in focused] == [f"Move up: {first.upper()}"]  # down is off at the end
    page.key(v, "Enter")
    assert order(page, v, q5)[-2] == first and page.views[v]["live"] == f"“{first.upper()}” is now step 3 of 4."
    assert not page.sent  # moving is not a try


def test_the_save_line_and_the_feedback_are_live_regions_a_screen_reader_hears(page, store):
    quiz = five(store)
    v = page.render(quiz)
    [line] = page.query(v, ".quiz-save")
    assert (line["attrs"]["role"], line["attrs"]["aria-live"]) == ("status", "polite")
    check(page, v, quiz.ids[0], "a")
    assert page.card(v, quiz.ids[0])["saved"] == "Saved."
    [fb] = page.query(v, f"{sec(quiz.ids[0])} .quiz-feedback")
    assert fb["attrs"]["aria-live"] == "polite" and fb["text"].startswith("Right.")
