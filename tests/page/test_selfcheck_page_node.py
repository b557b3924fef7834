"""The self-check and the practice stories as the page draws them (static/selfcheck.js, static/case_stories.js, their
bundles) in node with a DOM (happy-dom, tests/widget_in_node.py): every control clicked as a learner would, the
result drawn is the Python engine's, and where a kernel is live it mirrors the page's state; with no kernel (the
static site) every click still works, the region and the teacher's "off" are kept in the browser.
"""

from __future__ import annotations

import random

import pytest

from tests.widget_in_node import WidgetInNode
from widgets.classroom.personal_check import PersonalCheck
from widgets.content.load import load_care_file, load_triage_rules
from widgets.content.vocab import OUTCOMES, STEPS, TRIGGERS
from widgets.engine import triage as T
from widgets.engine.cases import judge, load_cases
from widgets.views.cases import case_stories
from widgets.views.selfcheck import SelfCheck

RULES = load_triage_rules()
SITE = "file:///media/usb/site/04_red_flags.html"  # a page of the static site: no kernel


@pytest.fixture(scope="module")
def sc():
    with WidgetInNode("selfcheck") as page:
        yield page


@pytest.fixture(scope="module")
def stories():
    with WidgetInNode("case_stories") as page:
        yield page


def answer_on_page(page, view, step: str, qid: str, value: str) -> None:
    """As a pupil: a sign's drop-down, or how long's radio button."""
    if qid == "duration":
        page.pick(view, f'[data-question="duration"] input[value="{value}"]')
    else:
        page.pick(view, f'select[data-question="{qid}"]', value)


def drawn_outcome(page, view) -> str | None:
    boxes = page.query(view, ".selfcheck-result section.selfcheck-verdict")
    if not boxes:
        return None
    (box,) = boxes
    return next(o for o in OUTCOMES if f"selfcheck-{o}" in box["attrs"]["class"].split())


def test_random_pupils_clicking_the_page_get_the_engines_verdict_and_the_kernel_mirrors_it(sc):
    """30 made-up pupils, one after another on one form ("Clear my answers" between them), answer every step on the
    page (a seeded mix leaning to "no", so every outcome comes up), pressing the button on each step: the verdict
    drawn, its reasons and cautions are the engine's (triage.run over the same answers), and the kernel's mirror
    holds the same verdict. (tests/page/test_selfcheck_parity.py holds the engines equal over every input.)"""
    rng = random.Random(27)
    seen = set()
    v = SelfCheck()
    view = sc.render(v.page)
    for _ in range(30):
        sc.click(view, ".selfcheck-clear")
        assert v.choices == dict.fromkeys(T.QUESTIONS) and v.mode is None
        sc.pick(view, '.selfcheck-mode input[value="own"]')
        choices: dict[str, str] = {}
        ticked = [t for t in TRIGGERS if rng.random() < 0.3]
        for step in STEPS:
            if drawn_outcome(sc, view):
                break
            for qid in RULES.questions_of(step):
                options = (
                    [c.id for c in RULES.duration.choices]
                    if qid == "duration"
                    else [o.id for o in RULES.step(step).options]
                )
                value = "no" if qid != "duration" and rng.random() < 0.93 else rng.choice(options)
                choices[qid] = value
                answer_on_page(sc, view, step, qid, value)
            if step == STEPS[-1]:
                for t in ticked:
                    sc.pick(view, f'.selfcheck-trigger-box[value="{t}"]')
            sc.click(view, ".selfcheck-submit")
        expected = T.run(dict.fromkeys(T.QUESTIONS) | choices, ticked, rules=RULES)
        assert isinstance(expected, T.Verdict)
        assert drawn_outcome(sc, view) == expected.outcome == v.verdict.outcome
        assert v.verdict == expected  # the kernel's mirror: the whole verdict, every text
        result = sc.text(view, ".selfcheck-result")
        assert all(line in result for line in expected.lines())
        assert len(sc.query(view, ".selfcheck-result .lesson-caution li")) == len(expected.cautions)
        seen.add(expected.outcome)
    assert seen == set(OUTCOMES)


def test_every_story_and_every_choice_is_judged_as_the_engine_judges_and_mirrored(stories):
    file = load_cases()
    v = case_stories()
    view = stories.render(v.page)
    for i, story in enumerate(file.stories):
        for choice in OUTCOMES:
            stories.pick(view, f'.case-choice input[value="{choice}"]')
            stories.click(view, ".case-check")
            j = judge(file, story, choice)
            fb = stories.text(view, ".case-feedback")
            icon = "right" if j.correct else "safe_side" if j.more_cautious else "wrong"
            assert stories.query(view, f".case-feedback .lesson-icon-{icon}"), (story.id, choice)
            assert (j.hint in fb) and (j.reason in fb) and v.judgement() == j
        assert v.first_try[story.id] == judge(file, story, OUTCOMES[0]).accepted  # the first try counts
        if i + 1 < len(file.stories):
            stories.click(view, ".case-next")
            assert v.index == i + 1


def test_with_no_kernel_the_self_check_works_keeps_nothing_but_the_region_and_follows_it(sc, stories):
    """The static site: no kernel at all. Every press works; the answers are kept nowhere; the region a pupil picks
    is kept in this browser, and every self-check and story set on the page (and the next page opened) follows it."""
    sc.setup(url=SITE)
    v = SelfCheck()
    view = sc.render(v.page, kernel="static")
    (picker,) = sc.query(view, ".lesson-region select")
    assert picker["value"] == "international"
    sc.pick(view, ".lesson-region select", "us")
    assert sc.storage == {"foot-twitch-lessons:region": "us"}
    sc.pick(view, '.selfcheck-mode input[value="own"]')
    answer_on_page(sc, view, "sudden", "face_drooping", "yes")
    sc.click(view, ".selfcheck-submit")
    assert "Call 911 now" in sc.text(view, ".selfcheck-result h4") and v.verdict is None  # no kernel mirrored it
    assert sc.saves == 0 and set(sc.storage) == {"foot-twitch-lessons:region"}
    again = sc.render(SelfCheck().page, kernel="static")  # the next page opened: the same browser storage
    assert sc.query(again, ".lesson-region select")[0]["value"] == "us"
    stories.setup(url=SITE, items=sc.storage)
    s = stories.render(case_stories().page, kernel="static")
    assert "Call 911 now" in [e["text"] for e in stories.query(s, ".case-option")]
    sc.setup()


def test_in_jupyterlab_the_region_is_the_kernels_and_no_picker_is_drawn(sc):
    sc.setup(items={"foot-twitch-lessons:region": "us"})  # kept by the site in the same browser: not used here
    v = SelfCheck(region="uk")
    view = sc.render(v.page)
    assert not sc.query(view, ".lesson-region")
    sc.pick(view, '.selfcheck-mode input[value="own"]')
    answer_on_page(sc, view, "sudden", "face_drooping", "yes")
    sc.click(view, ".selfcheck-submit")
    assert "Call 999 now" in sc.text(view, ".selfcheck-result h4") and v.verdict.title == "Call 999 now"
    sc.setup()


def test_a_teacher_turns_the_personal_check_off_for_this_browser_and_never_on_where_the_build_turned_it_off(sc):
    sc.setup(url=SITE + "?personal-check=off")
    view = sc.render(SelfCheck().page, kernel="static")
    assert not sc.query(view, ".selfcheck-mode") and "turned the personal check off" in sc.text(view, ".selfcheck-off")
    assert sc.storage["foot-twitch-lessons:personal-check"] == "off"
    sc.setup(url=SITE, items=sc.storage)  # the next page: still off
    view = sc.render(SelfCheck().page, kernel="static")
    assert not sc.query(view, ".selfcheck-mode") and sc.query(view, ".selfcheck-skip")
    sc.setup(url=SITE + "?personal-check=on")
    off = SelfCheck(switch=PersonalCheck(False))
    view = sc.render(off.page, kernel="static")
    assert not sc.query(view, ".selfcheck-mode")  # the build's "off" wins
    sc.setup()


def test_the_form_is_labelled_one_tab_stop_per_group_headings_in_order_and_the_verdict_read_out(sc):
    v = SelfCheck()
    view = sc.render(v.page)
    every = sc.query(view, "*")
    ids = {e["attrs"]["id"]: e["text"] for e in every if "id" in e["attrs"]}
    groups = [e for e in every if e["attrs"].get("role") in ("radiogroup", "group")]
    assert len(groups) == 1 + 1 + 1  # the mode, how long, the triggers
    assert all(ids.get(g["attrs"]["aria-labelledby"]) for g in groups)  # each named by words on screen
    radios = [e for e in every if e["tag"] == "input" and e["attrs"]["type"] == "radio"]
    names = {r["attrs"]["name"] for r in radios}
    assert len(names) == 2  # one name a group: one Tab stop each, the arrow keys move inside
    for select in (e for e in every if e["tag"] == "select"):
        assert sc.query(view, f'label[for="{select["attrs"]["id"]}"]')[0]["text"]
    (live,) = sc.query(view, '.selfcheck-page > [role="status"]')
    assert live["attrs"]["aria-live"] == "polite" and live["text"] == ""
    sc.pick(view, '.selfcheck-mode input[value="own"]')
    for q in RULES.questions_of("sudden"):
        answer_on_page(sc, view, "sudden", q, "no")
    sc.click(view, ".selfcheck-submit")
    sc.tick(200)
    heading = next(e for e in sc.query(view, "h3") if not e["hidden"])
    assert heading["focused"] and heading["text"] == RULES.step("today").heading
    answer_on_page(sc, view, "today", "injury_deformed", "yes")
    for q in RULES.questions_of("today")[1:]:
        answer_on_page(sc, view, "today", q, "no")
    sc.click(view, ".selfcheck-submit")
    sc.tick(200)
    levels = [int(e["tag"][1]) for e in sc.query(view, "h3, h4") if not e["hidden"]]
    assert levels == [3, 4]  # under the lesson's h2: a step's h3, the verdict's h4
    assert sc.text(view, '.selfcheck-page > [role="status"]').startswith(
        f"Your next step. {RULES.outcome('urgent_care').kind}"
    )
    assert "lesson-verdict" in next(e for e in sc.query(view, "*") if e["focused"])["attrs"]["class"]


def test_exploring_the_example_is_one_tab_past_the_mode_not_41(sc):
    """Issue 26: in explore mode a keyboard user pressed Tab past all 24 questions, 41 presses to the result."""
    view = sc.render(SelfCheck().page)
    sc.pick(view, '.selfcheck-mode input[value="explore"]')
    order = [
        e
        for e in sc.query(view, "input, select, button, summary, a[href]")
        if not e["hidden"] and "disabled" not in e["attrs"]
    ]
    mode = max(i for i, e in enumerate(order) if e["attrs"].get("type") == "radio" and "value" in e["attrs"])
    assert "selfcheck-skip" in order[mode + 1]["attrs"]["class"]  # the very next stop after the mode choice
    sc.click(view, ".selfcheck-skip")
    sc.tick(200)
    assert RULES.example.label in sc.text(view, ".selfcheck-result") and not sc.query(view, ".selfcheck-verdict")
    assert "selfcheck-example" in next(e for e in sc.query(view, "*") if e["focused"])["attrs"]["class"]


def test_every_region_the_page_can_show_is_the_one_the_kernel_would_send(sc):
    """The page gets one region whole and the others as differences (engine/selfcheck_page.py regional): each one put
    back together in the page draws that region's own words."""
    for region in [r.id for r in load_care_file().regions]:
        sc.setup(url=SITE, items={"foot-twitch-lessons:region": region})
        view = sc.render(SelfCheck().page, kernel="static")
        own = load_triage_rules(region=region)
        assert own.form.emergency_first in sc.text(view, ".selfcheck-intro")
        assert [e["text"] for e in sc.query(view, ".selfcheck-step-sudden label")] == [
            own.item(q).label for q in own.questions_of("sudden")
        ]
    sc.setup()
