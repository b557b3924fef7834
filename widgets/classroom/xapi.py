"""Results as xAPI statements: every quiz attempt ("answered") and every hand-in ("completed": the course and
each lesson answered).

A statement says who (the actor: the learner code as an account on the hub, ``homePage`` + ``name``; a name
only when the learner typed one for a hand-in), did what (an ADL verb), to what (a stable IRI per question
and per lesson), with what result (success, response, score), and when (the time of the answer).

The IRIs start with ``xapi-activities`` from ``[tool.foot-twitch-lessons]`` in pyproject.toml, so a question
keeps its IRI wherever the lessons run; the account's ``homePage`` is the hub (``hub`` there), which a hub
admin may override in the LRS settings (widgets/classroom/lrs.py). An installed package has no pyproject.toml, so the
table is mirrored in the package as ``widgets/settings.toml`` (tests/integration/test_xapi.py checks they agree;
``python -m widgets.classroom.xapi --write-settings`` copies it).

A statement's result (success, score) is always the kernel's own grading of the saved answer against the course's
question banks (`Grader`, the regrading the teacher's roll-up does), never the right/wrong mark saved with it:
restore does not regrade, and a restored progress file's marks are whatever the file says. An answer the kernel
cannot grade now (a question not in the course, or answered on another version of it) is sent without them.

Each statement has a fixed id, a UUID 5 of the actor and the attempt (question, its number among the
learner's answers to that question, time): a resend carries the same id and the LRS keeps it once, and a
restored progress file gives its answers the ids they had. Pure functions; nothing here sends anything.
"""

from __future__ import annotations

import argparse
import tomllib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the banks are loaded on first use: sending is optional, and runs in its own thread
    from ..content.model import QuestionBank
    from ..questions import QuestionBase

TABLE = "foot-twitch-lessons"
SETTINGS_FILE = "settings.toml"
VERSION = "1.0.3"  # the xAPI version sent and claimed

VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
ACTIVITY_TYPES = {
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "course": "http://adlnet.gov/expapi/activities/course",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",  # the before/after checks
}
CHECK_LESSONS = ("check-before", "check-after")  # content/check_model.py's: their answers are sent as assessments


@dataclass(frozen=True)
class Settings:
    """Where the IRIs start (`activities`, ending in "/") and the learners' account home page (`homepage`)."""

    activities: str
    homepage: str

    def question(self, question: str) -> str:
        return f"{self.activities}questions/{question}"

    def lesson(self, lesson: str) -> str:
        return f"{self.activities}lessons/{lesson}"

    @property
    def course(self) -> str:
        return f"{self.activities}course"

    def extension(self, name: str) -> str:
        return f"{self.activities}extensions/{name}"


def project_table(pyproject: Path | str | None = None) -> dict[str, Any]:
    """`[tool.foot-twitch-lessons]` from `pyproject` or, by default, from the package's mirror of it."""
    if pyproject is None:
        text = resources.files("widgets").joinpath(SETTINGS_FILE).read_text(encoding="utf-8")
    else:
        text = Path(pyproject).read_text(encoding="utf-8")
    table: dict[str, Any] = tomllib.loads(text)["tool"][TABLE]
    return table


def settings(homepage: str | None = None, pyproject: Path | str | None = None) -> Settings:
    """The statements' settings: the project's IRI base, and `homepage` (default: the project's hub)."""
    table = project_table(pyproject)
    base = str(table["xapi-activities"])
    return Settings(base if base.endswith("/") else base + "/", homepage or str(table["hub"]))


def statement_id(s: Settings, learner: str, *identity: str) -> str:
    """The fixed id of the statement about `identity` (strings) by `learner` at `s.homepage`."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, s.activities)
    return str(uuid.uuid5(namespace, "\n".join([s.homepage, learner, *identity])))


def _actor(s: Settings, learner: str, name: str | None = None) -> dict[str, Any]:
    actor: dict[str, Any] = {"objectType": "Agent", "account": {"homePage": s.homepage, "name": learner}}
    if name:
        actor["name"] = name
    return actor


def _verb(verb: str) -> dict[str, Any]:
    return {"id": VERBS[verb], "display": {"en-US": verb}}


def _activity(iri: str, kind: str) -> dict[str, Any]:
    return {"objectType": "Activity", "id": iri, "definition": {"type": ACTIVITY_TYPES[kind]}}


@dataclass(frozen=True)
class Grader:
    """The kernel's grading of saved answers against the question banks: where every statement's result comes from."""

    questions: Mapping[str, QuestionBase]  # full id → question
    current: Mapping[str, str]  # full id → the question's content hash
    review: tuple[str, ...] = ()  # the final review's question ids (full ids)
    _memo: dict[tuple[str, tuple[str, ...]], bool | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, banks: Iterable[QuestionBank], review: Iterable[str] = ()) -> Grader:
        from ..content.content_hash import question_hash

        questions = {bank.full_id(q): q for bank in banks for q in bank.questions}
        return cls(questions, {qid: question_hash(q) for qid, q in questions.items()}, tuple(review))

    def grade(self, question: str, chosen: Any, version: Any = None) -> bool | None:
        """Right or wrong as the kernel grades `chosen` (the saved option ids) now; None when it cannot: a question
        not in the course, an answer saved for another `version` (content hash) of it, or not an answer to it."""
        from ..engine.review import original_id
        from .rollup import regrade_saved

        original = original_id(question)
        if original not in self.questions or (version and version != self.current[original]):
            return None
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            return None
        key = (original, tuple(chosen))
        if key not in self._memo:
            self._memo[key] = regrade_saved(self.questions[original], chosen)
        return self._memo[key]

    def lessons(self, doc: dict[str, Any]) -> dict[str, dict[str, int]]:
        """A handed-in results document's lessons, regraded as the teacher's roll-up does: per lesson of the course
        the file reports, its questions (`total`) and the answers that grade (`answered`, `first_try`,
        `now_correct`). The file's own counts and marks are claims, never used."""
        from ..engine.review import LESSON as REVIEW_LESSON
        from ..engine.review import PREFIX as REVIEW_PREFIX
        from ..engine.review import review_id
        from .rollup import grade_file

        answers = grade_file("", doc, self.questions, self.current, self.review).answers
        out = {}
        for lesson in doc["lessons"]:
            if lesson == REVIEW_LESSON:
                ids = {q for q in answers if q.startswith(REVIEW_PREFIX)}
                total = len({review_id(q) for q in self.review if q in self.questions} | ids)
            else:
                ids = {q for q in self.questions if q.startswith(lesson + "/")}
                total = len(ids)
            if not total:
                continue  # not a lesson of this course: nothing the kernel can grade
            mine = [a for q, a in answers.items() if q in ids]
            out[lesson] = {
                "total": total,
                "answered": len(mine),
                "first_try": sum(a.first_correct for a in mine),
                "now_correct": sum(a.now_correct for a in mine),
            }
        return out


@cache
def course_grader() -> Grader:
    """The grader of the course's banks and final review, as the kernel loads them."""
    from ..content.load import all_banks, load_review

    return Grader.of(all_banks(), load_review().questions)


def check_grade(question: str, chosen: Any, version: Any = None) -> bool | None:
    """A before/after check answer graded against content/checks.yaml; None for a question no longer in the checks,
    another version of it, or no answer to it."""
    from ..content.load import check_hashes, check_questions

    known = check_questions().get(question)
    if known is None or (version and version != check_hashes()[question]):
        return None
    if not isinstance(chosen, list) or len(chosen) != 1 or chosen[0] not in {o.id for o in known[1].options}:
        return None
    return bool(chosen[0] == known[1].answer)


def _score(right: int, out_of: int) -> dict[str, Any]:
    return {"scaled": round(right / out_of, 4), "raw": right, "min": 0, "max": out_of}


def attempt_statement(
    s: Settings, learner: str, attempt: dict[str, Any], number: int, grader: Grader | None = None
) -> dict[str, Any]:
    """The "answered" statement of one saved attempt (a progress-store row), the `number`-th (1, 2, …) answer of
    this learner to this question. Its success and score are `grader`'s (the course's by default), never the
    row's own "correct" mark."""
    question, lesson = attempt["question"], attempt["lesson"]
    check = lesson in CHECK_LESSONS
    if check:
        correct = check_grade(question, attempt["chosen"], attempt.get("hash"))
    else:
        correct = (grader or course_grader()).grade(question, attempt["chosen"], attempt.get("hash"))
    result: dict[str, Any] = {} if correct is None else {"success": correct, "score": _score(int(correct), 1)}
    if attempt["chosen"]:
        result["response"] = "[,]".join(str(c) for c in attempt["chosen"])  # xAPI's list separator
    extensions: dict[str, Any] = {s.extension("attempt"): number}
    if attempt.get("hash"):
        extensions[s.extension("question-version")] = attempt["hash"]
    statement = {
        "id": statement_id(s, learner, "answered", question, str(number), attempt["time"]),
        "actor": _actor(s, learner),
        "verb": _verb("answered"),
        "object": _activity(s.question(question), "question"),
        **({"result": result} if result else {}),
        "context": {
            "contextActivities": {
                "parent": [_activity(s.lesson(lesson), "assessment" if check else "lesson")],
                "grouping": [_activity(s.course, "course")],
            },
            "extensions": extensions,
        },
        "timestamp": attempt["time"],
        "version": VERSION,
    }
    return statement


def handin_statements(s: Settings, doc: dict[str, Any], grader: Grader | None = None) -> list[dict[str, Any]]:
    """The "completed" statements of a handed-in results file (widgets/classroom/export.py's document): one for the
    course, always, and one per lesson with answers. The scores are the ones the teacher sees: the file's answers
    regraded by `grader` (the course's by default), first try and last; the learner's chosen name, if they typed
    one, is the actor's name."""
    learner = doc["learner"]
    actor = _actor(s, learner, doc["name"] if doc["name"] != learner else None)
    lessons = sorted((grader or course_grader()).lessons(doc).items())
    course = {k: sum(r[k] for _, r in lessons) for k in ("total", "answered", "first_try", "now_correct")}
    parts: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = [
        ("course", _activity(s.course, "course"), course, {})
    ]
    grouping = {"contextActivities": {"grouping": [_activity(s.course, "course")]}}
    parts += [(lesson, _activity(s.lesson(lesson), "lesson"), r, grouping) for lesson, r in lessons if r["answered"]]
    out = []
    for key, activity, r, context in parts:
        result: dict[str, Any] = {"success": r["now_correct"] == r["total"], "completion": r["answered"] == r["total"]}
        if r["total"]:
            result["score"] = _score(r["first_try"], r["total"])
        out.append(
            {
                "id": statement_id(s, learner, "completed", key, doc["exported"]),
                "actor": actor,
                "verb": _verb("completed"),
                "object": activity,
                "result": result,
                "context": {**context, "extensions": {s.extension("now-correct"): r["now_correct"]}},
                "timestamp": doc["exported"],
                "version": VERSION,
            }
        )
    return out


def mirror_text(pyproject: Path | str = "pyproject.toml") -> str:
    """The text of widgets/settings.toml for the `[tool.foot-twitch-lessons]` table of `pyproject`."""
    table = project_table(pyproject)
    lines = [
        "# A copy of [tool.foot-twitch-lessons] in pyproject.toml, for the installed package.",
        "# Do not edit: run `python -m widgets.classroom.xapi --write-settings` (tests/integration/test_xapi.py).",
        f"[tool.{TABLE}]",
    ]
    for key, value in table.items():
        if not isinstance(value, str):
            raise ValueError(f"[tool.{TABLE}] {key}: only strings are mirrored")
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{key} = "{escaped}"')
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The xAPI settings mirror: pyproject.toml → widgets/settings.toml.")
    parser.add_argument("--write-settings", action="store_true", help="rewrite widgets/settings.toml")
    parser.add_argument("--pyproject", default="pyproject.toml")
    args = parser.parse_args(argv)
    text = mirror_text(args.pyproject)
    if args.write_settings:
        Path(__file__).parents[1].joinpath(SETTINGS_FILE).write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
