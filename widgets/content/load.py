"""Read and validate content files; the one place that raises "file, entry, field" errors."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..questions import QuestionBase, registry
from .care_model import Care, CareFile
from .model import REVIEW_LESSON, CaseStories, Course, Glossary, QuestionBank, Review, SiteTexts
from .schema import DuplicateIdError, FieldError

if TYPE_CHECKING:  # imported where used: a lesson without figures or the self-check never pays for their models
    from .check_model import CheckQuestion, Checks
    from .class_stats_model import ClassStatsTexts
    from .figure_model import FigureTexts, FootRegions
    from .start_model import StartTexts
    from .triage_model import TriageRules

CONTENT_DIR = Path(__file__).parent  # the YAML sits beside the models that read it
QUESTIONS_DIR = CONTENT_DIR / "questions"

M = TypeVar("M", bound=BaseModel)


class ContentError(ValueError):
    """A content file is malformed. The message names the file, the entry, the field and what was expected."""

    def __init__(self, path: Path | str, entry: str | None, field: str | None, problem: str):
        self.path, self.entry, self.field, self.problem = str(path), entry, field, problem
        where = [f"entry {entry!r}" if entry else None, f"field {field!r}" if field else None]
        super().__init__(f"{path}: " + ", ".join(w for w in where if w) + (": " if any(where) else "") + problem)


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): about ten times faster at start-up.
_YAML_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class _DuplicateKey(yaml.MarkedYAMLError):
    """A mapping gives one key twice (YAML would silently keep the last)."""

    def __init__(self, key: Any, mapping: yaml.Node, first: yaml.Node, second: yaml.Node):
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=second.start_mark)
        self.key, self.mapping, self.first, self.second = key, mapping, first, second


class _ContentLoader(_YAML_BASE):  # type: ignore[valid-type,misc]
    """The safe loader (libyaml's when there) that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:  # `<<: *defaults` then an explicit key overrides on purpose
                    continue
                key = self.construct_object(key_node, deep=deep)  # constructed once: the base reuses it
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:  # an unhashable key: the base constructor says so
                    continue
                if first is not key_node:
                    raise _DuplicateKey(key, node, first, key_node)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def _node_path(root: yaml.Node | None, target: yaml.Node) -> tuple[int | str, ...] | None:
    """The keys and indexes from `root` down to `target` (found by position), or None."""
    if root is None:
        return None
    if root.start_mark.index == target.start_mark.index and type(root) is type(target):
        return ()
    children: list[tuple[int | str, yaml.Node]] = []
    if isinstance(root, yaml.MappingNode):
        children = [(str(k.value), v) for k, v in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = list(enumerate(root.value))
    for step, child in children:
        if child.start_mark.index <= target.start_mark.index <= child.end_mark.index:
            rest = _node_path(child, target)
            if rest is not None:
                return (step, *rest)
    return None


def _duplicate_error(path: Path, text: str, e: _DuplicateKey) -> ContentError:
    """The file/entry/field error for a key given twice, located the way validation errors are."""
    raw = yaml.load(text, Loader=_YAML_BASE)  # the same data, last key winning: only to name the entry
    loc = _node_path(yaml.compose(text, Loader=_YAML_BASE), e.mapping)
    entry, field = _describe(raw, (*loc, str(e.key))) if loc is not None else (None, str(e.key))
    lines = f"lines {e.first.start_mark.line + 1} and {e.second.start_mark.line + 1}"
    return ContentError(path, entry, field, f"the key {e.key!r} is given twice ({lines}); keep only one")


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ContentError(path, None, None, f"cannot read the file ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise ContentError(path, None, None, f"the file is not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_ContentLoader)  # a safe loader: never arbitrary objects
    except RecursionError:
        raise ContentError(path, None, None, "the data is nested too deeply to be a content file") from None
    except _DuplicateKey as e:
        raise _duplicate_error(path, text, e) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise ContentError(path, None, None, f"YAML syntax error at {line}{problem}") from None


# Which list in a file holds entries, and which key names an entry (for error messages).
_ENTRY_KEYS = {
    "lessons": "id",
    "questions": "id",
    "entries": "term",
    "rules": "id",
    "stories": "id",
    "regions": "id",
    "items": "id",
    "steps": "id",
    "emergency_list": "id",
    "triggers": "id",
    "outcomes": "id",
}


def _describe(raw: Any, loc: tuple[int | str, ...]) -> tuple[str | None, str | None]:
    """Turn a pydantic error location into (entry name, field path) using the raw data."""
    entry: str | None = None
    parts: list[str] = []
    node = raw
    i = 0
    while i < len(loc):
        key = loc[i]
        if (
            entry is None
            and isinstance(key, str)
            and key in _ENTRY_KEYS
            and i + 1 < len(loc)
            and isinstance(loc[i + 1], int)
        ):
            idx = loc[i + 1]
            try:
                item = node[key][idx]
                entry = str(item.get(_ENTRY_KEYS[key], f"{key}[{idx}]")) if isinstance(item, dict) else f"{key}[{idx}]"
                node = item
            except (KeyError, IndexError, TypeError):
                entry = f"{key}[{idx}]"
                node = None
            i += 2
            # skip the discriminator tag pydantic inserts (e.g. 'single')
            if i < len(loc) and isinstance(loc[i], str) and isinstance(node, dict) and node.get("type") == loc[i]:
                i += 1
            continue
        if isinstance(key, int):
            parts[-1:] = [f"{parts[-1]}[{key}]"] if parts else [f"[{key}]"]
        else:
            parts.append(str(key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
        i += 1
    return entry, ".".join(parts) or None


def _friendly(err: ErrorDetails) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return "this field is missing (it is required)"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; allowed fields are in widgets/content/model.py)"
    if kind == "union_tag_invalid":
        return f"unknown question type; expected one of {err.get('ctx', {}).get('expected_tags', '')}"
    if kind == "union_tag_not_found":
        return f"the 'type' field is missing; expected one of {', '.join(map(repr, registry.names()))}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    got = err.get("input")
    got_s = f" (got {got!r})" if not isinstance(got, (dict, list)) else ""
    return f"expected {msg[0].lower() + msg[1:]}{got_s}"


def validate(model: type[M], raw: Any, path: Path | str, region: str | None = None) -> M:
    """Validate raw YAML data against a model; raise one ContentError for the first problem.

    Text that names the emergency numbers or other services is filled in from content/care.yaml for `region`
    (the default region for None), passed to the models in pydantic's validation context (schemas never read files).
    """
    if not isinstance(raw, dict):
        raise ContentError(path, None, None, f"expected a mapping at the top of the file, got {type(raw).__name__}")
    try:
        return model.model_validate(raw, context=None if model in (Care, CareFile) else {"care": load_care(region)})
    except ValidationError as e:
        # a misspelt field also shows up as "missing"; report the misspelling, it is the cause
        errors = sorted(e.errors(), key=lambda x: x["type"] != "extra_forbidden")
        err = errors[0]
        entry, field = _describe(raw, tuple(err["loc"]))
        cause = err.get("ctx", {}).get("error")
        if isinstance(cause, DuplicateIdError) and entry is None:
            entry, field = cause.duplicate, (field + ".id" if field else "id")
        elif isinstance(cause, FieldError):
            field = f"{field}.{cause.field}" if field else cause.field
        raise ContentError(path, entry, field, _friendly(err)) from None


def load_file(model: type[M], path: Path | str, region: str | None = None) -> M:
    """Read one YAML file and validate it against `model` (care texts filled in for `region`)."""
    path = Path(path)
    return validate(model, _read_yaml(path), path, region)


def bank_path(lesson: str) -> Path:
    return QUESTIONS_DIR / f"{lesson}.yaml"


@cache
def load_bank(lesson: str) -> QuestionBank:
    """The validated question bank of a lesson, e.g. `load_bank("01-physiology")`."""
    path = bank_path(lesson)
    if not path.exists():
        known = ", ".join(lesson_ids()) or "none"
        raise ContentError(path, None, None, f"no question bank for lesson {lesson!r} (known: {known})")
    bank = load_file(QuestionBank, path)
    if bank.lesson != lesson:
        raise ContentError(path, None, "lesson", f"expected {lesson!r} to match the file name, got {bank.lesson!r}")
    goals = [g.id for g in load_course().goals]
    for q in bank.questions:
        if q.goal is None:
            raise ContentError(
                path, q.id, "goal", "name the learning goal this question checks (one of course.yaml's goals)"
            )
        if q.goal not in goals:
            raise ContentError(
                path, q.id, "goal", f"goal {q.goal!r} is not one of course.yaml's goals ({', '.join(goals)})"
            )
    return bank


def lesson_ids() -> list[str]:
    """Ids of every lesson that has a question bank, in course order."""
    return sorted(p.stem for p in QUESTIONS_DIR.glob("*.yaml"))


def all_banks() -> list[QuestionBank]:
    """Every question bank, in course order; refuses a course goal that no question checks."""
    banks = [load_bank(lesson) for lesson in lesson_ids()]
    checked = {q.goal for bank in banks for q in bank.questions}
    for goal in load_course().goals:
        if goal.id not in checked:
            raise ContentError(CONTENT_DIR / "course.yaml", goal.id, "goals", "no question checks this goal")
    return banks


def goal_questions() -> dict[str, list[str]]:
    """Each course goal's id → the full ids of the questions that check it, in course order."""
    found: dict[str, list[str]] = {g.id: [] for g in load_course().goals}
    for bank in all_banks():
        for q in bank.questions:
            found[str(q.goal)].append(bank.full_id(q))
    return found


@cache
def load_glossary() -> Glossary:
    return load_file(Glossary, CONTENT_DIR / "glossary.yaml")


def find_question(full_id: str) -> tuple[QuestionBank, QuestionBase]:
    """(bank, question) for an id such as `01-physiology/q3`."""
    lesson, _, _ = full_id.partition("/")
    bank = load_bank(lesson)
    return bank, bank.question(full_id)


@cache
def load_course() -> Course:
    """The lesson map (content/course.yaml)."""
    return load_file(Course, CONTENT_DIR / "course.yaml")


@lru_cache(maxsize=1)
def load_care_file() -> CareFile:
    """content/care.yaml: the services of every region, the default region and the one emergency list."""
    return load_file(CareFile, CONTENT_DIR / "care.yaml")


def load_care(region: str | None = None) -> Care:
    """One region's emergency numbers and services (the default region for None)."""
    care = load_care_file()
    try:
        return care.region(region)
    except KeyError as e:
        raise ContentError(CONTENT_DIR / "care.yaml", region, "regions", str(e.args[0])) from None


@lru_cache(maxsize=16)
def load_triage_rules(path: str | Path = CONTENT_DIR / "triage.yaml", region: str | None = None) -> TriageRules:
    """The self-check rule file for one region, validated and checked for safety (content/triage.yaml by default)."""
    from .triage_model import TriageRules

    return load_file(TriageRules, Path(path), region)


@cache
def load_regions() -> FootRegions:
    """The validated foot-map regions (content/foot_regions.yaml)."""
    from .figure_model import FootRegions

    return load_file(FootRegions, CONTENT_DIR / "foot_regions.yaml")


@cache
def load_site_texts() -> SiteTexts:
    """The texts of the static site (content/site.yaml), read by tools/site.py."""
    return load_file(SiteTexts, CONTENT_DIR / "site.yaml")


@cache
def load_figure_texts() -> FigureTexts:
    """The validated figure titles, captions and motor-unit steps (content/figures.yaml)."""
    from .figure_model import FigureTexts

    return load_file(FigureTexts, CONTENT_DIR / "figures.yaml")


@cache
def load_class_stats_texts() -> ClassStatsTexts:
    """The words of the class-results page's per-question statistics (content/class_stats.yaml)."""
    from .class_stats_model import ClassStatsTexts

    return load_file(ClassStatsTexts, CONTENT_DIR / "class_stats.yaml")


def related_questions(region_id: str) -> list[tuple[str, int, QuestionBase]]:
    """(lesson id, question number from 1, question) of every recap-quiz question with topic ``region:<region_id>``.

    Numbers count the recap quiz as the learner sees it (section checks are left out of it).
    """
    return [
        (b.lesson, i + 1, q) for b in all_banks() for i, q in enumerate(b.recap()) if q.topic == f"region:{region_id}"
    ]


def check_case_reasons(stories: CaseStories, path: Path | str) -> CaseStories:
    """Refuse a self-care story whose reason no longer says when to see a healthcare professional. Whether each
    story's expected step is what the self-check gives is the engine's check (engine/cases.py load_cases)."""
    for s in stories.stories:
        if s.expected == "no_warning_signs" and "healthcare professional" not in " ".join(s.reason.split()):
            raise ContentError(
                path,
                s.id,
                "reason",
                "a self-care story's reason must still say when to see a "
                "healthcare professional (e.g. if it gets worse or lasts)",
            )
    return stories


CASES_PATH = CONTENT_DIR / "cases.yaml"


@lru_cache(maxsize=16)
def load_case_file(region: str | None = None) -> CaseStories:
    """content/cases.yaml validated, with the services of `region` (care.yaml's default region for None) filled in;
    the lessons use engine/cases.py's load_cases, which also holds every story to the self-check rules."""
    return check_case_reasons(load_file(CaseStories, CASES_PATH, region), CASES_PATH)


def _missing_question(full_id: str, lessons: set[str]) -> str | None:
    """Why `full_id` names no bank question (None if it does)."""
    lesson = full_id.partition("/")[0]
    if lesson not in lessons:
        return f"no question bank for lesson {lesson!r} (known: {', '.join(sorted(lessons))})"
    try:
        load_bank(lesson).question(full_id)
    except KeyError:
        known = ", ".join(q.id for q in load_bank(lesson).questions)
        return f"{bank_path(lesson).name} has no such question (it has {known})"
    return None


def check_review(review: Review, path: Path | str) -> Review:
    """Refuse a review that asks anything but its own bank's questions, leaves one of them out, links a
    new version to a lesson question that does not exist, leaves a lesson out, or has no new version of a
    lesson question."""
    lessons = set(lesson_ids())
    for i, full_id in enumerate(review.questions):
        problem = _missing_question(full_id, lessons)
        if problem is None and full_id.partition("/")[0] != REVIEW_LESSON:
            problem = (
                f"the review asks its own new versions ({REVIEW_LESSON}/...), not lesson questions again; "
                "name the lesson question under variant_of"
            )
        if problem:
            raise ContentError(path, full_id, f"questions[{i}]", problem)
    if REVIEW_LESSON in lessons:
        for q in load_bank(REVIEW_LESSON).full_ids():
            if q not in review.questions:
                raise ContentError(
                    path,
                    q,
                    "questions",
                    f"{bank_path(REVIEW_LESSON).name} has this question, but the review does not ask it",
                )
    covered = set()
    for q, originals in review.variant_of.items():
        for j, full_id in enumerate(originals):
            problem = _missing_question(full_id, lessons - {REVIEW_LESSON})
            if problem:
                raise ContentError(path, q, f"variant_of[{j}]", problem)
            covered.add(full_id.partition("/")[0])
    left_out = sorted(lessons - {REVIEW_LESSON} - covered)
    if left_out:
        raise ContentError(
            path,
            None,
            "variant_of",
            f"no review question asks again about lesson {left_out[0]!r} (the review covers every lesson)",
        )
    versioned = {o for originals in review.variant_of.values() for o in originals}
    for lesson in sorted(lessons - {REVIEW_LESSON}):
        for q in load_bank(lesson).full_ids():
            if q not in versioned:
                raise ContentError(
                    path,
                    q,
                    "variant_of",
                    "no review question asks this lesson question again: name it under the review question "
                    "that asks about the same idea (a missed question comes back as its new version, and the "
                    "review never adds questions, so its count stays the same)",
                )
    return review


@cache
def load_review() -> Review:
    """The final review (content/review.yaml): its questions in order and the lesson questions each asks
    again, every id checked against its bank."""
    path = CONTENT_DIR / "review.yaml"
    return check_review(load_file(Review, path), path)


@cache
def load_start_texts() -> StartTexts:
    """The start notebook's widget words (content/start.yaml): progress table, results file, hand-in."""
    from .start_model import StartTexts

    return load_file(StartTexts, CONTENT_DIR / "start.yaml")


@cache
def load_checks() -> Checks:
    """The before and after checks (content/checks.yaml): each asks PER_GOAL questions on every course goal."""
    from .check_model import PER_GOAL, Checks

    path = CONTENT_DIR / "checks.yaml"
    checks = load_file(Checks, path)
    goals = [g.id for g in load_course().goals]
    for check in checks.checks:
        for q in check.questions:
            if q.goal not in goals:
                raise ContentError(
                    path, f"{check.lesson}/{q.id}", "goal", f"goal {q.goal!r} is not one of course.yaml's goals"
                )
        for goal in goals:
            n = sum(q.goal == goal for q in check.questions)
            if n != PER_GOAL:
                raise ContentError(
                    path, check.lesson, "questions", f"asks {n} question(s) on goal {goal!r}; a check asks {PER_GOAL}"
                )
    return checks


@cache
def check_questions() -> dict[str, tuple[str, CheckQuestion]]:
    """Every check question's full id (``check-before/b1``) → (its check's lesson id, the question)."""
    return {c.full_id(q): (c.lesson, q) for c in load_checks().checks for q in c.questions}


@cache
def check_hashes() -> dict[str, str]:
    """Every check question's full id → its content hash (what its saved answers are kept with)."""
    from .content_hash import question_hash

    return {qid: question_hash(q) for qid, (_, q) in check_questions().items()}
