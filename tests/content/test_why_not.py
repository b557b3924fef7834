"""Issue 26: every wrong option of the shipped banks explains itself on a first try without the answer, and the
teacher's view (the answer key, the class roll-up) lists the same words as the misconception."""

from __future__ import annotations

from tests.helpers import bank, single
from widgets.content.content_hash import question_hash
from widgets.content.load import all_banks
from widgets.engine import grading
from widgets.questions import MultipleSelect, SingleChoice


def _choice_questions():
    return [(b, q) for b in all_banks() for q in b.questions if isinstance(q, SingleChoice | MultipleSelect)]


def test_every_wrong_option_of_every_bank_has_a_why_not_that_never_names_a_right_option():
    seen = 0
    for b, q in _choice_questions():
        right = [o.text.casefold().rstrip(".") for o in q.options if o.id in q.correct_ids]
        for o in q.options:
            if o.id in q.correct_ids:
                assert o.why_not is None, (b.full_id(q), o.id)
                continue
            seen += 1
            assert o.why_not and 5 <= len(o.why_not.split()) <= 40, (b.full_id(q), o.id)
            assert not any(r in o.why_not.casefold() for r in right), (b.full_id(q), o.id)
    assert seen >= 90  # every bank's choice questions, the final review's included


def test_a_first_wrong_pick_of_any_option_shows_its_why_not_and_the_hint_never_the_answer():
    for b, q in _choice_questions():
        for o in q.options:
            if o.id in q.correct_ids:
                continue
            answer = o.id if isinstance(q, SingleChoice) else [*q.answer[:1], o.id]
            first = grading.respond(q, answer, 0)
            assert first.stage == "hint" and first.lines == [o.why_not, q.hint], (b.full_id(q), o.id)
            assert not any(k.startswith(("option:", "missed:")) or k == "answer" for k in first.keys)
            text = " ".join(first.lines).casefold()
            for r in q.options:
                if r.id in q.correct_ids:
                    assert r.text.casefold().rstrip(".") not in text, (b.full_id(q), o.id, r.id)


def test_a_right_answer_shows_no_feedback_line_beside_the_confirmation_and_the_why():
    for b, q in _choice_questions():
        r = grading.respond(q, q.right_answer(), 0)
        assert r.stage == "right" and r.keys == [] and r.lines == [], b.full_id(q)


def test_the_misconceptions_the_teacher_sees_are_the_why_not_texts():
    for _, q in _choice_questions():
        assert [w for _, w in q.misconceptions()] == [o.why_not for o in q.options if o.id not in q.correct_ids]
        wrong = next(o for o in q.options if o.id not in q.correct_ids)
        assert q.wrong_picks([wrong.id])[0][1] == wrong.why_not


def test_rewording_a_why_not_keeps_the_question_hash_so_saved_answers_stay_current():
    a = bank(single()).questions[0]
    changed = single()
    changed["options"][1]["why_not"] = "Something else entirely."
    assert question_hash(a) == question_hash(bank(changed).questions[0])
