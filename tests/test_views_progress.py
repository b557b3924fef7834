"""The progress overview and its reset action, driven from Python."""

from widgets.progress import ProgressStore
from widgets.views.progress import progress_overview
from widgets.views.quiz import quiz


def test_overview_shows_saved_scores_and_resets(tmp_path):
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)
    q.cards[0].choose("a"); q.cards[0].check()
    view = progress_overview(store)
    assert "What is a twitch?" in view.table.value
    assert "<td style='padding:2px 8px'>1/6</td><td style='padding:2px 8px'>1</td>" in view.table.value
    view.reset_button.click()
    assert view.confirm_box.layout.display == "flex"
    view.cancel_button.click()
    assert len(store.load()["attempts"]) == 1          # cancel keeps everything
    view.reset_button.click()
    view.confirm_button.click()
    assert store.load()["attempts"] == []
    assert "0/6" in view.table.value and "backup" in view.notice.value
