"""A question bank as GIFT, Moodle's plain-text question format (docs.moodle.org, "GIFT format").

choose one → multiple choice (`=` right, `~` wrong, `#` feedback per option); tick all that fit →
multiple choice with weights (a note: part marks); true or false → `{T}`/`{F}` with the feedback to a
wrong answer; number → numerical with the right value ± tolerance and a range below and above it, each
with its feedback; put in order → matching (GIFT has no ordering question: a note). The explanation is
the general feedback (`####`). GIFT has no hints: each hint is kept as a comment above its question
(Moodle does not import comments; the Moodle XML file carries the hints). Not gift-wrapper (the GIFT
builder on PyPI): it builds from its own YAML and pulls in an SSH client to upload pictures.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..content.model import QuestionBank
from ..questions import MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from .common import ORDER_AS_MATCHING, PARTIAL_CREDIT, Notes, handler, numeric_ranges, one_line

FMT = "GIFT"
CATEGORY_ROOT = "foot-twitch-lessons"


def esc(text: str) -> str:
    """Text with GIFT's control characters escaped (`~ = # { } :` and the backslash)."""
    return re.sub(r"([\\~=#{}:])", r"\\\1", one_line(text))


def _num(x: float) -> str:
    return f"{x:g}"


def _weight(share: float) -> str:
    return f"%{share:.5f}".rstrip("0").rstrip(".") + "%"


def _single(q: SingleChoice, fid: str, notes: Notes) -> list[str]:
    return [f"{'=' if o.id == q.answer else '~'}{esc(o.text)}#{esc(o.feedback)}" for o in q.options]


def _multiple(q: MultipleSelect, fid: str, notes: Notes) -> list[str]:
    notes.add(fid, PARTIAL_CREDIT)
    right = _weight(100 / len(q.answer))
    return [f"~{right if o.id in q.answer else '%-100%'}{esc(o.text)}#{esc(o.feedback)}" for o in q.options]


def _truefalse(q: TrueFalse, fid: str, notes: Notes) -> list[str]:
    # Moodle reads the first feedback as the one for a wrong answer (question/format/gift/format.php).
    return [f"{'T' if q.answer else 'F'}#{esc(q.wrong_feedback)}"]


def _numeric(q: Numeric, fid: str, notes: Notes) -> list[str]:
    if q.unit.lower() not in q.prompt.lower():
        notes.add(fid, f"GIFT shows no unit beside the answer box; the answer is in {q.unit}")
    lines = [f"#={_num(q.answer)}:{_num(q.tolerance)}"]
    lines += [f"=%0%{_num(lo)}..{_num(hi)}#{esc(fb)}" for lo, hi, fb in numeric_ranges(q)]
    return lines


def _ordering(q: Ordering, fid: str, notes: Notes) -> list[str]:
    notes.add(
        fid,
        ORDER_AS_MATCHING.format(fmt=FMT)
        + "; the feedback to a wrong order is in the general feedback"
        + " (the Moodle XML file keeps a true ordering question)",
    )
    return [f"={esc(item.text)} -> {place}" for place, item in enumerate(q.items, 1)]


_ANSWERS: dict[str, Callable[..., list[str]]] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "numeric": _numeric,
    "ordering": _ordering,
}


def _general_feedback(q: QuestionBase) -> str:
    if isinstance(q, Ordering):
        return f"{one_line(q.wrong_feedback)} {one_line(q.explanation)}"
    return one_line(q.explanation)


def question_gift(bank: QuestionBank, q: QuestionBase, notes: Notes) -> str:
    """One question as GIFT, with its notes and its hint as comments above it."""
    fid = bank.full_id(q)
    answers = handler(_ANSWERS, q, FMT)(q, fid, notes)
    mine = [n for n in notes.items if n.question == fid]
    comments = [f"// {fid} ({q.KIND}{'; a section check inside the lesson' if q.section_check else ''})"]
    comments += [f"// NOTE: {n.text}" for n in mine]
    comments.append(f"// Hint (GIFT has no hints, Moodle does not import this line): {one_line(q.hint)}")
    body = "\n".join(f"    {a}" for a in answers)
    return (
        "\n".join(comments)
        + f"\n::{esc(fid)}::[plain]{esc(q.prompt)} {{\n{body}\n    ####{esc(_general_feedback(q))}\n}}"
    )


def bank_gift(bank: QuestionBank, notes: Notes) -> bytes:
    """The whole bank as one GIFT file (UTF-8), in its own category."""
    general = notes.add(bank.lesson, "GIFT has no hints; each hint is kept as a comment above its question")
    parts = [
        f"// NOTE: {general}",
        f"// {bank.title} ({bank.lesson}): exported from the foot-twitch-lessons question bank.",
        "// Import in Moodle: Question bank > Import > GIFT format. Lines starting with // are comments.",
        "",
        f"$CATEGORY: $course$/top/{CATEGORY_ROOT}/{bank.lesson}",
        "",
    ]
    parts += [question_gift(bank, q, notes) + "\n" for q in bank.questions]
    return "\n".join(parts).encode("utf-8")
