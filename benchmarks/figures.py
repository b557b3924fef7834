"""Kernel-side figure timings: one control change or click → engine maths + new figure JSON in the Output widget."""

from __future__ import annotations

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.content.figure_model import REGION_IDS
    from widgets.engine import simulation as sim
    from widgets.views.foot_map import foot_map
    from widgets.views.motor_unit import motor_unit
    from widgets.views.simulator import simulator
    from widgets.views.twitch_cramp import twitch_vs_cramp

    out = []
    s = simulator()
    order = [(name, value) for name in sim.SETTINGS for value in sim.choices(name)]

    def change(i: int) -> None:
        name, value = order[i % len(order)]
        if s.settings[name] == value:  # make sure every call is a real change
            value = next(v for v in sim.choices(name) if v != value)
        s.set(name, value)

    out.append(line("callback", "simulator", time_calls(change, args.runs)))
    v = twitch_vs_cramp()
    out.append(
        line(
            "callback",
            "twitch_vs_cramp",
            time_calls(lambda i: v.replay("twitch" if i % 2 else "cramp"), args.runs),
        )
    )
    m = motor_unit()
    out.append(line("callback", "motor_unit", time_calls(lambda i: m.next(), args.runs)))
    f = foot_map()
    out.append(line("callback", "foot_map", time_calls(lambda i: f.click(REGION_IDS[i % len(REGION_IDS)]), args.runs)))
    return out
