"""Pure class roll-up: a folder of learners' export files → completion, percent correct, misconceptions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .export import MAX_BYTES, ExportFormatError, check_export, decode
from .grading import correct_answer_text
from .model import MultipleSelect, Numeric, Ordering, QuestionBank, SingleChoice, TrueFalse


@dataclass(frozen=True)
class Skipped:
    """A file left out of the roll-up, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class LessonCompletion:
    lesson: str
    total: int              # questions in the bank (for the review: the most any learner was asked)
    learners: int           # learners in the roll-up
    started: int            # learners who answered at least one question
    completed: int          # learners who answered every question
    first_try_percent: float | None   # mean first-try score of those who started, in percent


@dataclass(frozen=True)
class QuestionStat:
    question: str           # full id
    lesson: str
    prompt: str
    answer: str             # the right answer in words
    answered: int
    first_correct: int

    @property
    def percent(self) -> float | None:
        """Percent right on the first try among those who answered (None if nobody did)."""
        return 100.0 * self.first_correct / self.answered if self.answered else None


@dataclass(frozen=True)
class Misconception:
    """A wrong answer picked on the first try, with the bank's feedback for it (the misconception it shows)."""

    question: str
    prompt: str
    picked: str             # what was picked, in words
    feedback: str           # the bank's feedback to that choice
    count: int              # learners who picked it first
    answered: int           # learners who answered the question


@dataclass
class Rollup:
    learners: list[str] = field(default_factory=list)              # names, in file order
    lessons: list[LessonCompletion] = field(default_factory=list)
    questions: list[QuestionStat] = field(default_factory=list)    # most missed first
    misconceptions: list[Misconception] = field(default_factory=list)  # most picked first
    skipped: list[Skipped] = field(default_factory=list)
    unknown_questions: list[str] = field(default_factory=list)     # in files but not in the banks


def read_folder(folder: Path | str) -> tuple[list[tuple[str, dict]], list[Skipped]]:
    """Read every export file in `folder` (not its sub-folders); never raises on a bad file.

    Returns (files read, as (file name, document) pairs, and the files skipped with reasons). Files whose
    name starts with a dot are ignored. When one learner code appears in several files, the newest export
    is kept and the others are skipped as duplicates.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    good: list[tuple[str, dict]] = []
    skipped: list[Skipped] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() != ".json":
            skipped.append(Skipped(path.name, "not a .json file"))
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValueError("the file is too large to be a class-results file")
            doc = check_export(decode(path.read_bytes()))
        except OSError as e:
            skipped.append(Skipped(path.name, f"cannot read the file ({e.strerror or e})"))
            continue
        except (ValueError, ExportFormatError) as e:
            skipped.append(Skipped(path.name, str(e)))
            continue
        good.append((path.name, doc))
    # one file per learner: keep the newest export (ties: the later file name)
    newest: dict[str, tuple[str, dict]] = {}
    for name, doc in good:
        kept = newest.get(doc["learner"])
        if kept is None or (doc["exported"], name) > (kept[1]["exported"], kept[0]):
            newest[doc["learner"]] = (name, doc)
    keep = {name for name, _ in newest.values()}
    for name, doc in good:
        if name not in keep:
            other = newest[doc["learner"]][0]
            skipped.append(Skipped(name, f"duplicate: the same learner as {other}, which is newer"))
    skipped.sort(key=lambda s: s.file)
    return [(n, d) for n, d in good if n in keep], skipped


def _wrong_picks(question, chosen: list[str]) -> list[tuple[str, str]]:
    """(what was picked, the bank's feedback) for each wrong part of a first answer."""
    if isinstance(question, SingleChoice):
        opts = {o.id: o for o in question.options}
        return [(opts[c].text, opts[c].feedback) for c in chosen if c in opts and c != question.answer]
    if isinstance(question, MultipleSelect):
        opts = {o.id: o for o in question.options}
        picked = set(chosen)
        out = [(f"ticked: {opts[c].text}", opts[c].feedback) for c in chosen
               if c in opts and c not in question.correct_ids]
        out += [(f"left out: {o.text}", question.explanation) for o in question.options
                if o.id in question.correct_ids and o.id not in picked]
        return out
    if isinstance(question, TrueFalse):
        return [("True" if not question.answer else "False", question.wrong_feedback)]
    if isinstance(question, Numeric):
        try:
            value = float(chosen[0])
        except (IndexError, ValueError):
            return []
        if value < question.answer:
            return [(f"too low (below {question.answer:g} {question.unit})", question.low_feedback)]
        return [(f"too high (above {question.answer:g} {question.unit})", question.high_feedback)]
    if isinstance(question, Ordering):
        texts = {i.id: i.text for i in question.items}
        return [(" → ".join(texts.get(c, c) for c in chosen), question.wrong_feedback)]
    return []


def rollup(docs: Iterable[dict], banks: Iterable[QuestionBank], skipped: list[Skipped] | None = None) -> Rollup:
    """Combine validated export documents against the current question banks.

    Parameters
    ----------
    docs : export documents (as returned by `read_folder` or `widgets.export.check_export`).
    banks : the question banks, in course order.
    skipped : files already skipped while reading, carried into the result.
    """
    docs, banks = list(docs), list(banks)
    out = Rollup(learners=[d["name"] for d in docs], skipped=list(skipped or []))
    questions = {bank.full_id(q): (bank, q) for bank in banks for q in bank.questions}
    out.unknown_questions = sorted({qid for d in docs for qid in d["questions"]} - set(questions))
    for bank in banks:
        ids = bank.full_ids()
        answered = [sum(qid in d["questions"] for qid in ids) for d in docs]
        firsts = [sum(d["questions"][qid]["first_correct"] for qid in ids if qid in d["questions"]) for d in docs]
        started = [i for i, n in enumerate(answered) if n]
        pct = (100.0 * sum(firsts[i] for i in started) / (len(started) * len(ids))) if started else None
        out.lessons.append(LessonCompletion(bank.lesson, len(ids), len(docs), len(started),
                                            sum(n == len(ids) for n in answered), pct))
    # quizzes without a bank of their own (the final review) report only their score in `lessons`
    extra = sorted({lesson for d in docs for lesson in d["lessons"]} - {bank.lesson for bank in banks})
    for lesson in extra:
        results = [d["lessons"].get(lesson) for d in docs]
        started = [r for r in results if r and r["answered"]]
        total = max((r["total"] for r in results if r), default=0)
        pct = (100.0 * sum(r["first_try"] for r in started) / sum(r["total"] for r in started)) if started else None
        out.lessons.append(LessonCompletion(lesson, total, len(docs), len(started),
                                            sum(r["answered"] == r["total"] for r in started), pct))
    picks: Counter = Counter()
    for qid, (bank, q) in questions.items():
        results = [d["questions"][qid] for d in docs if qid in d["questions"]]
        out.questions.append(QuestionStat(qid, bank.lesson, q.prompt, correct_answer_text(q), len(results),
                                          sum(r["first_correct"] for r in results)))
        for r in results:
            if not r["first_correct"]:
                for picked in dict.fromkeys(_wrong_picks(q, r["first_chosen"])):
                    picks[(qid, picked)] += 1
    order = {qid: n for n, qid in enumerate(questions)}
    out.questions.sort(key=lambda s: (s.percent is None, s.percent if s.percent is not None else 0, order[s.question]))
    answered_by = {s.question: s.answered for s in out.questions}
    out.misconceptions = [Misconception(qid, questions[qid][1].prompt, text, fb, n, answered_by[qid])
                          for (qid, (text, fb)), n in picks.items()]
    out.misconceptions.sort(key=lambda m: (-m.count, order[m.question], m.picked))
    return out


def rollup_folder(folder: Path | str, banks: Iterable[QuestionBank] | None = None) -> Rollup:
    """Read a folder of export files and roll them up (banks default to every bank of the course)."""
    if banks is None:
        from .load import all_banks
        banks = all_banks()
    docs, skipped = read_folder(folder)
    return rollup([d for _, d in docs], banks, skipped)
