"""The start of a class on a real local JupyterHub: `python -m benchmarks.hub_load [--learners 30]` (as root).

N learners (real Unix users, LocalProcessSpawner, tests/hub/harness.py) log in and click the class's
nbgitpuller link at the same moment. Each then, in a kernel of their own server, runs every lesson's code
cells, answers every lesson quiz through the view objects (as the tests do) and hands in. Printed:
servers ready p50/p95/max (link click → server page), first lesson run p50/p95 (click → lesson 00's cells
run in a new kernel) against a bare notebook (click → a new kernel answers `1+1`; both after the same pull),
hand-ins arrived, answers lost (saved answers read back from a new kernel, must be 0), memory per learner
(PSS and RSS of server + kernel), hub and proxy CPU. Not part of `python -m benchmarks` (it creates users
and takes minutes).

Times are kernel-side: a browser's drawing of the widgets is not included (tests/browser measures that).
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import statistics
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import percentile

ANSWER_ALL = """
import uuid
from widgets.content.load import lesson_ids
from widgets.views.quiz import quiz
n = 0
for lesson in lesson_ids():
    q = quiz(lesson)
    for card in q.cards:
        question = card.question
        a = question.answer if hasattr(question, "answer") else [item.id for item in question.items]
        q.handle_attempt({"kind": "attempt", "attempt_id": uuid.uuid4().hex, "question": card.full_id,
                          "hash": card.hash, "answer": str(a).lower() if isinstance(a, bool) else a,
                          "show": False, "wrong_before": 0})  # what the quiz page sends for a Check
        n += 1
print(n)
"""
SAVED_COUNT = "from widgets.store.progress import default_store\nprint(len(default_store().load()['attempts']))"
HAND_IN = (
    "from widgets.classroom.handin import hand_in\nfrom widgets.store.progress import default_store\n"
    "r = hand_in(default_store().load(), 'bench')\nprint(r.ok)"
)


def _cells(home: Path, notebook: str) -> list[str]:
    nb = json.loads((home / "lessons" / "lessons" / notebook).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _memory(uid: int) -> tuple[float, float]:
    """(PSS, RSS) in MB of every process of `uid`."""
    pss = rss = 0
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if d.stat().st_uid != uid:
                continue
            for row in (d / "smaps_rollup").read_text().splitlines():
                if row.startswith("Pss:"):
                    pss += int(row.split()[1])
                elif row.startswith("Rss:"):
                    rss += int(row.split()[1])
        except OSError:
            pass
    return pss / 1024, rss / 1024


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _learner_run(learner, link: str, home: Path, start: threading.Event, stagger: float, index: int) -> dict:
    out: dict = {"name": learner.name}
    start.wait()
    time.sleep(stagger * index)
    t0 = time.monotonic()  # the click (each learner's own, when staggered)
    try:
        learner.open_link(link, timeout=600)
        out["ready"] = time.monotonic() - t0
        learner.pull(link)
        out["pulled"] = time.monotonic() - t0
        t = time.monotonic()  # a bare notebook: a new kernel runs one line
        learner.start_kernel()
        learner.run("1+1")
        out["bare"] = out["pulled"] + time.monotonic() - t
        learner.stop_kernel()
        t = time.monotonic()  # lesson 00: a new kernel runs its cells
        learner.start_kernel()
        for cell in _cells(home, "00_start_here.ipynb"):
            learner.run(cell, timeout=600)
        out["lesson0"] = out["pulled"] + time.monotonic() - t
        for nb in sorted(p.name for p in (home / "lessons" / "lessons").glob("0[1-9]_*.ipynb")):
            for cell in _cells(home, nb):
                learner.run(cell, timeout=600)
        out["all_lessons"] = time.monotonic() - t0
        out["answered"] = int(learner.run(ANSWER_ALL, timeout=600))
        out["handed_in"] = learner.run(HAND_IN, timeout=600).strip() == "True"
        out["done"] = time.monotonic() - t0
        lessons_kernel = learner.kernel  # read the answers back from a fresh process
        learner.kernel = ""
        out["saved"] = int(learner.run(SAVED_COUNT, timeout=600))
        learner.stop_kernel()
        learner.kernel = lessons_kernel  # kept open: memory is measured with it
        out["counts"] = dict(learner.counts)
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {e}"[:500]
        out["trace"] = traceback.format_exc()[-2000:]
    return out


def _stats(xs: list[float]) -> str:
    if not xs:
        return "none"
    return f"p50 {statistics.median(xs):.1f} s, p95 {percentile(xs, 95):.1f} s, max {max(xs):.1f} s (n={len(xs)})"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.hub_load", description=__doc__.splitlines()[0])
    p.add_argument("--learners", type=int, default=30)
    p.add_argument("--stagger", type=float, default=0.0, help="seconds between two learners' clicks (default 0)")
    p.add_argument("--http-timeout", type=float, default=None, help="c.Spawner.http_timeout (default: deploy/tljh)")
    p.add_argument("--start-timeout", type=float, default=None, help="c.Spawner.start_timeout (default: deploy/tljh)")
    p.add_argument("--spawn-limit", type=int, default=None, help="c.JupyterHub.concurrent_spawn_limit")
    p.add_argument("--json", type=Path, default=None, help="also write the per-learner results here")
    args = p.parse_args(argv)

    from tests.hub.gitserver import serve_git
    from tests.hub.harness import lessons_repo, missing, start_hub, unix_users, user_env
    from widgets.jupyter.links import nbgitpuller_url

    reason = missing()
    if reason:
        raise SystemExit(f"cannot run a hub here: {reason}")
    env = user_env()
    tag = secrets.token_hex(2)
    names = [f"ftl{tag}-l{i:02d}" for i in range(args.learners)]
    extra = ""
    if args.http_timeout is not None:
        extra += f"c.Spawner.http_timeout = {args.http_timeout}\n"
    if args.start_timeout is not None:
        extra += f"c.Spawner.start_timeout = {args.start_timeout}\n"
    if args.spawn_limit is not None:
        extra += f"c.JupyterHub.concurrent_spawn_limit = {args.spawn_limit}\n"
    base = Path(tempfile.mkdtemp(prefix="ftl-bench-"))
    os.chmod(base, 0o755)
    dropbox = base / "dropbox"
    try:
        git_root, _ = lessons_repo(base)
        with (
            unix_users(names) as users,
            serve_git(git_root) as git_url,
            start_hub(users, env, dropbox=dropbox, extra=extra) as hub,
        ):
            from tests.hub.harness import Learner

            link = nbgitpuller_url(hub.url, f"{git_url}/class/lessons", "main")
            learners = [Learner(hub, n) for n in users]
            homes = {n: Path(pwd.getpwnam(n).pw_dir) for n in users}
            for le in learners:
                le.token = hub.user_token(le.name)
            proxy_pid = int((hub.workdir / "jupyterhub-proxy.pid").read_text())
            cpu0 = (_cpu_seconds(hub.process.pid), _cpu_seconds(proxy_pid), time.monotonic())
            start = threading.Event()
            with ThreadPoolExecutor(len(learners)) as pool:
                futures = [
                    pool.submit(_learner_run, le, link, homes[le.name], start, args.stagger, i)
                    for i, le in enumerate(learners)
                ]
                start.set()
                results = [f.result() for f in futures]
            cpu1 = (_cpu_seconds(hub.process.pid), _cpu_seconds(proxy_pid), time.monotonic())
            memory = [_memory(pwd.getpwnam(n).pw_uid) for n in users]
            arrived = sum(1 for n in users if any((dropbox / n).glob("class-results-*.json")))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    wall = cpu1[2] - cpu0[2]
    ok = [r for r in results if "error" not in r]
    print(
        f"hub_load: {args.learners} learners at once (stagger {args.stagger} s), extra hub settings: "
        f"{extra.strip().replace(chr(10), '; ') or 'deploy/tljh only'}"
    )
    print(
        f"servers ready: {sum('ready' in r for r in results)}/{len(results)}; "
        f"{_stats([r['ready'] for r in results if 'ready' in r])}"
    )
    bare = [r["bare"] for r in results if "bare" in r]
    first = [r["lesson0"] for r in results if "lesson0" in r]
    print(f"bare notebook (click → kernel answers 1+1): {_stats(bare)}")
    print(f"first lesson run (click → lesson 00's cells run): {_stats(first)}")
    both = [(r["lesson0"], r["bare"]) for r in results if "lesson0" in r]
    if both:
        extra_pct = [100 * (lesson - b) / b for lesson, b in both]
        print(
            f"our lessons add to the bare notebook's time: median {statistics.median(extra_pct):.1f} %, "
            f"p95 {percentile(extra_pct, 95):.1f} %"
        )
    print(f"every lesson run + every quiz answered + handed in: {_stats([r['done'] for r in ok if 'done' in r])}")
    print(f"hand-ins arrived: {arrived}/{len(results)}")
    lost = sum(r["answered"] - r["saved"] for r in ok if "saved" in r)
    print(f"answers given {sum(r.get('answered', 0) for r in ok)}, answers lost {lost}")
    pss = [m[0] for m in memory]
    rss = [m[1] for m in memory]
    print(
        f"memory per learner (server + kernels, all lessons run): PSS median {statistics.median(pss):.0f} MB, "
        f"max {max(pss):.0f} MB; RSS median {statistics.median(rss):.0f} MB, max {max(rss):.0f} MB"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.1f} "
        "(other work on the machine slows every figure)"
    )
    print(
        f"hub CPU {100 * (cpu1[0] - cpu0[0]) / wall:.0f} % of one core, proxy {100 * (cpu1[1] - cpu0[1]) / wall:.0f} % "
        f"over {wall:.0f} s"
    )
    for r in results:
        if "error" in r:
            print(f"  {r['name']}: {r['error'].splitlines()[0]}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
