"""The progress file's SQLite schema: the tables and trigger a new file gets, the migrations from each older
schema, and how an attempt row reads back. The store (progress.py) runs them; recovery.py reads rows with them."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .progress_doc import MAX_ATTEMPTS, Attempt

SCHEMA = 3  # 2: each attempt may carry the page's attempt id (unique), so a resent answer is saved once;
# 3: the ids of answers a reset or restore erased are retired, so a resend of one is never saved again
MAX_RETIRED = MAX_ATTEMPTS  # the newest retired ids kept (a page resends only its last unanswered tries)

CREATE = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE attempts (id INTEGER PRIMARY KEY, question TEXT NOT NULL, lesson TEXT NOT NULL,
        chosen TEXT NOT NULL, correct INTEGER NOT NULL, time TEXT NOT NULL, hash TEXT NOT NULL,
        size INTEGER NOT NULL, attempt_id TEXT)""",
    "CREATE UNIQUE INDEX attempts_attempt_id ON attempts (attempt_id)",
    # one row per question, kept by the trigger: what the views read on every Check
    """CREATE TABLE questions (question TEXT PRIMARY KEY, lesson TEXT NOT NULL, attempts INTEGER NOT NULL,
        first_correct INTEGER NOT NULL, last_correct INTEGER NOT NULL, last_chosen TEXT NOT NULL,
        last_hash TEXT NOT NULL, first_id INTEGER NOT NULL)""",
    "CREATE INDEX questions_lesson ON questions (lesson)",
    "CREATE TABLE totals (one INTEGER PRIMARY KEY CHECK (one = 1), attempts INTEGER NOT NULL, bytes INTEGER NOT NULL)",
    "INSERT INTO totals VALUES (1, 0, 0)",
    "CREATE TABLE retired (attempt_id TEXT NOT NULL UNIQUE)",
    """CREATE TRIGGER attempt_added AFTER INSERT ON attempts BEGIN
        INSERT INTO questions VALUES (NEW.question, NEW.lesson, 1, NEW.correct, NEW.correct, NEW.chosen, NEW.hash,
                                      NEW.id)
            ON CONFLICT (question) DO UPDATE SET attempts = attempts + 1, last_correct = NEW.correct,
                last_chosen = NEW.chosen, last_hash = NEW.hash;
        UPDATE totals SET attempts = attempts + 1, bytes = bytes + NEW.size;
    END""",
)
# schema n → n + 1, in one write transaction (a file that cannot be written yet stays as it is and is read so)
MIGRATE = {
    1: (
        "ALTER TABLE attempts ADD COLUMN attempt_id TEXT",
        "CREATE UNIQUE INDEX attempts_attempt_id ON attempts (attempt_id)",
        "PRAGMA user_version = 2",
    ),
    2: (
        "CREATE TABLE IF NOT EXISTS retired (attempt_id TEXT NOT NULL UNIQUE)",
        # from download version 3 an attempt's size counts its id: `,"attempt_id":"…"` is 16 bytes more
        "UPDATE attempts SET size = size + 16 + length(attempt_id) WHERE attempt_id IS NOT NULL",
        "UPDATE totals SET bytes = (SELECT coalesce(sum(size), 0) FROM attempts)",
        "PRAGMA user_version = 3",
    ),
}


COLUMNS = "question, lesson, chosen, correct, time, hash"  # then attempt_id, from schema 2


def row_attempt(row: tuple[Any, ...]) -> dict[str, Any]:
    question, lesson, chosen, correct, when, qhash, *aid = row
    attempt = {
        "question": question,
        "lesson": lesson,
        "chosen": json.loads(chosen),
        "correct": bool(correct),
        "time": when,
        "hash": qhash,
    }
    if aid and aid[0] is not None:
        attempt["attempt_id"] = aid[0]
    return attempt


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file to SCHEMA inside the caller's write transaction (nothing to do on a file already there)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for v in range(version, SCHEMA):
        for stmt in MIGRATE[v]:
            conn.execute(stmt)


def retire(conn: sqlite3.Connection) -> None:
    """Retire the page attempt ids of every saved answer (before a reset or restore erases them), keeping the
    newest MAX_RETIRED; inside the caller's write transaction."""
    migrate(conn)
    conn.execute(
        "INSERT OR IGNORE INTO retired (attempt_id) SELECT attempt_id FROM attempts "
        "WHERE attempt_id IS NOT NULL ORDER BY id"
    )
    conn.execute("DELETE FROM retired WHERE rowid <= (SELECT max(rowid) FROM retired) - ?", (MAX_RETIRED,))


def valid_attempt(row: tuple[Any, ...]) -> dict[str, Any] | None:
    try:
        a = row_attempt(row)
        Attempt.model_validate(a)
        return a
    except (ValueError, TypeError):
        return None
