"""Issue 12, one test per failure row of the progress store: every failure path keeps every saved answer.

Read-only and full-disk cases use a real tmpfs (tests/small_fs.py), never a chmod'ed folder or a mock.
"""

import json
import multiprocessing as mp
import os
import sqlite3

import pytest

from tests.quiz_driver import answer
from tests.small_fs import fill, remount, small_fs
from widgets.store import progress as progress_module
from widgets.store import progress_doc, recovery
from widgets.store.progress import FORMAT, ProgressFormatError, ProgressStore, ProgressUnavailable
from widgets.store.progress_doc import MAX_BYTES, MAX_PER_QUESTION, VERSION, encode_progress, read_progress_upload
from widgets.views.backup import progress_backup
from widgets.views.progress import progress_overview
from widgets.views.quiz import quiz


def attempt(q, correct=True, lesson="L", chosen=("a",)):
    return {
        "question": q,
        "lesson": lesson,
        "chosen": list(chosen),
        "correct": correct,
        "time": "2026-01-01T09:00:00+00:00",
        "hash": "",
    }


def doc(*attempts, learner="learner-0123456789abcdef"):
    return {
        "format": FORMAT,
        "version": 2,
        "learner": learner,
        "created": "2026-01-01T09:00:00+00:00",
        "attempts": list(attempts),
    }


def questions(store):
    return [a["question"] for a in store.load()["attempts"]]


def only_files(d):
    return sorted(p.name for p in d.iterdir())


# -- the progress file is not UTF-8, holds a very long number, or is nested very deeply --------------------
@pytest.mark.parametrize(
    "content, reason",
    [
        (json.dumps(doc(attempt("L/q1"))).encode("utf-16"), "UTF-16"),
        (b'{"format": "foot-twitch-lessons/progress", "version": 1' + b"0" * 5000 + b"}", "5001 digits"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
    ],
)
def test_unreadable_progress_file_is_moved_aside_and_every_view_still_works(tmp_path, content, reason):
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)  # the first view tells, once
    assert reason in q.notice.value
    kept = list(tmp_path.glob("progress-unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == content and kept[0].name in q.notice.value
    assert not (tmp_path / "progress.json").exists()
    progress_overview(store), progress_backup(store)  # every cell works
    answer(q, 0, "a")
    assert questions(ProgressStore(tmp_path)) == ["01-physiology/q1"]


# -- a learner code with a lone surrogate arrives through restore -----------------------------------------
def test_lone_surrogate_learner_code_is_refused_at_restore(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True)
    before = store.load()
    view = progress_backup(store)
    bad = json.dumps(doc(attempt("L/q2")))[:-1].replace("learner-0123456789abcdef", "\\ud800") + "}"
    assert "\\ud800" in bad
    assert not view.restore_bytes(bad.encode(), "mine.json")
    assert "not valid Unicode" in view.restore_out.value and "Nothing was changed" in view.restore_out.value
    with pytest.raises(ProgressFormatError, match="learner"):
        store.replace(doc(attempt("L/q2"), learner="\ud800"))
    assert store.load() == before
    view.download_button.click()  # download and export keep working
    view.export_button.click()
    assert "Save foot-twitch-progress-" in view.download_out.value and "Save class-results" in view.export_out.value


# -- the data folder is read-only, or the disk is full ----------------------------------------------------
def test_read_only_folder_keeps_saved_answers_and_code_and_writes_them_later(tmp_path):
    with small_fs(tmp_path / "m") as d:
        store = ProgressStore(d)
        store.record("L", "L/q1", ["a"], True)
        learner = store.learner()
        remount(d, read_only=True)
        store.record("L", "L/q2", ["b"], False)  # cannot be written now
        data = store.load()
        assert data["learner"] == learner and [a["question"] for a in data["attempts"]] == ["L/q1", "L/q2"]
        assert "1 answer(s) not saved yet" in store.notice() and "cannot be written" in store.notice()
        other = ProgressStore(d)  # a new kernel sees the saved answer, same code
        assert other.learner() == learner and questions(other) == ["L/q1"]
        view = progress_overview(store)
        assert "not saved yet" in view.notice.value
        remount(d, read_only=False)
        store.record("L", "L/q3", ["a"], True)  # the next chance: both written, in order
        assert store.notice() is None and "not saved yet" not in view.notice.value
        assert questions(ProgressStore(d)) == ["L/q1", "L/q2", "L/q3"]
        assert only_files(d) == ["progress.db"]


def test_full_disk_keeps_the_answer_and_writes_it_after_space_is_freed(tmp_path):
    with small_fs(tmp_path / "m", "256k") as d:
        store = ProgressStore(d)
        store.record("L", "L/q1", ["a"], True)
        learner = store.learner()
        filler = fill(d)
        for i in range(2, 40):  # enough to need new pages
            store.record("L", f"L/q{i}", ["a" * 150], True)
        assert store.notice() and "not saved yet" in store.notice()
        assert store.learner() == learner and len(store.load()["attempts"]) == 39
        assert ProgressStore(d).learner() == learner
        filler.unlink()
        store.load()  # the next chance
        assert store.notice() is None
        assert questions(ProgressStore(d)) == [f"L/q{i}" for i in range(1, 40)]
        assert only_files(d) == ["progress.db"]


def test_read_only_folder_without_a_file_yet_says_answers_cannot_be_saved(tmp_path):
    with small_fs(tmp_path / "m") as d:
        remount(d, read_only=True)
        store = ProgressStore(d / "sub")
        store.record("L", "L/q1", ["a"], True)
        assert "not saved yet: Read-only file system" in store.notice() and questions(store) == ["L/q1"]
        code = store.learner()
        assert store.learner() == code  # one code for the session


# -- a lock wait times out once ---------------------------------------------------------------------------
def test_lock_timeout_once_is_not_permanent_memory_mode(tmp_path):
    store = ProgressStore(tmp_path, busy_timeout=0.2)
    store.record("L", "L/q1", ["a"], True)
    store.load(), store.question_status(["L/q1", "L/q2"])  # what the views read when they are built
    other = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another kernel holds the lock
    store.record("L", "L/q2", ["a"], True)
    assert "another notebook is saving" in store.notice()
    assert [a["question"] for a in store.load()["attempts"]] == ["L/q1", "L/q2"]
    assert set(store.question_status(["L/q1", "L/q2"])) == {"L/q1", "L/q2"}
    other.execute("COMMIT")
    other.close()
    store.record("L", "L/q3", ["a"], True)
    assert store.notice() is None
    assert questions(ProgressStore(tmp_path)) == ["L/q1", "L/q2", "L/q3"]


def _answer(directory, worker):
    store = ProgressStore(directory)
    for i in range(25):
        store.record("L", f"L/w{worker}-{i}", ["a"], True)
    os._exit(0 if store.notice() is None else 3)


def test_eight_writers_on_a_large_file_lose_nothing(tmp_path):
    ProgressStore(tmp_path).replace(doc(*[attempt(f"old/q{i % 500}", lesson="old") for i in range(20_000)]))
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_answer, args=(str(tmp_path), w)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    new = [q for q in questions(ProgressStore(tmp_path)) if q.startswith("L/")]
    assert len(new) == 200
    for w in range(8):  # each writer's answers in its order
        assert [q for q in new if q.startswith(f"L/w{w}-")] == [f"L/w{w}-{i}" for i in range(25)]


# -- "Yes, erase my answers" clicked twice; a planted link at the backup name ----------------------------
def test_erase_clicked_twice_keeps_the_first_backup(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True)
    view = progress_overview(store)
    view.reset_button.click()
    view.confirm_button.click()
    view.confirm_button.click()  # the same confirmation, clicked again
    store.reset()  # and a reset with nothing to erase
    backups = list(tmp_path.glob("progress-reset-*.json"))
    assert len(backups) == 1
    assert [a["question"] for a in read_progress_upload(backups[0].read_bytes())["attempts"]] == ["L/q1"]
    assert backups[0].name in view.notice.value
    store.record("L", "L/q2", ["a"], True)
    store.reset()  # a second real reset in the same second
    second = [p for p in tmp_path.glob("progress-reset-*.json") if p != backups[0]]
    assert len(second) == 1 and "L/q1" in backups[0].read_text() and "L/q2" in second[0].read_text()


def test_planted_link_at_the_backup_name_is_never_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    names = iter(["00000000", "11111111"])
    monkeypatch.setattr(recovery.secrets, "token_hex", lambda n: next(names))
    monkeypatch.setattr(recovery.time, "strftime", lambda fmt: "20260101-090000")
    d = tmp_path / "data"
    store = ProgressStore(d)
    store.record("L", "L/q1", ["a"], True)
    (d / "progress-reset-20260101-090000-00000000.json").symlink_to(victim)
    store.reset()
    assert victim.read_text() == "keep me"
    backup = d / "progress-reset-20260101-090000-11111111.json"
    assert "L/q1" in backup.read_text() and not backup.is_symlink()


def test_planted_link_as_the_database_is_moved_aside_not_followed(tmp_path):
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"not yours")
    d = tmp_path / "data"
    d.mkdir()
    (d / "progress.db").symlink_to(victim)
    (d / "progress.json").symlink_to(victim)
    store = ProgressStore(d)
    store.record("L", "L/q1", ["a"], True)
    assert victim.read_bytes() == b"not yours" and not (d / "progress.db").is_symlink()
    assert questions(ProgressStore(d)) == ["L/q1"]
    notes = " ".join(store.pop_notices())
    assert "was a link" in notes and "is a link" in notes


# -- a progress file written by a newer version -------------------------------------------------------------
def test_newer_version_file_is_left_in_place_and_only_read(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True)
    learner = store.learner()
    with sqlite3.connect(tmp_path / "progress.db") as c:
        c.execute("ALTER TABLE attempts ADD COLUMN mood TEXT")
        c.execute("PRAGMA user_version = 7")
    c.close()
    before = (tmp_path / "progress.db").read_bytes()
    later = ProgressStore(tmp_path)
    assert later.learner() == learner and questions(later) == ["L/q1"]
    later.record("L", "L/q2", ["a"], True)
    assert "newer version" in later.notice() and "1 answer(s) given here" in later.notice()
    with pytest.raises(ProgressUnavailable, match="newer version"):
        later.reset()
    assert (tmp_path / "progress.db").read_bytes() == before and only_files(tmp_path) == ["progress.db"]
    with pytest.raises(ProgressFormatError, match="newer version"):
        read_progress_upload(json.dumps(dict(doc(), version=VERSION + 1)).encode())


# -- a corrupt database ------------------------------------------------------------------------------------
def test_damaged_database_is_moved_aside_and_its_readable_rows_rescued(tmp_path):
    store = ProgressStore(tmp_path)
    store.replace(doc(*[attempt(f"L/q{i % 150}") for i in range(3000)]))
    size = (tmp_path / "progress.db").stat().st_size
    with open(tmp_path / "progress.db", "r+b") as f:  # scribble over pages in the middle
        f.seek(size // 2)
        f.write(os.urandom(3 * 4096))
    damaged = (tmp_path / "progress.db").read_bytes()
    later = ProgressStore(tmp_path)
    data = later.load()
    assert data["learner"] == "learner-0123456789abcdef"
    assert 1000 < len(data["attempts"]) < 3000  # most rows rescued, the damaged ones not
    kept = list(tmp_path.glob("progress-damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    notes = later.pop_notices()
    assert len(notes) == 1 and kept[0].name in notes[0] and "same learner code" in notes[0]


def test_not_a_database_at_all_is_moved_aside_byte_for_byte(tmp_path):
    (tmp_path / "progress.db").write_bytes(b"hello, not sqlite" * 100)
    store = ProgressStore(tmp_path)
    assert store.load()["attempts"] == []
    kept = list(tmp_path.glob("progress-damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"hello, not sqlite" * 100


# -- a 100 MB progress file; limits ----------------------------------------------------------------------
def test_huge_progress_file_is_refused_with_a_clear_message(tmp_path):
    with open(tmp_path / "progress.json", "wb") as f:
        f.truncate(MAX_BYTES + 1)
    store = ProgressStore(tmp_path)
    assert store.load()["attempts"] == []
    assert "16,000,001 bytes, more than the 16,000,000 bytes" in " ".join(store.pop_notices())
    view = progress_backup(store)
    assert not view.restore_bytes(b" " * (MAX_BYTES + 1), "big.json")
    assert "16,000,001 bytes, more than the 16,000,000 bytes" in view.restore_out.value


def test_attempts_per_question_are_limited_with_a_clear_message(tmp_path):
    store = ProgressStore(tmp_path)
    store.replace(doc(*[attempt("L/q1")] * MAX_PER_QUESTION))
    store.record("L", "L/q1", ["b"], False)
    store.record("L", "L/q2", ["b"], False)
    assert f"keeps at most {MAX_PER_QUESTION} answers" in " ".join(store.pop_notices())
    assert questions(store).count("L/q1") == MAX_PER_QUESTION and questions(store)[-1] == "L/q2"
    with pytest.raises(ProgressFormatError, match=f"more than {MAX_PER_QUESTION} attempts"):
        store.replace(doc(*[attempt("L/q1")] * (MAX_PER_QUESTION + 1)))


def test_own_download_is_always_restorable_even_at_the_size_limit(tmp_path, monkeypatch):
    limit = 6000  # a small limit, reached in a few answers
    monkeypatch.setattr(progress_module, "MAX_BYTES", limit)
    monkeypatch.setattr(recovery, "MAX_BYTES", limit)
    monkeypatch.setattr(progress_doc, "MAX_BYTES", limit)
    store = ProgressStore(tmp_path / "a")
    for i in range(60):
        store.record("L", f"L/q{i}", ["x" * 60], True, hash="ab")
    assert "the most these lessons keep" in " ".join(store.pop_notices())
    content = encode_progress(store.load())
    assert len(content) <= limit
    other = ProgressStore(tmp_path / "b")
    other.replace(read_progress_upload(content))
    assert other.load()["attempts"] == store.load()["attempts"]


# -- restore into a read-only folder ----------------------------------------------------------------------
def test_restore_into_read_only_folder_never_claims_success(tmp_path):
    good = encode_progress(doc(*[attempt(f"L/q{i}") for i in range(5)]))
    with small_fs(tmp_path / "m") as d:
        store = ProgressStore(d)
        store.record("L", "L/q0", ["a"], True)
        view = progress_backup(store)
        remount(d, read_only=True)
        assert view.restore_bytes(good, "mine.json")
        view.confirm_button.click()
        assert "cannot be restored" in view.restore_out.value and "Restored" not in view.restore_out.value
        assert "Nothing was changed" in view.restore_out.value
        assert questions(ProgressStore(d)) == ["L/q0"]
        remount(d, read_only=False)


def test_answers_written_after_the_last_read_still_show_while_the_file_is_locked(tmp_path):
    """A read that fails (another notebook holds the file) shows the last read plus what was written since,
    whichever way the last read was made (the whole document or per-question statuses)."""
    import sqlite3

    store = ProgressStore(tmp_path, busy_timeout=0.1)
    store.load()  # e.g. a view read the whole document
    store.question_status(["01-physiology/q2"])  # and another read per question
    store.record("01-physiology", "01-physiology/q1", ["a"], True)  # written: the file is free
    store.record("01-physiology", "01-physiology/q2", ["b"], False)
    other = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store.record("01-physiology", "01-physiology/q3", ["c"], True)  # kept in memory
        status = store.question_status(["01-physiology/q1", "01-physiology/q2", "01-physiology/q3"])
        assert sorted(status) == ["01-physiology/q1", "01-physiology/q2", "01-physiology/q3"]
        assert [a["question"] for a in store.load()["attempts"]] == [
            "01-physiology/q1",
            "01-physiology/q2",
            "01-physiology/q3",
        ]
    finally:
        other.execute("COMMIT")
        other.close()
