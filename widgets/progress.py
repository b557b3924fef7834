"""The per-learner progress store: one JSON file, atomic writes, locked, versioned, corrupt-safe."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from platformdirs import user_data_dir

ENV_DIR = "FOOT_LESSONS_DATA_DIR"
FILE_NAME = "progress.json"
FORMAT = "foot-twitch-lessons/progress"
VERSION = 1


def data_dir() -> Path:
    """Where progress lives: $FOOT_LESSONS_DATA_DIR, else the user's data directory (per learner on a hub)."""
    env = os.environ.get(ENV_DIR)
    return Path(env).expanduser() if env else Path(user_data_dir("foot-twitch-lessons", appauthor=False))


def new_learner_code() -> str:
    """An anonymous learner code such as 'learner-7f3a2c'."""
    return f"learner-{secrets.token_hex(3)}"


def empty_progress(learner: str | None = None) -> dict:
    return {"format": FORMAT, "version": VERSION, "learner": learner or new_learner_code(),
            "created": _now(), "attempts": []}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProgressFormatError(ValueError):
    """The file is not a progress file of this course (corrupt JSON, foreign JSON, unknown version)."""


def check_progress(data: Any) -> dict:
    """Validate a decoded progress document (and migrate older versions); return it or raise ProgressFormatError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFormatError("this is not a progress file of these lessons")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise ProgressFormatError(f"unknown progress file version {version!r} (this course reads version {VERSION})")
    data = _migrate(data)
    attempts = data.get("attempts")
    if not isinstance(data.get("learner"), str) or not isinstance(attempts, list):
        raise ProgressFormatError("the file lacks 'learner' or 'attempts'")
    for i, a in enumerate(attempts):
        if not (isinstance(a, dict) and isinstance(a.get("question"), str) and isinstance(a.get("lesson"), str)
                and isinstance(a.get("chosen"), list) and isinstance(a.get("correct"), bool)
                and isinstance(a.get("time"), str)):
            raise ProgressFormatError(f"attempt {i + 1} is malformed")
    return data


def _migrate(data: dict) -> dict:
    """Bring an older version up to VERSION. Version 1 is the first; add steps here when the format changes."""
    return data


@dataclass
class Notice:
    """Something the learner must be told once (a file moved aside, saving impossible)."""

    text: str


class ProgressStore:
    """Read and append to a learner's progress file.

    Every change is a read-modify-write under a file lock, written to a temporary file and moved into
    place, so two notebooks saving at once lose nothing and a crash never leaves half a file. A corrupt
    or foreign file is moved aside (never deleted) and a notice is kept for the learner. If the folder
    cannot be written, the store keeps working in memory and says so.
    """

    def __init__(self, directory: Path | str | None = None, lock_timeout: float = 10.0):
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / FILE_NAME
        self._lock = FileLock(str(self.path) + ".lock", timeout=lock_timeout)
        self.notices: list[Notice] = []
        self._memory: dict | None = None   # used only when the folder is not writable

    # -- reading ---------------------------------------------------------------------------------
    def load(self) -> dict:
        """The current progress (a fresh empty document if there is none yet)."""
        if self._memory is not None:
            return self._memory
        try:
            with self._locked():
                return self._read_or_reset()
        except OSError as e:
            return self._fall_back(e)

    def _read_or_reset(self) -> dict:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            data = empty_progress()
            self._write(data)
            return data
        try:
            return check_progress(json.loads(raw))
        except (json.JSONDecodeError, UnicodeDecodeError, ProgressFormatError) as e:
            backup = self._move_aside()
            reason = e.msg if isinstance(e, json.JSONDecodeError) else str(e)
            self.notices.append(Notice(
                f"Your progress file could not be read ({reason}). It was kept as {backup.name} in "
                f"{self.directory} and a new one was started."))
            data = empty_progress()
            self._write(data)
            return data

    # -- writing ---------------------------------------------------------------------------------
    def update(self, change) -> dict:
        """Apply `change(data)` to the stored document under the lock and save it; return the new document."""
        if self._memory is not None:
            change(self._memory)
            return self._memory
        try:
            with self._locked():
                data = self._read_or_reset()
                change(data)
                self._write(data)
                return data
        except OSError as e:
            data = self._fall_back(e)
            change(data)
            return data

    def record(self, lesson: str, question: str, chosen: list[str], correct: bool) -> dict:
        """Append one attempt (ids, never texts) and save."""
        attempt = {"question": question, "lesson": lesson, "chosen": list(chosen), "correct": bool(correct),
                   "time": _now()}
        return self.update(lambda d: d["attempts"].append(attempt))

    def reset(self) -> dict:
        """Start over: the old file is kept as a backup, a new empty one replaces it."""
        def clear(d: dict) -> None:
            d["attempts"] = []
            d["created"] = _now()
        if self.path.exists() and self._memory is None:
            try:
                with self._locked():
                    self._copy_aside("reset")
            except OSError:
                pass
        return self.update(clear)

    def replace(self, data: dict) -> dict:
        """Replace the whole document with `data` (validated first; a bad document changes nothing)."""
        checked = check_progress(data)
        return self.update(lambda d: (d.clear(), d.update(checked)))

    # -- helpers ---------------------------------------------------------------------------------
    def _locked(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            return self._lock.acquire()
        except Timeout as e:
            raise OSError(f"the progress file is locked by another program ({e})") from None

    def _write(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _move_aside(self) -> Path:
        backup = self.path.with_name(f"progress.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}.json")
        os.replace(self.path, backup)
        return backup

    def _copy_aside(self, why: str) -> None:
        backup = self.path.with_name(f"progress.{why}-{time.strftime('%Y%m%d-%H%M%S')}.json")
        backup.write_bytes(self.path.read_bytes())

    def _fall_back(self, error: OSError) -> dict:
        self.notices.append(Notice(
            f"Your answers cannot be saved in {self.directory} ({error.strerror or error}). "
            "The lessons still work, but progress lasts only until the notebook is closed."))
        self._memory = empty_progress()
        return self._memory

    def pop_notices(self) -> list[str]:
        out = [n.text for n in self.notices]
        self.notices.clear()
        return out


_default: ProgressStore | None = None


def default_store() -> ProgressStore:
    """The store for this kernel (re-created if the data directory setting changes)."""
    global _default
    if _default is None or _default.directory != data_dir():
        _default = ProgressStore()
    return _default
