"""Typed models of the course content: what a question, a bank and a glossary entry are."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, GetPydanticSchema, field_validator, model_validator

from ..questions import (
    MultipleSelect,
    Numeric,
    Option,
    Ordering,
    OrderItem,
    QuestionBase,
    SingleChoice,
    TrueFalse,
    registry,
)
from .care_model import CareText
from .schema import DuplicateIdError, FieldError, Id, Strict, Text, _unique, require_placeholders
from .vocab import (
    BOOK_VISIT_SIGNS,
    CARE_OUTCOMES,
    DURATIONS,
    EMERGENCY_SIGNS,
    GLOSSARY_KINDS,
    OUTCOMES,
    SAME_DAY_SIGNS,
    SIGNS,
    TRIGGERS,
    URGENT_CARE_SIGNS,
    CareOutcome,
    Duration,
    EmergencySign,
    GlossaryKind,
    Outcome,
    Sign,
    Trigger,
)

# The question types (widgets/questions/), the schema building blocks (schema.py) and the self-check
# vocabulary (vocab.py) are re-exported here, so `from widgets.content.model import SingleChoice, SIGNS` keeps working.
__all__ = [
    "BOOK_VISIT_SIGNS",
    "CARE_OUTCOMES",
    "DURATIONS",
    "EMERGENCY_SIGNS",
    "GLOSSARY_HEADINGS",
    "OUTCOMES",
    "QUESTION_TYPES",
    "REVIEW_LESSON",
    "SAME_DAY_SIGNS",
    "SIGNS",
    "TRIGGERS",
    "URGENT_CARE_SIGNS",
    "CaseStories",
    "CaseStory",
    "Course",
    "DrinkLabel",
    "DuplicateIdError",
    "FieldError",
    "FullId",
    "Glossary",
    "GlossaryEntry",
    "LessonInfo",
    "MultipleSelect",
    "Numeric",
    "Option",
    "OrderItem",
    "Ordering",
    "Question",
    "QuestionBank",
    "Review",
    "ReviewSet",
    "SelfCheckAnswers",
    "SingleChoice",
    "TrueFalse",
]


def _question_union(_source: Any, handler: Any) -> Any:
    # a Union built at run time from the registry: `X | Y` cannot take a tuple of classes
    return handler(Annotated[Union[registry.classes()], Field(discriminator="type")])  # noqa: UP007


# Any registered question type, picked by its `type` field (the union is built from the registry).
Question = Annotated[QuestionBase, GetPydanticSchema(_question_union)]
QUESTION_TYPES = registry.names()  # the built-in types


class QuestionBank(Strict):
    """One lesson's quiz."""

    lesson: Id
    title: Text
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_questions(self) -> QuestionBank:
        _unique([q.id for q in self.questions], "question")
        return self

    def question(self, qid: str) -> QuestionBase:
        """The question with this local id (`q1`) or full id (`01-physiology/q1`)."""
        local = qid.split("/", 1)[-1]
        for q in self.questions:
            if q.id == local:
                return q
        raise KeyError(f"{self.lesson} has no question {qid!r}")

    def full_id(self, question: QuestionBase) -> str:
        return f"{self.lesson}/{question.id}"

    def recap(self) -> list[QuestionBase]:
        """The questions of the recap quiz at the end of the lesson: every question that is not a section check."""
        return [q for q in self.questions if not q.section_check]

    def full_ids(self) -> list[str]:
        """Full ids of every question, in bank order (``01-physiology/q1``, …)."""
        return [self.full_id(q) for q in self.questions]


def _rebuild_banks() -> None:
    """A question type was registered or removed: banks accept exactly the registered types."""
    QuestionBank.model_rebuild(force=True)


registry.on_change(_rebuild_banks)


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

    def grouped(self, lesson: str | None = None) -> dict[GlossaryKind, list[GlossaryEntry]]:
        """The terms of `lesson` (or all), by kind ("know" first, then "doctors"), each sorted A to Z."""
        chosen = [e for e in self.entries if lesson is None or lesson in e.lessons]
        return {
            kind: sorted((e for e in chosen if e.kind == kind), key=lambda e: e.term.lower())
            for kind in GLOSSARY_HEADINGS
        }


class LessonInfo(Strict):
    """One lesson of the course map."""

    id: Id
    notebook: Text
    title: Text
    minutes: int = Field(ge=1, le=120)
    summary: Text


class Goal(Strict):
    """One learning goal of the course (the teacher's guide lists them); every question names the one it checks."""

    id: Id
    short: Text  # a name of a few words (the goal views' tables and the class chart)
    text: Text  # "By the end, learners can …" completed in the learner's words


class CourseTab(Strict):
    """What the course tab's header and notes say (the JupyterLab extension, widgets/jupyter/course.py).

    ``lesson`` takes ``{number}`` and ``{count}``; ``progress`` takes ``{answered}`` and ``{total}``."""

    start: Text  # the first notebook's place in the course ("Start here")
    lesson: Text  # "Lesson {number} of {count}"
    progress: Text  # "{answered} of {total} questions answered"
    course: Text  # the header's accessible name
    next: Text
    back: Text
    finish: Text  # the last lesson's "Next": the end page
    skip: Text  # the skip link to the first activity
    skip_hint: Text  # its tooltip, naming the shortcut
    no_activity: Text  # said when there is no activity to go to yet
    starting: Text  # while the lesson runs its own cells
    stopped_title: Text
    stopped_text: Text

    @model_validator(mode="after")
    def _placeholders(self) -> CourseTab:
        require_placeholders(self, {"lesson": ("{number}", "{count}"), "progress": ("{answered}", "{total}")})
        return self


class CourseEnd(Strict):
    """The end-of-course page: what the learner learned and what to do next."""

    title: Text
    intro: Text
    score: Text  # takes {answered}, {total} and {first_try}
    learned_heading: Text
    learned: list[Text] = Field(min_length=1)
    next_heading: Text
    next_steps: list[Text] = Field(min_length=1)
    care: Text  # the red-flag reminder: see a healthcare professional
    back: Text
    start: Text

    @model_validator(mode="after")
    def _score_placeholders(self) -> CourseEnd:
        missing = [p for p in ("{answered}", "{total}", "{first_try}") if p not in self.score]
        if missing:
            raise FieldError("score", f"needs {', '.join(missing)}")
        return self


class Course(Strict):
    """The lesson map, in order; the start notebook, progress overview and review read it."""

    title: Text
    lessons: list[LessonInfo] = Field(min_length=1)
    goals: list[Goal] = Field(min_length=1)
    tab: CourseTab
    end: CourseEnd

    @model_validator(mode="after")
    def _unique_lessons(self) -> Course:
        _unique([l.id for l in self.lessons], "lesson")
        _unique([g.id for g in self.goals], "goal")
        return self


class SiteProgressTexts(Strict):
    """The site's progress words (content/site.yaml `progress`; static/site_progress.js and the quiz on the site)."""

    where: Text  # under the progress table: where the answers are kept on the site
    not_kept: Text  # the browser keeps nothing for the site
    persist: Text  # said once, when the browser is asked to keep the answers for good
    make_results: Text
    make_results_tip: Text
    results_empty: Text
    results_empty_link: Text
    question_one: Text  # "1 answered question"
    question_many: Text
    save_link: Text  # {file}
    save_empty_link: Text  # {file}
    keep_heading: Text
    download: Text
    download_tip: Text
    download_saved: Text  # {file}, {n}, {answers}
    answer_one: Text
    answer_many: Text
    restore_heading: Text
    choose: Text
    choose_tip: Text
    restore_good: Text  # {file}, {n}, {current}
    restore_bad: Text  # {file}, {why}: the store's reason
    confirm: Text
    confirm_tip: Text
    cancel: Text
    cancel_tip: Text
    restore_cancelled: Text
    restored: Text  # {n}
    restore_not_kept: Text


class SiteTexts(Strict):
    """The texts of the lessons as web pages with no Python behind them (content/site.yaml; tools/site.py)."""

    needs_python: Text  # put above each part whose buttons need Python
    home_intro: Text  # the first page, under the course title
    disclaimer: Text  # a lesson, not medical advice; who to talk to
    under_18: Text  # who a young learner tells
    course_map: Text  # above the list of lessons
    offline: Text  # what keeps working with no network, and where
    footer: Text  # every page's last line: {built} the build date, {checked} / {due} the content's last and next check
    progress: SiteProgressTexts


# --- The symptom self-check: its answer vocabulary (shared by the triage engine and the case stories) ---


class SelfCheckAnswers(Strict):
    """One person's answers to the self-check. Signs not listed in `signs`, `earlier` or `unsure` were answered "no"."""

    signs: list[Sign] = Field(default_factory=list)  # answered "yes" (a step-1 sign: "now or today")
    earlier: list[EmergencySign] = Field(default_factory=list)  # step 1: "before today, and it has gone"
    unsure: list[Sign] = Field(default_factory=list)  # answered "not sure"
    duration: Duration = "under_1_week"
    triggers: list[Trigger] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_answer_each(self) -> SelfCheckAnswers:
        lists: dict[str, set[str]] = {
            "signs": set(self.signs),
            "earlier": set(self.earlier),
            "unsure": set(self.unsure),
        }
        for a, b in (("signs", "earlier"), ("signs", "unsure"), ("earlier", "unsure")):
            both = lists[a] & lists[b]
            if both:
                raise FieldError(b, f"{sorted(both)} answered both {a!r} and {b!r}")
        return self

    def answer(self, question: str) -> str:
        """One question's answer: "yes" / "earlier" / "unsure" / "no" for a sign, a duration id for "duration"."""
        if question == "duration":
            return self.duration
        for word, ids in (("yes", self.signs), ("earlier", self.earlier), ("unsure", self.unsure)):
            if question in ids:
                return word
        return "no"


class CaseStory(Strict):
    """A short practice story for lesson 04: the learner picks the step the self-check would give."""

    id: Id
    title: Text  # e.g. "Sam, 14, footballer"
    story: CareText
    answers: SelfCheckAnswers  # what this person would answer in the self-check
    expected: Outcome
    reason: CareText  # why, in plain words, shown after the learner decides
    teacher_note: CareText  # for the teacher's key: what the story teaches, what to discuss

    def mentions_energy_drinks(self) -> bool:
        """True if the story names energy drinks (its card then shows what the can's label says)."""
        return "energy drink" in " ".join(self.story.split()).lower()


class DrinkLabel(Strict):
    """The words a can of a high-caffeine drink must carry, shown with every story that names energy drinks."""

    words: Text  # the label's wording, quoted exactly
    note: Text  # where the words are printed and why, in plain words
    source: Text  # who says so
    url: Annotated[str, Field(pattern=r"^https://")]


class CaseStories(Strict):
    """The practice stories, plus what a learner sees after a choice that is less, or more, cautious than needed.

    `too_little` is keyed by the story's step (what the learner missed); `more_cautious` by the learner's choice
    (what that step is for, so a story with no emergency sign explains what the emergency number is for: never
    marked wrong, never praised).
    """

    too_little: dict[CareOutcome, CareText]  # by the expected step
    more_cautious: dict[CareOutcome, CareText]  # by the chosen step: shown with the reason, never marked wrong
    energy_drink_label: DrinkLabel | None = None  # required when a story names energy drinks
    stories: list[CaseStory] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_stories(self) -> CaseStories:
        _unique([s.id for s in self.stories], "story")
        for field in ("too_little", "more_cautious"):
            missing = set(CARE_OUTCOMES) - set(getattr(self, field))
            if missing:
                which = "expected" if field == "too_little" else "chosen"
                raise FieldError(field, f"no text for the {which} steps {sorted(missing)}")
        drinks = [s.id for s in self.stories if s.mentions_energy_drinks()]
        if drinks and self.energy_drink_label is None:
            raise FieldError(
                "energy_drink_label",
                f"the stories {drinks} name energy drinks: give the can's label wording to show with them",
            )
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


# The final review's lesson id: its attempts are saved under it (engine/review.py).
REVIEW_LESSON = "05-review"


class Review(ReviewSet):
    """content/review.yaml: the review's questions in order, and the lesson questions each one asks again."""

    variant_of: dict[FullId, list[FullId]] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_question_has_its_originals(self) -> Review:
        listed, mapped = set(self.questions), set(self.variant_of)
        if listed != mapped:
            raise FieldError(
                "variant_of",
                "must name the same questions as 'questions' "
                f"(missing: {sorted(listed - mapped)}, not asked: {sorted(mapped - listed)})",
            )
        for q, originals in self.variant_of.items():
            if not originals:
                raise FieldError("variant_of", f"{q} asks no lesson question again (list at least one)")
        return self
