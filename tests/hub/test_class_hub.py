"""A class on a real JupyterHub: arrive by the nbgitpuller link, keep answers through a lesson update,
hand in to the drop box, and the teacher reads every hand-in (2 learners and a teacher as Unix users)."""

from __future__ import annotations

import json
import pwd
from pathlib import Path

# What a learner's kernel runs; kept here so the progress store's API is named in one place. Each try is the
# message the quiz page sends (tests/quiz_driver.py), through the kernel's own path.
ANSWER_QUIZ = """
import uuid
from widgets.views.quiz import quiz
q = quiz("01-physiology")
n = 0
for card in q.cards:
    if hasattr(card.question, "answer"):
        a = card.question.answer
        msg = {"kind": "attempt", "attempt_id": uuid.uuid4().hex, "question": card.full_id, "hash": card.hash,
               "answer": str(a).lower() if isinstance(a, bool) else a, "show": False, "wrong_before": 0}
        assert q.handle_attempt(msg)["outcome"] in ("saved", "duplicate")
        n += 1
print(n)
"""
SAVED = """
import json, os
from widgets.store.progress import data_dir, default_store
d = data_dir()
files = [os.path.join(p, f) for p, _, fs in os.walk(d) for f in fs]
print(json.dumps({"uid": os.getuid(), "dir": str(d), "files": files,
                  "attempts": [[a["question"], a["chosen"]] for a in default_store().load()["attempts"]]}))
"""
HAND_IN = """
from widgets.classroom.handin import hand_in
from widgets.store.progress import default_store
r = hand_in(default_store().load(), {name!r})
print(r.ok, r.path, r.message, sep="\\n")
"""
TEACHER_READS = """
import json
from widgets.classroom.handin import read_handins
docs, refused = read_handins()
print(json.dumps({"handins": [[u, d["name"], d["learner"]] for u, d in docs],
                  "refused": [[str(r.path), r.reason] for r in refused]}))
"""

# The teacher's class view: the roll-up of the drop box (the hook in views/class_results.py calls the same two).
TEACHER_ROLLUP = """
import json
from widgets.classroom.handin import dropbox_files
from widgets.content.load import all_banks, load_review
from widgets.classroom.rollup import rollup
files, skipped = dropbox_files()
r = rollup(files, all_banks(), load_review().questions, skipped)
from widgets.views.dropbox import handins_overview
v = handins_overview()
print(json.dumps({"learners": sorted(r.learners), "table": v.table.value, "summary": v.summary.value,
                  "started": {c.lesson: c.started for c in r.lessons}}))
"""


def _saved(person) -> dict:
    return json.loads(person.run(SAVED))


def _home(person) -> Path:
    return Path(pwd.getpwnam(person.name).pw_dir)


def test_the_link_brings_the_lessons_into_each_home_and_servers_run_as_their_users(arrived):
    for person in arrived.learners:
        assert person.counts["clicked launch"] == 0, person.counts  # one link: login, start, pull
        entry = pwd.getpwnam(person.name)
        lesson = _home(person) / "lessons" / "lessons" / "00_start_here.ipynb"
        assert lesson.is_file(), f"{lesson} missing after the link"
        assert lesson.stat().st_uid == entry.pw_uid
        saved = _saved(person)
        assert saved["uid"] == entry.pw_uid != 0  # the kernel (and its server) run as the learner
        assert saved["dir"].startswith(entry.pw_dir + "/")


def test_a_pushed_change_arrives_on_the_next_click_and_answers_stay(arrived):
    ann = arrived.learners[0]
    assert int(ann.run(ANSWER_QUIZ)) >= 1
    before = _saved(ann)["attempts"]
    assert before
    note = "Teacher's note: we start with the quiz today."
    arrived.repo.add_note("01_what_is_a_twitch.ipynb", note)
    ann.pull(arrived.link)
    lesson = (_home(ann) / "lessons" / "lessons" / "01_what_is_a_twitch.ipynb").read_text(encoding="utf-8")
    assert note in lesson
    assert _saved(ann)["attempts"] == before


def test_progress_lives_in_its_own_home_only_and_the_other_learner_cannot_read_it(arrived):
    ann, ben = arrived.learners
    ann.run(ANSWER_QUIZ)
    saved = _saved(ann)
    assert saved["files"], "no progress file written"
    for path in [saved["dir"], *saved["files"]]:
        assert path.startswith(str(_home(ann)) + "/")
        probe = ben.shell(
            f"import os\ntry:\n    open({path!r}, 'rb').read() if os.path.isfile({path!r}) "
            f"else os.listdir({path!r})\nexcept PermissionError:\n    print('denied')"
        )
        assert probe.stdout.strip() == "denied", (path, probe.stdout, probe.stderr)
    assert _saved(ben)["attempts"] == []  # Ben's own store: he has answered nothing


def test_hand_ins_arrive_and_the_teacher_reads_both_by_owner(arrived):
    ann, ben = arrived.learners
    ann.run(ANSWER_QUIZ)
    for person, name in ((ann, "Ann"), (ben, "Ben")):
        ok, path, message = person.run(HAND_IN.format(name=name)).splitlines()
        assert ok == "True", message
        assert Path(path).parent == arrived.dropbox / person.name
    seen = json.loads(arrived.teacher.run(TEACHER_READS))
    assert sorted((u, n) for u, n, _ in seen["handins"]) == [(ann.name, "Ann"), (ben.name, "Ben")]
    view = json.loads(arrived.teacher.run(TEACHER_ROLLUP))
    assert view["learners"] == ["Ann", "Ben"] and view["started"]["01-physiology"] == 1  # only Ann answered
    assert "2 hand-ins" in view["summary"] and ann.name in view["table"] and ben.name in view["table"]
    # handing in again replaces: still one file per learner
    ann.run(HAND_IN.format(name="Ann B."))
    seen = json.loads(arrived.teacher.run(TEACHER_READS))
    assert sorted((u, n) for u, n, _ in seen["handins"]) == [(ann.name, "Ann B."), (ben.name, "Ben")]
    assert len(list((arrived.dropbox / ann.name).iterdir())) == 1


def test_a_learner_cannot_list_read_or_replace_a_classmates_hand_in(arrived):
    ann, ben = arrived.learners
    ok, ann_file, message = ann.run(HAND_IN.format(name="Ann")).splitlines()
    assert ok == "True", message
    before = Path(ann_file).read_bytes()
    ann_doc = json.loads(before)
    box = arrived.dropbox
    probe = ben.run(f"""
import os
out = []
for what, act in [("list box", lambda: os.listdir({str(box)!r})),
                  ("list ann", lambda: os.listdir({str(box / ann.name)!r})),
                  ("read ann", lambda: open({ann_file!r}, "rb").read()),
                  ("replace ann", lambda: open({ann_file!r}, "wb").write(b"{{}}")),
                  ("add to ann", lambda: open({str(box / ann.name / "x.json")!r}, "wb").write(b"{{}}")),
                  ("new folder", lambda: os.mkdir({str(box / (ann.name + "x"))!r}))]:
    try:
        act()
        out.append(what + ": allowed")
    except PermissionError:
        out.append(what + ": denied")
print("\\n".join(out))
""")
    assert all(line.endswith("denied") for line in probe.splitlines()), probe
    # Ben writes, in his own folder, a file named after Ann with Ann's name and code inside
    fake = dict(ann_doc, name="Ann", learner=ann_doc["learner"])
    ben.run(f"open({str(box / ben.name / Path(ann_file).name)!r}, 'w').write({json.dumps(json.dumps(fake))})")
    seen = json.loads(arrived.teacher.run(TEACHER_READS))
    owners = {u: (n, code) for u, n, code in seen["handins"]}
    assert owners[ann.name] == ("Ann", ann_doc["learner"])  # Ann's hand-in is still Ann's
    assert set(owners) == {ann.name, ben.name}  # the fake counts as Ben's, not as Ann's
    assert Path(ann_file).read_bytes() == before
