"""The learner's progress store: one SQLite file, one row per answer, and failure paths that lose nothing.

``progress.db`` (0600, in a 0700 folder) holds the learner code, every attempt (ids, never texts, with the
question's content hash and, from schema 2, the quiz page's unique attempt id, so a resent try is saved
once) and a per-question summary kept by a trigger, so a Check costs the same with 10 or 100,000 saved
answers. Each answer is one ``BEGIN IMMEDIATE`` transaction; ``PRAGMA user_version`` is the
schema version. An old ``progress.json`` is imported once and kept as ``progress-imported-….json``.

Journal mode DELETE (SQLite's rollback journal, the default), synchronous FULL, busy timeout 5 s. Not WAL:
WAL keeps its index in shared memory (the ``-shm`` file is mmap'ed), which network file systems such as
NFS hub homes cannot share between machines; a rollback journal needs only the POSIX locks NFS provides.
DELETE rather than TRUNCATE or PERSIST: between answers the folder holds ``progress.db`` alone, so a copy
or sync of the folder never carries a stale journal, and a journal found there always means an interrupted
write, rolled back at the next open.

Failure rules, compared with IPython's ``HistoryManager`` (``catch_corrupt_db``): IPython treats every
``DatabaseError``, "database is locked" included, as corruption, renames the file (a small one to a fixed
name that clobbers the last) and after two failures keeps history in memory for the rest of the session.
Here only SQLITE_CORRUPT / SQLITE_NOTADB / a broken schema count as corruption: the file is moved aside
under a unique name created exclusively (``link``, never following links) and its readable rows and
learner code are salvaged into the new file. A busy, read-only, full or unreachable folder never swaps in
an empty store: answers are kept in memory in order and written at the next chance (every later call
tries), the learner keeps the saved answers and code, and `notice()` says so until they are written. A
file of a newer schema is left in place and only read.

A file locked by another process (a second kernel of the same learner) costs a Check at most CHECK_BUDGET:
the calls inside `budget()` share one busy wait (not 5 s each). What could not be written waits in memory and
is retried on the kernel's event loop (never a thread) until it is written; the store's listeners are told
(a quiz then tells its page "saved"). Answers still waiting when the kernel ends get one last try.

The tables, trigger and migrations are in schema.py; moving a file aside and rescuing rows are in recovery.py;
what the store tells the learner is in notices.py.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import json
import os
import re
import sqlite3
import stat
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from platformdirs import user_data_dir

from ..engine.scoring import QuestionStatus, question_status
from .notices import BUSY, MESSAGES, reason
from .progress_doc import (
    ATTEMPT_ID,
    FORMAT,
    HEADER_BYTES,
    MAX_ATTEMPTS,
    MAX_BYTES,
    MAX_PER_QUESTION,
    VERSION,
    Attempt,
    ProgressFormatError,
    attempt_bytes,
    check_progress,
    empty_progress,
    encode_progress,
    new_learner_code,
    now,
)
from .recovery import download_in, move_aside, restorable, salvage, within_limits, write_backup
from .safe_json import UnreadableFile, parse_json, read_regular_file
from .schema import COLUMNS, CREATE, SCHEMA, migrate, retire, row_attempt

__all__ = [
    "ENV_DIR",
    "FORMAT",
    "VERSION",
    "ProgressFormatError",
    "ProgressStore",
    "ProgressUnavailable",
    "check_progress",
    "data_dir",
    "default_store",
    "empty_progress",
    "new_learner_code",
]

ENV_DIR = "FOOT_LESSONS_DATA_DIR"
SETTINGS = ("region",)  # learner settings kept in the meta table (not answers: never in the results file)
DB_NAME = "progress.db"
LEGACY_NAME = "progress.json"
BUSY_TIMEOUT = 5.0
CHECK_BUDGET = 0.3  # the busy wait one Check may spend in all, its store calls together
RETRY_FIRST, RETRY_MAX = 0.25, 1.0  # seconds before the event loop's next try to write what waits (doubling)
RETRY_SLOW = 30.0  # at most this between tries when the folder is read-only, full or damaged (not locked)
RETRY_BUDGET = 0.05  # the busy wait of one retry: the event loop is never held longer
EXIT_BUDGET = 1.0  # the last try when the kernel ends (a kernel is killed if it takes 5 s to stop)
MAX_PENDING = 1000

_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

T = TypeVar("T")


def data_dir() -> Path:
    """Where progress lives: $FOOT_LESSONS_DATA_DIR, else the user's data directory (per learner on a hub)."""
    env = os.environ.get(ENV_DIR)
    return Path(env).expanduser() if env else Path(user_data_dir("foot-twitch-lessons", appauthor=False))


class ProgressUnavailable(RuntimeError):
    """A reset or restore could not be written (the message says why); nothing was changed."""


class _Unavailable(Exception):
    """The folder or database cannot be used just now (busy, read-only, full, missing); message says why."""

    busy = False  # locked by another process: worth trying again soon


class _Corrupt(Exception):
    """The database file is damaged or not ours."""


def _is_corrupt(e: BaseException, newer: bool) -> bool:
    """A damaged or foreign file (never a busy, read-only, full or missing one)."""
    if isinstance(e, _Corrupt):
        return True
    code = getattr(e, "sqlite_errorcode", 0) & 0xFF
    return isinstance(e, sqlite3.Error) and (code in _CORRUPT or (code == 1 and not newer))  # 1: broken schema


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo an open transaction; an error here must not hide the one that caused it."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


class ProgressStore:
    """A learner's answers in ``<directory>/progress.db``; see the module docstring for the failure rules.

    `load()` gives the whole portable document (saved answers plus those waiting to be written);
    `question_status(ids)` and `learner()` are the cheap reads the views use on every Check.
    """

    def __init__(self, directory: Path | str | None = None, busy_timeout: float = BUSY_TIMEOUT):
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / DB_NAME
        self.legacy = self.directory / LEGACY_NAME
        self.busy_timeout = busy_timeout
        self._pending: list[dict[str, Any]] = []  # answers not written yet, in the order given
        self.events: list[str] = []  # things to tell once (moved aside, imported, refused), in order
        self.told = 0  # events[:told] were shown by some view
        self._problem: str | None = None  # why the last write or read failed
        self._newer: str | None = None  # set when the file is of a newer schema: read only
        self._learner: str | None = None  # the code last read (or made up while nothing can be read)
        self._created = ""
        self._last: list[dict[str, Any]] | None = None  # the attempts last read, shown if reading fails later
        self._seen: dict[str, QuestionStatus] = {}  # statuses last read, shown if reading fails later
        self._checked = False  # integrity checked once per store
        self._ever_read = False  # the file was read at least once by this store
        self._listeners: list[weakref.ref[Callable[[], None]]] = []
        self._notifying = False
        self._outcomes: dict[str, str] = {}  # attempt id → saved / duplicate / refused (this store's writes)
        self._settings: dict[str, str] = {}  # settings not written yet (the folder could not be written)
        self._deadline: float | None = None  # inside budget(): when every busy wait ends (time.monotonic)
        self._retry: asyncio.TimerHandle | None = None  # the event loop's next try to write what waits
        self._retry_delay = RETRY_FIRST
        self._told_once: set[str] = set()  # events that must not repeat at every call

    # -- public reads ------------------------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        """The whole progress document: every saved answer, then any still waiting to be written."""
        self._flush()
        try:
            learner, created, attempts = self._run(self._read_all)
            self._last, self._ever_read = attempts, True
            if not self._pending:
                self._problem = None
        except _Unavailable as e:
            self._read_failed(e)
            learner, created, attempts = self._fallback_learner(), self._created, list(self._last or [])
        return {
            "format": FORMAT,
            "version": VERSION,
            "learner": learner,
            "created": created,
            "attempts": attempts + [dict(a) for a in self._pending],
        }

    def learner(self) -> str:
        """The learner code (the same one as long as the file can be read)."""
        self._flush()
        try:
            return self._run(lambda c: self._meta(c)[0])
        except _Unavailable:
            return self._fallback_learner()

    def question_status(self, ids: Iterable[str] | None = None, lesson: str | None = None) -> dict[str, QuestionStatus]:
        """Status of the given question ids (or of every question saved under `lesson`), pending answers included."""
        self._flush()
        ids = None if ids is None else list(dict.fromkeys(ids))
        try:
            rows = self._run(lambda c: self._status_rows(c, ids, lesson))
            out = {r[0]: QuestionStatus(r[0], r[2], bool(r[3]), bool(r[4]), json.loads(r[5]), r[6]) for r in rows}
            self._seen.update(out)
            self._ever_read = True
            if not self._pending:
                self._problem = None
        except _Unavailable as e:
            self._read_failed(e)
            if self._last is not None:
                out = question_status([a for a in self._last if self._wanted(a, ids, lesson)])
            else:
                out = {q: s for q, s in self._seen.items() if ids is None or q in ids}
        for a in self._pending:
            if self._wanted(a, ids, lesson):
                out = _fold(out, a)
        return out

    def _read_failed(self, e: _Unavailable) -> None:
        if not self._ever_read:
            self._problem = MESSAGES["cannot_save"].format(folder=self.directory, why=e)
        else:
            self._problem = MESSAGES["cannot_read"].format(why=e)

    @staticmethod
    def _wanted(a: dict[str, Any], ids: list[str] | None, lesson: str | None) -> bool:
        return (ids is None or a["question"] in ids) and (lesson is None or a["lesson"] == lesson)

    # -- public writes -----------------------------------------------------------------------------
    def record(
        self,
        lesson: str,
        question: str,
        chosen: list[str],
        correct: bool,
        hash: str = "",
        attempt_id: str | None = None,
    ) -> dict[str, Any]:
        """Save one attempt (ids, never texts, and the question's content hash); returns the attempt.

        If it cannot be written now, it is kept in memory, `notice()` says so, and every later call tries
        again, in order. An `attempt_id` (the page's id of one try) is saved once: an attempt whose id is
        waiting or was refused already is dropped and {} returned; one saved before, or erased by a reset or
        restore, is not saved again (`outcome(attempt_id)` says what became of it)."""
        if attempt_id is not None and (self._outcomes.get(attempt_id) == "refused" or self._waiting(attempt_id)):
            self._flush()  # a resend is also a chance to write what waits
            return {}
        attempt = {
            "question": question,
            "lesson": lesson,
            "chosen": [str(c) for c in chosen],
            "correct": bool(correct),
            "time": now(),
            "hash": hash,
        }
        Attempt.model_validate(attempt)  # a programming error (a bad id) raises here
        if attempt_id is not None:
            if not re.fullmatch(ATTEMPT_ID, attempt_id):
                raise ValueError(f"not an attempt id: {attempt_id[:80]!r}")
            attempt["attempt_id"] = attempt_id
        if len(self._pending) >= MAX_PENDING:
            self.events.append(MESSAGES["pending_full"].format(most=MAX_PENDING))
        else:
            self._pending.append(attempt)
        self._flush(notify=False)
        self._notify()
        return attempt

    def outcome(self, attempt_id: str) -> str:
        """What became of the attempt with this id: "saved", "duplicate" (saved before: not saved again),
        "retired" (its answer was erased by a reset or restore: not saved again), "waiting" (kept in memory
        until it can be written), "refused" (a limit) or "unknown"."""
        if self._waiting(attempt_id):
            return "waiting"
        return self._outcomes.get(attempt_id, "unknown")

    def _tell_once(self, message: str) -> None:
        """An event said once by this store, however often its cause comes back."""
        if message not in self._told_once:
            self._told_once.add(message)
            self.events.append(message)

    def _forget_outcomes(self) -> None:
        """After a reset or restore the file, not this store's memory, says whether an id is saved or retired."""
        self._outcomes = {k: v for k, v in self._outcomes.items() if v == "refused"}

    def _waiting(self, attempt_id: str) -> bool:
        return any(a.get("attempt_id") == attempt_id for a in self._pending)

    def reset(self) -> dict[str, Any]:
        """Erase the saved answers, keeping the learner code; a backup file of them is written first.
        Their page attempt ids are retired: a quiz page resending one is answered "retired", never saved.

        Raises ProgressUnavailable (nothing erased) if the backup or the change cannot be written."""

        def clear(conn: sqlite3.Connection, doc: dict[str, Any] | None) -> None:
            retire(conn)
            conn.execute("DELETE FROM attempts")
            conn.execute("DELETE FROM questions")
            conn.execute("UPDATE totals SET attempts = 0, bytes = 0")
            conn.execute("UPDATE meta SET value = ? WHERE key = 'created'", (now(),))

        backup, n = self._rewrite(clear, "progress-reset")
        self._forget_outcomes()
        if backup:
            self.events.append(MESSAGES["reset"].format(n=n, backup=backup.name, folder=self.directory))
        self._notify()
        return self.load()

    def replace(self, data: dict[str, Any]) -> dict[str, Any]:
        """Replace every saved answer and the learner code with those of `data` (validated first).

        The page attempt ids of `data` are kept (a resend of one is a duplicate); those of answers that were
        here and are not in `data` are retired, as by a reset. A bad document raises ProgressFormatError, a
        folder that cannot be written ProgressUnavailable; either way nothing was changed. The answers that
        were here are kept in a backup file first."""
        checked, attempts = restorable(data)

        def put(conn: sqlite3.Connection, doc: dict[str, Any] | None) -> None:
            retire(conn)
            conn.execute("DELETE FROM attempts")
            conn.execute("DELETE FROM questions")
            conn.execute("UPDATE totals SET attempts = 0, bytes = 0")
            self._insert(conn, attempts)
            conn.execute("DELETE FROM retired WHERE attempt_id IN (SELECT attempt_id FROM attempts)")
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("learner", checked["learner"]), ("created", checked.get("created") or now())],
            )

        backup, n = self._rewrite(put, "progress-before-restore")
        self._forget_outcomes()
        if backup:
            self.events.append(MESSAGES["restored"].format(n=n, backup=backup.name, folder=self.directory))
        self._notify()
        return self.load()

    # -- settings kept with the learner's answers (never in the results file) ---------------------------
    def setting(self, key: str) -> str | None:
        """A learner setting kept in the meta table (e.g. "region"); None if unset or unreadable."""
        if key not in SETTINGS:
            raise KeyError(f"unknown setting {key!r}; expected one of {SETTINGS}")
        if key in self._settings:
            return self._settings[key]
        if not self.path.exists():  # reading a setting never creates the store
            return None
        try:
            row = self._run(lambda c: c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone())
        except _Unavailable:
            return None
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> bool:
        """Keep a learner setting in the meta table; False (kept in memory for this session) if it cannot be written."""
        if key not in SETTINGS:
            raise KeyError(f"unknown setting {key!r}; expected one of {SETTINGS}")
        self._settings[key] = value

        def put(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

        try:
            self._run(put)
        except _Unavailable:
            return False
        del self._settings[key]
        return True

    # -- notices -----------------------------------------------------------------------------------
    def notice(self) -> str | None:
        """The one notice every view shows while something is wrong (None when all is saved)."""
        n = len(self._pending)
        if self._newer:
            unsaved = MESSAGES["newer_unsaved"].format(n=n) if n else ""
            return self._newer + unsaved
        if n:
            return MESSAGES["waiting"].format(n=n, why=self._problem or MESSAGES["waiting_why"])
        if self._problem:
            return self._problem[0].upper() + self._problem[1:] + "."
        return None

    def pop_notices(self) -> list[str]:
        """Things to tell once (each is returned once), then the current `notice()` if there is one."""
        out = self.pop_notices_once()
        state = self.notice()
        return out + ([state] if state else [])

    def pop_notices_once(self) -> list[str]:
        """Only the things to tell once (moved aside, imported, refused) that no view has shown yet."""
        self._flush()
        out, self.told = self.events[self.told :], len(self.events)
        return out

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after every change (a weak reference: a closed view is dropped)."""
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
        self._listeners.append(ref)

    def _notify(self) -> None:
        if self._notifying:
            return
        self._notifying = True
        try:
            self._listeners = [r for r in self._listeners if r() is not None]
            for ref in list(self._listeners):
                cb = ref()
                if cb is not None:
                    cb()
        finally:
            self._notifying = False

    # -- one busy wait per Check, and the retry on the event loop --------------------------------------
    @contextlib.contextmanager
    def budget(self, seconds: float) -> Iterator[None]:
        """Inside, every call waits for a file locked by another process at most `seconds` in all."""
        outer = self._deadline
        end = time.monotonic() + seconds
        self._deadline = end if outer is None else min(outer, end)
        try:
            yield
        finally:
            self._deadline = outer

    def _timeout(self) -> float:
        """The busy wait the next statement may spend: what is left of the budget, else the busy timeout."""
        if self._deadline is None:
            return self.busy_timeout
        return max(0.0, min(self.busy_timeout, self._deadline - time.monotonic()))

    def _schedule_retry(self, most: float) -> None:
        """Try again later on the running event loop (the kernel's), waiting longer each time up to `most`
        seconds; with no loop running, the next call tries."""
        _unsaved.add(self)
        if self._retry is not None or not self._pending or self._newer:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._retry = loop.call_later(self._retry_delay, self._retry_now)
        self._retry_delay = min(self._retry_delay * 2, most)

    def _retry_now(self) -> None:
        self._retry = None
        with self.budget(RETRY_BUDGET):
            self._flush()  # tells the listeners what was written; schedules the next try if some still wait

    # -- writing -----------------------------------------------------------------------------------
    def _flush(self, notify: bool = True) -> None:
        """Write the waiting answers, oldest first, one transaction each; stop at the first failure.

        While a retry is scheduled, a call waits for a locked file at most CHECK_BUDGET: the retry writes them."""
        if not self._pending or self._newer:
            return
        wrote = False
        try:
            with self.budget(CHECK_BUDGET) if self._retry is not None else contextlib.nullcontext():
                while self._pending:
                    attempt = self._pending[0]
                    written = self._run(functools.partial(self._write_one, attempt=attempt))
                    if "attempt_id" in attempt:
                        self._outcomes[attempt["attempt_id"]] = written
                    if written == "saved":
                        # what a later failed read shows (the last read, plus what was written since) stays current
                        self._seen = _fold(self._seen, attempt) if attempt["question"] in self._seen else self._seen
                        if self._last is not None:
                            self._last.append(dict(attempt))
                    self._pending.pop(0)
                    wrote = True
            self._problem = None
            self._retry_delay = RETRY_FIRST
            if self._retry is not None:
                self._retry.cancel()
                self._retry = None
        except _Unavailable as e:
            self._problem = str(e)
            self._schedule_retry(RETRY_MAX if e.busy else RETRY_SLOW)
        if wrote and notify:
            self._notify()

    def _write_one(self, conn: sqlite3.Connection, attempt: dict[str, Any]) -> str:
        """Write one attempt in its own transaction: "saved", "duplicate" (its attempt id is saved already),
        "retired" (its id's answer was erased by a reset or restore) or "refused" (a limit; an event says why)."""
        if self._newer:
            raise _Unavailable(self._newer)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if attempt.get("attempt_id") is not None:
                migrate(conn)
                seen = conn.execute("SELECT 1 FROM attempts WHERE attempt_id = ?", (attempt["attempt_id"],))
                if seen.fetchone():
                    conn.execute("COMMIT")
                    return "duplicate"
                if conn.execute("SELECT 1 FROM retired WHERE attempt_id = ?", (attempt["attempt_id"],)).fetchone():
                    conn.execute("COMMIT")
                    self._tell_once(MESSAGES["retired"])
                    return "retired"
            row = conn.execute("SELECT attempts FROM questions WHERE question = ?", (attempt["question"],)).fetchone()
            total, used = conn.execute("SELECT attempts, bytes FROM totals").fetchone()
            size = attempt_bytes(attempt)
            if row and row[0] >= MAX_PER_QUESTION:
                self.events.append(
                    MESSAGES["question_full"].format(question=attempt["question"], most=MAX_PER_QUESTION)
                )
            elif total >= MAX_ATTEMPTS or used + size + HEADER_BYTES > MAX_BYTES:
                self.events.append(MESSAGES["file_full"].format(total=total))
            else:
                self._insert(conn, [attempt])
                conn.execute("COMMIT")
                return "saved"
            conn.execute("COMMIT")
            return "refused"
        except BaseException:
            _rollback(conn)
            raise

    @staticmethod
    def _insert(conn: sqlite3.Connection, attempts: list[dict[str, Any]]) -> None:
        # The attempt_id column exists only after migrate, so it is named only when an attempt carries an id.
        with_id = any(a.get("attempt_id") is not None for a in attempts)
        columns = ["question", "lesson", "chosen", "correct", "time", "hash", "size"] + ["attempt_id"] * with_id
        conn.executemany(
            f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [
                (
                    a["question"],
                    a["lesson"],
                    json.dumps(a["chosen"], ensure_ascii=False),
                    int(a["correct"]),
                    a["time"],
                    a.get("hash", ""),
                    attempt_bytes(a),
                    *([a.get("attempt_id")] * with_id),
                )
                for a in attempts
            ],
        )

    def _rewrite(
        self, change: Callable[[sqlite3.Connection, dict[str, Any] | None], None], backup_stem: str
    ) -> tuple[Path | None, int]:
        """Run `change(conn, doc)` in one write transaction after saving the current answers to a backup."""
        self._flush()
        if self._newer:
            raise ProgressUnavailable(self._newer)
        if self._pending:
            raise ProgressUnavailable(MESSAGES["newest_not_saved"].format(why=self._problem))

        def op(conn: sqlite3.Connection) -> tuple[Path | None, int]:
            conn.execute("BEGIN IMMEDIATE")
            try:
                learner, created, attempts = self._read_all(conn)
                backup = None
                if attempts:
                    doc = {
                        "format": FORMAT,
                        "version": VERSION,
                        "learner": learner,
                        "created": created,
                        "attempts": attempts,
                    }
                    backup = write_backup(self.directory, backup_stem, encode_progress(doc))
                change(conn, None)
                conn.execute("COMMIT")
                return backup, len(attempts)
            except BaseException:
                _rollback(conn)
                raise

        try:
            return self._run(op)
        except _Unavailable as e:
            raise ProgressUnavailable(str(e)) from None

    # -- reading -----------------------------------------------------------------------------------
    def _meta(self, conn: sqlite3.Connection) -> tuple[str, str]:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('learner', 'created')").fetchall())
        if "learner" not in meta:
            raise _Corrupt("the learner code is missing")
        self._learner, self._created, self._ever_read = meta["learner"], meta.get("created", ""), True
        return self._learner, self._created

    def _read_all(self, conn: sqlite3.Connection) -> tuple[str, str, list[dict[str, Any]]]:
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            learner, created = self._meta(conn)
            ids = ", attempt_id" if conn.execute("PRAGMA user_version").fetchone()[0] >= 2 else ""
            rows = conn.execute(f"SELECT {COLUMNS}{ids} FROM attempts ORDER BY id")
            return learner, created, [row_attempt(r) for r in rows]
        finally:
            if own and conn.in_transaction:
                conn.execute("COMMIT")

    @staticmethod
    def _status_rows(conn: sqlite3.Connection, ids: list[str] | None, lesson: str | None) -> list[tuple[Any, ...]]:
        cols = "SELECT question, lesson, attempts, first_correct, last_correct, last_chosen, last_hash FROM questions"
        where = " WHERE lesson = ?" if lesson else ""
        if ids is None:
            return conn.execute(f"{cols}{where} ORDER BY first_id", [lesson] if lesson else []).fetchall()
        rows = []
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            rows += conn.execute(
                f"{cols} WHERE question IN ({marks})" + (" AND lesson = ?" if lesson else ""),
                part + ([lesson] if lesson else []),
            ).fetchall()
        place = {q: i for i, q in enumerate(ids)}
        return sorted(rows, key=lambda r: place[r[0]])

    def _fallback_learner(self) -> str:
        if self._learner is None:
            self._learner = new_learner_code()  # only until the file can be read: never written over one
        return self._learner

    # -- opening -----------------------------------------------------------------------------------
    def _run(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """Run `op(connection)` on a fresh connection; a damaged file is moved aside once and `op` retried."""
        for tries in range(2):
            try:
                conn = self._connect()
                try:
                    if self._deadline is not None:  # what opening it spent is spent
                        conn.execute(f"PRAGMA busy_timeout = {int(self._timeout() * 1000)}")
                    return op(conn)
                finally:
                    conn.close()
            except (_Corrupt, sqlite3.Error, OSError) as e:
                if tries or not _is_corrupt(e, bool(self._newer)):
                    err = _Unavailable(reason(e))
                    err.busy = getattr(e, "sqlite_errorcode", 0) & 0xFF in BUSY
                    raise err from None
                try:
                    self._recover(str(e))
                except (_Corrupt, sqlite3.Error, OSError) as e2:
                    raise _Unavailable(MESSAGES["damaged_not_replaced"].format(why=reason(e2))) from None
        raise _Unavailable("the progress file could not be opened")

    def _connect(self) -> sqlite3.Connection:
        self._ensure_file()
        uri = f"file:{quote(str(self.path))}?mode=rw"
        conn = sqlite3.connect(uri, uri=True, timeout=self._timeout(), isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA:
                self._newer = MESSAGES["newer"].format(file=self.path.name, version=version, reads=SCHEMA)
                conn.close()  # reopen read-only: nothing here can change it
                conn = sqlite3.connect(
                    f"file:{quote(str(self.path))}?mode=ro", uri=True, timeout=self._timeout(), isolation_level=None
                )
                conn.execute("PRAGMA trusted_schema = OFF")
            else:
                self._newer = None
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
                if version == 0:
                    self._initialise(conn)
                elif version < SCHEMA:
                    self._try_migrate(conn)
                self._drop_stale_journal(conn)
            if not self._checked:
                result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if result != "ok":
                    raise _Corrupt(MESSAGES["integrity"].format(result=result))
                self._checked = True
            return conn
        except BaseException:
            conn.close()
            raise

    @staticmethod
    def _try_migrate(conn: sqlite3.Connection) -> None:
        """Bring an older file to SCHEMA now if it can be written; if not, it is read as it is (and migrated
        inside the transaction of the first attempt that carries an id)."""
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                migrate(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        except sqlite3.Error:
            pass

    def _drop_stale_journal(self, conn: sqlite3.Connection) -> None:
        """Delete a journal left by a writer killed before its first change (not "hot", so SQLite keeps it).

        Under our write lock no other writer is in a transaction, and a hot journal was already rolled back
        when the lock was taken, so what is left belongs to no one."""
        journal = self.path.with_name(self.path.name + "-journal")
        if not os.path.lexists(journal):
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if os.path.lexists(journal):
                    os.unlink(journal)
            finally:
                conn.execute("COMMIT")
        except (sqlite3.Error, OSError):
            pass  # read-only or busy: try again next time

    def _ensure_file(self) -> None:
        """Create the 0700 folder and an empty 0600 database file if missing; move a link or non-file aside."""
        if not self.directory.is_dir():
            self.directory.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.mkdir(self.directory, 0o700)
                os.chmod(self.directory, 0o700)  # whatever the umask
            except FileExistsError:
                pass
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                return
            os.fchmod(fd, 0o600)
            os.close(fd)
            return
        if not stat.S_ISREG(st.st_mode):
            kind = {stat.S_IFLNK: "a link", stat.S_IFDIR: "a folder"}.get(stat.S_IFMT(st.st_mode), "not a plain file")
            try:
                moved = move_aside(self.path, "progress-not-a-file", "")
            except FileNotFoundError:  # another notebook moved it first
                return self._ensure_file()
            except OSError as e:
                why = MESSAGES["not_a_file"].format(
                    file=self.path.name, folder=self.directory, kind=kind, error=e.strerror or e
                )
                self._tell_once(MESSAGES["not_a_file_told"].format(why=f"Y{why[1:]}"))
                raise _Unavailable(why) from None
            self.events.append(
                MESSAGES["not_a_file_moved"].format(
                    file=self.path.name, folder=self.directory, kind=kind, moved=moved.name
                )
            )
            self._ensure_file()
        elif st.st_mode & 0o077 and st.st_uid == os.geteuid():
            os.chmod(self.path, 0o600)

    def _initialise(self, conn: sqlite3.Connection, seed: dict[str, Any] | None = None) -> None:
        """Create the schema in an empty file, with the answers of `seed` or of an old progress.json."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != 0:  # another notebook was quicker
                conn.execute("COMMIT")
                return
            # SQLite takes any file under 512 bytes (its smallest page) for an empty one, so a short foreign file is
            # refused here. By its size only: opening and closing the file would drop every POSIX lock this process
            # holds on it, this transaction's included, and let another writer in (SQLite's documented pitfall).
            size = os.stat(self.path).st_size
            if 0 < size < 512 or conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _Corrupt("it is not a progress file of these lessons")
            legacy = None
            if seed is None:
                seed, legacy = self._legacy()
            for stmt in CREATE:
                conn.execute(stmt)
            learner = (seed or {}).get("learner") or self._learner or new_learner_code()
            conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("learner", learner), ("created", (seed or {}).get("created") or now())],
            )
            self._insert(conn, within_limits((seed or {}).get("attempts", [])))
            conn.execute(f"PRAGMA user_version = {SCHEMA}")
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        self._learner = learner
        if legacy is not None:
            self._keep_legacy(*legacy)

    def _legacy(self) -> tuple[dict[str, Any] | None, tuple[str, str] | None]:
        """The old progress.json's document (or None) and what to do with the file after the import."""
        try:
            os.lstat(self.legacy)
        except FileNotFoundError:
            return None, None
        what = MESSAGES["legacy_what"].format(file=LEGACY_NAME)
        try:
            doc = check_progress(
                parse_json(
                    read_regular_file(self.legacy, max_bytes=MAX_BYTES, what=what), what=what, max_bytes=MAX_BYTES
                )
            )
        except UnreadableFile as e:
            return None, (
                "progress-unreadable",
                MESSAGES["legacy_unreadable"].format(why=str(e).rstrip("."), folder=self.directory),
            )
        n = len(doc["attempts"])
        return doc, (
            "progress-imported",
            MESSAGES["legacy_imported"].format(n=n, file=LEGACY_NAME),
        )

    def _keep_legacy(self, stem: str, message: str) -> None:
        try:
            moved = move_aside(self.legacy, stem, ".json")
        except OSError:
            return
        self.events.append(message.replace("\0", moved.name))

    def _recover(self, why: str) -> None:
        """Move a damaged file (and its journal) aside, then start a new one holding every row still readable,
        or, if the file is a downloaded progress file copied over it, its answers as a restore would."""
        download, not_restorable = download_in(self.path)
        if download is not None:
            learner, created, attempts = download["learner"], download.get("created", ""), download["attempts"]
        else:
            learner, created, attempts = salvage(self.path)
        try:
            stem, suffix = ("progress-imported", ".json") if download else ("progress-damaged", ".db")
            moved = move_aside(self.path, stem, suffix)
            journal = self.path.with_name(self.path.name + "-journal")
            if os.path.lexists(journal):
                move_aside(journal, "progress-damaged-journal", "")
        except OSError as e:
            raise _Unavailable(MESSAGES["damaged_not_moved"].format(why=reason(e))) from None
        keep = learner or self._learner
        self._checked = False
        self._ensure_file()
        conn = sqlite3.connect(
            f"file:{quote(str(self.path))}?mode=rw", uri=True, timeout=self.busy_timeout, isolation_level=None
        )
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            self._initialise(conn, {"learner": keep, "created": created, "attempts": attempts})
        finally:
            conn.close()
        same = MESSAGES["same_code" if keep else "new_code"]
        if download is not None:
            self.events.append(
                MESSAGES["download_restored"].format(
                    file=self.path.name, n=len(attempts), moved=moved.name, folder=self.directory
                )
            )
            return
        if not_restorable:
            self.events.append(
                MESSAGES["not_restorable"].format(
                    file=self.path.name, why=not_restorable, moved=moved.name, folder=self.directory
                )
            )
            return
        self.events.append(
            MESSAGES["damaged"].format(why=why, moved=moved.name, folder=self.directory, n=len(attempts), code=same)
        )


def _fold(status: dict[str, QuestionStatus], a: dict[str, Any]) -> dict[str, QuestionStatus]:
    """`status` with one more (unsaved) attempt added."""
    old = status.get(a["question"])
    status = dict(status)
    status[a["question"]] = QuestionStatus(
        a["question"],
        (old.attempts if old else 0) + 1,
        old.first_correct if old else a["correct"],
        a["correct"],
        list(a["chosen"]),
        a.get("hash", ""),
    )
    return status


_unsaved: weakref.WeakSet[ProgressStore] = weakref.WeakSet()  # stores that had answers waiting


@atexit.register
def _last_try() -> None:
    """When the kernel ends: one short try to write what still waits (the quiz page keeps its own copy)."""
    for store in list(_unsaved):
        if store.directory.is_dir():  # a folder gone since is not made again
            with store.budget(EXIT_BUDGET):
                store._flush(notify=False)


_default: ProgressStore | None = None


def default_store() -> ProgressStore:
    """The store for this kernel (re-created if the data directory setting changes). The views open it through
    views/learner_store.py, which attaches the LRS sender: the store never reaches an integration."""
    global _default
    if _default is None or _default.directory != data_dir():
        _default = ProgressStore()
    return _default
