"""The progress overview and its reset action, driven from Python."""

import re

from tests.quiz_driver import answer
from widgets.content.load import load_bank
from widgets.store.progress import ProgressStore
from widgets.views.palette import STYLESHEET
from widgets.views.progress import progress_overview
from widgets.views.quiz import quiz


def test_overview_shows_saved_scores_and_resets(tmp_path):
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)
    answer(q, 0, "a")
    view = progress_overview(store)
    assert "What is a twitch?" in view.table.value
    n = len(load_bank("01-physiology").full_ids())  # every question of the lesson, section checks too
    assert f"<td>1/{n}</td><td>1</td>" in view.table.value
    assert '<table class="lesson-table">' in view.table.value  # padded by the stylesheet, not inline
    assert re.search(r"\.lesson-table td\s*\{[^}]*padding:\s*\S+", STYLESHEET.read_text(encoding="utf-8"))
    view.reset_button.click()
    assert view.confirm_box.layout.display == "flex"
    view.cancel_button.click()
    assert len(store.load()["attempts"]) == 1  # cancel keeps everything
    view.reset_button.click()
    view.confirm_button.click()
    assert store.load()["attempts"] == []
    assert f"0/{n}" in view.table.value and "backup" in view.notice.value and "progress-reset-" in view.notice.value


def test_overview_has_a_final_review_row_that_counts_review_answers_only(tmp_path):
    from widgets.views.review import review_quiz

    store = ProgressStore(tmp_path)
    review = review_quiz(store)
    card = next(c for c in review.cards if c.question.type == "single")
    assert answer(review, card.full_id, card.question.answer)["response"]["correct"]
    view = progress_overview(store)
    rows = view.table.value.split("<tr>")
    final = next(r for r in rows if "Final review" in r)
    assert ">1/" in final  # one review question answered
    first = next(r for r in rows if "What is a twitch?" in r)
    n = len(load_bank("01-physiology").full_ids())
    assert f">0/{n}<" in first  # the lesson's own count is untouched


def test_overview_updates_after_a_check_in_a_quiz_and_every_view_shows_one_unsaved_notice(tmp_path):
    import sqlite3

    from widgets.views.backup import progress_backup

    store = ProgressStore(tmp_path, busy_timeout=0.1)
    view = progress_overview(store)
    backup = progress_backup(store)
    q = quiz("01-physiology", store)
    n = len(load_bank("01-physiology").full_ids())
    answer(q, 0, "a")
    assert f">1/{n}<" in view.table.value  # updated without re-running its cell
    other = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another notebook holds the file
    answer(q, 1, False)
    for w in (view.notice, backup.notice, q.notice):
        assert w.value.count("not saved yet") == 1
    assert f">2/{n}<" in view.table.value  # the unsaved answer is shown too
    other.execute("COMMIT")
    other.close()
    answer(q, 0, "b")  # the next chance writes both
    for w in (view.notice, backup.notice, q.notice):
        assert "not saved yet" not in w.value
    assert [a["question"] for a in ProgressStore(tmp_path).load()["attempts"]] == [
        "01-physiology/q1",
        "01-physiology/q2",
        "01-physiology/q1",
    ]


def test_overview_reads_answers_saved_by_another_kernel_when_the_page_asks(tmp_path):
    """Lesson 00's table and lesson 01's quiz live in two kernels (two stores over one file)."""
    here, other_kernel = ProgressStore(tmp_path), ProgressStore(tmp_path)
    view = progress_overview(here)
    n = len(load_bank("01-physiology").full_ids())
    assert f"<td>0/{n}</td>" in view.table.value
    q = quiz("01-physiology", other_kernel)
    answer(q, 0, "a")
    assert f"<td>0/{n}</td>" in view.table.value  # nothing in this kernel knows yet
    view.refresher._handle_custom_msg({"refresh": True}, [])  # what the page sends when the table is in view
    assert f"<td>1/{n}</td>" in view.table.value
    assert view.refresher in view.children and view.refresher.every <= 10
