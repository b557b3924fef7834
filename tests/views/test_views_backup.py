"""The backup view: class-results file, progress download link, validated restore, Binder warning."""

import base64
import html as htmllib
import json
import re

import pytest

from tests.quiz_driver import answer
from widgets.classroom.export import FORMAT, check_export
from widgets.store.progress import ProgressStore
from widgets.views.backup import ProgressBackup, on_binder, progress_backup, progress_download_name
from widgets.views.quiz import quiz


def link(value: str) -> tuple[bytes, str]:
    """(decoded file content, download file name) of the first download link in an HTML string."""
    href = re.search(r'href="([^"]+)"', value).group(1)
    name = re.search(r'download="([^"]+)"', value).group(1)
    data = htmllib.unescape(href)
    assert data.startswith("data:application/json;base64,")
    return base64.b64decode(data.split(",", 1)[1]), htmllib.unescape(name)


def answered_store(tmp_path) -> ProgressStore:
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)
    wrong = next(o.id for o in q.cards[0].question.options if o.id != q.cards[0].question.answer)
    answer(q, 0, wrong)
    answer(q, 0, q.cards[0].question.answer)
    return store


@pytest.fixture
def saved_files(monkeypatch):
    """What the page is sent to save at once: (file name, decoded content), in order."""
    sent: list[tuple[str, bytes]] = []

    def record(self, msg, buffers=None):
        data = htmllib.unescape(msg["href"])
        sent.append((msg["filename"], base64.b64decode(data.split(",", 1)[1])))

    monkeypatch.setattr("widgets.views.backup.Download.send", record)
    return sent


def test_export_link_holds_the_results_under_the_chosen_name(tmp_path, saved_files):
    store = answered_store(tmp_path)
    view = progress_backup(store)
    assert view.name.value == ""  # issue 26 item 8: empty, with an example as placeholder (not the learner code)
    view.name.value = 'Zoë <img src=x onerror=alert(1)> "Q"'
    view.export_button.click()
    content, filename = link(view.export_out.value)
    doc = check_export(json.loads(content))
    assert doc["format"] == FORMAT and doc["name"] == 'Zoë <img src=x onerror=alert(1)> "Q"'
    assert doc["questions"]["01-physiology/q1"]["first_correct"] is False
    assert doc["questions"]["01-physiology/q1"]["now_correct"] is True
    assert doc["lessons"]["01-physiology"]["answered"] == 1
    assert filename == f"class-results-zoe-img-src-x-onerror-alert-1-q-{doc['learner']}.json"
    assert "<img" not in view.export_out.value  # the name is escaped in the page
    assert saved_files == [(filename, content)]  # saved at once: no second click
    assert "1 answered question " in htmllib.unescape(view.export_out.value)


def test_exporting_no_answers_says_so_and_saves_nothing(tmp_path, saved_files):
    view = progress_backup(ProgressStore(tmp_path))
    view.export_button.click()
    assert "not answered any quiz questions yet" in view.export_out.value
    assert saved_files == []  # only the "Save … with no answers" link would
    content, _ = link(view.export_out.value)
    assert check_export(json.loads(content))["questions"] == {}


def test_download_holds_the_whole_progress_file_named_after_the_name_typed(tmp_path, saved_files):
    store = answered_store(tmp_path)
    view = progress_backup(store)
    view.name.value = "Ann B. <script>"
    view.download_button.click()
    content, filename = link(view.download_out.value)
    assert json.loads(content) == store.load()
    assert filename == "foot-twitch-progress-ann-b-script.json" == progress_download_name(view.name.value)
    assert saved_files == [(filename, content)]
    assert "<script>" not in view.download_out.value
    assert progress_download_name("../../etc/passwd") == "foot-twitch-progress-etc-passwd.json"
    assert progress_download_name("李") == "foot-twitch-progress-learner.json"  # no Latin letter left


def test_restore_a_good_file_after_confirming(tmp_path):
    saved = json.dumps(answered_store(tmp_path / "old").load()).encode()
    store = ProgressStore(tmp_path / "new")
    view = progress_backup(store)
    assert view.restore_bytes(saved, "mine.json")
    assert view.confirm_box.layout.display == "flex"
    assert store.load()["attempts"] == []  # nothing changes before confirming
    view.confirm_button.click()
    assert store.load() == json.loads(saved)
    assert "Restored 2 saved answer(s)" in view.restore_out.value
    assert view.confirm_box.layout.display == "none"


def test_restore_through_the_upload_widget_and_cancel(tmp_path):
    saved = json.dumps(answered_store(tmp_path / "old").load()).encode()
    store = ProgressStore(tmp_path / "new")
    before = store.load()
    view = progress_backup(store)
    assert view.upload.label == "Choose a progress file"  # no "(0)" count beside it
    view.upload._handle_custom_msg({"name": "mine.json"}, [memoryview(saved)])  # what the page sends
    assert "mine.json is a good progress file with 2 saved answer(s)" in view.restore_out.value
    view.cancel_button.click()
    assert store.load() == before and "Nothing was changed" in view.restore_out.value


def test_a_bad_file_gives_a_clear_message_and_changes_nothing(tmp_path):
    store = answered_store(tmp_path)
    before = store.load()
    view = progress_backup(store)
    bad = {
        b"{not json": "not valid JSON",
        b'{"format": "x"}': "not a progress file",
        b"\x89PNG\xff": "not UTF-8 text",
        b'{"format": "foot-twitch-lessons/progress", "version": 9}': "version 9",
    }
    for content, reason in bad.items():
        assert not view.restore_bytes(content, "<b>bad</b>.json")
        assert reason in view.restore_out.value and "Nothing was changed" in view.restore_out.value
        assert "<b>bad" not in view.restore_out.value
        assert view.confirm_box.layout.display == "none"
        view.confirm_button.click()  # no pending file: does nothing
        assert store.load() == before


def test_binder_warning_only_on_binder_and_the_hint_always(tmp_path):
    assert on_binder({"BINDER_LAUNCH_HOST": "https://mybinder.org/"})
    assert on_binder({"BINDER_SERVICE_HOST": "10.0.0.1"})
    assert not on_binder({"HOME": "/home/x"})
    here = ProgressBackup(ProgressStore(tmp_path), environ={})
    binder = ProgressBackup(ProgressStore(tmp_path), environ={"BINDER_SERVICE_HOST": "10.0.0.1"})
    assert "Binder" not in here.warning.value and "download your progress file" in here.warning.value
    assert "You are on Binder" in binder.warning.value and "download your progress file" in binder.warning.value


def test_export_from_the_start_notebook_carries_the_final_review_score(tmp_path):
    from widgets.content.load import load_review
    from widgets.views.review import review_quiz

    store = answered_store(tmp_path)
    review = review_quiz(store)
    card = review.cards[0]
    assert "01-physiology/q1" in load_review().variant_of[card.full_id]  # a new version of the missed one first
    assert answer(review, 0, card.question.answer)["response"]["correct"]
    view = progress_backup(store)
    view.export_button.click()
    doc = check_export(json.loads(link(view.export_out.value)[0]))
    assert doc["lessons"]["05-review"]["total"] >= len(load_review().questions)
    assert (doc["lessons"]["05-review"]["answered"], doc["lessons"]["05-review"]["first_try"]) == (1, 1)
    assert doc["lessons"]["01-physiology"]["first_try"] == 0  # the lesson's own score is unchanged


def test_hand_in_sits_beside_make_my_results_file_and_shares_the_name(tmp_path):
    """On a hub the start notebook's backup view hands in with the name typed once; outside, it says what to do."""
    import os
    import pwd

    from widgets.classroom import handin
    from widgets.views.backup import ProgressBackup

    me = pwd.getpwuid(os.getuid()).pw_name
    box = tmp_path / "box"
    (box / me).mkdir(parents=True)
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    view = ProgressBackup(store, environ={handin.ENV: str(box)})
    assert view.hand_in.name is view.name
    view.name.value = "Ann B."
    view.hand_in.button.click()
    assert view.hand_in.result is not None and view.hand_in.result.ok, view.hand_in.out.value
    (handed,) = (box / me).iterdir()
    assert '"name": "Ann B."' in handed.read_text(encoding="utf-8")
    outside = ProgressBackup(store, environ={})
    outside.hand_in.button.click()
    assert not outside.hand_in.result.ok and "Make my results file" in outside.hand_in.out.value
