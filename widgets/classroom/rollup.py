"""Pure class roll-up: a folder of learners' results files → completion, percent correct, misconceptions.

Nothing in a results file is trusted. Only plain files are read (no links, FIFOs, devices or folders), each
within a size limit and in its own `try`, so one bad file is listed with its reason and the rest of the class
is still rolled up. Every answer is regraded from the options chosen against the bank: the right/wrong marks
and totals in the file are claims, and a file whose claims disagree with its answers is flagged. An answer to
an older version of a question (another content hash) is listed, not regraded. Files that share a learner
code are shown side by side and count only once the teacher picks one (in a folder, an exact copy of a file is
read once).
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..content.content_hash import question_hash
from ..content.model import QuestionBank
from ..engine.grading import grade
from ..engine.review import LESSON as REVIEW_LESSON
from ..engine.review import PREFIX as REVIEW_PREFIX
from ..engine.review import original_id, review_id
from ..questions import QuestionBase
from ..store.safe_json import UnreadableFile, parse_json, read_regular_file
from .check_grade import grade_checks  # the before/after checks: kept apart from every score
from .export import MAX_RESULTS_BYTES, ExportFormatError, check_export
from .question_stats import QuestionFigures, question_figures

MAX_FILES = 5_000  # entries looked at in one folder (a class of 3,000 fits)
FUTURE_SLACK = timedelta(days=1)
# Unicode categories shown escaped in a name: controls, formatting marks (bidi overrides, zero-width
# spaces), surrogates, line and paragraph separators. The two joiners stay: names in Persian, Hindi
# and other scripts, and emoji, need them.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_JOINERS = frozenset({"\u200c", "\u200d"})


@dataclass(frozen=True)
class Skipped:
    """A file left out of the roll-up, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class Answer:
    """One regraded answer of one results file (a lesson question, or ``05-review/<id>`` for the review)."""

    question: str  # the entry's id in the file
    attempts: int
    first_correct: bool  # regraded from the first answer
    now_correct: bool  # regraded from the last answer
    first_chosen: tuple[str, ...]


@dataclass(frozen=True)
class HandedIn:
    """One results file after regrading: what counts, and what the teacher should know about it."""

    file: str
    name: str
    learner: str
    exported: str
    answers: dict[str, Answer]  # by entry id; only answers to the current version that could be graded
    older: tuple[str, ...] = ()  # entry ids answered on an older version of the question
    unknown: tuple[str, ...] = ()  # entry ids of questions not in the course
    flags: tuple[str, ...] = ()  # claims that disagree with the answers, in plain words
    checks: Mapping[str, bool] = field(default_factory=dict)  # before/after check id → right (classroom/goals.py)

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def first_try(self) -> int:
        return sum(a.first_correct for a in self.answers.values())


@dataclass(frozen=True)
class Duplicate:
    """Files that share one learner code, side by side; `picked` is the file the teacher chose (or None)."""

    learner: str
    files: tuple[HandedIn, ...]
    picked: str | None


@dataclass(frozen=True)
class LessonCompletion:
    lesson: str
    total: int  # questions in the bank (for the review: the most any learner was asked)
    learners: int  # learners in the roll-up
    started: int  # learners who answered at least one question
    completed: int  # learners who answered every question
    first_try_percent: float | None  # mean first-try score of those who started, in percent


@dataclass(frozen=True)
class QuestionStat:
    question: str  # full id
    lesson: str
    prompt: str
    answer: str  # the right answer in words
    answered: int
    first_correct: int
    older: int = 0  # learners whose answer was to an older version of this question (not counted)

    @property
    def percent(self) -> float | None:
        """Percent right on the first try among those who answered (None if nobody did)."""
        return 100.0 * self.first_correct / self.answered if self.answered else None


@dataclass(frozen=True)
class Misconception:
    """A wrong answer picked on the first try, with the bank's feedback for it (the misconception it shows)."""

    question: str
    prompt: str
    picked: str  # what was picked, in words
    feedback: str  # the bank's feedback to that choice
    count: int  # learners who picked it first
    answered: int  # learners who answered the question


@dataclass
class Rollup:
    learners: list[str] = field(default_factory=list)  # names of the files counted, in file order
    lessons: list[LessonCompletion] = field(default_factory=list)
    questions: list[QuestionStat] = field(default_factory=list)  # most missed first
    misconceptions: list[Misconception] = field(default_factory=list)  # most picked first
    skipped: list[Skipped] = field(default_factory=list)
    unknown_questions: list[str] = field(default_factory=list)  # in files but not in the course
    flagged: list[HandedIn] = field(default_factory=list)  # files whose claims disagree with their answers
    duplicates: list[Duplicate] = field(default_factory=list)  # learner codes found in more than one file
    items: list[QuestionFigures] = field(default_factory=list)  # Moodle's figures per lesson question
    item_learners: int = 0  # learners who answered any lesson question: the class that took "the test"


# -- reading ---------------------------------------------------------------------------------------


def _entries(folder: Path) -> tuple[list[os.DirEntry[str]], bool]:
    """At most MAX_FILES entries of `folder`, sorted by name, and whether there were more."""
    out: list[os.DirEntry[str]] = []
    with os.scandir(folder) as it:
        for entry in it:
            if len(out) == MAX_FILES:
                return sorted(out, key=lambda e: e.name), True
            out.append(entry)
    return sorted(out, key=lambda e: e.name), False


def _not_plain(entry: os.DirEntry[str]) -> str | None:
    """Why `entry` is not read, judged without opening it or following a link (None: a plain file)."""
    if entry.is_symlink():
        return "It is a link to another file; only plain files are read."
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISDIR(mode):
        return "It is a folder; only the files directly in the results folder are read."
    if not stat.S_ISREG(mode):
        return "It is not a plain file (a pipe, a device or a socket), so it was not opened."
    return None


def _shown_char(c: str) -> str:
    if c in _JOINERS or unicodedata.category(c) not in _HIDDEN:
        return c
    if "\udc80" <= c <= "\udcff":  # a byte of a file name that is not UTF-8
        return "\ufffd"
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def shown_name(name: str) -> str:
    """A learner's name, a hub user name or a file name fit to show a teacher: bytes that are not UTF-8
    become �; control characters, right-to-left overrides and other invisible marks are shown escaped
    (``\\u202e``), so a name cannot turn the text around it or hide what it holds."""
    if name.isascii() and name.isprintable():  # the usual file name: no ASCII character but a control is hidden
        return name
    return "".join(map(_shown_char, name))


def read_file(path: Path | str) -> dict[str, Any]:
    """One results file → its validated document; `UnreadableFile` or `ExportFormatError` with the reason."""
    content = read_regular_file(path, max_bytes=MAX_RESULTS_BYTES, what="The file")
    return check_export(parse_json(content, what="The file", max_bytes=MAX_RESULTS_BYTES))


def read_folder(folder: Path | str) -> tuple[list[tuple[str, dict[str, Any]]], list[Skipped]]:
    """Read every results file directly in `folder`; never raises on a bad file, never blocks on one.

    Returns the files read, as (file name, document) pairs in name order, each document once, and every other
    entry with the reason it was skipped. Only the first MAX_FILES entries are looked at. Raises FileNotFoundError if
    `folder` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    entries, more = _entries(folder)
    good: list[tuple[str, dict[str, Any]]] = []
    skipped: list[Skipped] = []
    for entry in entries:
        reason: str | None
        try:
            if entry.name.startswith("."):
                reason = "It is hidden (its name starts with a dot), so it was not read."
            else:
                reason = _not_plain(entry)
                if reason is None and not entry.name.lower().endswith(".json"):
                    reason = "It is not a .json file."
            if reason is None:
                good.append((shown_name(entry.name), read_file(entry.path)))
                continue
        except UnreadableFile as e:
            reason = str(e)
        except ExportFormatError as e:
            reason = f"{str(e)[:1].upper()}{str(e)[1:]}."
        except OSError as e:
            reason = f"The file cannot be read ({e.strerror or type(e).__name__})."
        except Exception as e:
            reason = f"The file cannot be read (unexpected {type(e).__name__})."
        skipped.append(Skipped(shown_name(entry.name), reason))
    if more:
        skipped.append(Skipped("…", f"The folder holds more than {MAX_FILES:,} entries; the rest were not read."))
    good, copies = _without_copies(good)
    return good, skipped + copies


def _without_copies(files: list[tuple[str, dict[str, Any]]]) -> tuple[list[tuple[str, dict[str, Any]]], list[Skipped]]:
    """The files, each document once: a file collected twice (``… (1).json``) would otherwise make its learner a
    duplicate, left out until the teacher picked one of two identical files. Copies are listed as skipped."""
    codes = Counter(doc.get("learner") for _, doc in files)
    first: dict[str, str] = {}  # a document shared by files of one learner code → its first file
    kept, copies = [], []
    for name, doc in files:
        same = first.setdefault(json.dumps(doc, sort_keys=True), name) if codes[doc.get("learner")] > 1 else name
        if same == name:
            kept.append((name, doc))
        else:
            copies.append(Skipped(name, f"It is an exact copy of {same}; only that one is read."))
    return kept, copies


# A saved answer, regraded: (full id, chosen ids) → right, wrong, or None when it is no answer to the question.
Memo = dict[tuple[str, tuple[str, ...]], bool | None]


# -- regrading one file ----------------------------------------------------------------------------


def regrade_saved(question: QuestionBase, chosen: list[str]) -> bool | None:
    """True/False when the saved answer grades, None when it is not an answer to this question (also used for the
    xAPI statements, widgets/classroom/xapi.py)."""
    if not chosen:
        return False  # the learner asked to see the answer (grading.shown_answer): a wrong try
    result = grade(question, question.answer_from_saved(chosen))
    return result.correct if result.valid else None


def _short_list(ids: list[str], n: int = 5) -> str:
    return ", ".join(ids[:n]) + (f" and {len(ids) - n} more" if len(ids) > n else "")


@dataclass(frozen=True)
class _Layout:
    """What every file is checked against, worked out once per roll-up rather than once per file."""

    sizes: Mapping[str, int]  # lesson → how many questions it has in the course
    listed: frozenset[str]  # the review's question ids (``05-review/<id>``) that are in the course
    review: bool  # the review lists any question at all


def _layout(questions: Mapping[str, QuestionBase], review: Iterable[str]) -> _Layout:
    review = list(review)
    return _Layout(
        Counter(qid.split("/", 1)[0] for qid in questions),
        frozenset(review_id(q) for q in review if q in questions),
        bool(review),
    )


def grade_file(
    file: str,
    doc: dict[str, Any],
    questions: Mapping[str, QuestionBase],
    current: Mapping[str, str],
    review: Iterable[str] = (),
    now: datetime | None = None,
    memo: Memo | None = None,
    layout: _Layout | None = None,
) -> HandedIn:
    """Regrade one validated results document against `questions` (full id → question of the bank) whose
    content hashes are `current` (full id → hash). `memo` keeps grades across files (a class repeats answers);
    `layout` is `_layout(questions, review)`, passed in when many files are graded."""
    memo = {} if memo is None else memo
    layout = layout or _layout(questions, review)

    answers: dict[str, Answer] = {}
    older, unknown, invalid, wrong_marks = [], [], [], []
    for qid, entry in doc["questions"].items():
        original = original_id(qid) if qid.startswith(REVIEW_PREFIX) else qid
        if original not in questions:
            unknown.append(qid)
            continue
        if entry["hash"] != current[original]:
            older.append(qid)
            continue
        first_chosen = entry["first_chosen"]
        key = (original, tuple(first_chosen))
        first = memo[key] if key in memo else memo.setdefault(key, regrade_saved(questions[original], first_chosen))
        key = (original, tuple(entry["last_chosen"]))
        last = (
            memo[key] if key in memo else memo.setdefault(key, regrade_saved(questions[original], entry["last_chosen"]))
        )
        if first is None or last is None:
            invalid.append(qid)
            continue
        if (first, last) != (entry["first_correct"], entry["now_correct"]):
            wrong_marks.append(qid)
        answers[qid] = Answer(qid, entry["attempts"], first, last, tuple(first_chosen))
    flags = []
    if invalid:
        flags.append(f"answers that are not among the question's options ({_short_list(invalid)}); not counted")
    if wrong_marks:
        flags.append(
            f"right/wrong marks that disagree with the answers saved ({_short_list(wrong_marks)}); "
            "the answers were regraded"
        )
    flags += _claim_flags(doc, answers, older + unknown, layout)
    when = datetime.fromisoformat(doc["exported"])
    if when > (now or datetime.now(UTC)) + FUTURE_SLACK:
        flags.append(f"a date in the future ({doc['exported'][:10]}) as the time it was made")

    return HandedIn(
        file,
        doc["name"],
        doc["learner"],
        doc["exported"],
        answers,
        tuple(older),
        tuple(unknown),
        tuple(flags),
        grade_checks(doc),
    )


def _claim_flags(doc: dict[str, Any], answers: dict[str, Answer], other: list[str], layout: _Layout) -> list[str]:
    """The lesson totals the file claims, checked against its own answers. Lessons not in the course, and
    lessons with answers to another version of the bank (`other`: older or removed questions), are not checked.

    Every answer counted is to a question of the course, so its lesson is the part of its id before the first "/"
    (``05-review/…`` for the review's)."""
    real: dict[str, list[int]] = {}
    for qid, a in answers.items():
        counts = real.setdefault(qid.split("/", 1)[0], [0, 0, 0])
        counts[0] += 1
        counts[1] += a.first_correct
        counts[2] += a.now_correct
    flags = []
    for lesson, claim in doc["lessons"].items():
        if lesson == REVIEW_LESSON:
            ids = layout.listed | {q for q in doc["questions"] if q.startswith(REVIEW_PREFIX)}
            total = len(ids) if layout.review else None
        elif lesson in layout.sizes:
            ids, total = frozenset(), layout.sizes[lesson]  # its ids all start with "<lesson>/", checked below
        else:
            continue
        if other and any(q in ids or q.startswith(lesson + "/") for q in other):
            continue  # made against another version of the lesson: nothing to compare
        mine = tuple(real.get(lesson, (0, 0, 0)))
        if (total is not None and claim["total"] != total) or (
            (claim["answered"], claim["first_try"], claim["now_correct"]) != mine
        ):
            flags.append(
                f"a score for {lesson} ({claim['first_try']} of {claim['total']} right on the first try, "
                f"{claim['answered']} answered) that its answers do not give ({mine[1]} of "
                f"{total if total is not None else claim['total']}, {mine[0]} answered)"
            )
    return flags


# -- combining ---------------------------------------------------------------------------------------


def grade_files(
    files: Iterable[tuple[str, dict[str, Any]]],
    banks: Iterable[QuestionBank],
    review: Iterable[str] = (),
    now: datetime | None = None,
) -> tuple[list[HandedIn], list[Skipped]]:
    """Regrade every file; one that cannot be regraded is skipped with its reason, never stops the rest."""
    questions = {bank.full_id(q): q for bank in banks for q in bank.questions}
    current = {qid: question_hash(q) for qid, q in questions.items()}
    review = list(review)
    graded: list[HandedIn] = []
    skipped: list[Skipped] = []
    memo: Memo = {}
    layout = _layout(questions, review)
    for name, doc in files:
        try:
            graded.append(grade_file(name, doc, questions, current, review, now, memo, layout))
        except Exception as e:
            skipped.append(Skipped(name, f"The file cannot be regraded (unexpected {type(e).__name__})."))
    return graded, skipped


def combine(
    graded: Iterable[HandedIn],
    banks: Iterable[QuestionBank],
    review: Iterable[str] = (),
    skipped: Iterable[Skipped] = (),
    picks: Mapping[str, str | None] | None = None,
) -> Rollup:
    """Roll up regraded files. Files sharing a learner code count only once `picks[code]` names one of them."""
    graded, banks, review, picks = list(graded), list(banks), list(review), dict(picks or {})
    codes = Counter(h.learner for h in graded)
    out = Rollup(skipped=sorted(skipped, key=lambda s: s.file))
    for code in sorted(c for c, n in codes.items() if n > 1):
        group = tuple(h for h in graded if h.learner == code)
        pick = picks.get(code)
        out.duplicates.append(Duplicate(code, group, pick if pick in {h.file for h in group} else None))
    chosen = {d.learner: d.picked for d in out.duplicates}
    counted = [h for h in graded if codes[h.learner] == 1 or chosen[h.learner] == h.file]
    out.learners = [h.name for h in counted]
    out.flagged = [h for h in graded if h.flags]
    questions = {bank.full_id(q): (bank, q) for bank in banks for q in bank.questions}
    out.unknown_questions = sorted({original_id(q) for h in counted for q in h.unknown})
    # one pass over the learners' answers: each question's answers in learner order, and each lesson's counts
    results: dict[str, list[Answer]] = {qid: [] for qid in questions}
    lesson_of = {qid: bank.lesson for qid, (bank, _) in questions.items() if bank.lesson != REVIEW_LESSON}
    answered: dict[str, list[int]] = {b.lesson: [] for b in banks if b.lesson != REVIEW_LESSON}
    firsts: dict[str, list[int]] = {lesson: [] for lesson in answered}
    for h in counted:
        mine: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for qid, a in h.answers.items():
            if qid in results:
                results[qid].append(a)
            lesson = lesson_of.get(qid)
            if lesson is not None:
                mine[lesson] += 1
                right[lesson] += a.first_correct
        for lesson in answered:
            answered[lesson].append(mine[lesson])
            firsts[lesson].append(right[lesson])
    for bank in (b for b in banks if b.lesson != REVIEW_LESSON):  # the review has its own row below
        n_ids = len(bank.questions)
        started = [i for i, n in enumerate(answered[bank.lesson]) if n]
        pct = (100.0 * sum(firsts[bank.lesson][i] for i in started) / (len(started) * n_ids)) if started else None
        out.lessons.append(
            LessonCompletion(
                bank.lesson,
                n_ids,
                len(counted),
                len(started),
                sum(n == n_ids for n in answered[bank.lesson]),
                pct,
            )
        )
    if review or any(q.startswith(REVIEW_PREFIX) for h in counted for q in h.answers):
        out.lessons.append(_review_row(counted, review, questions))
    older = Counter(original_id(q) for h in counted for q in h.older)
    picks_count: Counter[tuple[str, tuple[str, str]]] = Counter()
    for qid, (bank, q) in questions.items():
        mine_q = results[qid]
        out.questions.append(
            QuestionStat(
                qid,
                bank.lesson,
                q.prompt,
                q.correct_answer_text(),
                len(mine_q),
                sum(r.first_correct for r in mine_q),
                older[qid],
            )
        )
        for r in mine_q:
            if not r.first_correct:
                for picked in dict.fromkeys(q.wrong_picks(list(r.first_chosen))):
                    picks_count[(qid, picked)] += 1
    order = {qid: n for n, qid in enumerate(questions)}
    out.questions.sort(key=lambda s: (s.percent is None, s.percent if s.percent is not None else 0, order[s.question]))
    answered_by = {s.question: s.answered for s in out.questions}
    out.misconceptions = [
        Misconception(qid, questions[qid][1].prompt, text, fb, n, answered_by[qid])
        for (qid, (text, fb)), n in picks_count.items()
    ]
    out.misconceptions.sort(key=lambda m: (-m.count, order[m.question], m.picked))
    out.items, out.item_learners = question_figures(counted, questions, out.misconceptions)
    return out


def _review_row(counted: list[HandedIn], review: list[str], questions: Mapping[str, object]) -> LessonCompletion:
    """The final review, regraded: each learner's total is the listed questions plus any other brought back."""
    listed = {review_id(q) for q in review if q in questions}
    rows = []
    for h in counted:
        mine = [a for q, a in h.answers.items() if q.startswith(REVIEW_PREFIX)]
        total = len(listed | {a.question for a in mine})
        rows.append((total, len(mine), sum(a.first_correct for a in mine)))
    started = [r for r in rows if r[1]]
    pct = (100.0 * sum(r[2] for r in started) / sum(r[0] for r in started)) if started else None
    return LessonCompletion(
        REVIEW_LESSON,
        max((r[0] for r in rows), default=len(listed)),
        len(counted),
        len(started),
        sum(r[1] == r[0] for r in started),
        pct,
    )


def rollup(
    files: Iterable[tuple[str, dict[str, Any]]],
    banks: Iterable[QuestionBank],
    review: Iterable[str] = (),
    skipped: Iterable[Skipped] = (),
    picks: Mapping[str, str | None] | None = None,
    now: datetime | None = None,
) -> Rollup:
    """Regrade and combine (file name, validated document) pairs against the banks and the review's list."""
    banks, review = list(banks), list(review)
    graded, more = grade_files(files, banks, review, now)
    return combine(graded, banks, review, list(skipped) + more, picks)


def rollup_folder(
    folder: Path | str,
    banks: Iterable[QuestionBank] | None = None,
    review: Iterable[str] | None = None,
    picks: Mapping[str, str | None] | None = None,
) -> Rollup:
    """Read a folder of results files and roll them up (default: every bank and the review of the course)."""
    if banks is None:
        from ..content.load import all_banks

        banks = all_banks()
    if review is None:
        from ..content.load import load_review

        review = load_review().questions
    files, skipped = read_folder(folder)
    return rollup(files, banks, review, skipped, picks)
