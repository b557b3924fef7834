"""The progress overview and its reset action, driven from Python."""

from widgets.load import load_bank
from widgets.progress import ProgressStore
from widgets.views.progress import progress_overview
from widgets.views.quiz import quiz


def test_overview_shows_saved_scores_and_resets(tmp_path):
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)
    q.cards[0].choose("a"); q.cards[0].check()
    view = progress_overview(store)
    assert "What is a twitch?" in view.table.value
    n = len(load_bank("01-physiology").full_ids())        # every question of the lesson, section checks too
    assert f"<td style='padding:2px 8px'>1/{n}</td><td style='padding:2px 8px'>1</td>" in view.table.value
    view.reset_button.click()
    assert view.confirm_box.layout.display == "flex"
    view.cancel_button.click()
    assert len(store.load()["attempts"]) == 1          # cancel keeps everything
    view.reset_button.click()
    view.confirm_button.click()
    assert store.load()["attempts"] == []
    assert f"0/{n}" in view.table.value and "backup" in view.notice.value


def test_overview_has_a_final_review_row_that_counts_review_answers_only(tmp_path):
    from widgets.views.review import review_quiz
    store = ProgressStore(tmp_path)
    review = review_quiz(store)
    card = next(c for c in review.cards if c.question.type == "single")
    card.choose(card.question.answer)
    assert card.check().correct
    view = progress_overview(store)
    rows = view.table.value.split("<tr>")
    final = next(r for r in rows if "Final review" in r)
    assert ">1/" in final                                     # one review question answered
    first = next(r for r in rows if "What is a twitch?" in r)
    n = len(load_bank("01-physiology").full_ids())
    assert f">0/{n}<" in first                                # the lesson's own count is untouched
