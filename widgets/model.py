"""Typed models of the course content: what a question, a bank and a glossary entry are."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, so typos surface."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One answer option of a choice question."""

    id: Id
    text: Text
    feedback: Text
    keep_last: bool = Field(False, description="Keep at the end when shuffling (e.g. 'none of the above').")


class _QuestionBase(Strict):
    id: Id
    prompt: Text
    explanation: Text
    topic: str | None = Field(None, description="Glossary term or foot-map region this question is about.")
    hint: Text | None = Field(None, description="A nudge shown on request or after a wrong try; never the answer.")
    section_check: bool = Field(False, description="Asked inside a lesson section (quiz(lesson, questions=[id])), "
                                                   "not in the recap quiz at the end.")


class FieldError(ValueError):
    """A cross-field check failed; `field` names the field to blame in the loader's message."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


class DuplicateIdError(ValueError):
    """Two entries share an id; `duplicate` names it so the loader can point at the entry."""

    def __init__(self, what: str, duplicate: str):
        self.duplicate = duplicate
        super().__init__(f"duplicate {what} id {duplicate!r} (ids must be unique)")


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DuplicateIdError(what, i)
        seen.add(i)


def _check_answer_keys(options: list[Option], answers: list[str]) -> None:
    ids = [o.id for o in options]
    _unique(ids, "option")
    for a in answers:
        if a not in ids:
            raise FieldError("answer", f"answer {a!r} is not among the option ids {ids}")


class SingleChoice(_QuestionBase):
    """Exactly one option is right."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    answer: Id

    @model_validator(mode="after")
    def _answer_known(self) -> "SingleChoice":
        _check_answer_keys(self.options, [self.answer])
        return self

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset([self.answer])


class MultipleSelect(_QuestionBase):
    """Any non-empty subset of the options is right; the learner must tick exactly that subset."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    answer: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _answers_known(self) -> "MultipleSelect":
        _unique(self.answer, "answer")
        _check_answer_keys(self.options, self.answer)
        return self

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(self.answer)


class TrueFalse(_QuestionBase):
    """A statement that is true or false; `wrong_feedback` answers the learner who picks the other one."""

    type: Literal["truefalse"]
    answer: bool
    wrong_feedback: Text


class Numeric(_QuestionBase):
    """A number the lessons teach (a count, a duration), never a dose or a lab value."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(0.0, ge=0)
    unit: Text
    low_feedback: Text
    high_feedback: Text
    minimum: float = 0
    maximum: float = 1000

    @model_validator(mode="after")
    def _answer_in_range(self) -> "Numeric":
        if not self.minimum <= self.answer <= self.maximum:
            raise FieldError("answer", f"answer {self.answer} lies outside minimum..maximum ({self.minimum}..{self.maximum})")
        return self


class OrderItem(Strict):
    id: Id
    text: Text


class Ordering(_QuestionBase):
    """Put the items in order; `items` is listed in the right order."""

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3)
    wrong_feedback: Text

    @model_validator(mode="after")
    def _unique_items(self) -> "Ordering":
        _unique([i.id for i in self.items], "item")
        return self


Question = Annotated[
    Union[SingleChoice, MultipleSelect, TrueFalse, Numeric, Ordering],
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric", "ordering")


class QuestionBank(Strict):
    """One lesson's quiz."""

    lesson: Id
    title: Text
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_questions(self) -> "QuestionBank":
        _unique([q.id for q in self.questions], "question")
        return self

    def question(self, qid: str):
        """The question with this local id (`q1`) or full id (`01-physiology/q1`)."""
        local = qid.split("/", 1)[-1]
        for q in self.questions:
            if q.id == local:
                return q
        raise KeyError(f"{self.lesson} has no question {qid!r}")

    def full_id(self, question) -> str:
        return f"{self.lesson}/{question.id}"

    def recap(self) -> list:
        """The questions of the recap quiz at the end of the lesson: every question that is not a section check."""
        return [q for q in self.questions if not q.section_check]

    def full_ids(self) -> list[str]:
        """Full ids of every question, in bank order (``01-physiology/q1``, …)."""
        return [self.full_id(q) for q in self.questions]


from .vocab import GLOSSARY_KINDS, GlossaryKind  # noqa: E402

GLOSSARY_HEADINGS = dict(zip(GLOSSARY_KINDS, ("Words to know", "Words doctors use"), strict=True))


class GlossaryEntry(Strict):
    """One term: `kind` "know" is a word every learner should keep (a handful per lesson); "doctors" is a
    word a learner may hear from a doctor or read on a health page, listed for reference."""

    term: Text
    meaning: Text
    kind: GlossaryKind
    say_it: str | None = Field(None, description="How to say the word, in plain spelling.")
    lessons: list[str] = Field(default_factory=list)


class Glossary(Strict):
    entries: list[GlossaryEntry] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _unique_terms(cls, entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
        _unique([e.term.lower() for e in entries], "glossary term")
        return entries

    def lookup(self, term: str) -> GlossaryEntry:
        for e in self.entries:
            if e.term.lower() == term.lower():
                return e
        raise KeyError(term)

    def grouped(self, lesson: str | None = None) -> dict[str, list[GlossaryEntry]]:
        """The terms of `lesson` (or all), by kind ("know" first, then "doctors"), each sorted A to Z."""
        chosen = [e for e in self.entries if lesson is None or lesson in e.lessons]
        return {kind: sorted((e for e in chosen if e.kind == kind), key=lambda e: e.term.lower())
                for kind in GLOSSARY_HEADINGS}


class LessonInfo(Strict):
    """One lesson of the course map."""

    id: Id
    notebook: Text
    title: Text
    minutes: int = Field(ge=1, le=120)
    summary: Text


class Course(Strict):
    """The lesson map, in order; the start notebook, progress overview and review read it."""

    title: Text
    lessons: list[LessonInfo] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_lessons(self) -> "Course":
        _unique([l.id for l in self.lessons], "lesson")
        return self


# --- The symptom self-check: its answer vocabulary (shared by the triage engine and the case stories) ---
from pydantic import AfterValidator  # noqa: E402  (kept in this section: other parts of the file change in parallel)

from .vocab import (BOOK_VISIT_SIGNS, DURATIONS, EMERGENCY_SIGNS, OUTCOMES, SAME_DAY_SIGNS, SIGNS,  # noqa: E402,F401
                    TRIGGERS, CARE_OUTCOMES, CareOutcome, Duration, Outcome, Sign, Trigger)


def _care_text(value: str) -> str:
    from .triage_model import fill_care  # the care data lives with the self-check; import late (no cycle)
    return fill_care(value)


# Text that may name the emergency numbers or the advice line only as {emergency_numbers} / {advice_line}.
CareText = Annotated[Text, AfterValidator(_care_text)]


class SelfCheckAnswers(Strict):
    """One person's answers to the self-check. Signs not listed in `signs` or `unsure` were answered "no"."""

    signs: list[Sign] = Field(default_factory=list)        # answered "yes"
    unsure: list[Sign] = Field(default_factory=list)       # answered "not sure"
    duration: Duration = "under_1_week"
    triggers: list[Trigger] = Field(default_factory=list)

    @model_validator(mode="after")
    def _yes_or_unsure_not_both(self) -> "SelfCheckAnswers":
        both = set(self.signs) & set(self.unsure)
        if both:
            raise FieldError("unsure", f"{sorted(both)} answered both 'yes' and 'not sure'")
        return self


class CaseStory(Strict):
    """A short practice story for lesson 04: the learner picks the step the self-check would give."""

    id: Id
    title: Text                      # e.g. "Sam, 14, footballer"
    story: CareText
    answers: SelfCheckAnswers        # what this person would answer in the self-check
    expected: Outcome
    reason: CareText                 # why, in plain words, shown after the learner decides
    teacher_note: CareText           # for the teacher's key: what the story teaches, what to discuss


class CaseStories(Strict):
    """The practice stories, plus what a learner sees after a choice that is less, or more, cautious than needed."""

    too_little: dict[CareOutcome, CareText]   # by the expected step
    more_cautious: CareText          # a more cautious choice: shown with the reason, never marked wrong
    stories: list[CaseStory] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_stories(self) -> "CaseStories":
        _unique([s.id for s in self.stories], "story")
        missing = set(CARE_OUTCOMES) - set(self.too_little)
        if missing:
            raise FieldError("too_little", f"no text for the expected steps {sorted(missing)}")
        return self


FullId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$")]


class ReviewSet(Strict):
    """The final review: which bank questions it asks (full ids such as `01-physiology/q2`), in order."""

    title: Text
    questions: list[FullId] = Field(min_length=12)

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions: list[str]) -> list[str]:
        _unique(questions, "review question")
        return questions
