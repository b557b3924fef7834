"""The quiz's kernel half: the page's messages sent to ``Quiz.handle_attempt`` (tests/quiz_driver.py), what it
grades, saves and replies, and what the widget gives the page. What the page draws:
tests/page/test_quiz_page_node.py."""

import json
import re
import sqlite3
import uuid

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from tests.quiz_driver import answer, show_answer
from widgets.content.load import all_banks
from widgets.engine import grading
from widgets.store.progress import SCHEMA, ProgressStore
from widgets.views.keyboard import KeyboardGuard
from widgets.views.palette import STATIC
from widgets.views.quiz import LABELS, Quiz, QuizPage, page_labels, quiz


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


@pytest.fixture
def five(store):
    return Quiz(bank(single(), multiple(), truefalse(), numeric(), ordering()), store)


def message(card, answer, attempt_id=None, **extra):
    """The message the page sends for one try at `card` (a first try unless `extra` says otherwise)."""
    msg = {
        "kind": "attempt",
        "attempt_id": attempt_id or uuid.uuid4().hex,
        "question": card.full_id,
        "hash": card.hash,
        "answer": answer,
        "show": False,
        "wrong_before": 0,
    }
    msg.update(extra)
    return msg


def test_a_wrong_try_is_replied_a_hint_a_second_the_answer_then_right_and_each_is_saved(five, store):
    # what the page draws of each stage: tests/page/test_quiz_page_node.py
    replies = [answer(five, 0, "b"), answer(five, 0, "c"), answer(five, 0, "a")]
    assert [r["response"]["stage"] for r in replies] == ["hint", "answer", "right"]
    # why that choice is wrong (its why_not) and the hint: never the option's feedback, never the answer
    assert replies[0]["response"]["lines"] == ["wb", "Think again."]
    assert replies[1]["response"]["lines"] == ["fc", "A"]  # the chosen option's feedback, then the answer
    assert replies[2]["response"]["lines"] == []  # right: the page's one confirmation, then Why once
    assert [r["outcome"] for r in replies] == ["saved"] * 3
    assert five.page.score == "0 of 5 right first time"
    assert [a["chosen"] for a in store.load()["attempts"]] == [["b"], ["c"], ["a"]]


def test_every_type_can_be_answered_right_through_the_kernel(five):
    answers = ["a", ["a", "c"], False, 3, ["one", "two", "three", "four"]]
    for n, value in enumerate(answers):
        reply = answer(five, n, value)
        assert reply["response"]["correct"] and reply["response"]["stage"] == "right", five.ids[n]
        assert reply["response"]["lines"] == []  # no option feedback beside the confirmation and the Why
    assert five.page.score == "5 of 5 right first time"


def test_empty_answer_is_not_recorded(five, store):
    reply = answer(five, 3, "")
    assert reply["outcome"] == "invalid" and reply["response"]["lines"] == ["Type a number (weeks) first."]
    assert store.load()["attempts"] == []


def test_numeric_first_try_says_too_high_then_the_bank_feedback(five):
    assert five.page.questions[3]["unit"] == "weeks"
    first = answer(five, 3, 9)["response"]
    assert first["lines"] == ["Your answer is too high.", "Think again."]
    assert first["summary"] == "You answered 9 weeks."
    second = answer(five, 3, 9)["response"]  # the bank's own feedback waits for the second try
    assert second["lines"] == ["too high", "3 weeks (± 0.5)"]


def test_show_the_answer_counts_as_a_wrong_first_try(five, store):
    reply = show_answer(five, 2)
    assert reply["response"]["stage"] == "shown" and reply["response"]["lines"] == ["False"]
    assert answer(five, 2, False)["response"]["correct"]
    saved = store.load()["attempts"]
    assert [(a["chosen"], a["correct"]) for a in saved] == [([], False), (["false"], True)]
    assert five.lesson_score.first_try == 0 and five.lesson_score.now_correct == 1
    assert show_answer(five, 2)["outcome"] == "saved"  # asked again after a try: nothing more is saved
    assert len(store.load()["attempts"]) == 2


def test_an_attempt_id_is_saved_once_and_the_reply_says_so(five, store):
    card = five.cards[0]
    msg = message(card, "a", attempt_id="page-try-0001")
    first, again = five.handle_attempt(msg), five.handle_attempt(dict(msg))
    assert (first["kind"], first["outcome"], again["outcome"]) == ("saved", "saved", "duplicate")
    assert first["response"]["correct"] is True and first["status"]["attempts"] == 1
    assert len(store.load()["attempts"]) == 1
    restarted = Quiz(five.bank, ProgressStore(store.directory))  # a new kernel: the database remembers the id
    assert restarted.handle_attempt(dict(msg))["outcome"] == "duplicate"
    assert len(ProgressStore(store.directory).load()["attempts"]) == 1


def test_the_kernel_saves_its_own_verdict_and_refuses_what_is_not_an_answer(five, store):
    card = five.cards[1]
    reply = five.handle_attempt(message(card, ["a", "b"], correct=True))  # whatever a page claims
    assert reply["response"]["correct"] is False and store.load()["attempts"][-1]["correct"] is False
    assert five.handle_attempt(message(card, ["zzz"]))["outcome"] == "invalid"
    assert five.handle_attempt(message(card, ["a"], hash="0" * 16))["outcome"] == "stale"
    assert five.handle_attempt(message(card, ["a"], question="99-test/nope"))["outcome"] == "stale"
    assert five.handle_attempt(message(card, ["a"], attempt_id="x"))["outcome"] == "invalid"
    assert five.handle_attempt(message(card, ["a"], attempt_id="<script>alert(1)</script>"))["outcome"] == "invalid"
    assert len(store.load()["attempts"]) == 1


def test_page_messages_reach_the_kernel_path_and_the_reply_goes_back(five, store):
    sent = []
    five.page.send = sent.append  # what the comm would carry back to the page
    five.page._handle_custom_msg(message(five.cards[0], "a"), [])
    assert sent and sent[0]["kind"] == "saved" and sent[0]["outcome"] == "saved"
    assert len(store.load()["attempts"]) == 1


def test_an_unwritable_folder_keeps_the_try_and_saves_it_once_when_resent(tmp_path):
    blocker = tmp_path / "f"
    blocker.write_text("x")
    store = ProgressStore(blocker / "sub")
    q = Quiz(bank(single()), store)
    assert "cannot be saved" in q.notice.value
    msg = message(q.cards[0], "a", attempt_id="kept-in-browser-1")
    assert q.handle_attempt(msg)["outcome"] == "waiting"
    assert q.handle_attempt(dict(msg))["outcome"] == "waiting"  # resent while still waiting: kept once
    blocker.unlink()
    blocker.mkdir()
    assert q.handle_attempt(dict(msg))["outcome"] == "duplicate"  # written now, and only once
    assert [a["chosen"] for a in ProgressStore(blocker / "sub").load()["attempts"]] == [["a"]]


def test_options_shuffled_stably_with_none_of_the_above_last(store):
    b = bank(
        single(
            options=[{"id": i, "text": i, "feedback": "f", **({} if i == "a" else {"why_not": "w"})} for i in "abcdefg"]
            + [{"id": "none", "text": "None of the above", "feedback": "f", "why_not": "w", "keep_last": True}]
        )
    )
    first, again = Quiz(b, store).page.questions[0]["options"], Quiz(b, store).page.questions[0]["options"]
    assert first == again and first[-1]["id"] == "none"
    assert [o["id"] for o in first] != [o.id for o in b.questions[0].options]


def test_ordering_starts_scrambled_and_takes_item_ids(five):
    data = five.page.questions[4]
    start = [i["id"] for i in data["items"]]
    assert sorted(start) == sorted(data["right"]) and start != data["right"]
    assert answer(five, 4, ["two", None, "one", "four"])["response"]["lines"] == ["Put every step in a place first."]
    assert "move each one up or down" in data["how"]


def test_the_page_never_writes_html(store):
    # content and learner input shown as text: tests/page/test_quiz_page_node.py
    page = (STATIC / "quiz.js").read_text()
    assert "textContent" in page and "innerHTML" not in page and "insertAdjacentHTML" not in page


def test_saved_state_is_given_to_the_page_on_reopen(store):
    b = bank(single(), multiple(), truefalse(), numeric(), ordering())
    first = Quiz(b, store)
    answer(first, 1, ["a"])
    answer(first, 1, ["a", "c"])
    answer(first, 4, ["one", "two", "three", "four"])
    again = Quiz(b, store)
    assert again.page.score == "1 of 5 right first time"
    saved = again.page.saved
    assert saved["99-test/q2"]["answer"] == ["a", "c"] and saved["99-test/q2"]["first_correct"] is False
    assert saved["99-test/q2"]["attempts"] == 2 and saved["99-test/q5"]["attempts"] == 1
    assert saved["99-test/q5"]["first_correct"] is True
    assert "99-test/q1" not in saved


def test_shipped_quiz_builds_as_one_page_widget_with_the_keyboard_guard(store):
    q = quiz("01-physiology", store)
    assert len(q.cards) >= 5 and "quiz" in q._dom_classes
    assert sum(isinstance(c, QuizPage) for c in q.children) == 1
    assert sum(isinstance(c, KeyboardGuard) for c in q.children) == 1
    assert '"data-lm-suppress-shortcuts": "true"' in (STATIC / "quiz.js").read_text()  # on the page's root
    json.dumps(q.page.questions)  # plain JSON
    assert q.page.learner == store.learner() and q.page.lesson == "01-physiology"


def test_every_label_the_page_uses_is_defined_once_and_used(store):
    used = set(re.findall(r"\bL\.(\w+)", (STATIC / "quiz.js").read_text()))
    used |= set(re.findall(r'L\["(\w+)"\]', (STATIC / "quiz.js").read_text()))
    used |= {f"mark_{k}" for k in ("ok", "bad", "missed")}  # L["mark_" + kind]
    labels = page_labels()  # LABELS and the site's words (content/site.yaml)
    assert used <= set(labels), used - set(labels)
    assert set(labels) <= used | {"score"}, set(labels) - used


def test_no_jargon_bad_grammar_or_emoji_in_what_the_quiz_shows():
    shown = list(LABELS.values())
    for b in all_banks():
        for q in b.questions:
            shown += list(grading.texts(q).values())
            right = json.loads(json.dumps(q.right_answer()))
            shown += grading.respond(q, str(right).lower() if isinstance(right, bool) else right, 1).lines
            shown.append(grading.grade(q, right).summary)
    text = " ".join(shown)
    for bad in ("attempt(s)", "now correct", "..", "1 nerve cells", "Answer 1"):
        assert bad not in text, bad
    emoji = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff]")
    assert not emoji.search(text + (STATIC / "quiz.js").read_text() + (STATIC / "quiz.css").read_text())


def test_section_check_asks_only_its_questions_and_the_recap_leaves_them_out(store):
    b = bank(single("s1", section_check=True), single("q1"), truefalse("q2"))
    check = Quiz(b, store, ["s1"], title="Quick check")
    assert [c.full_id for c in check.cards] == ["99-test/s1"]
    recap = Quiz(b, store, [q.id for q in b.recap()])
    assert [c.full_id for c in recap.cards] == ["99-test/q1", "99-test/q2"]
    answer(check, 0, "a")
    assert ProgressStore(store.directory).load()["attempts"][0]["question"] == "99-test/s1"


def test_unknown_section_check_id_names_the_question(store):
    with pytest.raises(KeyError, match="q9"):
        Quiz(bank(single("q1")), store, ["q9"])


def test_a_schema_1_progress_file_is_migrated_and_keeps_its_answers(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("99-test", "99-test/q1", ["a"], True)
    with sqlite3.connect(store.path) as c:  # back to the first schema, as an older version left it
        c.execute("DROP INDEX attempts_attempt_id")
        c.execute("ALTER TABLE attempts DROP COLUMN attempt_id")
        c.execute("PRAGMA user_version = 1")
    q = Quiz(bank(single()), ProgressStore(tmp_path))
    assert q.handle_attempt(message(q.cards[0], "b", attempt_id="after-migration"))["outcome"] == "saved"
    with sqlite3.connect(store.path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
        rows = c.execute("SELECT chosen, attempt_id FROM attempts ORDER BY id").fetchall()
    assert rows == [('["a"]', None), ('["b"]', "after-migration")]


def test_a_reopened_quiz_tells_the_page_what_each_last_try_was_shown_with(store):
    b = bank(single(), truefalse())
    q = Quiz(b, store)
    answer(q, 0, "b")  # one wrong try: a hint
    answer(q, 1, True)
    answer(q, 1, True)  # two wrong tries: the answer
    again = Quiz(b, store)  # the page draws them again: tests/page/test_quiz_page_node.py
    assert again.page.saved["99-test/q1"]["wrong_before_last"] == 0
    assert again.page.saved["99-test/q3"]["wrong_before_last"] == 1


def test_a_shown_answer_goes_through_the_results_file_and_the_roll_up_as_a_wrong_first_try(tmp_path):
    from widgets.classroom.export import encode
    from widgets.classroom.rollup import rollup_folder
    from widgets.content.load import load_bank
    from widgets.views.backup import progress_backup

    b = load_bank("01-physiology")
    store = ProgressStore(tmp_path / "learner")
    q = Quiz(b, store)
    card = q.cards[0]
    show_answer(q, 0)  # asked for the answer first
    answer(q, 0, card.question.answer)
    view = progress_backup(store)
    view.name.value = "Ann"
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.json").write_bytes(encode(view.make_export()))
    result = rollup_folder(folder)
    assert result.flagged == []  # an empty first answer is a shown answer, not a bad file
    stat = next(s for s in result.questions if s.question == card.full_id)
    assert (stat.answered, stat.first_correct) == (1, 0)
