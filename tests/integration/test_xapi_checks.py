"""The before/after checks as xAPI statements: each answer an "answered" statement whose parent is an assessment
(http://adlnet.gov/expapi/activities/assessment), graded against content/checks.yaml; valid for Ralph's models
and stored by the real LRS (the harness of tests/integration/test_xapi.py)."""

from __future__ import annotations

from tests.helpers import attempt_statements
from tests.integration.test_xapi import T0, attempt, ralph, ralph_problems, store, stored  # noqa: F401 (fixtures)
from widgets.classroom import lrs, xapi
from widgets.content.load import check_hashes, check_questions
from widgets.views.checks import before_check

ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"


def test_every_check_question_gives_a_valid_assessment_statement():
    s = xapi.settings()
    attempts = []
    for qid, (_, q) in check_questions().items():
        wrong = next(o.id for o in q.options if o.id != q.answer)
        attempts.append(attempt(qid, [q.answer], False, hash=check_hashes()[qid]))  # the row's mark is not trusted
        attempts.append(attempt(qid, [wrong], True, "2026-11-25T16:00:05+00:00"))
    statements = attempt_statements(s, "learner-0011223344556677", attempts)
    assert len(statements) == 40
    assert ralph_problems(statements) == []
    for st, a in zip(statements, attempts, strict=True):
        (parent,) = st["context"]["contextActivities"]["parent"]
        assert parent["definition"]["type"] == ASSESSMENT and parent["id"] == s.lesson(a["lesson"])
        assert st["result"]["success"] is (a["correct"] is False)  # regraded: the right answer was marked wrong


def test_a_check_answer_to_another_version_is_sent_without_a_result():
    s = xapi.settings()
    (st,) = attempt_statements(
        s, "learner-0011223344556677", [attempt("check-after/a1", ["fibres"], True, hash="0" * 16)]
    )
    assert "success" not in st.get("result", {}) and st["result"]["response"] == "fibres"


def test_check_answers_reach_the_real_lrs_as_assessments(ralph, store):  # noqa: F811
    sender = lrs.attach(store, config=ralph.config())
    view = before_check(store)
    for q in view.check.questions[:3]:
        view.choose(q.id, q.answer)
    view.save()  # three answered: said once
    view.save()
    assert sender.wait_idle(60), sender.problem
    got = stored(ralph, store, sender)
    assert len(got) == 3
    for st in got:
        assert st["context"]["contextActivities"]["parent"][0]["definition"]["type"] == ASSESSMENT
        assert st["object"]["id"].startswith(sender.settings.activities + "questions/check-before/")
        assert st["result"]["success"] is True
