"""A progress file locked by another process (a second kernel of the same learner holding ``BEGIN EXCLUSIVE``
or ``BEGIN IMMEDIATE``): a Check replies within a second, "waiting", never "saved"; the answer waits in the
kernel and the store's retry on the event loop writes it once the lock goes, then the page hears "saved"
and its card turns to Saved. The lock is held for real by a second process; the event loop is asyncio's,
driven for real; the page is static/quiz.js rendered in node with happy-dom (tests/js), driven by clicks. The
lock holder is the benchmark's (benchmarks/quiz_locked.py), run here small.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.quiz_locked import LOCKS, LockHolder, on_fresh_loop
from tests.helpers import bank, single
from tests.page.test_quiz_parity import NODE
from widgets.store.progress import BUSY_TIMEOUT, ProgressStore
from widgets.views.palette import STATIC
from widgets.views.quiz import LABELS, Quiz

HAPPY_DOM = Path(__file__).parents[1] / "js" / "node_modules" / "happy-dom"

# The page: quiz.js's render() in happy-dom with a model as anywidget gives it (a live kernel). One JSON
# command a line in, one JSON line out: {"check": [card, option]} clicks that option and Check and answers
# with what the page sent the kernel; {"deliver": msg} hands the page a kernel message and answers with
# what the cards and the save line say and which attempts the page keeps in localStorage.
PAGE = r"""
const { Window } = require(process.argv[2]);
const window = new Window({ url: "http://localhost/" });
Object.assign(globalThis, { window, document: window.document, localStorage: window.localStorage, CSS: window.CSS,
  requestAnimationFrame: (f) => setTimeout(f, 0) });
const { default: widget } = await import(process.argv[1]);
const lines = require("readline").createInterface({ input: process.stdin });
const it = lines[Symbol.asyncIterator]();
const state = JSON.parse((await it.next()).value);
const handlers = {}, sent = [];
const model = {
  get: (k) => state[k], on: (ev, f) => { handlers[ev] = f; }, send: (m) => sent.push(m),
  widget_manager: { kernel: { status: "idle", isDisposed: false } },
};
const el = document.createElement("div");
document.body.append(el);
widget.render({ model, el });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = (x) => process.stdout.write(JSON.stringify(x) + "\n");
for (;;) {
  const next = await it.next();
  if (next.done) break;
  const cmd = JSON.parse(next.value);
  if (cmd.check) {
    const [n, option] = cmd.check;
    const card = el.querySelectorAll(".quiz-question")[n];
    card.querySelector(`input[value="${option}"]`).checked = true;
    card.querySelector(".quiz-check").click();
    for (let i = 0; i < 400 && !sent.length; i++) await sleep(5);
    out(sent.shift());
  } else {
    handlers["msg:custom"](cmd.deliver);
    const pending = Object.keys(localStorage).filter((k) => k.includes(":pending:"))
      .flatMap((k) => JSON.parse(localStorage.getItem(k)).map((a) => a.attempt_id));
    out({ cards: [...el.querySelectorAll(".quiz-saved")].map((s) => [s.dataset.state || "", s.textContent]),
      line: el.querySelector(".quiz-save").textContent, pending });
  }
}
window.happyDOM.close();
"""


class Page:
    """static/quiz.js rendering `quiz.page` in node, kept running for one test."""

    def __init__(self, quiz: Quiz, tmp: Path):
        if not Path(NODE).exists() or not HAPPY_DOM.exists():
            pytest.fail(f"node ({NODE}) and happy-dom (make tests/js/node_modules/.installed) are needed")
        module = tmp / "quiz.mjs"
        module.write_bytes((STATIC / "bundles" / "quiz.js").read_bytes())  # stands alone (icons in)
        script = f"(async () => {{ {PAGE} }})().catch((e) => {{ console.error(e); process.exit(1); }})"
        self.proc = subprocess.Popen(
            [NODE, "--input-type=commonjs", "-e", script, module.as_uri(), str(HAPPY_DOM)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        p = quiz.page
        names = ("title", "header", "lesson", "learner", "questions", "saved", "score", "labels")
        self._write({k: getattr(p, k) for k in names})

    def _write(self, x: Any) -> None:
        assert self.proc.stdin
        self.proc.stdin.write(json.dumps(x) + "\n")
        self.proc.stdin.flush()

    def _ask(self, x: Any) -> Any:
        self._write(x)
        assert self.proc.stdout
        line = self.proc.stdout.readline()
        if not line:
            assert self.proc.stderr
            pytest.fail(f"the page stopped: {self.proc.stderr.read()[-2000:]}")
        return json.loads(line)

    def check(self, card: int, option: str) -> dict[str, Any]:
        """Choose `option` on card `card`, press Check: the message the page sends the kernel."""
        return self._ask({"check": [card, option]})

    def deliver(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Hand the page a kernel message: what its cards say then."""
        return self._ask({"deliver": msg})

    def close(self) -> None:
        self.proc.communicate(timeout=10)


def saved_rows(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT question, chosen, attempt_id FROM attempts ORDER BY id").fetchall()
    finally:
        conn.close()


async def until(sent: list[dict[str, Any]], n: int, seconds: float = 5.0) -> None:
    """Let the event loop run (the store's retry is on it) until the page was sent `n` messages."""
    end = time.monotonic() + seconds
    while len(sent) < n and time.monotonic() < end:
        await asyncio.sleep(0.02)


def quiz_of_two(directory: Path) -> tuple[Quiz, list[dict[str, Any]]]:
    q = Quiz(bank(single(), single("q2")), ProgressStore(directory))
    sent: list[dict[str, Any]] = []
    q.page.send = sent.append  # type: ignore[method-assign]  # what the comm carries to the page
    return q, sent


@pytest.mark.parametrize("begin", LOCKS)
def test_a_check_while_another_process_locks_the_progress_file_replies_waiting_after_one_short_wait(tmp_path, begin):
    """One budget for the whole Check, not the busy timeout per store call (25 s on e38ae39). The 1 s goal itself is
    the benchmark's (benchmarks/quiz_locked.py, run alone below): a wall-clock limit here would flake under load."""
    q, _ = quiz_of_two(tmp_path)
    card = q.cards[0]
    msg = {"kind": "attempt", "attempt_id": "locked-try-0001", "question": card.full_id, "hash": card.hash}
    with LockHolder(q.store.path, begin):
        t = time.perf_counter()
        reply = q.handle_attempt({**msg, "answer": "a", "show": False, "wrong_before": 0})
        took = time.perf_counter() - t
        assert took < BUSY_TIMEOUT, f"a Check took {took:.1f} s while another process held {begin}"
        assert reply["outcome"] == "waiting" and reply["response"]["correct"] is True
        assert "1 answer(s) not saved yet" in q.notice.value


@pytest.mark.slow  # a second of lock waits, retries and node
@pytest.mark.parametrize("begin", LOCKS)
def test_two_checks_while_the_file_is_locked_are_saved_in_order_by_the_retry_and_the_page_turns_to_saved(
    tmp_path, begin
):
    async def run() -> None:
        q, sent = quiz_of_two(tmp_path / "data")
        page = Page(q, tmp_path)
        try:
            with LockHolder(q.store.path, begin) as holder:
                ids = []
                for option in ("b", "a"):  # a wrong first try, then the right one, to the same question
                    msg = page.check(0, option)
                    t = time.perf_counter()
                    reply = q.handle_attempt(msg)
                    took = time.perf_counter() - t
                    assert took < BUSY_TIMEOUT, f"a Check took {took:.1f} s while another process held {begin}"
                    assert reply["outcome"] == "waiting", reply["outcome"]
                    shown = page.deliver(reply)
                    assert shown["cards"][0] == ["waiting", LABELS["waiting"]]
                    ids.append(msg["attempt_id"])
                assert shown["pending"] == ids  # the page keeps both too, until the kernel says saved
                assert "2 answer(s) not saved yet" in q.notice.value
                assert "the quiz in this browser tries to send them again" in q.notice.value  # if the kernel ends
                assert not sent  # nothing said "saved" while locked
                holder.release()
                await until(sent, 2)
            assert [(m["attempt_id"], m["outcome"]) for m in sent] == [(i, "saved") for i in ids]
            assert [(r[1], r[2]) for r in saved_rows(q.store.path)] == [('["b"]', ids[0]), ('["a"]', ids[1])]
            assert sent[-1]["status"]["attempts"] == 2 and sent[-1]["status"]["first_correct"] is False
            for m in sent:
                shown = page.deliver(m)
            assert shown["cards"][0] == ["saved", LABELS["saved"]] and shown["pending"] == []
            assert "not saved yet" not in q.notice.value
        finally:
            page.close()

    on_fresh_loop(run)


@pytest.mark.slow  # a second of lock waits, retries and node
def test_a_lock_taken_again_and_a_resent_answer_still_save_each_answer_once_in_order(tmp_path):
    async def run() -> None:
        q, sent = quiz_of_two(tmp_path)
        with LockHolder(q.store.path, "BEGIN EXCLUSIVE") as holder:
            first = {"kind": "attempt", "attempt_id": "locked-try-0001", "question": q.cards[0].full_id}
            first.update(hash=q.cards[0].hash, answer="a", show=False, wrong_before=0)
            assert q.handle_attempt(first)["outcome"] == "waiting"
            holder.release()
            holder.lock()  # taken again before the retry came round
            await asyncio.sleep(0.4)  # retries fail meanwhile, and keep the answer
            assert q.handle_attempt(dict(first))["outcome"] == "waiting"  # the page resends it: kept once
            second = dict(first, attempt_id="locked-try-0002", question=q.cards[1].full_id, hash=q.cards[1].hash)
            assert q.handle_attempt(second)["outcome"] == "waiting"
            assert not sent
            holder.release()
            await until(sent, 2)
            await asyncio.sleep(0.3)  # no more messages come
        assert [(m["attempt_id"], m["outcome"]) for m in sent] == [
            ("locked-try-0001", "saved"),
            ("locked-try-0002", "saved"),
        ]
        assert [r[2] for r in saved_rows(q.store.path)] == ["locked-try-0001", "locked-try-0002"]

    on_fresh_loop(run)


KERNEL = """
import sys
from widgets.store.progress import ProgressStore
store = ProgressStore(sys.argv[1], busy_timeout=0.2)
store.learner()
print("ready", flush=True)
sys.stdin.readline()  # the other process locks the file now
store.record("99-test", "99-test/q1", ["a"], True, attempt_id="locked-try-0001")
print(store.outcome("locked-try-0001"), flush=True)
sys.stdin.readline()  # the lock goes; then this kernel ends
"""


@pytest.mark.slow  # a second interpreter imports widgets
def test_answers_still_waiting_when_the_kernel_ends_are_written_by_its_last_try(tmp_path):
    kernel = subprocess.Popen(
        [sys.executable, "-c", KERNEL, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert kernel.stdin and kernel.stdout
    assert kernel.stdout.readline().strip() == "ready"
    with LockHolder(tmp_path / "progress.db", "BEGIN EXCLUSIVE") as holder:
        kernel.stdin.write("go\n")
        kernel.stdin.flush()
        assert kernel.stdout.readline().strip() == "waiting"
        holder.release()
    kernel.communicate("end\n", timeout=20)  # it ends normally, as a kernel asked to shut down
    assert kernel.returncode == 0
    assert [r[2] for r in saved_rows(tmp_path / "progress.db")] == ["locked-try-0001"]


@pytest.mark.slow  # eight locked Checks
@pytest.mark.timing  # a wall-clock goal (p95 < 1 s): make test runs it alone
def test_the_locked_check_benchmark_runs_and_a_locked_check_stays_under_a_second():
    from types import SimpleNamespace

    from benchmarks import quiz_locked

    lines = quiz_locked.run(SimpleNamespace(runs=4))  # it fails itself on a p95 over 1 s or a lost answer
    assert len(lines) == 7 and sum("locked p95" in text and "< 1000 ms" in text for text in lines) == 2
