"""Issue 24, the drop box and the teacher's views: a stray file, a hostile hub user name, a refresh during a
re-hand-in and names that hold control characters. Real folders, a real second process writing, the real views."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from widgets.classroom import handin
from widgets.classroom.export import encode
from widgets.classroom.rollup import rollup_folder
from widgets.store.progress import ProgressStore
from widgets.views.class_results import ClassResults, class_results
from widgets.views.dropbox import HandinsOverview

ME = pwd.getpwuid(os.getuid()).pw_name


def _progress(tmp_path: Path) -> dict:
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    return store.load()


def _folder_env(box: Path, user: str) -> dict[str, str]:
    """A Zero to JupyterHub learner: one shared uid, the folder named after the hub user."""
    return {handin.ENV: str(box), handin.ENV_OWNERS: "folder", "JUPYTERHUB_USER": user}


def _stamp(path: Path, seconds: float = 60) -> None:
    """Set the file's modification time `seconds` from now."""
    when = time.time() + seconds
    os.utime(path, (when, when))


def _everything(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def test_a_stray_newer_file_in_a_learners_folder_no_longer_hides_their_hand_in(tmp_path, monkeypatch):
    """Item 5: the newest plain file of any name was taken, so `notes.txt` saved after the hand-in gave 0 hand-ins
    and the learner was missing from the roll-up. Only results files count, and the newest one that reads."""
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    first = handin.hand_in(_progress(tmp_path), "Ann", environ={handin.ENV: str(box)})
    assert first.ok, first.message
    (box / ME / "notes.txt").write_text("my notes")
    _stamp(box / ME / "notes.txt")
    docs, refused = handin.read_handins(box, by="uid")
    assert [(user, doc["name"]) for user, doc in docs] == [(ME, "Ann")]
    assert [(r.path, r.reason.split(": ")[-1]) for r in refused] == [(box / ME, "notes.txt")]  # listed, not counted
    broken = box / ME / "class-results-zz-broken.json"  # a newer results file that does not read
    broken.write_text('{"format": "foot-twitch-lessons/class-res')
    _stamp(broken, 120)
    docs, refused = handin.read_handins(box, by="uid")
    assert [(user, doc["name"]) for user, doc in docs] == [(ME, "Ann")]
    assert {r.path.name for r in refused} == {ME, broken.name}
    view = HandinsOverview(box, by="uid")
    assert "1 hand-in " in view.summary.value and "Ann" in view.table.value and "notes.txt" in view.problems.value
    monkeypatch.delenv(handin.ENV_OWNERS, raising=False)
    result = ClassResults(dropbox=box).read()  # the roll-up of the drop box
    assert result is not None and result.learners == ["Ann"]


def test_a_folder_full_of_stray_files_is_one_line_for_the_teacher_and_the_learner_still_counts(tmp_path):
    """Counting only results files must not flood the teacher's list or read without end: 1,000 other files make
    one line, a dozen older results files one more, and the learner's hand-in still counts."""
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    done = handin.hand_in(_progress(tmp_path), "Ann", environ={handin.ENV: str(box)})
    assert done.ok, done.message
    for n in range(1000):
        (box / ME / f"photo-{n:04}.png").write_bytes(b"")
    view = HandinsOverview(box, by="uid")
    assert "1 hand-in " in view.summary.value and view.problems.value.count("<li>") == 1
    assert "photo-0000.png, photo-0001.png, photo-0002.png and 997 more" in view.problems.value
    for n in range(handin.MAX_READS + 2):  # older broken results files: only the newest MAX_READS are looked at
        (box / ME / f"{handin.PREFIX}broken-{n:02}.json").write_text("{")
        _stamp(box / ME / f"{handin.PREFIX}broken-{n:02}.json", -60 - n)
    docs, refused = handin.read_handins(box, by="uid")
    assert [(user, doc["name"]) for user, doc in docs] == [(ME, "Ann")]
    assert [r.reason.split(" (")[0] for r in refused] == ["other files, not counted", "3 older results files, not read"]


def test_a_hub_user_name_that_leaves_the_drop_box_is_refused_and_nothing_is_written_outside(tmp_path):
    """Item 10: JUPYTERHUB_USER='../victim' in folder mode wrote the results file outside the drop box and told
    the learner "your teacher can see your results now". Only "/", "\\", NUL, "." and ".." are refused, with
    one message; every other name JupyterHub allows hands in."""
    box = tmp_path / "box"
    for folder in ("victim", "box/a/b", "box/a\\b"):  # where each bad name below would lead
        (tmp_path / folder).mkdir(parents=True)
    progress = _progress(tmp_path / "p")
    before = _everything(tmp_path)
    messages = set()
    for name in ("../victim", "..", ".", "a/b", "a\\b", "a\0b", "../../victim"):
        result = handin.hand_in(progress, "Ann", environ=_folder_env(box, name))
        assert not result.ok and result.path is None, name
        assert "user name" in result.message and "Make my results file" in result.message, name
        messages.add(result.message)
    assert len(messages) == 1  # one clear message
    assert _everything(tmp_path) == before and not list(tmp_path.parent.glob("class-results-*"))
    allowed = ("a.b@school.org", "zoë", "李雷", "ana maría", "...", "x-y_z+1")
    for name in allowed:
        (box / name).mkdir()
        result = handin.hand_in(progress, name, environ=_folder_env(box, name))
        assert result.ok and result.path is not None and result.path.parent == box / name, (name, result.message)
    docs, _ = handin.read_handins(box, by="folder")
    assert sorted(user for user, _ in docs) == sorted(allowed)  # and nothing in "a\\b" or "a/b"


REFRESHES = 400  # on e38ae39, 2 to 9 % of refreshes failed
WRITER = r"""
import os, sys, time
folder, a, b, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
data = open(os.path.join(folder, a), "rb").read()
print("ready", flush=True)
n, end = 0, time.monotonic() + seconds
while time.monotonic() < end:  # what hand_in does, as fast as it can: a new name each time, the old one removed
    new, old = (a, b) if n % 2 else (b, a)
    tmp = os.path.join(folder, ".hand-in-%d.tmp" % os.getpid())
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    os.write(fd, data)
    os.fsync(fd)
    os.close(fd)
    os.replace(tmp, os.path.join(folder, new))
    try:
        os.unlink(os.path.join(folder, old))
    except FileNotFoundError:
        pass
    n += 1
print(n, flush=True)
"""


def test_a_teachers_refresh_while_learners_hand_in_again_never_fails_or_drops_one(tmp_path):
    """Item 18: an unguarded os.lstat made the whole teacher's view an error (31 of ~2,000 refreshes), and a file
    replaced between listing and reading dropped the learner. Two learners hand in again and again (a second
    process renames and replaces their files) while the teacher refreshes: every refresh shows all three."""
    box = tmp_path / "box"
    writers = []
    for user in ("ann", "bo", "cy"):
        (box / user).mkdir(parents=True)
        done = handin.hand_in(_progress(tmp_path / user), user.title(), environ=_folder_env(box, user))
        assert done.ok, done.message
        if user != "cy":
            other = done.path.name.replace(handin.PREFIX, handin.PREFIX + "again-")
            writers.append(
                subprocess.Popen(
                    [sys.executable, "-c", WRITER, str(box / user), done.path.name, other, "30"],
                    stdout=subprocess.PIPE,
                    text=True,
                )
            )
    view = HandinsOverview(box, by="folder")
    failed = []
    try:
        for w in writers:
            assert w.stdout.readline().strip() == "ready"
        for n in range(REFRESHES):
            view.refresh()
            if "3 hand-ins" not in view.summary.value or view.problems.value:
                failed.append((n, view.summary.value, view.problems.value))
    finally:
        for w in writers:
            w.kill()
            w.wait()
    assert failed == [], f"{len(failed)} of {REFRESHES} refreshes failed; the first: {failed[0]}"
    assert [user for user, _ in view.docs] == ["ann", "bo", "cy"]


RLO, LRI, ZWSP, BELL = "\u202e", "\u2066", "\u200b", "\x07"
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def _raw(html: str) -> set[str]:
    """Control, bidi and other invisible characters in `html` (the two joiners some scripts need are allowed)."""
    return {c for c in html if unicodedata.category(c) in HIDDEN and c not in "\u200c\u200d"}


def test_control_and_right_to_left_characters_in_names_are_shown_escaped_in_every_teacher_view(tmp_path, monkeypatch):
    """Item 20: a right-to-left override or a control character in a learner's name, hub user name or file name
    reached the teacher's drop box list, class results and roll-up raw (it turns the text around it)."""
    box = tmp_path / "box"
    hub_user = f"ann{BELL}{RLO}gpj.exe"
    (box / hub_user).mkdir(parents=True)
    typed = f"Ann{RLO} Bo{LRI}{ZWSP}"
    done = handin.hand_in(_progress(tmp_path), typed, environ=_folder_env(box, hub_user))
    assert done.ok, done.message
    stray = box / hub_user / f"notes{RLO}txt.json"  # not a results file: listed by its name
    stray.write_text("{}")
    _stamp(stray, -60)
    overview = HandinsOverview(box, by="folder")
    shown = overview.summary.value + overview.table.value + overview.problems.value
    assert _raw(shown) == set(), _raw(shown)
    assert "\\u202e" in overview.table.value and "\\x07" in overview.table.value and "notes\\u202etxt" in shown

    # the class results of a folder of files: names, file names, a broken file and two files of one learner
    folder = tmp_path / "class"
    folder.mkdir()
    doc = json.loads(done.path.read_bytes())
    (folder / f"class-results-{RLO}a.json").write_bytes(encode(doc))
    (folder / f"class-results-{RLO}b.json").write_bytes(encode(dict(doc, exported="2026-01-01T09:00:00+00:00")))
    (folder / f"broken{BELL}{RLO}.json").write_text("{")
    view = class_results(folder)
    assert view.result is not None and len(view.result.duplicates) == 1
    html = view.status.value + view.skipped.value + view.checks.value + view.completion.value
    html += "".join(pair.children[0].value for pair in view.duplicates.children)
    labels = "".join(label for picker in view.pickers.values() for label, _ in picker.options)
    assert "\\u202e" in html and "\\u202e" in labels
    assert _raw(html) == set() and _raw(labels) == set(), (_raw(html), _raw(labels))

    # the class results of the drop box (the hub user's folder is in every file name shown)
    monkeypatch.setenv(handin.ENV_OWNERS, "folder")
    hub = ClassResults(dropbox=box)
    hub.read()
    html = hub.status.value + hub.skipped.value + hub.checks.value
    assert "gpj.exe" in hub.skipped.value and _raw(html) == set(), _raw(html)


def test_an_exact_copy_of_a_results_file_no_longer_keeps_its_learner_out_of_the_roll_up(tmp_path):
    """One stray file: a results file saved twice (``… (1).json``) made its learner a "duplicate" that counted
    only once the teacher picked one of two identical files. An exact copy is read once and listed."""
    content = encode(handin.results_document(_progress(tmp_path), "Ann"))
    folder = tmp_path / "collected"
    folder.mkdir()
    (folder / "class-results-ann.json").write_bytes(content)
    (folder / "class-results-ann (1).json").write_bytes(content)
    result = rollup_folder(folder)
    assert result.learners == ["Ann"] and result.duplicates == []
    [copy] = result.skipped
    kept = ({"class-results-ann.json", "class-results-ann (1).json"} - {copy.file}).pop()
    assert copy.reason == f"It is an exact copy of {kept}; only that one is read."
