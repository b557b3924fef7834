"""Pure class-results export: build and validate the small JSON file a learner hands in, and name it.

The file holds, per answered question, the question's content hash, the first and the last answer (as the
option ids chosen) and the right/wrong marks the learner saw. The marks and the per-lesson totals are
claims: the class roll-up (widgets/classroom/rollup.py, shown by widgets/views/class_results.py) regrades every answer
against the bank and flags a file whose claims disagree with its answers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..content.content_hash import question_hash
from ..content.model import QuestionBank
from ..engine import scoring
from ..engine.review import LESSON as REVIEW_LESSON
from ..engine.review import review_id, review_score

FORMAT = "foot-twitch-lessons/class-results"
VERSION = 3  # 2: answers, content hashes and learner codes of up to 64 bits; 3: the before/after checks' answers
READS = (2, 3)  # versions still read (a version 2 file has no checks)
MAX_NAME = 60
MAX_RESULTS_BYTES = 100_000  # a results file of every question today is about 15 kB
MAX_ENTRIES = 300  # answered questions in one results file (the course has about 50)
MAX_CHOSEN = 20  # options or items in one answer
LEARNER_CODE = re.compile(r"^learner-[0-9a-f]{6,32}$")

_QID = r"^(05-review/)?[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$"
_CHECK_QID = r"^check-(before|after)/[a-z0-9][a-z0-9_-]*$"
MAX_CHECKS = 40  # check answers in one file (the two checks have 20 questions)
Count = Annotated[int, Field(ge=0, le=MAX_ENTRIES)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
Chosen = Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=MAX_CHOSEN)]


class ExportFormatError(ValueError):
    """The document is not a class-results file this course can read; the message says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class LessonResult(_Strict):
    """One lesson's quiz score as the learner saw it (a claim: the roll-up recomputes it)."""

    total: Count
    answered: Count
    first_try: Count
    now_correct: Count

    @model_validator(mode="after")
    def _consistent(self) -> LessonResult:
        if not (self.first_try <= self.answered and self.now_correct <= self.answered <= self.total):
            raise ValueError("the counts do not add up (first_try, now_correct ≤ answered ≤ total)")
        return self


class QuestionResult(_Strict):
    """One answered question: the version answered, the first and last answer, and the marks the learner saw."""

    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    attempts: Annotated[int, Field(ge=1, le=10_000)]
    first_chosen: Chosen
    last_chosen: Chosen
    first_correct: bool
    now_correct: bool


class CheckResult(_Strict):
    """One answer to a before/after check question: the version answered and the option chosen (first answer)."""

    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    chosen: Chosen


class ClassResults(_Strict):
    """The whole results document (what `check_export` accepts)."""

    format: str
    version: int
    name: Name
    learner: Annotated[str, Field(pattern=LEARNER_CODE.pattern)]
    exported: Annotated[str, Field(min_length=1, max_length=40)]
    lessons: Annotated[
        dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)], LessonResult], Field(max_length=50)
    ]
    questions: Annotated[
        dict[Annotated[str, Field(pattern=_QID, max_length=130)], QuestionResult], Field(max_length=MAX_ENTRIES)
    ]
    checks: Annotated[
        dict[Annotated[str, Field(pattern=_CHECK_QID, max_length=60)], CheckResult], Field(max_length=MAX_CHECKS)
    ] = Field(default_factory=dict)  # from version 3: the before/after checks, never part of a lesson's score

    @field_validator("exported")
    @classmethod
    def _a_time(cls, value: str) -> str:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a date and time") from None
        if when.tzinfo is None:
            raise ValueError("has no time zone")
        return value


class _Attempt(BaseModel):
    """What the export reads of one saved attempt (other keys of the progress store are ignored)."""

    model_config = ConfigDict(extra="ignore")
    question: str
    lesson: str
    chosen: list[Any]
    correct: bool
    time: str
    hash: Any = None


class _Progress(BaseModel):
    model_config = ConfigDict(extra="ignore")
    learner: Any
    attempts: list[_Attempt]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def clean_name(name: str | None, default: str) -> str:
    """The name to put in the file: trimmed, control characters and lone surrogates removed, at most MAX_NAME
    characters."""
    text = re.sub(r"[\x00-\x1f\x7f\ud800-\udfff]", "", name or "").strip()[:MAX_NAME].strip()
    return text or default


def learner_code(code: Any) -> str:
    """The learner code as a results file carries it: a code of the right form as is, anything else hashed
    to a stable 64-bit code (so an odd code restored from an old file can never break the export)."""
    if isinstance(code, str) and LEARNER_CODE.match(code):
        return code
    raw = str(code).encode("utf-8", "surrogatepass")
    return "learner-" + hashlib.sha256(raw).hexdigest()[:16]


def _version(saved: Any, current: str) -> str:
    """The hash to report for a saved attempt: as saved, the current one if none was saved, and a stable
    stand-in (never the current one) for a value that is not a hash."""
    if not saved:
        return current
    if isinstance(saved, str) and re.fullmatch(r"[0-9a-f]{16}", saved):
        return saved
    return hashlib.sha256(repr(saved).encode("utf-8", "backslashreplace")).hexdigest()[:16]


def _answered_version(attempts: list[dict[str, Any]], current: dict[str, str]) -> list[dict[str, Any]]:
    """The attempts to report, in time order, each with its "hash": per question, those made on the bank's
    current version if the learner answered it, else those made on the version of their latest attempt.
    An attempt saved without a hash (before versions were recorded) counts as one on the current version."""
    attempts = [dict(a, hash=_version(a.get("hash"), current[a["question"]])) for a in attempts]
    latest = {a["question"]: a["hash"] for a in attempts}
    answered_now = {a["question"] for a in attempts if a["hash"] == current[a["question"]]}
    return [
        a
        for a in attempts
        if a["hash"] == (current[a["question"]] if a["question"] in answered_now else latest[a["question"]])
    ]


def build_export(
    progress: dict[str, Any],
    banks: Iterable[QuestionBank],
    name: str | None = None,
    now: str | None = None,
    review: Iterable[str] = (),
    checks: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The class-results document for one learner.

    Parameters
    ----------
    progress : a progress document: ``{"learner": code, "attempts": [{"question", "lesson", "chosen",
        "correct", "time", "hash"}, ...]}`` in time order.
    banks : the question banks to report on; attempts at questions not in a bank are left out.
    name : the name or nickname the learner chose; empty means the anonymous learner code.
    now : time stamp to write (default: the current UTC time).
    review : the final review's question ids (``01-physiology/q2``…); when given, the review's score is
        claimed as lesson ``05-review``. Review answers are always reported, as ``05-review/<id>``.
    checks : the before/after checks' full question ids → content hash (default: content/checks.yaml's); the
        first answer to each on its current version is reported under ``checks``, apart from every score.
    """
    try:
        attempts = [a.model_dump() for a in _Progress.model_validate(progress).attempts]
    except ValidationError as e:
        raise ExportFormatError(f"the saved progress cannot be read ({_where(e.errors()[0]['loc'])})") from None
    banks = list(banks)
    current = {bank.full_id(q): question_hash(q) for bank in banks for q in bank.questions}
    current.update({review_id(qid): h for qid, h in list(current.items())})
    kept = _answered_version([a for a in attempts if a["question"] in current], current)
    entries: dict[str, list[dict[str, Any]]] = {}
    for a in kept:
        entries.setdefault(a["question"], []).append(a)
    lessons = {}
    for bank in banks:
        s = scoring.lesson_score(bank.lesson, bank.full_ids(), kept)
        lessons[bank.lesson] = {
            "total": s.total,
            "answered": s.answered,
            "first_try": s.first_try,
            "now_correct": s.now_correct,
        }
    review = list(review)
    if review:
        s = review_score(review, kept)
        lessons[REVIEW_LESSON] = {
            "total": s.total,
            "answered": s.answered,
            "first_try": s.first_try,
            "now_correct": s.now_correct,
        }
    questions = {
        qid: {
            "hash": group[0]["hash"],
            "attempts": min(len(group), 10_000),
            "first_chosen": [str(c)[:100] for c in group[0]["chosen"][:MAX_CHOSEN]],
            "last_chosen": [str(c)[:100] for c in group[-1]["chosen"][:MAX_CHOSEN]],
            "first_correct": group[0]["correct"],
            "now_correct": group[-1]["correct"],
        }
        for qid, group in sorted(entries.items())
    }
    code = learner_code(progress["learner"])
    if checks is None:
        from ..content.load import check_hashes

        checks = check_hashes()
    check_answers: dict[str, dict[str, Any]] = {}
    for a in attempts:
        if a["question"] in checks and checks[a["question"]] == a.get("hash") and a["question"] not in check_answers:
            check_answers[a["question"]] = {
                "hash": a["hash"],
                "chosen": [str(c)[:100] for c in a["chosen"][:MAX_CHOSEN]],
            }
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "name": clean_name(name, code),
        "learner": code,
        "exported": now or _now(),
        "lessons": lessons,
        "questions": questions,
        "checks": dict(sorted(check_answers.items())),
    }
    return check_export(doc)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def check_export(data: Any) -> dict[str, Any]:
    """Validate a decoded results document; return it, or raise ExportFormatError saying what is wrong."""
    if not isinstance(data, dict):
        raise ExportFormatError("not a class-results file (the JSON is not an object)")
    fmt = data.get("format")
    if fmt != FORMAT:
        if fmt == "foot-twitch-lessons/progress":
            raise ExportFormatError(
                "this is a progress file, not a class-results file (the learner should use 'Make my results file')"
            )
        raise ExportFormatError("not a class-results file of these lessons")
    version = data.get("version")
    if version == 1 and not isinstance(version, bool):
        raise ExportFormatError(
            "made by an older version of these lessons (results file version 1, without "
            "the answers); ask the learner to click 'Make my results file' again"
        )
    if not isinstance(version, int) or isinstance(version, bool) or version not in READS:
        shown = repr(version)[:20]
        raise ExportFormatError(
            f"unknown class-results version {shown} (this course reads versions {READS[0]} to {VERSION})"
        )
    if version == 2 and "checks" in data:
        raise ExportFormatError("a version 2 file has no checks; this one claims some")
    if isinstance(data.get("questions"), dict) and len(data["questions"]) > MAX_ENTRIES:
        raise ExportFormatError(f"it holds more than {MAX_ENTRIES} answers, more than these lessons ever write")
    try:
        ClassResults.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = _where(err["loc"])[:80]
        msg = err["msg"].removeprefix("Value error, ")
        raise ExportFormatError(f"field '{where}': {msg}" if where else msg) from None
    return data


def encode(doc: dict[str, Any]) -> bytes:
    """The file's bytes: UTF-8 JSON, keys in a stable order."""
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def data_uri(content: bytes, mime: str = "application/json") -> str:
    """A `data:` URL holding `content`, for a download link that works with no server."""
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _ascii_slug(text: str) -> str:
    """Letters and digits of `text` joined by dashes, accents dropped (Zoë → zoe); empty if none is left."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:40].strip("-")


def file_slug(text: str) -> str:
    """A safe file-name part made of letters, digits and dashes ("learner" if none is left)."""
    return _ascii_slug(text) or "learner"


def export_filename(doc: dict[str, Any]) -> str:
    """e.g. `class-results-ann-b-learner-0123456789abcdef.json`. The learner code makes the name unique, so a
    name in any script is safe to collect (`class-results-learner-….json` when no Latin letter is left, or when no
    name was typed: the name is then the learner code itself, which the file name does not repeat)."""
    slug = _ascii_slug(doc["name"]) if doc["name"] != doc["learner"] else ""
    return f"class-results-{slug + '-' if slug else ''}{learner_code(doc['learner'])}.json"
