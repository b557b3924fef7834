"""The site's progress store (static/site_store.js) in real node, over a browser storage of its own: tries graded by
the quiz page's own `grade` are kept per site and learner code, and the documents the page makes from them are the
kernel's. The same tries go through the kernel's path (``Quiz.handle_attempt`` into a real ProgressStore): the
page's download holds the same answers, byte for byte as Python writes them, valid against the JSON Schema
generated from the pydantic models; its results file is the one `build_export` makes, and the teacher's roll-up
counts it with no flag. Also: a changed question (another hash) is kept but not shown as an answer, the per-question
limit, a browser that refuses to keep anything, and `navigator.storage.persist()` asked once, never on file://.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.page.test_quiz_parity import NODE
from tools.site import progress_data
from widgets.classroom.export import build_export, check_export, encode, export_filename
from widgets.classroom.rollup import rollup_folder
from widgets.content.load import all_banks, load_review
from widgets.store.progress import ProgressStore
from widgets.store.progress_doc import SCHEMA_FILE, encode_progress, read_progress_upload
from widgets.views.backup import progress_download_name
from widgets.views.palette import STATIC
from widgets.views.quiz import quiz

NOW = "2026-12-08T01:00:00+00:00"
SITE = "file:///media/usb/site/01_what_is_a_twitch.html"

# Reads {questions, lesson, tries: [[question index, answer, reveal, attempt id]], name, course, storage} on stdin;
# keeps every try through SiteStore as the quiz page does on the site, and writes what the page would make.
RUNNER = """
const S = await import(process.argv[1]);
const Q = await import(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
class Storage {  // localStorage: a quota in characters, or refusing every write ("blocked")
  constructor(mode, quota) { this.map = new Map(); this.mode = mode; this.quota = quota; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    if (this.mode === "blocked") throw new Error("SecurityError");
    const used = [...this.map].reduce((n, [a, b]) => n + (a === k ? 0 : a.length + b.length), 0);
    if (used + k.length + v.length > this.quota) throw new Error("QuotaExceededError");
    this.map.set(k, String(v));
  }
  removeItem(k) { this.map.delete(k); }
}
const storage = new Storage(input.storage || "ok", input.quota || 5_000_000);
const store = new S.SiteStore(storage, input.href);
const kept = [];
for (const [i, answer, reveal, id] of input.tries) {
  const q = input.questions[i];
  const res = reveal ? null : Q.grade(q, answer);
  const a = S.siteAttempt(q, input.lesson, res, id, reveal, store.load().attempts, input.now);
  kept.push(a === null ? "nothing" : store.record(a));
}
const doc = store.load();
const other = new S.SiteStore(storage, input.other_href);
const results = S.buildExport(doc, input.course, input.name, input.now);
process.stdout.write(JSON.stringify({
  kept, doc, keys: [...storage.map.keys()], other_learner: other.load().learner, other_attempts: other.load().attempts,
  progress_text: S.progressText(doc), progress_name: S.progressFileName(input.name),
  results, results_text: S.exportText(results), results_name: S.exportFileName(results),
  status: input.questions.map((q) => S.pageStatus(q, doc.attempts)),
  scores: S.lessonScores(input.course, doc.attempts),
}));
"""


def run_site(questions: list[dict[str, Any]], lesson: str, tries: list[list[Any]], **more: Any) -> dict[str, Any]:
    payload = {
        "questions": questions,
        "lesson": lesson,
        "tries": tries,
        "name": "Zoë B.",
        "now": NOW,
        "course": progress_data(),
        "href": SITE,
        "other_href": "file:///home/ann/other-site/index.html",
    }
    payload.update(more)
    done = subprocess.run(
        [
            NODE,
            "--no-warnings",
            "--input-type=commonjs",
            "-e",
            f"(async () => {{ {RUNNER} }})()",
            str(STATIC / "site_store.js"),
            str(STATIC / "quiz.js"),
        ],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def tries_for(q) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """A lesson's page questions and some tries: the first wrong then right, the second right, the answer shown for
    the third (nothing tried before), an ordering or numeric answer where the bank has one."""
    page = json.loads(json.dumps(q.page.questions))
    tries: list[list[Any]] = []
    for i, pq in enumerate(page):
        right = pq["right"]
        if pq["type"] == "single":
            wrong = next(o["id"] for o in pq["options"] if o["id"] != right)
            answers = [wrong, right] if i == 0 else [right]
        elif pq["type"] == "truefalse":
            answers = [str(not right).lower(), str(right).lower()]
        elif pq["type"] == "numeric":
            answers = [str(right + 10), str(right)]
        else:  # multiple, ordering: lists
            answers = [list(reversed(right)), list(right)]
        if i == 2:
            tries.append([i, None, True, f"page-try-{i}-shown"])
            continue
        tries += [[i, a, False, f"page-try-{i}-{n}"] for n, a in enumerate(answers)]
    return page, tries


def kernel_doc(tmp_path: Path, lesson: str, tries: list[list[Any]]) -> dict[str, Any]:
    """The same tries through the kernel's path: Quiz.handle_attempt into a real progress store."""
    store = ProgressStore(tmp_path / "kernel")
    k = quiz(lesson, store)
    for i, answer, reveal, aid in tries:
        c = k.cards[i]
        reply = k.handle_attempt(
            {
                "kind": "attempt",
                "attempt_id": aid,
                "question": c.full_id,
                "hash": c.hash,
                "answer": answer,
                "show": reveal,
                "wrong_before": 0,
            }
        )
        assert reply["outcome"] == "saved", reply
    return store.load()


@pytest.fixture(scope="module")
def lesson_quiz(tmp_path_factory):
    return quiz("01-physiology", ProgressStore(tmp_path_factory.mktemp("page")))


def test_the_sites_download_holds_what_the_kernel_would_have_saved_byte_for_byte_as_python_writes_it(
    tmp_path, lesson_quiz
):
    page, tries = tries_for(lesson_quiz)
    out = run_site(page, "01-physiology", tries)
    assert all(k == {"ok": True} for k in out["kept"]), out["kept"]
    doc = out["doc"]
    kernel = kernel_doc(tmp_path, "01-physiology", tries)
    assert len(doc["attempts"]) == len(kernel["attempts"]) > 5
    timeless = lambda atts: [{k: v for k, v in a.items() if k != "time"} for a in atts]  # noqa: E731
    assert timeless(doc["attempts"]) == timeless(kernel["attempts"])  # the same answers, ids, hashes, verdicts
    assert out["progress_text"].encode() == encode_progress(doc)  # the kernel's bytes for that document
    jsonschema.validate(json.loads(out["progress_text"]), json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert read_progress_upload(out["progress_text"].encode()) == doc  # and a restore reads it back
    assert out["progress_name"] == progress_download_name("Zoë B.") == "foot-twitch-progress-zoe-b.json"


def test_the_sites_results_file_is_build_exports_and_the_class_roll_up_counts_it_unflagged(tmp_path, lesson_quiz):
    page, tries = tries_for(lesson_quiz)
    out = run_site(page, "01-physiology", tries)
    expected = build_export(out["doc"], all_banks(), "Zoë B.", now=NOW, review=load_review().questions)
    assert out["results"] == check_export(out["results"]) == expected
    assert out["results_text"].encode() == encode(expected)
    assert out["results_name"] == export_filename(expected)
    folder = tmp_path / "handed-in"
    folder.mkdir()
    (folder / out["results_name"]).write_bytes(out["results_text"].encode())
    rolled = rollup_folder(folder)
    assert rolled.learners == ["Zoë B."] and not rolled.skipped and not rolled.flagged
    physiology = next(row for row in rolled.lessons if row.lesson == "01-physiology")
    assert physiology.started == 1, physiology


def test_answers_are_kept_per_site_and_learner_code(lesson_quiz):
    page, tries = tries_for(lesson_quiz)
    out = run_site(page, "01-physiology", tries[:2])
    learner = out["doc"]["learner"]
    assert learner.startswith("learner-") and len(learner) == 24
    folder = "file:///media/usb/site/"
    assert sorted(out["keys"]) == [
        f"foot-twitch-lessons:site:{folder}learner",
        f"foot-twitch-lessons:site:{folder}progress:{learner}",
    ]
    assert out["other_attempts"] == [] and out["other_learner"] != learner  # another site: its own code, nothing


def test_a_changed_question_keeps_its_answers_but_does_not_show_them_as_answers(tmp_path, lesson_quiz):
    """A rebuilt site with question 1 reworded (another hash): its answers stay in the browser (and the download),
    the quiz shows them as answers to an older version, as the kernel's page_status does; the rest as before."""
    from widgets.engine.quiz_page import page_status

    page, tries = tries_for(lesson_quiz)
    first = run_site(page, "01-physiology", tries)
    changed = json.loads(json.dumps(page))
    changed[0]["hash"] = "ffffffffffffffff"
    status = run_site_with(changed, first)["status"]
    assert status[0]["stale"] is True and status[0]["answer"] is None and status[0]["attempts"] == 2
    store = ProgressStore(tmp_path / "k")
    store.replace(first["doc"])
    saved = store.question_status(lesson_quiz.ids)
    kernel = [
        page_status(c.question, saved.get(c.full_id), q["hash"])
        for c, q in zip(lesson_quiz.cards, changed, strict=True)
    ]
    assert status == kernel


STATUS = """
const S = await import(process.argv[1]);
const i = JSON.parse(require("fs").readFileSync(0));
process.stdout.write(JSON.stringify({ status: i.q.map((q) => S.pageStatus(q, i.a)) }));
"""


def run_site_with(questions: list[dict[str, Any]], earlier: dict[str, Any]) -> dict[str, Any]:
    """pageStatus of `questions` over the attempts an earlier run kept."""
    done = subprocess.run(
        [
            NODE,
            "--no-warnings",
            "--input-type=commonjs",
            "-e",
            f"(async () => {{ {STATUS} }})()",
            str(STATIC / "site_store.js"),
        ],
        input=json.dumps({"q": questions, "a": earlier["doc"]["attempts"]}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_progress_table_counts_as_the_kernels_table(tmp_path, lesson_quiz):
    from widgets.views.progress import lesson_scores

    page, tries = tries_for(lesson_quiz)
    out = run_site(page, "01-physiology", tries)
    store = ProgressStore(tmp_path / "k")
    store.replace(out["doc"])
    assert out["scores"] == [
        {
            "lesson": s.lesson,
            "total": s.total,
            "answered": s.answered,
            "first_try": s.first_try,
            "now_correct": s.now_correct,
        }
        for s in lesson_scores(store)
    ]


def test_a_browser_that_keeps_nothing_or_is_full_is_never_said_to_have_kept_it(lesson_quiz):
    page, tries = tries_for(lesson_quiz)
    blocked = run_site(page, "01-physiology", tries[:2], storage="blocked")
    assert blocked["kept"] == [{"ok": False, "why": "storage"}] * 2 and blocked["doc"]["attempts"] == []
    full = run_site(page, "01-physiology", tries, quota=1200)
    assert {"ok": True} in full["kept"] and {"ok": False, "why": "storage"} in full["kept"]
    assert len(full["doc"]["attempts"]) == full["kept"].count({"ok": True})  # what it said it kept, no more


def test_a_question_keeps_at_most_200_answers_as_in_the_kernel_store(lesson_quiz):
    page, _ = tries_for(lesson_quiz)
    right = page[1]["right"]
    tries = [[1, right, False, f"page-try-many-{n:04d}"] for n in range(201)]
    out = run_site(page, "01-physiology", tries)
    assert out["kept"][:200] == [{"ok": True}] * 200 and out["kept"][200] == {"ok": False, "why": "question_full"}


PERSIST = """
const S = await import(process.argv[1]);
const storage = { m: new Map(), getItem(k) { return this.m.has(k) ? this.m.get(k) : null; },
  setItem(k, v) { this.m.set(k, v); }, removeItem(k) { this.m.delete(k); } };
const calls = [];
const nav = { storage: { persist: () => { calls.push("persist"); return Promise.resolve(true); } } };
const store = new S.SiteStore(storage, "http://127.0.0.1:9200/index.html");
const first = store.askPersist(nav), second = store.askPersist(nav);
const other = new S.SiteStore(storage, "http://127.0.0.1:9200/other/index.html");
const absent = other.askPersist({}), throwing = other.askPersist({ storage: { persist() { throw new Error("no"); } } });
globalThis.location = { protocol: "file:" };
const onFile = new S.SiteStore(storage, "file:///x/index.html").askPersist(nav);
process.stdout.write(JSON.stringify({ first, second, absent, throwing, onFile, calls }));
"""


def test_persistent_storage_is_asked_once_only_where_it_exists_and_never_from_a_file():
    done = subprocess.run(
        [
            NODE,
            "--no-warnings",
            "--input-type=commonjs",
            "-e",
            f"(async () => {{ {PERSIST} }})()",
            str(STATIC / "site_store.js"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "first": True,
        "second": False,
        "absent": False,
        "throwing": False,
        "onFile": False,
        "calls": ["persist"],
    }
