"""Results as xAPI statements (widgets/classroom/xapi.py) and their optional sending (widgets/classroom/lrs.py), against
a real learning record store: Ralph 5.1's LRS, started here on 127.0.0.1 from its own venv (tests/lrs/launch.py;
`make .venv-lrs/.installed` makes the venv, and these tests fail, never skip, without it).

Statements are validated with Ralph's pydantic xAPI models in that venv (tests/lrs/validate.py)."""

from __future__ import annotations

import base64
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import attempt_statements
from widgets.classroom import handin, lrs, xapi
from widgets.classroom.export import build_export
from widgets.content.load import all_banks, load_review
from widgets.store.progress import ProgressStore
from widgets.views import html, learner_store
from widgets.views.handin import HandInButton
from widgets.views.store_notice import StoreNotice

ROOT = Path(__file__).resolve().parents[2]
LRS_PYTHON = Path(os.environ.get("FOOT_LESSONS_LRS_PYTHON", ROOT / ".venv-lrs" / "bin" / "python"))
USER, PASSWORD = "lessons", "lessons-secret"
T0 = "2026-11-25T16:00:00+00:00"


def lrs_python() -> Path:
    if not LRS_PYTHON.exists():
        pytest.fail(f"the LRS venv is missing ({LRS_PYTHON}): run `make .venv-lrs/.installed`")
    return LRS_PYTHON


def ralph_problems(statements: list[dict]) -> list[list]:
    done = subprocess.run(
        [str(lrs_python()), str(ROOT / "tests" / "lrs" / "validate.py")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def attempt(question: str, chosen: list[str], correct: bool, when: str = T0, hash: str = "") -> dict:
    """A progress-store row; `correct` is the row's own mark (statements regrade), no `hash`: the bank's version."""
    return {
        "question": question,
        "lesson": question.split("/")[0],
        "chosen": chosen,
        "correct": correct,
        "time": when,
        "hash": hash,
    }


# -- statements ----------------------------------------------------------------------------------------


def test_the_package_carries_the_project_settings():
    """An installed package has no pyproject.toml: its copy of the settings table must agree with it."""
    mirrored = xapi.project_table()
    assert mirrored == xapi.project_table(ROOT / "pyproject.toml"), (
        "run `python -m widgets.classroom.xapi --write-settings`"
    )
    assert (ROOT / "widgets" / xapi.SETTINGS_FILE).read_text(encoding="utf-8") == xapi.mirror_text(
        ROOT / "pyproject.toml"
    )
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert xapi.SETTINGS_FILE in data["tool"]["setuptools"]["package-data"]["widgets"]
    s = xapi.settings()
    assert s.activities == mirrored["xapi-activities"] and s.homepage == mirrored["hub"]
    assert s.question("01-physiology/q1") == mirrored["xapi-activities"] + "questions/01-physiology/q1"


def test_every_question_of_every_bank_gives_a_valid_statement():
    """One right and one wrong answer to every question, and a hand-in, pass Ralph's xAPI models; a broken
    statement does not."""
    s = xapi.settings()
    attempts = []
    for bank in all_banks():
        for q in bank.questions:
            attempts.append(attempt(bank.full_id(q), ["a", "b"], True))
            attempts.append(attempt(bank.full_id(q), ["c"], False, "2026-11-25T16:00:05+00:00"))
    learner = "learner-0011223344556677"
    statements = attempt_statements(s, learner, attempts)
    progress = {"learner": learner, "attempts": attempts}
    doc = build_export(progress, all_banks(), "Sam", now=T0, review=load_review().questions)
    statements += xapi.handin_statements(s, doc)
    assert len(statements) > len(attempts) >= 60
    broken = json.loads(json.dumps(statements[0]))
    broken["result"]["response"] = ""  # xAPI allows no empty values
    problems = ralph_problems([*statements, broken])
    assert [i for i, _ in problems] == [len(statements)], problems
    assert "empty values" in problems[0][1]


def test_statement_content():
    s = xapi.Settings("https://x.example.org/xapi/", "https://hub.example.org")
    learner = "learner-00aa11bb22cc33dd"
    first, again = attempt_statements(
        s,
        learner,
        [attempt("01-physiology/q2", ["true"], False), attempt("01-physiology/q2", ["false"], True)],
    )
    assert first["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://hub.example.org", "name": learner},
    }
    assert first["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert first["object"]["id"] == "https://x.example.org/xapi/questions/01-physiology/q2"
    assert (
        first["context"]["contextActivities"]["parent"][0]["id"] == "https://x.example.org/xapi/lessons/01-physiology"
    )
    assert first["result"] == {
        "success": False,
        "response": "true",
        "score": {"scaled": 0.0, "raw": 0, "min": 0, "max": 1},
    }
    assert again["result"]["success"] is True and again["result"]["score"]["raw"] == 1
    assert [
        first["context"]["extensions"][s.extension("attempt")],
        again["context"]["extensions"][s.extension("attempt")],
    ] == [1, 2]
    assert first["timestamp"] == T0


def test_statement_ids_are_fixed_per_learner_and_attempt():
    s = xapi.Settings("https://x.example.org/xapi/", "https://hub.example.org")
    a = [attempt("01-physiology/q1", ["a"], True), attempt("01-physiology/q1", ["a"], True)]  # same second, twice
    ids = [st["id"] for st in attempt_statements(s, "learner-aa", a)]
    assert len(set(ids)) == 2, "two answers in the same second are two statements"
    assert ids == [st["id"] for st in attempt_statements(s, "learner-aa", a)], "a rebuild gives the same ids"
    assert not set(ids) & {st["id"] for st in attempt_statements(s, "learner-bb", a)}
    other_hub = xapi.Settings(s.activities, "https://other-hub.example.org")
    assert not set(ids) & {st["id"] for st in attempt_statements(other_hub, "learner-aa", a)}


def test_a_name_only_when_the_learner_typed_one():
    s = xapi.settings()
    progress = {"learner": "learner-0011223344556677", "attempts": [attempt("01-physiology/q1", ["a"], True)]}
    named = xapi.handin_statements(s, build_export(progress, all_banks(), "Sam R.", now=T0))
    anonymous = xapi.handin_statements(s, build_export(progress, all_banks(), "", now=T0))
    assert [st["actor"].get("name") for st in named] == ["Sam R."] * 2
    assert [st["actor"].get("name") for st in anonymous] == [None] * 2
    assert "name" not in attempt_statements(s, progress["learner"], progress["attempts"])[0]["actor"]
    course, lesson = named  # the course, always; each lesson with an answer
    assert {st["verb"]["id"] for st in named} == {"http://adlnet.gov/expapi/verbs/completed"}
    assert [course["object"]["id"], lesson["object"]["id"]] == [s.course, s.lesson("01-physiology")]
    assert lesson["result"]["score"]["raw"] == course["result"]["score"]["raw"] == 1
    assert lesson["result"]["completion"] is course["result"]["completion"] is False
    assert course["result"]["score"]["max"] == sum(
        r["total"] for r in build_export(progress, all_banks())["lessons"].values()
    )
    nothing = xapi.handin_statements(s, build_export({"learner": progress["learner"], "attempts": []}, all_banks()))
    assert [st["object"]["id"] for st in nothing] == [s.course], "every hand-in gives a statement"


# -- settings and the "nothing configured" path --------------------------------------------------------


def test_nothing_leaves_the_machine_unless_configured(tmp_path, monkeypatch):
    monkeypatch.setenv(lrs.ENV_CONFIG, str(tmp_path / "no-such-file.toml"))
    with pytest.raises(lrs.ConfigError, match="no-such-file"):
        lrs.load_config()
    monkeypatch.delenv(lrs.ENV_CONFIG)
    assert lrs.load_config({}) is None
    store = ProgressStore(tmp_path)
    assert lrs.attach(store, environ={}) is None
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    tables = {r[0] for r in sqlite3.connect(tmp_path / "progress.db").execute("SELECT name FROM sqlite_master")}
    assert not {"xapi_outbox", "xapi_sent"} & tables
    assert not [t for t in threading.enumerate() if t.name.startswith("xapi-sender")]


def test_settings_from_a_file_and_the_environment(tmp_path):
    conf = tmp_path / "lrs.toml"
    conf.write_text('[lrs]\nendpoint = "https://lrs.example.org/xAPI"\nusername = "u"\npassword = "s3cret-word"\n')
    c = lrs.load_config({lrs.ENV_CONFIG: str(conf)})
    assert (c.endpoint, c.username, c.password, c.homepage) == (
        "https://lrs.example.org/xAPI/",
        "u",
        "s3cret-word",
        None,
    )
    assert "s3cret" not in repr(c)
    c = lrs.load_config(
        {lrs.ENV_CONFIG: str(conf), "FOOT_LESSONS_LRS_PASSWORD": "q", "FOOT_LESSONS_LRS_HOMEPAGE": "https://h"}
    )
    assert (c.password, c.homepage) == ("q", "https://h")
    conf.write_text('[lrs]\nendpoint = "lrs.example.org"\n')
    with pytest.raises(lrs.ConfigError, match=r"endpoint 'lrs\.example\.org' is not an http"):
        lrs.load_config({lrs.ENV_CONFIG: str(conf)})
    with pytest.raises(lrs.ConfigError, match=r"homepage 'hub\.school' is not an http"):
        lrs.load_config(
            {"FOOT_LESSONS_LRS_ENDPOINT": "https://lrs.example.org/", "FOOT_LESSONS_LRS_HOMEPAGE": "hub.school"}
        )
    conf.write_text('[lrs]\nendpoint = "https://lrs.example.org/xAPI/"\npasword = "typo"\n')
    with pytest.raises(lrs.ConfigError, match="unknown key"):
        lrs.load_config({lrs.ENV_CONFIG: str(conf)})
    store = ProgressStore(tmp_path / "p")
    for _ in range(3):
        assert lrs.attach(store, environ={lrs.ENV_CONFIG: str(conf)}) is None
    assert [e for e in store.events if "learning record store" in e] == [
        lrs.MESSAGES["settings"].format(why=f"{conf}: unknown key(s) pasword in [lrs]")
    ]


def test_an_lrs_settings_path_that_is_a_fifo_never_hangs_a_lesson_at_open(tmp_path, monkeypatch):
    """Issue 24 item 2: the settings file was read with read_text(), which waits forever on a FIFO, and every
    lesson's first widget builds the default store, which reads the settings. Now the lesson opens at once and
    says once that the settings cannot be used."""
    from widgets.store import progress

    fifo = tmp_path / "lrs.toml"
    os.mkfifo(fifo)
    monkeypatch.setenv(progress.ENV_DIR, str(tmp_path / "home"))
    monkeypatch.setenv(lrs.ENV_CONFIG, str(fifo))
    monkeypatch.setattr(progress, "_default", None)
    opened: list = []
    opening = threading.Thread(target=lambda: opened.append(learner_store.default_store()), daemon=True)
    opening.start()
    opening.join(5)  # a guard, so that a regression fails instead of hanging the suite
    if opening.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # a writer that closes at once: the read ends
        opening.join(5)
        pytest.fail("opening a lesson waited on the LRS settings FIFO for 5 s")
    (store,) = opened
    try:
        assert [e for e in store.events if "learning record store" in e] == [
            lrs.MESSAGES["settings"].format(why=f"{fifo} is not a plain file")
        ]
        assert lrs.sender_for(store) is None
    finally:
        lrs.detach(store)


def test_an_answer_never_waits_for_the_network(tmp_path):
    """A store whose LRS accepts the connection and never answers: every Check returns while the sender is
    stuck in its request, and the answers are queued."""
    silent = socket.create_server(("127.0.0.1", 0))
    silent.settimeout(30)
    try:
        port = silent.getsockname()[1]
        store = ProgressStore(tmp_path)
        store.record("01-physiology", "01-physiology/q1", ["a"], True)
        config = lrs.Config(f"http://127.0.0.1:{port}/xAPI/", USER, PASSWORD, timeout=60)
        sender = lrs.attach(store, config=config)
        try:
            conn, _ = silent.accept()  # the sender's request is now waiting for an answer that never comes
            for i in range(2, 7):
                store.record("01-physiology", f"01-physiology/q{i}", ["a"], True)
            assert sender._thread.is_alive() and sender.problem is None
            assert sender.outbox.counts()["waiting"] == 1  # the request in flight; the rest wait their turn
            assert len(store.load()["attempts"]) == 6
            conn.close()
        finally:
            lrs.detach(store)
    finally:
        silent.close()


# -- a real LRS ---------------------------------------------------------------------------------------


class RalphLRS:
    """Ralph's LRS in a subprocess on 127.0.0.1 (tests/lrs/launch.py), restartable on the same port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = 0
        self.proc: subprocess.Popen[str] | None = None
        self.start_seconds: list[float] = []

    def start(self) -> None:
        t = time.perf_counter()
        log = self.directory / "lrs.log"  # Ralph logs every request: a file, never an unread pipe
        launcher = [str(lrs_python()), str(ROOT / "tests" / "lrs" / "launch.py"), str(self.directory)]
        with open(log, "a", encoding="utf-8") as err:
            self.proc = subprocess.Popen(
                [*launcher, "--port", str(self.port)], stdout=subprocess.PIPE, stderr=err, text=True
            )
        for line in self.proc.stdout:  # the launcher prints "listening on …" once it accepts requests
            if line.startswith("listening on"):
                break
        else:
            self.proc.wait(30)
            pytest.fail(f"the LRS did not start:\n{log.read_text(encoding='utf-8')[-3000:]}")
        self.port = int(line.rsplit(":", 1)[1])
        self.start_seconds.append(time.perf_counter() - t)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(30)
            self.proc = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def config(self, password: str = PASSWORD, **kw) -> lrs.Config:
        return lrs.Config(self.endpoint, USER, password, retry_min=0.05, retry_max=0.5, **kw)

    def get(self, path: str) -> dict:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read())

    def statements(self, learner: str, homepage: str) -> list[dict]:
        """Every statement of one learner, following the LRS's "more" links."""
        agent = json.dumps({"objectType": "Agent", "account": {"homePage": homepage, "name": learner}})
        page = self.get("/xAPI/statements?" + urllib.parse.urlencode({"agent": agent, "limit": 100}))
        out = page["statements"]
        while page.get("more"):
            page = self.get(page["more"] if page["more"].startswith("/") else "/xAPI/statements" + page["more"])
            out += page["statements"]
        return out


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    server = RalphLRS(tmp_path_factory.mktemp("lrs"))
    server.start()
    yield server
    server.stop()
    print(f"\nLRS start: {', '.join(f'{s:.1f} s' for s in server.start_seconds)}")


@pytest.fixture
def store(tmp_path):
    store = ProgressStore(tmp_path / "learner")
    yield store
    lrs.detach(store)


def until(condition, timeout: float = 30) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def answer_some(store: ProgressStore, n: int, start: int = 1) -> None:
    for i in range(start, start + n):
        store.record("01-physiology", f"01-physiology/q{1 + i % 5}", ["a"], i % 2 == 0)


def expected(store: ProgressStore, sender: lrs.Sender) -> dict[str, dict]:
    doc = store.load()
    return {st["id"]: st for st in attempt_statements(sender.settings, doc["learner"], doc["attempts"])}


def stored(ralph: RalphLRS, store: ProgressStore, sender: lrs.Sender) -> list[dict]:
    return ralph.statements(store.learner(), sender.settings.homepage)


def test_statements_arrive_and_query_back(ralph, store, tmp_path):
    answer_some(store, 4)  # saved before sending was set up: sent too
    sender = lrs.attach(store, config=ralph.config())
    answer_some(store, 3, start=5)
    box = tmp_path / "dropbox" / "me"
    box.mkdir(parents=True)
    env = {handin.ENV: str(box.parent), handin.ENV_OWNERS: "folder", "JUPYTERHUB_USER": "me"}
    view = HandInButton(store, environ=env)  # the learner's "Hand in my results" button
    view.name.value = "Sam"
    view.button.click()
    result = view.result
    assert result.ok and result.document["name"] == "Sam"
    assert sender.wait_idle(60), sender.problem
    want = expected(store, sender)
    want.update({st["id"]: st for st in xapi.handin_statements(sender.settings, result.document)})
    got = stored(ralph, store, sender)
    assert sorted(st["id"] for st in got) == sorted(want)
    for st in got:
        for key in ("actor", "verb", "object", "result", "context"):
            assert st[key] == want[st["id"]][key]
    assert sender.outbox.counts() == {"waiting": 0, "refused": 0, "sent": len(want)}
    lrs.detach(store)  # the next kernel: finds everything acknowledged, queues nothing again
    again = lrs.attach(store, config=ralph.config())
    assert again is not sender and again.wait_idle(60), again.problem
    assert again.outbox.scan() == 0 and again.outbox.counts() == {"waiting": 0, "refused": 0, "sent": len(want)}


def test_server_stopped_in_the_middle_loses_nothing(ralph, store):
    sender = lrs.attach(store, config=ralph.config())
    answer_some(store, 3)
    assert sender.wait_idle(60), sender.problem
    ralph.stop()
    try:
        answer_some(store, 5, start=4)
        assert until(lambda: sender.failures >= 2 and sender.outbox.counts()["waiting"] == 5)
        assert "cannot be reached" in sender.problem
    finally:
        ralph.start()  # the same port
    assert sender.wait_idle(60), sender.problem  # the next retry finds it back
    got = stored(ralph, store, sender)
    assert sorted(st["id"] for st in got) == sorted(expected(store, sender))
    assert len(got) == 8


def test_bad_credentials_one_clear_message_and_nothing_lost(ralph, store):
    notice = StoreNotice(store)
    sender = lrs.attach(store, config=ralph.config(password="wrong"))
    answer_some(store, 3)
    assert until(lambda: sender.failures >= 2)
    answer_some(store, 2, start=4)
    assert until(lambda: sender.failures >= 4 and sender.outbox.counts()["waiting"] == 5)
    told = [e for e in store.events if "learning record store" in e]
    assert told == [lrs.MESSAGES["credentials"].format(status="HTTP 401")]
    notice.refresh()  # what every view of the store shows: the message, once
    assert notice.value.count(html.notice(told[0])) == 1
    assert store.notice() is None  # the answers themselves are saved
    assert sender.outbox.counts()["waiting"] == 5
    assert stored(ralph, store, sender) == []
    sender = lrs.attach(store, config=ralph.config())  # the admin fixes the password
    assert sender.wait_idle(60), sender.problem
    assert len(stored(ralph, store, sender)) == 5


def test_a_statement_sent_twice_is_stored_once(ralph, store):
    sender = lrs.attach(store, config=ralph.config())
    answer_some(store, 4)
    assert sender.wait_idle(60), sender.problem
    (one, text), *_ = [(i, json.dumps(st)) for i, st in expected(store, sender).items()]
    # the acknowledgements are lost (a damaged progress file was rebuilt, say): everything goes again
    con = sqlite3.connect(store.path)
    con.execute("DELETE FROM xapi_sent")
    con.commit()
    con.close()
    sender.outbox._fingerprint = None
    sender.wake()
    assert sender.wait_idle(60), sender.problem
    assert sender.outbox.counts()["sent"] == 4
    sender._send([(one, text)])  # and once more by hand
    got = stored(ralph, store, sender)
    assert sorted(st["id"] for st in got) == sorted(expected(store, sender))
    assert len(ralph.get(f"/xAPI/statements?statementId={one}")["statements"]) == 1


def test_sending_rate(ralph, store):
    """Benchmark (prints, asserts only that all arrive): statements per second, and what a Check costs with
    and without a sender attached."""
    n = 200
    answer_some(store, n)
    t = time.perf_counter()
    answer_some(store, 50, start=n + 1)
    bare = (time.perf_counter() - t) / 50
    sender = lrs.attach(store, config=ralph.config())
    t = time.perf_counter()
    assert sender.wait_idle(120), sender.problem
    rate = (n + 50) / (time.perf_counter() - t)
    t = time.perf_counter()
    answer_some(store, 50, start=n + 51)
    with_sender = (time.perf_counter() - t) / 50
    assert sender.wait_idle(60), sender.problem
    assert sender.outbox.counts()["sent"] == n + 100
    print(
        f"\nxAPI: {rate:.0f} statements/s to Ralph's LRS (batches of {sender.config.batch}); "
        f"a Check {bare * 1000:.1f} ms alone, {with_sender * 1000:.1f} ms with the sender running "
        f"(ratio {with_sender / bare:.2f})",
        file=sys.stderr,
    )


def test_the_hub_admins_environment_is_all_it_takes(ralph, tmp_path, monkeypatch):
    """The learner's kernel as on a hub: settings only in the environment, the views' default store."""
    from widgets.store import progress

    monkeypatch.setenv(progress.ENV_DIR, str(tmp_path / "home"))
    monkeypatch.setenv("FOOT_LESSONS_LRS_ENDPOINT", ralph.endpoint)
    monkeypatch.setenv("FOOT_LESSONS_LRS_USERNAME", USER)
    monkeypatch.setenv("FOOT_LESSONS_LRS_PASSWORD", PASSWORD)
    monkeypatch.setenv("FOOT_LESSONS_LRS_HOMEPAGE", "https://hub.school.example")
    monkeypatch.setattr(progress, "_default", None)
    store = learner_store.default_store()
    try:
        answer_some(store, 3)
        sender = lrs.sender_for(store)
        assert sender is not None and sender.settings.homepage == "https://hub.school.example"
        assert sender.wait_idle(60), sender.problem
        assert sorted(st["id"] for st in stored(ralph, store, sender)) == sorted(expected(store, sender))
    finally:
        lrs.detach(store)


def test_a_refused_statement_is_kept_and_told_once_and_the_rest_go_on(ralph, store):
    """A statement the LRS refuses (409: a different statement already has its id) stays in the outbox with
    the reason and is told once; the statements in the same batch are stored."""
    sender = lrs.attach(store, config=ralph.config())
    answer_some(store, 2)
    assert sender.wait_idle(60), sender.problem
    first = next(iter(expected(store, sender).values()))
    clash = json.loads(json.dumps(first))
    clash["result"]["response"] = "changed"
    con = sqlite3.connect(store.path)
    con.execute("DELETE FROM xapi_sent WHERE id = ?", (first["id"],))
    con.commit()
    con.close()
    sender.outbox.queue([clash])
    answer_some(store, 3, start=3)
    assert sender.wait_idle(60), sender.problem
    assert sender.outbox.counts() == {"waiting": 0, "refused": 1, "sent": 4}
    told = [e for e in store.events if "learning record store" in e]
    assert len(told) == 1 and "refused" in told[0] and "already exist with the same ID" in told[0]
    got = {st["id"]: st for st in stored(ralph, store, sender)}
    assert sorted(got) == sorted(expected(store, sender))
    assert got[first["id"]]["result"] == first["result"]  # the LRS kept the first one


def test_a_restored_files_right_marks_never_reach_the_lrs_as_success(ralph, store, tmp_path):
    """Issue 24 item 11: restore keeps the right/wrong marks a progress file claims, and the statements took them
    as they were: a hand-edited download sent a wrong answer to the school's LRS as `success: true`. Every
    statement's result is the kernel's own grading against the bank, the hand-in's scores too."""
    from widgets.views.backup import progress_backup

    learner = "learner-00112233aabbccdd"
    claims = [  # (question, chosen, the file's mark, its version)
        ("01-physiology/q1", ["b"], True, ""),  # wrong (the answer is a), claimed right
        ("01-physiology/q2", ["false"], False, ""),  # right, claimed wrong
        ("01-physiology/s1", ["toes"], True, "ffffffffffffffff"),  # claimed right, on another version of s1
        ("01-physiology/not-a-question", ["a"], True, ""),  # not in the course
    ]
    forged = {
        "format": "foot-twitch-lessons/progress",
        "version": 2,
        "learner": learner,
        "created": T0,
        "attempts": [
            {"question": q, "lesson": "01-physiology", "chosen": c, "correct": k, "time": T0, "hash": h}
            for q, c, k, h in claims
        ],
    }
    view = progress_backup(store)  # the learner restores the file, as in the start notebook
    assert view.restore_bytes(json.dumps(forged).encode(), "mine.json")
    view.confirm_button.click()
    assert [a["correct"] for a in store.load()["attempts"]] == [True, False, True, True]  # kept as claimed
    sender = lrs.attach(store, config=ralph.config())
    box = tmp_path / "dropbox" / "me"
    box.mkdir(parents=True)
    env = {handin.ENV: str(box.parent), handin.ENV_OWNERS: "folder", "JUPYTERHUB_USER": "me"}
    handing_in = HandInButton(store, environ=env)
    handing_in.button.click()
    assert handing_in.result.ok
    assert sender.wait_idle(60), sender.problem
    got = stored(ralph, store, sender)
    answered = {st["object"]["id"]: st.get("result", {}) for st in got if st["verb"]["id"].endswith("answered")}
    s = sender.settings
    assert {q: answered[s.question(q)].get("success") for q, *_ in claims} == {
        "01-physiology/q1": False,
        "01-physiology/q2": True,
        "01-physiology/s1": None,  # the kernel cannot grade an answer to another version: no success sent
        "01-physiology/not-a-question": None,
    }
    assert answered[s.question("01-physiology/q1")]["score"]["raw"] == 0
    completed = {st["object"]["id"]: st["result"] for st in got if st["verb"]["id"].endswith("completed")}
    lesson = completed[s.lesson("01-physiology")]
    assert (lesson["score"]["raw"], lesson["success"]) == (1, False)  # q2 only, as the teacher's roll-up counts
    assert completed[s.course]["score"]["raw"] == 1
