"""Kernel-side self-check timings (the kernel's mirror of the page's form): build the widget (every region's rules for
the page); press "Next step" once; walk the whole form (back to step 1, change an answer and a tick, press the
button on every step until the result is there); the engine alone (one verdict, and the whole form with `triage.run`).
The page decides and draws by itself: benchmarks/page_open.py times it in a browser."""

from __future__ import annotations

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.content.load import load_triage_rules as load_rules
    from widgets.content.model import SIGNS, TRIGGERS, SelfCheckAnswers
    from widgets.content.vocab import STEPS
    from widgets.engine import triage as T
    from widgets.views.selfcheck import selfcheck

    out = [line("build", "selfcheck", time_calls(lambda i: selfcheck(), runs=args.runs // 4 or 5))]
    view = selfcheck()
    view.choose_mode("own")
    for q in view.questions:  # every sign "no", how long 1 to 2 weeks
        view.answer(q, "1_to_2_weeks" if q == "duration" else "no")

    def one_step(i: int) -> None:
        view.back()  # from step 2 (or 1) to step 1, answers kept
        got = view.next()
        assert isinstance(got, T.Ask) and view.step == STEPS[1]

    out.append(line("callback", "selfcheck (Next step: step 1 -> step 2 shown)", time_calls(one_step, args.runs)))

    def walk(i: int) -> None:
        while view.step != STEPS[0]:
            view.back()
        t = TRIGGERS[i % len(TRIGGERS)]
        view.tick(t, t not in view.ticked)
        view.answer("pain", "yes" if i % 3 == 0 else "no")  # alternate book a visit / no warning signs
        view.submit()
        assert view.verdict is not None and view.lines()

    out.append(line("callback", "selfcheck (tick + answer -> every step -> result)", time_calls(walk, args.runs)))
    rules = load_rules()
    a = SelfCheckAnswers(signs=["pain"], unsure=["trouble_speaking"], triggers=["caffeine"])
    out.append(line("callback", "triage only", time_calls(lambda i: T.triage(a, rules), args.runs)))
    form = dict.fromkeys(SIGNS, "no") | {"duration": "1_to_2_weeks", "pain": "yes"}
    out.append(line("callback", "triage.run (whole form)", time_calls(lambda i: T.run(form, rules=rules), args.runs)))
    return out
