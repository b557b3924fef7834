"""Issue 23, "What was seen" items 1, 2, 3, 5 and 6: each test drives the self-check view as a pupil would.

Written against the view's public API (``SelfCheck().choose_mode/answer/tick/submit``, ``.verdict``, ``.example``,
``.questions``; the form's words as the page draws them, in node); on e38ae39, where ``submit()`` gave the
verdict at once, now it presses the button on each step. A "lay reader" answers each question from its text,
so a question that is missing, or worded too narrowly, fails as an assertion rather than a KeyError.

Run on e38ae39 (this file copied into a worktree of it), all 18 fail, each by an assertion:
  1  AssertionError: a step-1 blank gave the verdict 'same_day'
     AssertionError: face_drooping left blank gave the verdict 'same_day'  (and trouble_breathing)
     AssertionError: explore mode gave a verdict about the learner: 'same_day'  (stress ticked; how long answered)
     AssertionError: explore mode gave a verdict about the learner: 'emergency'
     AssertionError: reasons not at the verdict's level: ['Stiffness: Yes']
     AssertionError: reasons for questions never answered: ['Weakness that has lasted a while: Not sure', ...]
  2  AssertionError: ['Do you have burning, tingling or numbness in the sole of your foot that does not go away?']
     AssertionError: a pupil numb on the outer edge for 10 days got 'no_warning_signs'
  3  AssertionError: no question asks about crack or odd angle / numb, pale or cold after an injury / four steps
     AssertionError: got 'book_visit' (cannot take four steps); got 'no_warning_signs' (crack; numb or cold)
     AssertionError: the pain question sets a threshold: 'a day or two' in 'does the part that twitches hurt,
       and does the pain stay even after a day or two of rest?'
  5  AssertionError: got 'emergency': ['trouble_balance'] reads as dizziness alone
     AssertionError: Do you have trouble breathing?
  6  AssertionError: sudden_confusion is not on the emergency list
"""

from __future__ import annotations

import html
import re

import pytest

from tests.widget_in_node import OnePage
from widgets.content.vocab import EMERGENCY_SIGNS
from widgets.views.selfcheck import SelfCheck

STRESS = "stress"


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


_page = OnePage("selfcheck")  # one node page for the file


@pytest.fixture(scope="module", autouse=True)
def _node_page():
    with _page:
        yield


_drawn: dict[int, str] = {}


def _shown(v: SelfCheck) -> str:
    """Every text the form draws in the page (every step's questions, folded meanings and help), as plain text."""
    if id(v.page) not in _drawn:
        page = _page()
        _drawn[id(v.page)] = " ".join(e["text"] for e in page.query(page.render(v.page), ".selfcheck-page"))
    return _drawn[id(v.page)]


def text(v: SelfCheck, qid: str) -> str:
    """A question's full text, as the form shows it (beside its buttons, or folded under step 1's short list)."""
    t = v.rules.duration.text if qid == "duration" else v.rules.item(qid).text
    assert _plain(html.escape(t)) in _shown(v), f"the form does not show the text of {qid}"
    return t


def help_text(v: SelfCheck, qid: str) -> str:
    h = v.rules.item(qid).help
    assert _plain(html.escape(h)) in _shown(v), f"the form does not show the help of {qid}"
    return h


def own() -> SelfCheck:
    v = SelfCheck()
    v.choose_mode("own")
    return v


def answer_all(v: SelfCheck, yes: tuple[str, ...] = (), duration: str = "under_1_week") -> SelfCheck:
    """Every question answered: "yes" to those in `yes`, "no" to every other sign, and how long."""
    for q in v.questions:
        v.answer(q, duration if q == "duration" else "yes" if q in yes else "no")
    return v


def outcome(v: SelfCheck) -> str | None:
    return v.verdict.outcome if v.verdict is not None else None


def asks(v: SelfCheck, *words: str) -> list[str]:
    """The questions whose text mentions any of these words (lower case)."""
    return [q for q in v.questions if q != "duration" and any(w in text(v, q).lower() for w in words)]


# --- item 1: blanks never answer; explore mode never judges; the "why" lists only what led there ----------------


def test_own_mode_with_step1_blanks_gives_no_verdict_but_names_the_blanks():
    v = own()
    blanks = list(EMERGENCY_SIGNS[-3:])
    for q in EMERGENCY_SIGNS[:-3]:
        v.answer(q, "no")
    v.submit()
    assert v.verdict is None, f"a step-1 blank gave the verdict {outcome(v)!r}"
    assert v.example is None
    assert v.missing == tuple(blanks)  # the engine's Ask names exactly the blanks
    status = v.status()
    for q in blanks:
        label = v.rules.item(q).label
        assert label in status, f"the button does not say {label!r} is still to answer"


@pytest.mark.parametrize("blank", ["face_drooping", "trouble_breathing"])
def test_one_step1_blank_with_everything_else_calm_gives_no_verdict(blank):
    v = answer_all(own())
    v.answer(blank, None)
    v.submit()
    assert v.verdict is None, f"{blank} left blank gave the verdict {outcome(v)!r}"


def _explore_result(v: SelfCheck) -> None:
    assert v.verdict is None, f"explore mode gave a verdict about the learner: {outcome(v)!r}"
    assert v.example is not None, "explore mode showed neither a verdict nor the worked example"
    assert "not about you" in v.example.label.lower()
    assert "not about you" in " ".join(v.lines()).lower()


def test_explore_with_only_stress_ticked_shows_the_example_never_a_verdict():
    v = SelfCheck()
    v.choose_mode("explore")
    v.tick(STRESS)
    v.submit()
    _explore_result(v)
    # the everyday step for the tick is shown, labelled as not about the learner
    stress_step = next(t.step for t in v.rules.triggers if t.id == STRESS)
    assert stress_step in v.example.steps


def test_explore_with_only_how_long_answered_shows_the_example_never_a_verdict():
    v = SelfCheck()
    v.choose_mode("explore")
    v.answer("duration", "over_2_weeks")
    v.submit()
    _explore_result(v)


def test_explore_with_an_emergency_sign_answered_yes_still_never_judges_the_learner():
    v = SelfCheck()
    v.choose_mode("explore")
    v.answer("face_drooping", "yes")
    v.submit()
    _explore_result(v)


def test_the_why_lists_only_answers_at_the_verdicts_level():
    """Weaker for a few days (get help today) and stiff (book a visit): the why names only the weakness."""
    v = answer_all(own(), yes=("new_weakness", "stiffness"))
    v.submit()
    assert outcome(v) == "same_day"
    weakness = v.rules.item("new_weakness").label
    extra = [r.answer for r in v.verdict.reasons if not r.answer.startswith(weakness)]
    assert not extra, f"reasons not at the verdict's level: {extra}"
    assert [r.answer for r in v.verdict.reasons] == [f"{weakness}: Yes"]


def test_no_not_sure_reason_for_a_question_never_answered():
    """Steps 1 and 2 answered (weaker for a few days), step 3 left blank: no reason speaks of step 3."""
    v = own()
    step3 = {"lasting_weakness", "several_places", "stiffness", "wasting", "pain", "medicine", "duration"}
    step3 |= {q for q in v.questions if "numbness" in q and q.startswith(("sole", "lasting"))}
    for q in v.questions:
        if q not in step3:
            v.answer(q, "yes" if q == "new_weakness" else "no")
    v.submit()
    assert outcome(v) == "same_day"
    unsure = [r.answer for r in v.verdict.reasons if "not sure" in f"{r.answer} {r.why}".lower()]
    assert not unsure, f"reasons for questions never answered: {unsure}"
    assert len(v.verdict.reasons) == 1


# --- item 2: lasting numbness anywhere in the foot or leg -------------------------------------------------------


def test_the_lasting_numbness_question_says_anywhere_in_your_foot_or_leg():
    v = own()
    lasting = [q for q in asks(v, "numb") if "does not go away" in text(v, q).lower()]
    assert lasting, "no question asks about numbness that does not go away"
    assert all("anywhere in your foot or leg" in text(v, q) for q in lasting), [text(v, q) for q in lasting]


def test_numbness_on_the_outer_edge_for_10_days_books_a_visit():
    """A pupil: "the outer edge of my foot has been numb and tingly for 10 days". As a lay reader, they answer
    "yes" to a question about numbness that stays only if its text covers the outer edge of the foot."""
    v = own()
    yes = tuple(
        q
        for q in asks(v, "numb", "tingl")
        if "does not go away" in text(v, q).lower() and ("anywhere" in text(v, q) or "edge" in text(v, q))
    )
    answer_all(v, yes=yes, duration="1_to_2_weeks")
    v.submit()
    assert outcome(v) == "book_visit", f"a pupil numb on the outer edge for 10 days got {outcome(v)!r}"


# --- item 3: injuries -------------------------------------------------------------------------------------------


def _injury_questions(v: SelfCheck) -> dict[str, list[str]]:
    return {
        "crack or odd angle": asks(v, "crack", "odd angle"),
        "numb, pale or cold after an injury": [q for q in asks(v, "cold") if "hurt" in text(v, q).lower()],
        "four steps": asks(v, "four steps", "4 steps"),
    }


def test_injury_questions_exist():
    v = own()
    missing = [what for what, qs in _injury_questions(v).items() if not qs]
    assert not missing, f"no question asks about {' / '.join(missing)}"
    for qs in _injury_questions(v).values():
        assert all(q not in EMERGENCY_SIGNS for q in qs), "an injury question is on the emergency list"


def _injured(kind: str, *more: str) -> SelfCheck:
    v = own()
    answer_all(v, yes=(*_injury_questions(v)[kind], *more))
    v.submit()
    return v


def test_twisted_ankle_cannot_take_four_steps_is_urgent_care():
    """Twisted an ankle at football an hour ago, cannot put weight on it: it hurts, and four steps are impossible."""
    v = _injured("four steps", "pain")
    assert outcome(v) == "urgent_care", f"got {outcome(v)!r}"
    assert "first aider" in v.verdict.do_now[0]


def test_crack_or_odd_angle_is_urgent_care():
    v = _injured("crack or odd angle")
    assert outcome(v) == "urgent_care", f"got {outcome(v)!r}"


def test_numb_or_cold_after_an_injury_is_urgent_care():
    v = _injured("numb, pale or cold after an injury")
    assert outcome(v) == "urgent_care", f"got {outcome(v)!r}"


def test_pain_with_a_twitch_books_a_visit_with_no_rest_threshold():
    v = own()
    pain = text(v, "pain").lower()
    for threshold in ("a day or two", "rest"):
        assert threshold not in pain, f"the pain question sets a threshold: {threshold!r} in {pain!r}"
    answer_all(v, yes=("pain",))
    v.submit()
    assert outcome(v) == "book_visit", f"got {outcome(v)!r}"


# --- item 5: dizziness alone; breathing "now, more than is usual for you" --------------------------------------


def test_light_headed_on_standing_is_not_an_emergency():
    """A teenager light-headed for a moment on standing, which passes when they sit. A lay reader answers "yes" to
    a step-1 question that names dizziness, unless its text or help says light-headedness on standing is not it."""
    v = own()
    yes = []
    for q in EMERGENCY_SIGNS:
        if q not in v.questions:
            continue
        words = (text(v, q) + " " + help_text(v, q)).lower()
        names_it = "dizz" in text(v, q).lower() or "light-headed" in text(v, q).lower()
        excluded = "light-headed" in words and "is not this sign" in words
        if names_it and not excluded:
            yes.append(q)
    answer_all(v, yes=tuple(yes))
    v.submit()
    assert outcome(v) != "emergency", f"got {outcome(v)!r}: {yes} reads as dizziness alone"
    balance = (text(v, "trouble_balance") + " " + help_text(v, "trouble_balance")).lower()
    assert "dizz" not in text(v, "trouble_balance").lower()
    assert "light-headed" in balance and "stand up" in balance and "is not this sign" in balance
    assert "sit" in balance


def test_trouble_breathing_asks_now_and_more_than_is_usual():
    t = text(own(), "trouble_breathing")
    assert re.search(r"\bnow\b", t) and "more than is usual for you" in t, t


# --- item 6: sudden confusion -----------------------------------------------------------------------------------


def test_sudden_confusion_is_on_the_emergency_list_and_calls_now():
    assert "sudden_confusion" in EMERGENCY_SIGNS, "sudden_confusion is not on the emergency list"
    v = own()
    confusion = [q for q in asks(v, "confus") if q in EMERGENCY_SIGNS]
    assert confusion == ["sudden_confusion"], f"step-1 questions about confusion: {confusion}"
    v.answer("sudden_confusion", "yes")  # the rest of step 1 blank: a "yes, now or today" ends the form at once
    v.submit()
    assert outcome(v) == "emergency", f"got {outcome(v)!r}"
    assert re.search(r"Call .*\b(999|112|911)\b.* now", v.verdict.title)
