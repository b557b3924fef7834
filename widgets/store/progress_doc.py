"""The portable progress document: what "Download my progress file" saves and restore reads back.

A versioned JSON document checked by a pydantic model. Version 1 (the old ``progress.json``) has no
question hash; version 2 adds ``hash`` to each attempt; version 3 adds the quiz page's ``attempt_id`` (unique in
a document), so an answer the page resends after a restore is known as saved. Older versions still restore.
`SCHEMA_FILE` is the model as a JSON Schema, for page-side readers: after changing the model, run
``python -m widgets.store.progress_doc --write`` (a test fails until the committed file matches). Limits keep every
document small enough that the app's own download is always restorable: the store refuses an answer that
would push the download past `MAX_BYTES` or a question past `MAX_PER_QUESTION` attempts.
"""

from __future__ import annotations

import json
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .safe_json import UnreadableFile, parse_json

FORMAT = "foot-twitch-lessons/progress"
RESULTS_FORMAT = "foot-twitch-lessons/class-results"
VERSION = 3
MAX_BYTES = 16_000_000  # a download (and so a restore) is at most this big: ~100,000 answers
MAX_ATTEMPTS = 150_000  # the byte limit comes first for answers of a usual size
MAX_PER_QUESTION = 200
HEADER_BYTES = 400  # room for everything in a download except the attempts

_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
LearnerCode = Annotated[str, Field(min_length=1, max_length=60, pattern=_NAME)]
Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
ATTEMPT_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$"  # the quiz page's id of one try
SCHEMA_FILE = Path(__file__).parents[1] / "static" / "progress.schema.json"


class ProgressFormatError(UnreadableFile):
    """Not a progress document these lessons can read (bad JSON, foreign, newer, malformed); says why."""


def new_learner_code() -> str:
    """An anonymous learner code with 64 random bits, such as 'learner-7f3a2c9b01d4e856'."""
    return f"learner-{secrets.token_hex(8)}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def empty_progress(learner: str | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner or new_learner_code(),
        "created": now(),
        "attempts": [],
    }


class Attempt(BaseModel):
    """One answer: which question (ids, never texts), what was chosen, right or not, when, which version."""

    model_config = ConfigDict(extra="forbid", strict=True)
    question: Annotated[str, Field(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")]
    lesson: Annotated[str, Field(min_length=1, max_length=60, pattern=_NAME)]
    chosen: Annotated[list[Text], Field(max_length=50)]
    correct: bool
    time: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9T:.+Z-]+$")]
    hash: Annotated[str, Field(max_length=64, pattern=r"^[0-9a-f]*$")] = ""
    attempt_id: Annotated[str, Field(pattern=ATTEMPT_ID)] | None = None


class ProgressDoc(BaseModel):
    """The whole document (what `check_progress` accepts once migrated to VERSION)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    format: str
    version: int
    learner: LearnerCode
    created: Annotated[str, Field(max_length=40, pattern=r"^[0-9T:.+Z-]*$")] = ""
    attempts: Annotated[list[Attempt], Field(max_length=MAX_ATTEMPTS)]

    @field_validator("attempts")
    @classmethod
    def _per_question(cls, attempts: list[Attempt]) -> list[Attempt]:
        counts: dict[str, int] = {}
        ids: set[str] = set()
        for a in attempts:
            if a.attempt_id is not None:
                if a.attempt_id in ids:
                    raise ValueError(f"attempt id {a.attempt_id} appears twice")
                ids.add(a.attempt_id)
            counts[a.question] = counts.get(a.question, 0) + 1
            if counts[a.question] > MAX_PER_QUESTION:
                raise ValueError(
                    f"question {a.question} has more than {MAX_PER_QUESTION} attempts, more than these lessons keep"
                )
        return attempts


def check_progress(data: Any) -> dict[str, Any]:
    """Validate a decoded progress document (migrating version 1); return it, or raise ProgressFormatError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if isinstance(data, dict) and data.get("format") == RESULTS_FORMAT:
            raise ProgressFormatError(
                "this is a class-results file, not a progress file; choose the file made by 'Download my progress file'"
            )
        raise ProgressFormatError("this is not a progress file of these lessons")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProgressFormatError(f"unknown progress file version {str(version)[:20]!r}")
    if version > VERSION:
        raise ProgressFormatError(
            f"it was made by a newer version of these lessons (file version {version}, "
            f"this one reads up to {VERSION}); update the lessons to restore it"
        )
    attempts = data.get("attempts")
    if isinstance(attempts, list):
        for i, a in enumerate(attempts):
            try:
                Attempt.model_validate(a)
            except ValidationError as e:
                raise ProgressFormatError(f"attempt {i + 1} is malformed ({_first_error(e)})") from None
    try:
        ProgressDoc.model_validate(data)
    except ValidationError as e:
        raise ProgressFormatError(f"the file is malformed ({_first_error(e)})") from None
    return data  # versions 1 and 2 differ from 3 only by optional fields: nothing to migrate


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


def read_progress_upload(content: bytes, what: str = "The file") -> dict[str, Any]:
    """Bytes of a progress file → a validated document, or ProgressFormatError with the one clear reason."""
    try:
        data = parse_json(content, what=what, max_bytes=MAX_BYTES)
    except UnreadableFile as e:
        raise ProgressFormatError(str(e).rstrip(".")) from None
    return check_progress(data)


def encode_attempt(attempt: dict[str, Any]) -> str:
    """One attempt's line in a download (an attempt without a page attempt id is written without the key)."""
    if attempt.get("attempt_id", "") is None:
        attempt = {k: v for k, v in attempt.items() if k != "attempt_id"}
    return json.dumps(attempt, ensure_ascii=False, separators=(",", ":"))


def attempt_bytes(attempt: dict[str, Any]) -> int:
    """How many bytes this attempt adds to a download (one line each)."""
    return len(encode_attempt(attempt).encode("utf-8")) + 2


def encode_progress(doc: dict[str, Any]) -> bytes:
    """The download's bytes: UTF-8 JSON, one attempt per line (at most MAX_BYTES for a store's document)."""
    head = {k: v for k, v in doc.items() if k != "attempts"}
    head = dict(head, format=FORMAT, version=VERSION)
    lines = ",\n".join(encode_attempt(a) for a in doc["attempts"])
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return (text + ',"attempts":[\n' + lines + ("\n" if lines else "") + "]}\n").encode("utf-8")


def json_schema() -> dict[str, Any]:
    """The document's JSON Schema, generated from `ProgressDoc` (what `SCHEMA_FILE` holds)."""
    schema = ProgressDoc.model_json_schema()
    schema["$id"] = f"{FORMAT}/v{VERSION}"
    schema["description"] = (
        f"A progress file of these lessons ({FORMAT}, version {VERSION}; versions 1 and 2 lack optional "
        f"fields). Also: at most {MAX_PER_QUESTION} attempts per question, attempt ids unique, at most "
        f"{MAX_BYTES} bytes."
    )
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m widgets.store.progress_doc [--write]: print (or rewrite) SCHEMA_FILE
    if "--write" in sys.argv[1:]:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())
