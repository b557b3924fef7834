"""The "what do you know already / now?" checks (content/checks.yaml): two short question sets, one at the start of
the course and one at the end of lesson 05, two questions per learning goal each, shown with no feedback and no
score; plus the words of the learner's goal view and the mastery bands (engine/mastery.py)."""

from __future__ import annotations

from pydantic import Field, model_validator

from .schema import FieldError, Id, Strict, Text, _unique, require_placeholders

BEFORE, AFTER = "check-before", "check-after"  # the checks' lesson ids: their answers are saved under these
CHECK_LESSONS = (BEFORE, AFTER)
PER_GOAL = 2  # questions per goal in each check


class CheckOption(Strict):
    id: Id
    text: Text


class CheckQuestion(Strict):
    """One choose-one question of a check. No hint, feedback or explanation: a check shows none."""

    id: Id
    goal: Id
    prompt: Text
    options: list[CheckOption] = Field(min_length=3, max_length=4)
    answer: Id

    @model_validator(mode="after")
    def _answer_known(self) -> CheckQuestion:
        _unique([o.id for o in self.options], "option")
        if self.answer not in {o.id for o in self.options}:
            raise FieldError("answer", f"{self.answer!r} is not one of the options")
        return self

    def option_text(self, option: str) -> str:
        return next((o.text for o in self.options if o.id == option), option)


class Check(Strict):
    """One check: its lesson id, the words around it, and its questions."""

    lesson: Id
    title: Text
    intro: Text  # says plainly that this is not a test
    save: Text  # the button
    saved: Text  # said once the answers are saved (no score)
    missing: Text  # takes {n}: questions left unanswered when Save is pressed
    questions: list[CheckQuestion] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> Check:
        if self.lesson not in CHECK_LESSONS:
            raise FieldError("lesson", f"a check's lesson is one of {', '.join(CHECK_LESSONS)}")
        _unique([q.id for q in self.questions], "question")
        require_placeholders(self, {"missing": ("{n}",)})
        return self

    def full_id(self, question: CheckQuestion) -> str:
        return f"{self.lesson}/{question.id}"

    def full_ids(self) -> list[str]:
        return [self.full_id(q) for q in self.questions]


class Band(Strict):
    """One mastery band's words (engine/mastery.py decides which band a learner is in)."""

    id: Id
    name: Text
    meaning: Text  # what it means, for the learner


class GoalView(Strict):
    """The words of the learner's goal view (views/goals.py); {names} are filled in by the view."""

    title: Text
    intro: Text
    goal: Text  # column heading
    before: Text
    now: Text
    band: Text
    bands_heading: Text  # the folded list of what each band means
    not_done: Text  # a check not done yet
    score: Text  # takes {right} and {total}
    revisit: Text  # heading of the questions to go back to for a goal not mastered
    question: Text  # takes {lesson} and {prompt}
    all_done: Text  # every goal mastered
    care: Text  # the red-flag reminder


class Checks(Strict):
    """content/checks.yaml: the two checks, the bands and the goal view's words."""

    checks: list[Check] = Field(min_length=2, max_length=2)
    bands: list[Band] = Field(min_length=5, max_length=5)
    goal_view: GoalView

    @model_validator(mode="after")
    def _both(self) -> Checks:
        if [c.lesson for c in self.checks] != list(CHECK_LESSONS):
            raise FieldError("checks", f"list the checks in this order: {', '.join(CHECK_LESSONS)}")
        before, after = self.checks
        prompts = {" ".join(q.prompt.lower().split()) for q in before.questions}
        for q in after.questions:
            if " ".join(q.prompt.lower().split()) in prompts:
                raise FieldError("checks", f"{AFTER}/{q.id} asks what {BEFORE} asks: the checks use different items")
        require_placeholders(self.goal_view, {"score": ("{right}", "{total}"), "question": ("{lesson}", "{prompt}")})
        return self

    def check(self, lesson: str) -> Check:
        return next(c for c in self.checks if c.lesson == lesson)

    def band(self, band: str) -> Band:
        return next(b for b in self.bands if b.id == band)
