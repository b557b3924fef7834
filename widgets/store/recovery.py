"""Recovery of a progress file that cannot be used as it is: new files under unique names (never replacing one),
moving a damaged file or a folder aside, reading a download copied over the file, and rescuing every readable
row and the learner code from a damaged database. The store (progress.py) decides when; this says how."""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .progress_doc import (
    FORMAT,
    HEADER_BYTES,
    MAX_ATTEMPTS,
    MAX_BYTES,
    MAX_PER_QUESTION,
    VERSION,
    ProgressFormatError,
    attempt_bytes,
    check_progress,
    read_progress_upload,
)
from .safe_json import UnreadableFile, read_regular_file
from .schema import COLUMNS, valid_attempt


def unique_file(directory: Path, stem: str, suffix: str) -> tuple[int, Path]:
    """Create a new file `stem-<time>-<random><suffix>` exclusively (0600, never through a link); (fd, path)."""
    for _ in range(100):
        path = directory / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}{suffix}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        os.fchmod(fd, 0o600)
        return fd, path
    raise FileExistsError(f"no free backup name in {directory}")


def write_backup(directory: Path, stem: str, content: bytes) -> Path:
    """Save `content` in a new uniquely named file (never replacing one); fsync'ed before returning."""
    fd, path = unique_file(directory, stem, ".json")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def move_aside(path: Path, stem: str, suffix: str) -> Path:
    """Give `path` (a file, a link or a folder, never followed) a new unique name; the old name is gone afterwards.

    A hard link under a new name, then the old name removed; where there are no hard links (and for a folder),
    a rename over a new empty placeholder of the same kind, created exclusively, so nothing else is ever
    replaced. On failure nothing is left behind: the placeholder is removed and the error raised."""
    folder = stat.S_ISDIR(os.lstat(path).st_mode)
    for _ in range(100):
        new = path.with_name(f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}{suffix}")
        try:
            if folder:
                os.mkdir(new, 0o700)
            else:
                os.link(path, new, follow_symlinks=False)  # fails if `new` exists, whatever it is
                try:
                    os.unlink(path)
                except BaseException:
                    os.unlink(new)
                    raise
                return new
        except FileExistsError:
            continue
        except OSError:  # no hard links here
            if folder:
                raise
            fd, new = unique_file(path.parent, stem, suffix)
            os.close(fd)
        try:
            os.rename(path, new)  # over our own empty placeholder
        except BaseException:
            (os.rmdir if folder else os.unlink)(new)
            raise
        return new
    raise FileExistsError(f"no free name next to {path}")


def restorable(data: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A document a restore accepts and its attempts as they are written; else ProgressFormatError says why."""
    checked = check_progress(data)
    attempts = [dict(a, hash=a.get("hash", "")) for a in checked["attempts"]]
    size = HEADER_BYTES + sum(attempt_bytes(a) for a in attempts)
    if size > MAX_BYTES:
        raise ProgressFormatError(f"it holds more answers than these lessons keep ({len(attempts)})")
    return checked, attempts


def download_in(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(document, None) if `path` holds a progress download (checked as a restore checks an upload);
    (None, why) if it holds JSON that cannot be restored; (None, None) if it is no JSON at all."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            head = os.read(fd, 64) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
    except OSError:
        return None, None
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None, None
    what = f"The file {path.name}"
    try:
        doc, attempts = restorable(read_progress_upload(read_regular_file(path, max_bytes=MAX_BYTES, what=what)))
        return dict(doc, attempts=attempts), None
    except UnreadableFile as e:  # ProgressFormatError included
        return None, str(e).rstrip(".")


def salvage(path: Path) -> tuple[str | None, str, list[dict[str, Any]]]:
    """The learner code, creation time and every valid attempt row still readable in a damaged database.

    Read-only and immutable (a hot journal is not rolled back: the file is evidence). With `writable_schema`
    SQLite still reads a schema it finds damaged, such as that of a file cut short; the attempts are then
    read in rowid order, going past each row on a page that cannot be read (see `readable_attempts`)."""
    learner, created, attempts = None, "", []
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None, "", []
    try:
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA writable_schema = ON")  # read-only here: only lets a damaged schema be parsed
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())  # a scan: its index may be lost
            check_progress({"format": FORMAT, "version": VERSION, "learner": meta.get("learner"), "attempts": []})
            learner, created = meta["learner"], str(meta.get("created", ""))
            created = created if re.fullmatch(r"[0-9T:.+Z-]{1,40}", created) else ""
        except (sqlite3.Error, ProgressFormatError, KeyError, TypeError, ValueError):
            pass
        attempts = readable_attempts(conn)
    finally:
        conn.close()
    return learner, created, attempts


def readable_attempts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every valid attempt SQLite can still read, in rowid order.

    Rowids run 1..count (answers are only ever erased all at once), the count kept in the totals row. A scan
    that stops at a page it cannot read seeks afresh to the next row; where a range seek fails too, that row
    is asked for by its rowid (SQLite can reach it so), then the scan goes on past it. A row out of order or
    not a valid attempt (what a half-written page yields) is skipped and never moves the scan on."""
    try:
        last = int(conn.execute("SELECT attempts FROM totals").fetchone()[0])
    except (sqlite3.Error, TypeError, ValueError):
        last = MAX_ATTEMPTS
    for columns in (f"{COLUMNS}, attempt_id", COLUMNS):  # a schema-1 file has no attempt_id
        try:
            conn.execute(f"SELECT {columns} FROM attempts LIMIT 0")
        except sqlite3.Error:
            continue
        out: list[dict[str, Any]] = []
        wanted = 1  # the next rowid to read
        while wanted <= last:
            start = wanted
            try:
                for r in conn.execute(f"SELECT id, {columns} FROM attempts WHERE id >= ? ORDER BY id", (wanted,)):
                    if wanted <= r[0] <= last and (a := valid_attempt(r[1:])) is not None:
                        out.append(a)
                        wanted = r[0] + 1
                break  # read to the end
            except sqlite3.Error:
                if wanted == start:  # a row a scan cannot reach may still be found by its rowid
                    try:
                        row = conn.execute(f"SELECT {columns} FROM attempts WHERE id = ?", (wanted,)).fetchone()
                        if row and (a := valid_attempt(row)) is not None:
                            out.append(a)
                    except sqlite3.Error:
                        pass
                    wanted += 1
        return out
    return []


def within_limits(attempts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The attempts a new file can hold: at most MAX_PER_QUESTION per question and MAX_BYTES in all, oldest first."""
    out: list[dict[str, Any]] = []
    per: dict[str, int] = {}
    used = HEADER_BYTES
    for a in attempts:
        a = dict(a, hash=a.get("hash", ""))
        size = attempt_bytes(a)
        if per.get(a["question"], 0) >= MAX_PER_QUESTION or used + size > MAX_BYTES or len(out) >= MAX_ATTEMPTS:
            continue
        per[a["question"]] = per.get(a["question"], 0) + 1
        used += size
        out.append(a)
    return out
