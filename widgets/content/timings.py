"""How long each lesson takes, computed from the notebooks themselves; the teacher command.

    python -m widgets.content.timings [LESSONS_DIR]           minutes per lesson and the total
    python -m widgets.content.timings [LESSONS_DIR] --check   also list every stated time that disagrees
    python -m widgets.content.timings [LESSONS_DIR] --write   rewrite the stated times to the computed ones

``--check`` and ``--write`` cover the notebooks in LESSONS_DIR and this repository's course.yaml, README
and teacher's guide.

A lesson's time is its reading (words of its markdown cells at ``WORDS_PER_MINUTE``) plus a fixed time
per widget the notebook shows (``WIDGET_MINUTES``; quizzes per question, case stories per story), rounded
to the nearest ``ROUND_TO`` minutes (halves up, never below ``ROUND_TO``). The course total is the sum of
the rounded lesson times, so every table adds up. The stated times live in ``course.yaml`` (minutes),
the README's lesson table, the start notebook's lesson table, each notebook's "**Time:** about N minutes"
line, the guide's generated plan (between ``<!-- timings:plan -->`` markers) and its homework table.
"""

from __future__ import annotations

import argparse
import ast
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .load import CONTENT_DIR, ContentError, load_bank, load_case_file, load_file, load_review
from .model import Course

WORDS_PER_MINUTE = 120  # a 12-year-old reading new material with care
QUESTION_MINUTES = 1.0  # read the question and options, answer, read the feedback
STORY_MINUTES = 1.0  # read a practice story, decide, read why
ROUND_TO = 5

# Minutes per widget call that are not counted per question or per story.
WIDGET_MINUTES = {
    "motor_unit": 2.0,
    "twitch_vs_cramp": 2.0,
    "simulator": 2.0,
    "foot_map": 2.0,  # figures to try
    "selfcheck": 3.0,  # the self-check
    "glossary": 1.0,
    "progress_overview": 1.0,
    "progress_backup": 2.0,
    "hand_in": 0.5,
    "region_chooser": 0.5,  # course tools
    "before_check": 3.0,  # ten short choose-one questions, no feedback to read
    "after_check": 3.0,
    "my_goals": 1.0,
}
PER_QUESTION = {"quiz", "review_quiz"}
PER_STORY = {"case_stories"}
PARTS = ("reading", "figures", "questions", "stories", "self-check", "tools")
_PART_OF = {
    "selfcheck": "self-check",
    "glossary": "tools",
    "progress_overview": "tools",
    "progress_backup": "tools",
    "region_chooser": "tools",
    "before_check": "questions",
    "after_check": "questions",
    "my_goals": "tools",
}

REPO = Path(__file__).resolve().parents[2]
COURSE_YAML = CONTENT_DIR / "course.yaml"
README = REPO / "README.md"
GUIDE = REPO / "lessons" / "instructor" / "guide.md"
COMMAND = "python -m widgets.content.timings --write"

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_STRIP = [re.compile(p, re.S) for p in (r"<!--.*?-->", r"```.*?```", r"\]\([^)]*\)", r"https?://\S+", r"<[^>]+>")]
_TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes(?: \([^)\n]*\))?")
_ROW_MINUTES = re.compile(r"\| (\d+) min \|")
_PLAN = re.compile(r"(<!-- timings:plan[^>]*-->\n)(.*?)(<!-- /timings:plan -->)", re.S)


class TimingError(ValueError):
    """A notebook the command cannot time (an unknown widget, an unreadable argument)."""


@dataclass
class LessonTime:
    notebook: str
    parts: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PARTS, 0.0))
    words: int = 0
    questions: int = 0
    stories: int = 0
    figures: int = 0

    @property
    def exact(self) -> float:
        return sum(self.parts.values())

    @property
    def minutes(self) -> int:
        """The exact time rounded to the nearest ROUND_TO minutes (halves up), at least ROUND_TO."""
        return max(ROUND_TO, ROUND_TO * math.floor(self.exact / ROUND_TO + 0.5))


def count_words(markdown: str) -> int:
    """Words a reader reads: comments, code blocks, link targets, URLs and HTML tags are left out."""
    for pattern in _STRIP:
        markdown = pattern.sub("]" if pattern.pattern.startswith(r"\]") else " ", markdown)
    return len(_WORD.findall(markdown))


def _widget_calls(source: str, where: str) -> Iterator[tuple[str, ast.Call]]:
    """(name, call) for each call of a name imported from ``widgets`` in one code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        raise TimingError(f"{where}: code cell does not parse ({e.msg})") from None
    names = {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "widgets"
        for a in node.names
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
            yield node.func.id, node


def _literal_list(call: ast.Call) -> list[object] | None:
    """The first list literal among a call's arguments (``questions=[...]``, a list of story ids), if any."""
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        if isinstance(arg, (ast.List, ast.Tuple)):
            return list(ast.literal_eval(arg))
    return None


def _count(name: str, call: ast.Call, where: str) -> int:
    chosen = _literal_list(call)
    if chosen is not None:
        return len(chosen)
    if any(k.arg in {"questions", "stories", "ids"} for k in call.keywords):
        raise TimingError(f'{where}: {name}() needs its chosen ids written as a list, e.g. questions=["q1"]')
    if name == "quiz":
        if not call.args or not isinstance(call.args[0], ast.Constant):
            raise TimingError(f"{where}: quiz() needs the lesson id as its first argument")
        return len(load_bank(call.args[0].value).recap())
    if name == "review_quiz":
        return len(load_review().questions)
    return len(load_case_file().stories)


def time_notebook(path: Path) -> LessonTime:
    """The computed time of one lesson notebook, part by part."""
    t = LessonTime(path.name)
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
        if cell.cell_type == "markdown":
            t.words += count_words(cell.source)
        elif cell.cell_type == "code":
            where = f"{path.name} cell {i}"
            for name, call in _widget_calls(cell.source, where):
                if name in PER_QUESTION:
                    n = _count(name, call, where)
                    t.questions += n
                    t.parts["questions"] += n * QUESTION_MINUTES
                elif name in PER_STORY:
                    n = _count(name, call, where)
                    t.stories += n
                    t.parts["stories"] += n * STORY_MINUTES
                elif name in WIDGET_MINUTES:
                    part = _PART_OF.get(name, "figures")
                    t.figures += part == "figures"
                    t.parts[part] += WIDGET_MINUTES[name]
                else:
                    raise TimingError(
                        f"{where}: no time set for widget {name}(); add it to WIDGET_MINUTES in content/timings.py"
                    )
    t.parts["reading"] = t.words / WORDS_PER_MINUTE
    return t


def time_course(lessons_dir: Path, course_yaml: Path = COURSE_YAML) -> list[LessonTime]:
    """Computed times of the course's lessons, in course order."""
    course = load_file(Course, course_yaml)
    missing = [l.notebook for l in course.lessons if not (lessons_dir / l.notebook).is_file()]
    if missing:
        raise TimingError(f"{lessons_dir}: no lesson notebook {', '.join(missing)}")
    return [time_notebook(lessons_dir / l.notebook) for l in course.lessons]


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _contents(t: LessonTime) -> str:
    items = [(t.questions, "question"), (t.stories, "story"), (t.figures, "figure")]
    words = [f"{n} {w if n == 1 else ('stories' if w == 'story' else w + 's')}" for n, w in items if n]
    return ", ".join(["reading"] + words + (["the self-check"] if t.parts["self-check"] else []))


def plan_table(times: list[LessonTime]) -> str:
    """The guide's full-course plan: one timed slot per lesson, what it holds, and the total.
    Only rounded minutes and counts appear, so small wording changes leave it as it is."""
    rows = ["| Time | Notebook | What it holds | Minutes |", "|---|---|---|---|"]
    start = 0
    for t in times:
        rows.append(f"| {clock(start)}–{clock(start + t.minutes)} | `{t.notebook}` | {_contents(t)} | {t.minutes} |")
        start += t.minutes
    rows.append(f"| | **Whole course** | | **{start}** |")
    return "\n".join(rows) + "\n"


# -- stated times: find them, compare them, rewrite them -----------------------------------------------


def _course_yaml_fix(text: str, minutes: dict[str, int]) -> str:
    """course.yaml with each lesson's ``minutes:`` set; every other line (and comment) kept as it is."""
    out, notebook = [], None
    for line in text.splitlines(keepends=True):
        m = re.match(r"\s*(?:- )?notebook:\s*(\S+)", line)
        if m:
            notebook = m.group(1)
        m = re.match(r"(\s*minutes:\s*)\d+", line)
        if m and notebook in minutes:
            line = re.sub(r"(\s*minutes:\s*)\d+", rf"\g<1>{minutes[notebook]}", line, count=1)
        out.append(line)
    return "".join(out)


def _table_fix(text: str, minutes: dict[str, int], total: int | None) -> str:
    """Markdown table rows that link or name a lesson notebook get its minutes in their "N min" cell;
    a row with "Whole course" gets the total."""
    out = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("|"):
            named = [nb for nb in minutes if re.search(rf"[(`/]{re.escape(nb)}[)`]", line)]
            value = minutes[named[0]] if len(named) == 1 else (total if "Whole course" in line else None)
            if value is not None:
                line = _ROW_MINUTES.sub(f"| {value} min |", line, count=1)
        out.append(line)
    return "".join(out)


def _notebook_fix(text: str, minutes: int) -> str:
    return _TIME_LINE.sub(f"**Time:** about {minutes} minutes", text, count=1)


def _guide_fix(text: str, table: str) -> str:
    return _PLAN.sub(lambda m: m.group(1) + table + m.group(3), text, count=1)


@dataclass
class Stated:
    """The files whose stated times must agree with the computed ones."""

    lessons_dir: Path
    course_yaml: Path = COURSE_YAML
    readme: Path = README
    guide: Path = GUIDE


def _targets(s: Stated, times: list[LessonTime]) -> list[tuple[Path, str, str]]:
    """(file, text now, text with the computed times) for every file that states lesson times."""
    minutes = {t.notebook: t.minutes for t in times}
    total = sum(minutes.values())
    files: list[tuple[Path, Callable[[str], str] | None]] = [
        (s.course_yaml, lambda x: _course_yaml_fix(x, minutes)),
        (s.readme, lambda x: _table_fix(x, minutes, total)),
        (s.guide, lambda x: _table_fix(_guide_fix(x, plan_table(times)), minutes, None)),
    ]
    for t in times:
        files.append((s.lessons_dir / t.notebook, None))
    out = []
    for path, fix in files:
        text = path.read_text(encoding="utf-8")
        if fix is None:
            nb = nbformat.reads(text, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    new = _table_fix(_notebook_fix(cell.source, minutes[path.name]), minutes, None)
                    cell.source = new
            fixed = nbformat.writes(nb) + "\n"
            if nbformat.reads(fixed, as_version=4) == nbformat.reads(text, as_version=4):
                fixed = text  # unchanged content: keep the file byte for byte
        else:
            fixed = fix(text)
        out.append((path, text, fixed))
    return out


def _example(now: str, fixed: str) -> str:
    """The first changed line, as ' (was: …; computed: …)', when the texts differ line by line."""
    pairs = [(a.strip(), b.strip()) for a, b in zip(now.splitlines(), fixed.splitlines(), strict=False) if a != b]
    if not pairs or len(now.splitlines()) != len(fixed.splitlines()):
        return ""
    a, b = pairs[0]
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f" (was: …{a[max(0, i - 40) : i + 30]}…; computed: …{b[max(0, i - 40) : i + 30]}…)"


def disagreements(s: Stated, times: list[LessonTime] | None = None) -> list[str]:
    """One line per file whose stated times differ from the computed ones; empty when all agree."""
    times = times if times is not None else time_course(s.lessons_dir, s.course_yaml)
    problems = [
        f"{path}: stated times differ from the computed ones{_example(now, fixed)}"
        for path, now, fixed in _targets(s, times)
        if now != fixed
    ]
    if s.guide.exists() and not _PLAN.search(s.guide.read_text(encoding="utf-8")):
        problems.append(f"{s.guide}: no <!-- timings:plan --> … <!-- /timings:plan --> block")
    return problems


def write(s: Stated) -> list[Path]:
    """Rewrite every stated time to the computed one; returns the files changed. Repeats until nothing
    changes, since a rewritten "**Time:**" line can change a notebook's word count."""
    changed: list[Path] = []
    for _ in range(5):
        now_changed = []
        for path, now, fixed in _targets(s, time_course(s.lessons_dir, s.course_yaml)):
            if now != fixed:
                path.write_text(fixed, encoding="utf-8")
                now_changed.append(path)
        if not now_changed:
            break
        changed += [p for p in now_changed if p not in changed]
    return changed


def report(times: list[LessonTime]) -> str:
    lines = [f"{'notebook':32} {'words':>5} {'questions':>9} {'stories':>7} {'exact':>6} {'minutes':>7}"]
    for t in times:
        lines.append(f"{t.notebook:32} {t.words:5} {t.questions:9} {t.stories:7} {t.exact:6.1f} {t.minutes:7}")
    total = sum(t.minutes for t in times)
    lines.append(
        f"{'whole course':32} {'':5} {'':9} {'':7} {sum(t.exact for t in times):6.1f} {total:7}  ({clock(total)} h)"
    )
    lines.append(
        f"Rule: words / {WORDS_PER_MINUTE} a minute + {QUESTION_MINUTES:g} min a question + "
        f"{STORY_MINUTES:g} min a story + fixed widget times, rounded to the nearest {ROUND_TO} min."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.content.timings", description=__doc__.split("\n")[0])
    parser.add_argument(
        "lessons",
        nargs="?",
        type=Path,
        help="folder of lesson notebooks (default: the repository's lessons/ folder, when it exists)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="list stated times that disagree (exit 1 if any)")
    mode.add_argument("--write", action="store_true", help="rewrite stated times to the computed ones")
    args = parser.parse_args(argv)
    lessons = args.lessons or (REPO / "lessons")
    try:
        if not lessons.is_dir():
            raise TimingError(f"{lessons}: no such folder; give the folder of lesson notebooks")
        times = time_course(lessons)
        print(report(times))
        if args.check or args.write:
            stated = Stated(lessons)
            if args.write:
                for path in write(stated):
                    print(f"updated {path}")
            problems = disagreements(stated)
            for p in problems:
                print(p)
            return 1 if problems else 0
    except (TimingError, ContentError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
