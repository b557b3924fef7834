"""Kernel-side timings of the lesson 04 practice stories: build the view, and choose → Check → the kernel's judgement
(the page judges and draws by itself)."""

from __future__ import annotations

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.views.cases import case_stories

    out = [line("build", "case_stories (all stories)", time_calls(lambda i: case_stories(), runs=args.runs // 4 or 5))]
    view = case_stories()
    choices = ["no_warning_signs", "book_visit", "same_day", "emergency"]

    def check(i: int) -> None:
        view.choose(choices[i % len(choices)])
        assert view.check() is not None

    out.append(line("callback", "case_check (the kernel's mirror: judge)", time_calls(check, args.runs)))
    return out
