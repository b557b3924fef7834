"""The teacher's live list of hand-ins: refresh shows new hand-ins, names are escaped, problems are listed."""

from __future__ import annotations

import os
import pwd

from widgets.classroom import handin
from widgets.store.progress import ProgressStore
from widgets.views.dropbox import HandinsOverview

ME = pwd.getpwuid(os.getuid()).pw_name


def test_refresh_shows_a_new_hand_in_and_tells_followers(tmp_path):
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    v = HandinsOverview(box, by="uid")
    seen = []
    v.on_refresh(lambda docs, refused: seen.append([u for u, _ in docs]))
    assert "0 hand-ins" in v.summary.value and v.table.value == ""
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    assert handin.hand_in(store.load(), "<i>Ann</i>", environ={handin.ENV: str(box)}).ok
    v.refresh_button.click()
    assert "1 hand-in " in v.summary.value and ME in v.table.value
    assert "&lt;i&gt;Ann&lt;/i&gt;" in v.table.value and "<i>" not in v.table.value
    assert seen == [[], [ME]]


def test_stray_files_are_listed_as_not_counted(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    (box / "loose.json").write_text("{}")
    v = HandinsOverview(box, by="uid")
    assert "Not counted" in v.problems.value and "loose.json" in v.problems.value


def test_without_a_drop_box_it_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv(handin.ENV, raising=False)
    v = HandinsOverview()
    assert "No class drop box" in v.summary.value
    v = HandinsOverview(tmp_path / "missing")
    assert "cannot be read" in v.summary.value
