"""Optional sending of the xAPI statements (classroom/xapi.py) to a learning record store (LRS) a hub admin set up.

Nothing leaves the machine unless an admin configured an endpoint, in the environment of the learners'
servers or in a file, never in a notebook (deploy/README.md, "Sending results to a learning record
store"):

    FOOT_LESSONS_LRS_ENDPOINT   https://lrs.example.org/xAPI/   (the xAPI base; "statements" is added)
    FOOT_LESSONS_LRS_USERNAME   FOOT_LESSONS_LRS_PASSWORD       (HTTP basic authentication)
    FOOT_LESSONS_LRS_HOMEPAGE   the learners' account home page (default: `hub` in the project settings)
    FOOT_LESSONS_LRS_CONFIG     a TOML file with an [lrs] table of the same keys in lower case
                                (default /etc/foot-twitch-lessons/lrs.toml); the environment wins per key

The queue lives in the learner's own progress.db, in two tables of this module (the store's own tables are
only read): ``xapi_outbox`` holds statements built and not yet acknowledged, ``xapi_sent`` the ids the LRS
acknowledged. The sender reads the attempts table and queues the statement of every attempt that is neither
queued nor sent; a hand-in queues its statements when it is handed in. A statement leaves the outbox only in
the transaction that records the LRS's acknowledgement, so a stopped server, a closed notebook or a crash
loses nothing: it is sent later, with the same id, and an LRS keeps a statement id once.

Sending runs in one background thread per progress file. A Check only sets an event (the store's change
callback), so answering never waits for the network or for this module's database work. Failures are
retried with exponential backoff (2 s doubling to 5 min); a refusal of the credentials is told once, in the
views' notice, and retried like any failure, so fixing the settings is enough.
"""

from __future__ import annotations

import base64
import json
import os
import random
import sqlite3
import threading
import tomllib
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from ..store.safe_json import UnreadableFile, read_regular_file
from . import xapi

ENV_PREFIX = "FOOT_LESSONS_LRS_"
ENV_CONFIG = ENV_PREFIX + "CONFIG"
DEFAULT_CONFIG = Path("/etc/foot-twitch-lessons/lrs.toml")
KEYS = ("endpoint", "username", "password", "homepage")
MAX_CONFIG_BYTES = 64_000  # four short settings

_OUTBOX = """CREATE TABLE IF NOT EXISTS xapi_outbox (id TEXT PRIMARY KEY, body TEXT NOT NULL, queued TEXT NOT NULL,
    refused TEXT)"""
_SENT = "CREATE TABLE IF NOT EXISTS xapi_sent (id TEXT PRIMARY KEY, sent TEXT NOT NULL)"

# What the learner (and through them the teacher and the admin) is told, once per kernel.
MESSAGES = {
    "credentials": (
        "Your answers are saved here, but your school's results server (its learning record store) did not "
        "accept this hub's sign-in ({status}), so they are not sent to it yet. Tell your teacher. Nothing is "
        "lost: they are sent when the hub admin fixes the settings."
    ),
    "refused": (
        "Your school's results server (its learning record store) refused a result ({why}). It is kept in "
        "your progress file. Tell your teacher."
    ),
    "settings": (
        "The settings for your school's results server (its learning record store) cannot be used ({why}), "
        "so no results are sent from here. Your answers are saved as usual. Tell your teacher."
    ),
}


class ProgressStore(Protocol):
    """What this module uses of widgets.store.progress.ProgressStore (which imports this module: no import back)."""

    path: Path
    directory: Path
    events: list[str]

    def subscribe(self, callback: Any) -> None: ...


class ConfigError(ValueError):
    """The admin's LRS settings cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Config:
    """Where and how to send. `endpoint` ends with "/"; delays in seconds."""

    endpoint: str
    username: str = ""
    password: str = ""
    homepage: str | None = None
    timeout: float = 10.0
    retry_min: float = 2.0
    retry_max: float = 300.0
    batch: int = 50

    def __repr__(self) -> str:  # never show the password
        return f"Config(endpoint={self.endpoint!r}, username={self.username!r}, homepage={self.homepage!r})"


def load_config(environ: Mapping[str, str] | None = None) -> Config | None:
    """The admin's settings, or None when no endpoint is set (then nothing is ever sent).

    Raises ConfigError for a file that cannot be read or an endpoint that is not an http(s) URL."""
    env = os.environ if environ is None else environ
    values: dict[str, str] = {}
    path_text = env.get(ENV_CONFIG, "").strip()
    path = Path(path_text).expanduser() if path_text else DEFAULT_CONFIG
    if path_text or path.exists():
        try:
            # resolved first: an admin's file may be a link (a Kubernetes ConfigMap is); the target is read only
            # if it is a plain file, so a FIFO or a device there never blocks a kernel
            content = read_regular_file(Path(os.path.realpath(path)), max_bytes=MAX_CONFIG_BYTES, what=str(path))
            table = tomllib.loads(content.decode("utf-8")).get("lrs", {})
        except UnreadableFile as e:
            raise ConfigError(str(e).removesuffix(".")) from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [lrs] must be a table")
        unknown = sorted(set(table) - set(KEYS))
        if unknown:
            raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)} in [lrs]")
        values.update({k: str(v) for k, v in table.items()})
    for key in KEYS:
        if env.get(ENV_PREFIX + key.upper(), "").strip():
            values[key] = env[ENV_PREFIX + key.upper()].strip()
    endpoint = values.get("endpoint", "").strip()
    if not endpoint:
        return None
    if not _web_address(endpoint):
        raise ConfigError(f"the endpoint {endpoint!r} is not an http(s) address such as https://lrs.example.org/xAPI/")
    if values.get("homepage") and not _web_address(values["homepage"]):
        raise ConfigError(
            f"the homepage {values['homepage']!r} is not an http(s) address such as https://hub.example.org"
        )
    return Config(
        endpoint=endpoint if endpoint.endswith("/") else endpoint + "/",
        username=values.get("username", ""),
        password=values.get("password", ""),
        homepage=values.get("homepage") or None,
    )


def _web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Outbox:
    """This module's two tables in a learner's progress.db (created on first use, once the store made the file)."""

    def __init__(self, path: Path, settings: xapi.Settings, busy_timeout: float = 5.0):
        self.path = path
        self.settings = settings
        self.busy_timeout = busy_timeout
        self._fingerprint: tuple[Any, ...] | None = None  # the attempts table as last scanned
        self._ids: dict[tuple[str, int, str], str] = {}  # (question, number, time) -> statement id, this learner

    def _connect(self) -> sqlite3.Connection | None:
        """A connection, or None while the store has not made its file yet (never creates or changes its tables)."""
        if not self.path.is_file():
            return None
        conn = sqlite3.connect(
            f"file:{quote(str(self.path))}?mode=rw", uri=True, timeout=self.busy_timeout, isolation_level=None
        )
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "attempts" not in names or "meta" not in names:
                conn.close()
                return None
            if not {"xapi_outbox", "xapi_sent"} <= names:
                conn.execute(_OUTBOX)
                conn.execute(_SENT)
            return conn
        except BaseException:
            conn.close()
            raise

    def _run(self, op: Any) -> Any:
        conn = self._connect()
        if conn is None:
            return None
        try:
            return op(conn)
        finally:
            conn.close()

    def scan(self) -> int:
        """Queue the statement of every saved attempt not queued or sent yet; the number queued."""

        def op(conn: sqlite3.Connection) -> int:
            conn.execute("BEGIN")  # one consistent read, ended before any statement is built
            try:
                learner = conn.execute("SELECT value FROM meta WHERE key = 'learner'").fetchone()
                fingerprint = (
                    learner,
                    conn.execute("SELECT value FROM meta WHERE key = 'created'").fetchone(),
                    conn.execute("SELECT count(*), max(id) FROM attempts").fetchone(),
                )
                if learner is None or fingerprint == self._fingerprint:
                    return 0
                if self._fingerprint is None or fingerprint[0] != self._fingerprint[0]:
                    self._ids = {}
                count: dict[str, int] = {}
                wanted: dict[int, tuple[tuple[str, int, str], int]] = {}
                for rowid, question, when in conn.execute("SELECT id, question, time FROM attempts ORDER BY id"):
                    count[question] = count.get(question, 0) + 1
                    key = (question, count[question], when)
                    if key not in self._ids:
                        wanted[rowid] = (key, count[question])
                rows = []
                ids = list(wanted)
                for i in range(0, len(ids), 500):
                    part = ids[i : i + 500]
                    rows += conn.execute(
                        "SELECT id, question, lesson, chosen, time, hash FROM attempts "
                        f"WHERE id IN ({','.join('?' * len(part))}) ORDER BY id",
                        part,
                    ).fetchall()
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
            queued = 0
            for i in range(0, len(rows), 500):  # short write transactions: a Check never waits long
                built = []
                for rowid, question, lesson, chosen, when, qhash in rows[i : i + 500]:
                    key, number = wanted[rowid]  # the result is the kernel's grading, never the row's own mark
                    attempt = {"question": question, "lesson": lesson, "chosen": json.loads(chosen)}
                    attempt.update(time=when, hash=qhash)
                    built.append((key, xapi.attempt_statement(self.settings, learner[0], attempt, number)))
                queued += self._queue(conn, [st for _, st in built])
                self._ids.update({key: st["id"] for key, st in built})
            self._fingerprint = fingerprint
            return queued

        return int(self._run(op) or 0)

    def queue(self, statements: list[dict[str, Any]]) -> int | None:
        """Queue `statements` (a hand-in's): the number queued, None while the store has no file yet."""
        queued: int | None = self._run(lambda conn: self._queue(conn, statements))
        return queued

    @staticmethod
    def _queue(conn: sqlite3.Connection, statements: list[dict[str, Any]]) -> int:
        if not statements:
            return 0
        when = _now()
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO xapi_outbox (id, body, queued) SELECT ?, ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM xapi_sent WHERE id = ?)",
                [
                    (s["id"], json.dumps(s, ensure_ascii=False, separators=(",", ":")), when, s["id"])
                    for s in statements
                ],
            )
            conn.execute("COMMIT")
            return conn.total_changes - before
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def pending(self, limit: int) -> list[tuple[str, str]]:
        """The oldest statements waiting: (id, JSON text)."""
        return list(
            self._run(
                lambda conn: conn.execute(
                    "SELECT id, body FROM xapi_outbox WHERE refused IS NULL ORDER BY rowid LIMIT ?", (limit,)
                ).fetchall()
            )
            or []
        )

    def acknowledge(self, ids: list[str]) -> None:
        """Record that the LRS stored `ids`, and take them out of the outbox, in one transaction."""

        def op(conn: sqlite3.Connection) -> None:
            when = _now()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR IGNORE INTO xapi_sent VALUES (?, ?)", [(i, when) for i in ids])
                conn.executemany("DELETE FROM xapi_outbox WHERE id = ?", [(i,) for i in ids])
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        self._run(op)

    def refuse(self, statement_id: str, why: str) -> None:
        """Keep a statement the LRS refused (never retried automatically), with the reason."""
        self._run(
            lambda conn: conn.execute("UPDATE xapi_outbox SET refused = ? WHERE id = ?", (why[:500], statement_id))
        )

    def counts(self) -> dict[str, int]:
        """How many statements wait, were refused, and were sent."""

        def op(conn: sqlite3.Connection) -> dict[str, int]:
            waiting, refused = conn.execute(
                "SELECT count(*) - count(refused), count(refused) FROM xapi_outbox"
            ).fetchone()
            return {
                "waiting": waiting,
                "refused": refused,
                "sent": conn.execute("SELECT count(*) FROM xapi_sent").fetchone()[0],
            }

        return dict(self._run(op) or {"waiting": 0, "refused": 0, "sent": 0})


class _Retry(Exception):
    """Sending failed for now (unreachable, busy, refused sign-in); the message says why."""


class Sender:
    """The background sender of one progress file: `wake()` after a change, `queue_handin(doc)` after a hand-in."""

    def __init__(self, config: Config, directory: Path, events: list[str] | None = None):
        self.config = config
        self.settings = xapi.settings(homepage=config.homepage)
        self.outbox = Outbox(Path(directory) / "progress.db", self.settings)
        self.events = events if events is not None else []
        self.problem: str | None = None  # why the last try failed (None: the last try worked)
        self.failures = 0
        self._told: set[str] = set()
        self._pending_handins: list[list[dict[str, Any]]] = []  # queued here while the file was busy
        self.stores: weakref.WeakSet[Any] = weakref.WeakSet()  # the stores whose changes wake this sender
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._changes = 0  # counts wake() calls: "idle" only if none came during the last pass
        self._changes_lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name=f"xapi-sender {directory}", daemon=True)
        token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode()
        self._headers = {
            "Content-Type": "application/json",
            "X-Experience-API-Version": xapi.VERSION,
            **({"Authorization": f"Basic {token}"} if config.username or config.password else {}),
        }

    def start(self) -> Sender:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Something changed: look for statements to send (returns at once)."""
        with self._changes_lock:
            self._changes += 1
            self._idle.clear()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until a pass found nothing left to send (tests, benchmarks); False on time-out."""
        return self._idle.wait(timeout)

    def queue_handin(self, doc: dict[str, Any]) -> None:
        """Queue the statements of a handed-in results document, then send them in the background."""
        statements = xapi.handin_statements(self.settings, doc)
        try:
            queued = self.outbox.queue(statements)
        except sqlite3.Error:
            queued = None
        if queued is None:  # the file cannot be written just now: kept here, written at the next pass
            self._pending_handins.append(statements)
        self.wake()

    def _tell_once(self, key: str, text: str) -> None:
        if key not in self._told:
            self._told.add(key)
            self.events.append(text)

    def _loop(self) -> None:
        delay: float | None = None  # None: wait until woken
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                break
            with self._changes_lock:
                changes = self._changes
            try:
                self._pass()
                self.problem, self.failures, delay = None, 0, None
                with self._changes_lock:
                    if changes == self._changes:
                        self._idle.set()
            except Exception as e:  # whatever it was, nothing is lost: try again later
                self.problem = str(e) or type(e).__name__
                self.failures += 1
                span = min(self.config.retry_max, self.config.retry_min * 2 ** (self.failures - 1))
                delay = span * random.uniform(0.8, 1.0)

    def _pass(self) -> None:
        """Queue what is new, then send everything waiting, oldest first, a batch at a time."""
        if any(getattr(store, "_newer", None) for store in list(self.stores)):
            raise _Retry("the progress file is from a newer version of the lessons: only read here")
        while self._pending_handins:
            if self.outbox.queue(self._pending_handins[0]) is None:
                raise _Retry("the progress file cannot be opened yet")
            self._pending_handins.pop(0)
        self.outbox.scan()
        while not self._stop.is_set():
            batch = self.outbox.pending(self.config.batch)
            if not batch:
                return
            self._send(batch)

    def _request(self, method: str, url: str, body: bytes) -> tuple[int, str]:
        import urllib.error  # only when a hub admin set up a record store: most lessons never send
        import urllib.request

        request = urllib.request.Request(url, data=body, method=method, headers=self._headers)
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as e:
            detail = e.read(2000).decode("utf-8", "replace")
            e.close()
            return e.code, detail
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            reason = getattr(e, "reason", e)
            raise _Retry(f"the learning record store at {self.config.endpoint} cannot be reached ({reason})") from None

    def _send(self, batch: list[tuple[str, str]]) -> None:
        body = ("[" + ",".join(text for _, text in batch) + "]").encode("utf-8")
        status, detail = self._request("POST", self.config.endpoint + "statements", body)
        if status in (200, 204):
            self.outbox.acknowledge([i for i, _ in batch])
        elif status in (401, 403):
            self._tell_once("credentials", MESSAGES["credentials"].format(status=f"HTTP {status}"))
            raise _Retry(f"the learning record store refused the sign-in (HTTP {status})")
        elif status in (400, 409, 413) and len(batch) > 1:
            for one in batch:  # find the one it refuses; the others go on
                self._send([one])
        elif status in (400, 409, 413):
            why = _detail(detail) or f"HTTP {status}"
            self.outbox.refuse(batch[0][0], f"HTTP {status}: {why}")
            self._tell_once("refused", MESSAGES["refused"].format(why=why[:200]))
        else:
            raise _Retry(f"the learning record store answered HTTP {status} ({_detail(detail)[:200]})")


def _detail(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return text.strip()
    return str(value.get("detail", value)) if isinstance(value, dict) else str(value)


_senders: dict[Path, Sender] = {}
_told_settings: weakref.WeakSet[Any] = weakref.WeakSet()  # stores told that the settings cannot be used
_lock = threading.Lock()


def attach(
    store: ProgressStore, environ: Mapping[str, str] | None = None, config: Config | None = None
) -> Sender | None:
    """Start sending the results of `store` if an admin configured an LRS (else nothing: returns None).

    One sender per progress file per kernel; the store wakes it after every change. Settings that cannot be
    used are told once in the store's notices. `config` replaces the admin's settings (tests)."""
    try:
        config = config or load_config(environ)
    except ConfigError as e:
        if store not in _told_settings:
            _told_settings.add(store)
            store.events.append(MESSAGES["settings"].format(why=e))
        return None
    if config is None:
        return None
    with _lock:
        sender = _senders.get(store.path)
        if sender is None or sender.config != config:
            if sender is not None:
                sender.stop()
            sender = _senders[store.path] = Sender(config, store.directory, store.events).start()
        if store not in sender.stores:
            sender.stores.add(store)
            store.subscribe(sender.wake)
    sender.wake()  # what was saved before this kernel started
    return sender


def sender_for(store: ProgressStore) -> Sender | None:
    """The running sender of `store`'s file, if any."""
    return _senders.get(store.path)


def handed_in(store: ProgressStore, doc: dict[str, Any]) -> None:
    """Queue the statements of a hand-in (widgets/classroom/handin.py's document) if an LRS is configured."""
    sender = _senders.get(store.path) or attach(store)
    if sender is not None:
        sender.queue_handin(doc)


def detach(store: ProgressStore) -> None:
    """Stop the sender of `store`'s file (tests; a kernel's sender otherwise ends with the kernel)."""
    with _lock:
        sender = _senders.pop(store.path, None)
    if sender is not None:
        sender.stop()
