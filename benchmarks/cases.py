"""Kernel-side timings of the lesson 04 practice stories: build the view, and choose → Check → feedback."""

from __future__ import annotations

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.views.cases import case_stories

    out = [line("build", "case_stories (all stories)", time_calls(lambda i: case_stories(), runs=args.runs // 4 or 5))]
    view = case_stories()
    card = view.cards[0]
    choices = ["no_warning_signs", "book_visit", "same_day", "emergency"]

    def check(i: int) -> None:
        card.choose(choices[i % len(choices)])
        card.check_button.click()

    out.append(line("callback", "case_check (judge + feedback)", time_calls(check, args.runs)))
    return out
