"""Kernel-side self-check timings: build the widget, and tick → Show my next step → answer panel rendered."""

from __future__ import annotations

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.load import load_triage_rules as load_rules
    from widgets.model import TRIGGERS, SelfCheckAnswers
    from widgets.triage import triage
    from widgets.views.selfcheck import selfcheck

    out = [line("build", "selfcheck", time_calls(lambda i: selfcheck(), runs=args.runs // 4 or 5))]
    view = selfcheck()
    for q in list(view.questions)[:-1]:  # every yes / no / not sure sign
        view.answer(q, "no")
    view.answer("duration", "1_to_2_weeks")

    def tick_submit(i: int) -> None:
        t = TRIGGERS[i % len(TRIGGERS)]
        view.tick(t, not view.triggers[t].value)
        view.answer("pain", "yes" if i % 3 == 0 else "no")  # alternate book a visit / no warning signs
        view.submit_button.click()
        assert view.result.value

    out.append(
        line("callback", "selfcheck (tick + answer → submit → result rendered)", time_calls(tick_submit, args.runs))
    )
    rules = load_rules()
    a = SelfCheckAnswers(signs=["pain"], unsure=["trouble_speaking"], triggers=["caffeine"])
    out.append(line("callback", "triage only", time_calls(lambda i: triage(a, rules), args.runs)))
    return out
