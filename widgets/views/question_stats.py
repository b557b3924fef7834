"""The class-results page's per-question statistics: Moodle's facility, discrimination index and discriminative
efficiency for every lesson question (classroom/question_stats.py), the questions to look at first, each with the
wrong answer picked most often, and every question grouped by the learning goal it checks.

Words come from content/class_stats.yaml; the thresholds from classroom/item_stats.py, so the page says the
numbers the flags use. ``question_stats_html(result)`` is the section's HTML (ClassResults shows it).
"""

from __future__ import annotations

from ..classroom import item_stats
from ..classroom.question_stats import QuestionFigures
from ..classroom.rollup import Rollup
from ..content.class_stats_model import ClassStatsTexts
from ..content.load import load_class_stats_texts, load_course
from . import html

_THRESHOLDS = {"easy": f"{item_stats.TOO_EASY:g}", "hard": f"{item_stats.TOO_HARD:g}", "min": item_stats.MIN_LEARNERS}


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _question(f: QuestionFigures, words: ClassStatsTexts, below: str = "") -> html.Safe:
    """The question's id, how many answered it, its prompt, then `below` (safe HTML)."""
    answered = html.text(words.answered.format(n=f.stats.learners))
    return html.Safe(
        f'<code>{html.text(f.question)}</code> · <span class="class-results-answered">{answered}</span><br>'
        f"{html.text(f.prompt)}{below}"
    )


def _wrong_pick(f: QuestionFigures, words: ClassStatsTexts) -> str:
    if f.wrong_pick is None:
        return words.no_wrong_pick
    return words.wrong_pick.format(answer=f.wrong_pick, count=f.wrong_count)


def flag_words(f: QuestionFigures, words: ClassStatsTexts) -> list[str]:
    """The flags of one question in words, in the order item_stats gives them."""
    names = words.flags.model_dump()
    return [names[flag] for flag in f.flags]


def _why(f: QuestionFigures, words: ClassStatsTexts) -> html.Safe:
    """Each flag in words with the figure behind it: "Too easy (facility 96%)"."""
    figure = {
        "too_easy": f"{words.columns[1].lower()} {_number(f.stats.facility)}%",
        "too_hard": f"{words.columns[1].lower()} {_number(f.stats.facility)}%",
        "strong_miss": f"{words.columns[2].lower()} {_number(f.stats.discrimination)}",
    }
    names = words.flags.model_dump()
    return html.Safe("<br>".join(html.text(f"{names[flag]} ({figure[flag]})") for flag in f.flags))


def flagged_table(items: list[QuestionFigures], words: ClassStatsTexts, goals: dict[str, str]) -> str:
    flagged = [f for f in items if f.flags]
    if not flagged:
        return html.paragraph(words.none_flagged)
    rows = [
        (
            _question(f, words, f"<br><i>{html.text(words.goal.format(goal=goals.get(f.goal, f.goal)))}</i>"),
            _why(f, words),
            _wrong_pick(f, words),
        )
        for f in flagged
    ]
    return html.table(words.flagged.format(n=len(flagged)), words.flagged_columns, rows)


def goal_tables(items: list[QuestionFigures], words: ClassStatsTexts, goals: dict[str, str]) -> str:
    """One table per goal, in the course's goal order; a goal no question of `items` checks has none."""
    order = list(goals) + sorted({f.goal for f in items} - set(goals))
    parts = []
    for goal in order:
        mine = [f for f in items if f.goal == goal]
        if not mine:
            continue
        rows = []
        for f in mine:
            figures: list[html.Cell]
            if f.stats.enough:
                figures = [
                    f"{_number(f.stats.facility)}%",
                    _number(f.stats.discrimination),
                    _number(f.stats.efficiency),
                ]
            else:
                figures = [words.too_few_cell, "—", "—"]
            look = flag_words(f, words)
            below = f"<br><b>{html.text(words.look)}</b> {html.text('; '.join(look))}" if look else ""
            rows.append((_question(f, words, below), *figures))
        parts.append(html.table(words.goal.format(goal=goals.get(goal, goal)), words.columns, rows))
    return "".join(parts)


def question_stats_html(result: Rollup | None) -> str:
    """The whole section: heading, what the test is, how to read it, then the figures (or "too few to say")."""
    if result is None:
        return ""
    words = load_class_stats_texts()
    goals = {g.id: g.text for g in load_course().goals}
    takers = result.item_learners
    parts = [
        f"<h3>{html.text(words.heading)}</h3>",
        html.paragraph(words.the_test),
        html.bullet_list([line.format(**_THRESHOLDS) for line in words.how_to_read]),
    ]
    if takers < item_stats.MIN_LEARNERS:
        parts.append(html.paragraph(words.too_few.format(min=item_stats.MIN_LEARNERS, n=takers), "lesson-note"))
        return "".join(parts)
    parts.append(flagged_table(result.items, words, goals))
    parts.append(
        f'<details class="class-results-all-items"><summary>{html.text(words.all_questions)}</summary>'
        f"{goal_tables(result.items, words, goals)}</details>"
    )
    return "".join(parts)
