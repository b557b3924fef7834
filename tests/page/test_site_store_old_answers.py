"""A learner who answered on an older copy of the site (answers kept under one key per lesson, the build's learner
code) keeps them when the site is updated: the quiz moves them once into the site's store (per site and learner
code), graded again; the old key is gone, and an answer to a question that changed since shows as one to an older
version (the real quiz page in node, tests/page_in_node.py)."""

from __future__ import annotations

import json

from tests.helpers import bank, single
from tools.site import SITE_LEARNER
from widgets.store.progress import ProgressStore
from widgets.views.quiz import Quiz


def old_try(quiz: Quiz, i: int, answer: str, n: int, hash_: str | None = None) -> dict:
    c = quiz.cards[i]
    return {
        "kind": "attempt",
        "attempt_id": f"old-site-try-{n:04d}",
        "question": c.full_id,
        "hash": hash_ or c.hash,
        "answer": answer,
        "show": False,
        "wrong_before": 0,
        "correct": answer == c.question.answer,
    }


def test_answers_kept_by_an_older_site_are_moved_once_into_the_sites_store(quiz_tab, tmp_path):
    quiz = Quiz(bank(single("q1"), single("q2")), ProgressStore(tmp_path))
    old_key = f"foot-twitch-lessons:answers:{SITE_LEARNER}:99-test"
    kept = [old_try(quiz, 0, "b", 1), old_try(quiz, 0, "a", 2), old_try(quiz, 1, "a", 3, hash_="0" * 16)]
    quiz.page.learner = SITE_LEARNER
    page = quiz_tab.setup(items={old_key: json.dumps(kept)})
    v = page.render(quiz, kernel="static")
    assert old_key not in page.storage
    (store_key,) = [k for k in page.storage if "progress:learner-" in k]
    attempts = json.loads(page.storage[store_key])["attempts"]
    assert [(a["question"], a["chosen"], a["correct"], a["attempt_id"]) for a in attempts] == [
        ("99-test/q1", ["b"], False, "old-site-try-0001"),
        ("99-test/q1", ["a"], True, "old-site-try-0002"),
        ("99-test/q2", ["a"], True, "old-site-try-0003"),
    ]
    assert "2 tries, first try wrong" in page.card(v, quiz.ids[0])["saved"]
    assert "older version" in page.card(v, quiz.ids[1])["saved"]  # q2 changed since it was answered
    again = page.render(quiz, kernel="static")  # a second view finds nothing left to move
    assert json.loads(page.storage[store_key])["attempts"] == attempts
    assert "2 tries" in page.card(again, quiz.ids[0])["saved"]
