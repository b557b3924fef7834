"""First-try score, now-correct, and the missed-first list used by the review."""

from widgets.engine.scoring import lesson_score, missed_first, question_status


def att(q, ok):
    return {"question": q, "lesson": q.split("/")[0], "chosen": ["x"], "correct": ok, "time": "t"}


ATTEMPTS = [att("L/q1", False), att("L/q1", True), att("L/q2", True), att("L/q3", False), att("M/q1", False)]


def test_score_counts_first_attempts_only():
    s = lesson_score("L", ["L/q1", "L/q2", "L/q3", "L/q4"], ATTEMPTS)
    assert (s.total, s.answered, s.first_try, s.now_correct) == (4, 3, 1, 2)
    assert s.sentence() == "1 of 4 right first time"  # one plain line (issue 26), as the quiz shows it


def test_status_and_retries():
    st = question_status(ATTEMPTS)
    assert st["L/q1"].attempts == 2 and not st["L/q1"].first_correct and st["L/q1"].now_correct


def test_missed_first_in_order():
    assert missed_first(ATTEMPTS) == ["L/q1", "L/q3", "M/q1"]


def test_not_started():
    assert lesson_score("L", ["L/q1"], []).sentence() == "0 of 1 right first time"
