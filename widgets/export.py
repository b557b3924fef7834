"""Pure class-results export: build, validate and encode the small JSON file a learner hands in."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from typing import Annotated, Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import scoring
from .model import QuestionBank
from .progress import check_progress
from .progress_doc import progress_filename, read_progress_upload  # noqa: F401  (moved; old import path)
from .review import LESSON as REVIEW_LESSON, review_score

FORMAT = "foot-twitch-lessons/class-results"
VERSION = 1
MAX_NAME = 60
MAX_BYTES = 1_000_000          # an export of every question is a few kB; anything huge is not one of ours

_QID = r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$"
Count = Annotated[int, Field(ge=0, le=10_000)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]


class ExportFormatError(ValueError):
    """The document is not a class-results export this course can read; the message says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class LessonResult(_Strict):
    """One lesson's quiz score as the learner saw it."""

    total: Count
    answered: Count
    first_try: Count
    now_correct: Count

    @model_validator(mode="after")
    def _consistent(self) -> "LessonResult":
        if not (self.first_try <= self.answered and self.now_correct <= self.answered <= self.total):
            raise ValueError("the counts do not add up (first_try, now_correct ≤ answered ≤ total)")
        return self


class QuestionResult(_Strict):
    """One question's outcome: right on the first try, right now, and what was chosen first."""

    attempts: Annotated[int, Field(ge=1, le=10_000)]
    first_correct: bool
    now_correct: bool
    first_chosen: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=50)]


class ClassResults(_Strict):
    """The whole export document (what `check_export` accepts)."""

    format: str
    version: int
    name: Name
    learner: Annotated[str, Field(min_length=1, max_length=60)]
    exported: Annotated[str, Field(min_length=1, max_length=40)]
    lessons: Annotated[dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")], LessonResult], Field(max_length=100)]
    questions: Annotated[dict[Annotated[str, Field(pattern=_QID)], QuestionResult], Field(max_length=2000)]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean_name(name: str | None, default: str) -> str:
    """The name to put in the file: trimmed, control characters removed, at most MAX_NAME characters."""
    text = re.sub(r"[\x00-\x1f\x7f]", "", name or "").strip()[:MAX_NAME].strip()
    return text or default


def build_export(progress: dict, banks: Iterable[QuestionBank], name: str | None = None,
                 now: str | None = None, review: Iterable[str] = ()) -> dict:
    """The class-results document for one learner.

    Parameters
    ----------
    progress : a progress document (validated with `widgets.progress.check_progress`).
    banks : the question banks to report on; attempts at questions not in a bank are left out.
    name : the name or nickname the learner chose; empty means the anonymous learner code.
    now : time stamp to write (default: the current UTC time).
    review : the final review's question ids (``01-physiology/q2``…); when given, the review's score is
        reported as lesson ``05-review`` (its answers are saved apart, see widgets/review.py).

    Only quiz attempts are read from the progress file; the self-check saves nothing, so nothing of it
    can end up here.
    """
    progress = check_progress(progress)
    banks = list(banks)
    known = {qid for bank in banks for qid in bank.full_ids()}
    attempts = [a for a in progress["attempts"] if a["question"] in known]
    first_chosen: dict[str, list[str]] = {}
    for a in attempts:
        first_chosen.setdefault(a["question"], [str(c)[:200] for c in a["chosen"][:50]])
    status = scoring.question_status(attempts)
    lessons = {}
    for bank in banks:
        s = scoring.lesson_score(bank.lesson, bank.full_ids(), attempts)
        lessons[bank.lesson] = {"total": s.total, "answered": s.answered, "first_try": s.first_try,
                                "now_correct": s.now_correct}
    review = list(review)
    if review:
        s = review_score(review, progress["attempts"])
        lessons[REVIEW_LESSON] = {"total": s.total, "answered": s.answered, "first_try": s.first_try,
                                  "now_correct": s.now_correct}
    questions = {qid: {"attempts": s.attempts, "first_correct": s.first_correct, "now_correct": s.now_correct,
                       "first_chosen": first_chosen[qid]}
                 for qid, s in sorted(status.items())}
    doc = {"format": FORMAT, "version": VERSION, "name": clean_name(name, progress["learner"][:MAX_NAME] or "learner"),
           "learner": progress["learner"][:60] or "learner", "exported": now or _now(), "lessons": lessons, "questions": questions}
    return check_export(doc)


def _where(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def check_export(data: Any) -> dict:
    """Validate a decoded export document; return it, or raise ExportFormatError saying what is wrong."""
    if not isinstance(data, dict):
        raise ExportFormatError("not a class-results file (the JSON is not an object)")
    fmt = data.get("format")
    if fmt != FORMAT:
        if fmt == "foot-twitch-lessons/progress":
            raise ExportFormatError("this is a progress file, not a class-results file "
                                    "(the learner should use 'Make my results file')")
        raise ExportFormatError("not a class-results file of these lessons")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        raise ExportFormatError(f"unknown class-results version {version!r} (this course reads version {VERSION})")
    try:
        ClassResults.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = _where(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        raise ExportFormatError(f"field {where!r}: {msg}" if where else msg) from None
    return data


def encode(doc: dict) -> bytes:
    """The file's bytes: UTF-8 JSON, keys in a stable order."""
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def decode(content: bytes) -> Any:
    """Bytes of an uploaded or handed-in file → JSON value; ValueError with a plain reason if it isn't JSON."""
    if len(content) > MAX_BYTES:
        raise ValueError(f"the file is too large ({len(content):,} bytes) to be one of these lesson files")
    try:
        return json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValueError("the file is not text (it may be a picture or a document)") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"the file is not valid JSON ({e.msg} at line {e.lineno})") from None


def data_uri(content: bytes, mime: str = "application/json") -> str:
    """A `data:` URL holding `content`, for a download link that works with no server."""
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def file_slug(text: str) -> str:
    """A safe file-name part made of letters, digits and dashes."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40].strip("-")
    return slug or "learner"


def export_filename(doc: dict) -> str:
    """e.g. `class-results-ann-b.json`."""
    return f"class-results-{file_slug(doc['name'])}.json"

