"""The instructor's answer key, generated from the banks and the practice stories: `python -m tools.answer_key`.

A maintainer tool, not shipped in the package.

For each question: the prompt, the right answer (`grading.correct_answer_text`), why, and the
misconceptions it targets, quoted from the bank's feedback to the wrong answers. For each lesson 04
practice story: the expected step, the reason and the teacher note. The committed copy
(lessons/instructor/answer_key.md) is checked against the content by tests/content/test_answer_key.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from widgets.content.model import CaseStories, QuestionBank
from widgets.engine.grading import correct_answer_text
from widgets.questions import QuestionBase

KEY_PATH = Path(__file__).parent.parent / "lessons" / "instructor" / "answer_key.md"


def md(text: str) -> str:
    """Content text made safe for Markdown: one line, markup characters escaped (no HTML gets through)."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(str(text).split()))


def misconceptions(question: QuestionBase) -> list[tuple[str, str]]:
    """(wrong answer, the bank's feedback to it) for every wrong answer the bank gives feedback to."""
    return question.misconceptions()


def case_key(stories: CaseStories) -> list[str]:
    """Markdown lines of the practice-story key: each story's step, the self-check answers, why, teacher note.

    In the international wording of care.yaml's default region (the key is one file for every class).
    """
    from widgets.content.load import load_triage_rules
    from widgets.engine.cases import choices

    rules, labels = load_triage_rules(), dict(choices())
    words = {"yes": "Yes", "unsure": "Not sure"} | {o.id: o.text for o in rules.step("sudden").options}
    out = [
        "## 04-red-flags: Practice stories (key and teaching notes)",
        "",
        "Each story's step is the one the self-check gives for the answers listed (checked when the stories",
        "load). A learner who picks a more cautious step is never counted as wrong, and is not praised for it",
        "either: the feedback says what the chosen step is for (the emergency number is for a sign from the",
        "emergency list), then why the lesson picks a smaller one. Services are named for the learner's region",
        "(lesson 00); this key uses the international wording.",
        "",
    ]
    for n, s in enumerate(stories.stories, 1):
        a = s.answers
        said = [f"{rules.item(q).label}: {words[a.answer(q)]}" for q in (*a.signs, *a.earlier, *a.unsure)]
        said.append(f"{rules.duration.label}: " + next(c.text for c in rules.duration.choices if c.id == a.duration))
        said += [f"Trigger: {rules.trigger(t).text}" for t in a.triggers]
        out += [
            f"**Story {n} · `{s.id}`: {md(s.title)}**",
            "",
            f"- **Step:** {md(labels[s.expected])} (`{s.expected}`)",
            f"- **Self-check answers:** {md('; '.join(said))} (every other sign: No)",
            f"- **Why:** {md(s.reason)}",
            f"- **Teacher note:** {md(s.teacher_note)}",
            "",
        ]
    out += [
        "**Feedback for a more cautious choice, by the step chosen** (shown with the story's reason):",
        "",
        *[f"- *{md(labels[step])}:* {md(text)}" for step, text in stories.more_cautious.items()],
        "",
    ]
    if stories.energy_drink_label is not None:
        drink = stories.energy_drink_label
        named = ", ".join(f"`{s.id}`" for s in stories.stories if s.mentions_energy_drinks())
        out += [
            f"**Shown with the stories that name energy drinks** ({named}): the label wording",
            f"“{md(drink.words)}” ({md(drink.source)}).",
            "",
        ]
    return out


def render(banks: Iterable[QuestionBank], stories: CaseStories | None = None) -> str:
    """The whole answer key as Markdown (the shipped practice stories unless `stories` is given)."""
    if stories is None:
        from widgets.engine.cases import load_cases

        stories = load_cases()
    out = [
        "# Answer key and misconceptions",
        "",
        "<!-- Generated from widgets/content/questions/*.yaml by `python -m tools.answer_key "
        "--output lessons/instructor/answer_key.md`. Do not edit by hand: change the bank or "
        "widgets/content/cases.yaml and regenerate. -->",
        "",
        "For instructors. Each question shows the right answer, why, and the misconceptions it targets:",
        "each wrong answer with the feedback a learner sees after picking it. Question ids (such as",
        "`01-physiology/q3`) match the class results roll-up.",
        "",
    ]
    for bank in banks:
        out += [f"## {md(bank.lesson)}: {md(bank.title)}", ""]
        for n, q in enumerate(bank.questions, 1):
            topic = f" · topic: {md(q.topic)}" if q.topic else ""
            out += [
                f"### {n}. `{bank.full_id(q)}` ({q.KIND}{topic})",
                "",
                f"**Question:** {md(q.prompt)}",
                "",
                f"**Answer:** {md(correct_answer_text(q))}",
                "",
                f"**Why:** {md(q.explanation)}",
                "",
                "**Misconceptions it targets:**",
                "",
            ]
            out += [f"- *{md(wrong)}* — {md(feedback)}" for wrong, feedback in misconceptions(q)]
            out.append("")
    out += case_key(stories)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.answer_key", description=__doc__.splitlines()[0])
    p.add_argument("--output", help="write to this file instead of standard output")
    p.add_argument(
        "--check", action="store_true", help=f"exit 1 if the committed key ({KEY_PATH.name}) differs from the banks"
    )
    args = p.parse_args(argv)
    from widgets.content.load import all_banks

    text = render(all_banks())
    if args.check:
        same = KEY_PATH.exists() and KEY_PATH.read_text(encoding="utf-8") == text
        print(
            "answer key is up to date"
            if same
            else f"{KEY_PATH} is out of date: run python -m tools.answer_key --output lessons/instructor/answer_key.md"
        )
        return 0 if same else 1
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
