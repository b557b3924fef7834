"""Faults of the progress file itself (issue 24, items 3, 4, 7, 12, 13), on real files: a database cut short,
a folder in its place, a download copied over it, and a quiz page resending a try after a restore or a reset
(through the kernel's own message path, `Quiz.handle_attempt`)."""

import json
import os
import sqlite3
import stat
import uuid
from pathlib import Path

from tests.helpers import bank, single
from tests.small_fs import remount, small_fs
from widgets.store.progress import FORMAT, ProgressStore
from widgets.store.progress_doc import encode_progress, read_progress_upload
from widgets.views.backup import ProgressBackup
from widgets.views.quiz import Quiz

SAME = ("question", "lesson", "chosen", "correct", "time", "hash")


def essentials(attempts):
    return [tuple(json.dumps(a.get(k)) for k in SAME) for a in attempts]


def others(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != "progress.db")


# -- item 3: a progress file cut short ---------------------------------------------------------------------
def readable_rows(path: Path, written: list[dict]) -> list[dict]:
    """The oracle: each written attempt SQLite itself can still read intact, asked for one rowid at a time."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    conn.execute("PRAGMA writable_schema = ON")
    out = []
    for rowid, a in enumerate(written, start=1):
        try:
            row = conn.execute("SELECT question, chosen, time, attempt_id FROM attempts WHERE id = ?", (rowid,))
            if row.fetchone() == (a["question"], json.dumps(a["chosen"]), a["time"], a["attempt_id"]):
                out.append(a)
        except sqlite3.DatabaseError:
            continue
    conn.close()
    return out


def test_a_truncated_progress_file_rescues_every_readable_answer_and_keeps_the_learner_code(tmp_path):
    store = ProgressStore(tmp_path)
    written = [
        {
            "question": f"L/q{i % 150}",
            "lesson": "L",
            "chosen": [f"choice-{i}" + "x" * 40],
            "correct": i % 3 == 0,
            "time": f"2026-12-07T10:{i // 60 % 60:02d}:{i % 60:02d}+00:00",
            "hash": "ab",
            "attempt_id": f"page-{i:08d}",
        }
        for i in range(1500)
    ]
    plain = [{k: a[k] for k in SAME} for a in written]  # a download of version 2 (restorable before and after)
    store.replace({"format": FORMAT, "version": 2, "learner": "learner-0123456789abcdef", "attempts": plain})
    with sqlite3.connect(tmp_path / "progress.db") as c:  # the page's attempt ids, as `record` saves them
        c.execute("UPDATE attempts SET attempt_id = printf('page-%08d', id - 1)")
    c.close()
    learner = store.learner()
    db = tmp_path / "progress.db"
    pages = db.stat().st_size // 4096
    os.truncate(db, (pages * 6 // 10) * 4096 + 100)  # cut, as a full disk or a broken copy leaves it
    copy = tmp_path.parent / "cut.db"
    copy.write_bytes(db.read_bytes())
    readable = readable_rows(copy, written)
    assert 0 < len(readable) < len(written)  # some rows are gone with the cut pages, many are not

    later = ProgressStore(tmp_path)
    rescued = later.load()["attempts"]
    notices = later.pop_notices()
    assert later.learner() == learner, notices
    assert set(essentials(readable)) <= set(essentials(rescued)), notices  # every row SQLite can read
    order = {row: i for i, row in enumerate(essentials(written))}
    assert all(row in order for row in essentials(rescued)), "an answer was rescued that was never given"
    places = [order[row] for row in essentials(rescued)]
    assert places == sorted(set(places))  # in the order given, each once
    assert any(f"{len(rescued)} saved answer(s) were rescued" in m and "same learner code" in m for m in notices)
    # and the rescued rows keep their page attempt ids: a resend of one is not saved again
    a = readable[0]
    later.record(a["lesson"], a["question"], a["chosen"], a["correct"], hash=a["hash"], attempt_id=a["attempt_id"])
    assert len(later.load()["attempts"]) == len(readable)


# -- item 4: a folder where the progress file should be -----------------------------------------------------
def test_a_progress_file_that_is_a_folder_is_moved_aside_once_and_answers_are_saved(tmp_path):
    (tmp_path / "progress.db").mkdir()
    (tmp_path / "progress.db" / "keep.txt").write_text("mine")
    store = ProgressStore(tmp_path)
    for i in range(3):
        store.record("L", f"L/q{i}", ["a"], True)
        store.load()
    notices = store.pop_notices()
    moved = others(tmp_path)
    assert len(moved) == 1 and moved[0].startswith("progress-not-a-file-"), moved
    assert (tmp_path / moved[0] / "keep.txt").read_text() == "mine"  # the folder, moved whole
    assert stat.S_ISREG(os.lstat(tmp_path / "progress.db").st_mode)
    assert len(ProgressStore(tmp_path).load()["attempts"]) == 3 and store.notice() is None
    assert len(notices) == 1 and "a folder" in notices[0] and moved[0] in notices[0], notices


def test_a_progress_folder_that_cannot_be_moved_is_said_once_and_leaves_no_files(tmp_path):
    with small_fs(tmp_path / "fs") as fs:
        (fs / "data").mkdir()
        (fs / "data" / "progress.db").mkdir()
        remount(fs, read_only=True)
        try:
            store = ProgressStore(fs / "data")
            said = []
            for i in range(3):
                store.record("L", f"L/q{i}", ["a"], True)
                said += store.pop_notices_once()
            assert others(fs / "data") == [] and (fs / "data" / "progress.db").is_dir()
            assert len(said) == 1 and "progress.db in" in said[0], said
            assert "is a folder and cannot be renamed" in said[0], said
            notice = store.notice() or ""
            assert "3 answer(s) not saved yet" in notice and "is a folder" in notice, notice
            assert "were saved" not in " ".join(said) + notice
        finally:
            remount(fs, read_only=False)


# -- item 7: a download copied over the progress file -------------------------------------------------------
def a_download(tmp_path: Path, answers: int) -> tuple[bytes, dict]:
    """What "Download my progress file" gives for `answers` answers, the last two with page attempt ids."""
    store = ProgressStore(tmp_path / "elsewhere")
    plain = [
        {"question": f"L/q{i % 7}", "lesson": "L", "chosen": [f"c{i}"], "correct": i % 2 == 0}
        | {"time": "2026-12-07T10:00:00+00:00", "hash": "ab"}
        for i in range(answers - 2)
    ]
    store.replace({"format": FORMAT, "version": 2, "learner": "learner-00aa11bb22cc33dd", "attempts": plain})
    for i in range(max(0, answers - 2), answers):
        store.record("L", f"L/q{i % 7}", [f"c{i}"], i % 2 == 0, hash="ab", attempt_id=f"page-{i:08d}")
    doc = store.load()
    return encode_progress(doc), doc


def test_a_download_copied_over_the_progress_file_has_its_answers_restored(tmp_path):
    for answers in (1, 300):  # under SQLite's smallest page, and over it
        content, doc = a_download(tmp_path / str(answers), answers)
        assert (len(content) < 512) == (answers == 1)
        data = tmp_path / f"data{answers}"
        data.mkdir()
        (data / "progress.db").write_bytes(content)
        store = ProgressStore(data)
        got = store.load()
        notices = store.pop_notices()
        assert got["learner"] == doc["learner"], notices
        assert essentials(got["attempts"]) == essentials(doc["attempts"]), notices
        kept = others(data)
        assert len(kept) == 1 and (data / kept[0]).read_bytes() == content  # the copy itself is kept
        assert any(f"{answers} saved answer(s) were restored" in m and kept[0] in m for m in notices), notices


def test_a_copied_download_that_a_restore_would_refuse_is_not_imported(tmp_path):
    content, doc = a_download(tmp_path, 3)
    bad = json.loads(content)
    bad["attempts"][1]["correct"] = "yes"  # what a restore refuses: nothing of it is imported
    content = json.dumps(bad).encode()
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.db").write_bytes(content)
    store = ProgressStore(data)
    got = store.load()
    notices = store.pop_notices()
    assert got["attempts"] == [] and got["learner"] != doc["learner"]
    kept = others(data)
    assert len(kept) == 1 and (data / kept[0]).read_bytes() == content
    assert any("cannot be restored" in m and "attempt 2 is malformed" in m and kept[0] in m for m in notices)


# -- items 12 and 13: a quiz page resending a try after a restore or a reset ---------------------------------
def attempt_message(card, answer: str, attempt_id: str) -> dict:
    """The message the quiz page sends for one try (and sends again when the reply was lost)."""
    return {
        "kind": "attempt",
        "attempt_id": attempt_id,
        "question": card.full_id,
        "hash": card.hash,
        "answer": answer,
        "show": False,
        "wrong_before": 0,
    }


def tries(store: ProgressStore) -> int:
    return len(store.load()["attempts"])


def test_a_resend_after_a_restore_is_not_counted_twice(tmp_path):
    questions = bank(single())
    quiz = Quiz(questions, ProgressStore(tmp_path / "school"))
    aid = uuid.uuid4().hex
    assert quiz.handle_attempt(attempt_message(quiz.cards[0], "b", aid))["outcome"] == "saved"  # the reply is lost
    content = encode_progress(ProgressBackup(quiz.store).make_download())

    home = ProgressStore(tmp_path / "home")  # the learner restores the download at home, opens the lesson again
    backup = ProgressBackup(home)
    assert backup.restore_bytes(content, "my.json")
    backup.confirm_restore()
    assert tries(home) == 1
    again = Quiz(questions, ProgressStore(tmp_path / "home"))
    reply = again.handle_attempt(attempt_message(again.cards[0], "b", aid))  # the page resends the lost try
    assert reply["outcome"] == "duplicate" and reply["status"]["attempts"] == 1, reply
    assert tries(ProgressStore(tmp_path / "home")) == 1


def test_an_old_download_still_restores_and_a_resend_after_it_is_not_counted_twice(tmp_path):
    questions = bank(single())
    quiz = Quiz(questions, ProgressStore(tmp_path))
    aid = uuid.uuid4().hex
    quiz.handle_attempt(attempt_message(quiz.cards[0], "b", aid))
    old = quiz.store.load()
    old = dict(old, version=2, attempts=[{k: a[k] for k in SAME} for a in old["attempts"]])  # no attempt ids
    assert read_progress_upload(json.dumps(old).encode())["version"] == 2
    quiz.store.replace(old)
    again = Quiz(questions, ProgressStore(tmp_path))
    reply = again.handle_attempt(attempt_message(again.cards[0], "b", aid))
    assert reply["outcome"] != "saved" and tries(ProgressStore(tmp_path)) == 1, reply


def test_a_download_keeps_each_page_attempt_id_and_matches_the_committed_schema(tmp_path):
    import jsonschema

    from widgets.store.progress_doc import SCHEMA_FILE, schema_text

    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True, hash="ab", attempt_id="page-0001")
    store.record("L", "L/q2", ["b"], False, hash="ab")
    doc = json.loads(encode_progress(store.load()))
    assert [a.get("attempt_id") for a in doc["attempts"]] == ["page-0001", None]
    assert "attempt_id" not in doc["attempts"][1]
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: python -m widgets.store.progress_doc --write"
    jsonschema.validate(doc, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_a_resend_after_a_reset_does_not_bring_the_erased_answer_back(tmp_path):
    questions = bank(single())
    quiz = Quiz(questions, ProgressStore(tmp_path))
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    quiz.handle_attempt(attempt_message(quiz.cards[0], "b", first))  # both replies are lost
    quiz.handle_attempt(attempt_message(quiz.cards[0], "a", second))
    quiz.store.reset()

    later = Quiz(questions, ProgressStore(tmp_path))  # a new kernel after the reset; the page resends
    reply = later.handle_attempt(attempt_message(later.cards[0], "a", second))
    assert reply["outcome"] != "saved" and tries(ProgressStore(tmp_path)) == 0, reply
    assert later.store.outcome(second) == "retired" and later.store.question_status() == {}
    assert [m for m in later.store.events if "reset or restored" in m and "It was not saved" in m]  # the note says why
    same = quiz.handle_attempt(attempt_message(quiz.cards[0], "b", first))  # the kernel that reset
    assert same["outcome"] != "saved" and quiz.store.outcome(first) == "retired", same
    assert tries(ProgressStore(tmp_path)) == 0
    fresh = later.handle_attempt(attempt_message(later.cards[0], "a", uuid.uuid4().hex))  # a new try is saved
    assert fresh["outcome"] == "saved" and tries(ProgressStore(tmp_path)) == 1
