"""The progress store: atomic, locked, corrupt-safe, works without a writable folder, survives a new process."""

import json
import multiprocessing as mp
import subprocess
import sys
import textwrap

import pytest

from widgets.progress import ENV_DIR, FORMAT, VERSION, ProgressFormatError, ProgressStore, check_progress, data_dir


def test_new_store_creates_versioned_file(tmp_path):
    store = ProgressStore(tmp_path)
    data = store.load()
    on_disk = json.loads((tmp_path / "progress.json").read_text())
    assert on_disk == data
    assert data["format"] == FORMAT and data["version"] == VERSION and data["attempts"] == []
    assert data["learner"].startswith("learner-")


def test_record_keeps_ids_and_no_question_text(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("01-physiology", "01-physiology/q1", ["b"], False)
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    data = json.loads((tmp_path / "progress.json").read_text())
    assert [(a["question"], a["chosen"], a["correct"]) for a in data["attempts"]] == [
        ("01-physiology/q1", ["b"], False), ("01-physiology/q1", ["a"], True)]
    assert all(set(a) == {"question", "lesson", "chosen", "correct", "time"} for a in data["attempts"])


def test_no_temp_files_left_behind(tmp_path):
    store = ProgressStore(tmp_path)
    for i in range(5):
        store.record("L", f"L/q{i}", ["a"], True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]


@pytest.mark.parametrize("content, reason", [
    ("{not json", "Expecting property name"),
    ('{"some": "other app"}', "not a progress file"),
    ('[1, 2, 3]', "not a progress file"),
    (json.dumps({"format": FORMAT, "version": 99, "learner": "x", "attempts": []}), "unknown progress file version"),
    (json.dumps({"format": FORMAT, "version": 1, "learner": "x", "attempts": [{"question": 1}]}), "attempt 1"),
])
def test_corrupt_or_foreign_file_is_moved_aside_and_told_once(tmp_path, content, reason):
    (tmp_path / "progress.json").write_text(content)
    store = ProgressStore(tmp_path)
    data = store.load()
    assert data["attempts"] == []
    backups = list(tmp_path.glob("progress.corrupt-*.json"))
    assert len(backups) == 1 and backups[0].read_text() == content  # nothing silently lost
    notices = store.pop_notices()
    assert len(notices) == 1 and reason in notices[0] and backups[0].name in notices[0]
    store.load()
    assert store.pop_notices() == []  # told once


def test_unwritable_folder_keeps_working_in_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")   # a folder that can't exist (works as root too)
    store = ProgressStore(blocker / "progress")
    store.record("L", "L/q1", ["a"], True)
    assert store.load()["attempts"][0]["question"] == "L/q1"
    notices = store.pop_notices()
    assert len(notices) == 1 and "cannot be saved" in notices[0]


def test_reset_keeps_a_backup(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True)
    learner = store.load()["learner"]
    store.reset()
    assert store.load()["attempts"] == [] and store.load()["learner"] == learner
    backups = list(tmp_path.glob("progress.reset-*.json"))
    assert len(backups) == 1 and "L/q1" in backups[0].read_text()


def test_replace_validates_first(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("L", "L/q1", ["a"], True)
    with pytest.raises(ProgressFormatError):
        store.replace({"format": "other"})
    assert len(store.load()["attempts"]) == 1


def test_check_progress_accepts_current_version():
    doc = {"format": FORMAT, "version": VERSION, "learner": "x", "attempts": []}
    assert check_progress(doc) is doc


def test_env_var_sets_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "p"))
    assert data_dir() == tmp_path / "p"
    monkeypatch.delenv(ENV_DIR)
    assert "foot-twitch-lessons" in str(data_dir())


def _writer(directory, worker, n):
    store = ProgressStore(directory)
    for i in range(n):
        store.record("L", f"L/w{worker}-{i}", ["a"], i % 2 == 0)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    n = 150
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, n)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    attempts = ProgressStore(tmp_path).load()["attempts"]
    assert len(attempts) == 2 * n
    assert {a["question"] for a in attempts} == {f"L/w{w}-{i}" for w in range(2) for i in range(n)}


def test_fresh_process_reads_back_and_shows_saved_state(tmp_path):
    from widgets import quiz
    store = ProgressStore(tmp_path)
    q = quiz("01-physiology", store)
    q.cards[0].choose("b"); q.cards[0].check()       # wrong first
    q.cards[0].choose("a"); q.cards[0].check()       # then right
    q.cards[1].choose(False); q.cards[1].check()     # right first
    code = textwrap.dedent("""
        from widgets import quiz
        q = quiz("01-physiology")
        print(q.score.value)
        print(q.cards[0].input.value)
        print(q.cards[0].feedback.value)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, ENV_DIR: str(tmp_path)}).stdout
    score, chosen, feedback = out.split("\n", 2)
    from widgets.load import load_bank
    n = len(load_bank("01-physiology").recap())           # the recap quiz leaves section checks out
    assert f"Score: 1 of {n} right on the first try" in score and f"answered 2/{n}" in score and "now correct 2" in score
    assert chosen == "a"
    assert "Saved from before: 2 attempt(s); first try wrong." in feedback
